import { createHash, randomBytes } from 'node:crypto';

/** 32 random bytes, base64url without padding: always 43 characters. */
const TOKEN_BYTES = 32;
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export interface OpaqueToken {
  /** What the holder gets (in a cookie or a link); never stored. */
  token: string;
  /** What the database keeps: a leaked table does not let anyone sign in or reset a password. */
  hash: Buffer;
}

/**
 * A new random bearer token for refresh cookies and email links. SHA-256 (not argon2) is enough to store
 * it: 256 random bits cannot be guessed, so a slow hash would only slow every refresh down.
 */
export function newOpaqueToken(): OpaqueToken {
  const token = randomBytes(TOKEN_BYTES).toString('base64url');
  return { token, hash: hashOpaqueToken(token) };
}

export const hashOpaqueToken = (token: string): Buffer => createHash('sha256').update(token).digest();

/**
 * The token in an untrusted string (a cookie value), or null when it cannot be one of ours: anything but
 * exactly 43 base64url characters is refused before it reaches the database.
 */
export function parseOpaqueToken(value: string | undefined | null): string | null {
  return typeof value === 'string' && TOKEN_SHAPE.test(value) ? value : null;
}
