import { SignJWT, createLocalJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import {
  ACCESS_TOKEN_TYPE,
  TOKEN_ALGORITHM,
  TOKEN_AUDIENCE,
  TOKEN_ISSUER,
  type AccessTokenClaims,
  type ErrorCode,
} from '@livechat/protocol';
import type { PublicKeySet, SigningKey } from './keys.js';

export interface AccessTokenSubject {
  userId: string;
  sessionId: string;
  emailVerified: boolean;
  /** Display name when the token is issued (typing indicators); a rename reaches gateways with the next token. */
  displayName: string;
}

export interface IssuedAccessToken {
  token: string;
  expiresAt: Date;
}

export async function signAccessToken(
  key: SigningKey,
  subject: AccessTokenSubject,
  ttlSeconds: number,
  now = new Date(),
): Promise<IssuedAccessToken> {
  const issuedAt = Math.floor(now.getTime() / 1000);
  const expiresAt = issuedAt + ttlSeconds;
  const token = await new SignJWT({
    sid: subject.sessionId,
    ev: subject.emailVerified,
    name: subject.displayName,
  })
    .setProtectedHeader({ alg: TOKEN_ALGORITHM, kid: key.kid, typ: ACCESS_TOKEN_TYPE })
    .setSubject(subject.userId)
    .setIssuer(TOKEN_ISSUER)
    .setAudience(TOKEN_AUDIENCE)
    .setIssuedAt(issuedAt)
    .setExpirationTime(expiresAt)
    .sign(key.privateKey);
  return { token, expiresAt: new Date(expiresAt * 1000) };
}

export interface VerifiedAccessToken extends AccessTokenSubject {
  expiresAt: Date;
}

export class AccessTokenError extends Error {
  constructor(
    readonly code: Extract<ErrorCode, 'unauthenticated' | 'token_expired'>,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Verifies access tokens against a public key set: one algorithm (EdDSA; `none` and HMAC never pass),
 * the access `typ`, our issuer and audience, and the key id. Used by the API and by every gateway.
 */
export function accessTokenVerifier(publicKeys: PublicKeySet) {
  const keySet: JWTVerifyGetKey = createLocalJWKSet(publicKeys);
  return async function verifyAccessToken(token: string): Promise<VerifiedAccessToken> {
    try {
      const { payload } = await jwtVerify<Partial<AccessTokenClaims>>(token, keySet, {
        algorithms: [TOKEN_ALGORITHM],
        issuer: TOKEN_ISSUER,
        audience: TOKEN_AUDIENCE,
        typ: ACCESS_TOKEN_TYPE,
        requiredClaims: ['sub', 'sid', 'exp', 'iat'],
      });
      if (
        typeof payload.sub !== 'string' ||
        typeof payload.sid !== 'string' ||
        typeof payload.exp !== 'number'
      ) {
        throw new AccessTokenError('unauthenticated', 'Malformed access token');
      }
      return {
        userId: payload.sub,
        sessionId: payload.sid,
        emailVerified: payload.ev === true,
        // Tokens signed before the claim existed carry none: an empty name until their refresh.
        displayName: typeof payload.name === 'string' ? payload.name : '',
        expiresAt: new Date(payload.exp * 1000),
      };
    } catch (error) {
      if (error instanceof AccessTokenError) throw error;
      if (error instanceof errors.JWTExpired)
        throw new AccessTokenError('token_expired', 'The access token has expired; refresh it');
      throw new AccessTokenError('unauthenticated', 'Invalid access token');
    }
  };
}
export type VerifyAccessToken = ReturnType<typeof accessTokenVerifier>;
