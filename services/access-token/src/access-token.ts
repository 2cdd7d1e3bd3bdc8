import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { SignJWT } from 'jose';
import {
  ACCESS_TOKEN_TYPE,
  TOKEN_ALGORITHM,
  TOKEN_AUDIENCE,
  TOKEN_ISSUER,
  type AccessTokenClaims,
  type ErrorCode,
} from '@livechat/protocol';
import { RSA_MODULUS_BITS, type PublicKeySet, type SigningKey } from './keys.js';

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
 * Verifies access tokens against a public key set: one algorithm (RS256; `none` and HMAC never pass),
 * the access `typ`, our issuer and audience, and the key id. Used by the API on every new token and by every
 * gateway on every connect, so it runs node:crypto's one-shot RSA verify on keys imported once: jose's
 * `jwtVerify` goes through WebCrypto, whose promise job costs more than the signature check itself
 * (~130 µs per token, an eighth of the API's CPU per send). The checks are RFC 8725's: the header names
 * exactly the algorithm and type we issue and no `crit` extension; the claims are ours.
 */
export function accessTokenVerifier(publicKeys: PublicKeySet) {
  const keys = new Map(publicKeys.keys.map((jwk) => [jwk.kid, importPublicKey(jwk)]));
  return async function verifyAccessToken(token: string, now = Date.now()): Promise<VerifiedAccessToken> {
    if (typeof token !== 'string' || !COMPACT_JWS.test(token)) throw invalid();
    const [header = '', payload = '', signature = ''] = token.split('.');
    const protectedHeader = decodeJson(header);
    const key = typeof protectedHeader?.kid === 'string' ? keys.get(protectedHeader.kid) : undefined;
    if (
      !key ||
      protectedHeader?.alg !== TOKEN_ALGORITHM ||
      protectedHeader.typ !== ACCESS_TOKEN_TYPE ||
      'crit' in protectedHeader ||
      !verify('sha256', Buffer.from(`${header}.${payload}`), key, Buffer.from(signature, 'base64url'))
    )
      throw invalid();
    const claims = decodeJson(payload) as Partial<AccessTokenClaims & RegisteredClaims> | null;
    if (
      !claims ||
      typeof claims.sub !== 'string' ||
      typeof claims.sid !== 'string' ||
      typeof claims.exp !== 'number' ||
      typeof claims.iat !== 'number' ||
      claims.iss !== TOKEN_ISSUER ||
      !(Array.isArray(claims.aud) ? claims.aud.includes(TOKEN_AUDIENCE) : claims.aud === TOKEN_AUDIENCE) ||
      (claims.nbf !== undefined && !(typeof claims.nbf === 'number' && claims.nbf * 1000 <= now))
    )
      throw invalid();
    if (claims.exp * 1000 <= now)
      throw new AccessTokenError('token_expired', 'The access token has expired; refresh it');
    return {
      userId: claims.sub,
      sessionId: claims.sid,
      emailVerified: claims.ev === true,
      // Tokens signed before the claim existed carry none: an empty name until their refresh.
      displayName: typeof claims.name === 'string' ? claims.name : '',
      expiresAt: new Date(claims.exp * 1000),
    };
  };
}
export type VerifyAccessToken = ReturnType<typeof accessTokenVerifier>;

/** A public key of the set as node:crypto uses it; a key that cannot verify RS256 is a configuration error. */
function importPublicKey(jwk: PublicKeySet['keys'][number]): KeyObject {
  const key = createPublicKey({ key: { ...jwk }, format: 'jwk' });
  if (key.asymmetricKeyType !== 'rsa' || (key.asymmetricKeyDetails?.modulusLength ?? 0) < RSA_MODULUS_BITS)
    throw new Error(
      `public key ${jwk.kid}: access tokens are RS256, so every key must be RSA of at least ${RSA_MODULUS_BITS} bits`,
    );
  return key;
}

/** Three base64url segments, nothing else (Buffer's decoder would skip stray characters silently). */
const COMPACT_JWS = /^[\w-]+\.[\w-]+\.[\w-]+$/;

/** The registered claims we check but do not define in the protocol (RFC 7519 §4.1). */
interface RegisteredClaims {
  iss: unknown;
  aud: unknown;
  nbf: unknown;
}

const invalid = () => new AccessTokenError('unauthenticated', 'Invalid access token');

/** A base64url JSON object segment, or null when it is anything else. */
function decodeJson(segment: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}
