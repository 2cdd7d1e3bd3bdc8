import fp from 'fastify-plugin';
import {
  accessTokenVerifier,
  cachingVerifier,
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
      // A client sends one token many times: each is checked once (the gateway verifies each about once).
      verify: cachingVerifier(accessTokenVerifier(keys.publicKeys)),
    });
  },
  { name: 'tokens' },
);
