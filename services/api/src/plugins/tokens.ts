import fp from 'fastify-plugin';
import {
  accessTokenVerifier,
  signAccessToken,
  type AccessTokenSubject,
  type IssuedAccessToken,
  type VerifyAccessToken,
} from '@livechat/access-token';
import type { SigningKeys } from '../auth/signing-keys.js';

export interface Tokens {
  sign(subject: AccessTokenSubject): Promise<IssuedAccessToken>;
  verify: VerifyAccessToken;
}

declare module 'fastify' {
  interface FastifyInstance {
    tokens: Tokens;
  }
}

/** Signs access tokens with the API's private key and verifies them with the public keys. */
export default fp<{ keys: SigningKeys; ttlSeconds: number }>(
  async (app, { keys, ttlSeconds }) => {
    app.decorate('tokens', {
      sign: (subject: AccessTokenSubject) => signAccessToken(keys.signingKey, subject, ttlSeconds),
      verify: accessTokenVerifier(keys.publicKeys),
    });
  },
  { name: 'tokens' },
);
