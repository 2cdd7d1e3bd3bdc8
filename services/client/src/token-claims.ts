/** The claims a client may read from an access token (unverified: servers verify, clients only schedule). */
export interface ReadableClaims {
  sub?: unknown;
  iat?: unknown;
  exp?: unknown;
}

/** Decodes a JWT's payload without checking its signature; null for anything that is not a readable JWT. */
export function readTokenClaims(token: string): ReadableClaims | null {
  const payload = token.split('.')[1];
  if (!payload) return null;
  try {
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/');
    const claims: unknown = JSON.parse(atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, '=')));
    return typeof claims === 'object' && claims !== null ? claims : null;
  } catch {
    return null;
  }
}

/** The user id (`sub`) an access token was issued to, or null. */
export function tokenSubject(token: string | null): string | null {
  const sub = token ? readTokenClaims(token)?.sub : undefined;
  return typeof sub === 'string' ? sub : null;
}
