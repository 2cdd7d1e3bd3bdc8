import type { VerifiedAccessToken, VerifyAccessToken } from './access-token.js';

/**
 * Remembers the tokens `verify` accepted, so each is checked once rather than on every request: a client
 * sends the same access token for its whole lifetime, and the signature check is the largest single cost of
 * an authenticated request. Sound because verification is a pure function of the token's bytes and the
 * key set, which a verifier never changes; expiry is still checked on every hit (an expired entry is
 * dropped and verified anew, which refuses it). Failures are not remembered. Bounded: the oldest entry
 * goes first. Revocation is not a property of the token and is checked by the caller, cached or not.
 * For the API (a few tokens, many requests each); a gateway verifies each token about once and skips it.
 */
export function cachingVerifier(verify: VerifyAccessToken, maxEntries = 10_000): VerifyAccessToken {
  const verified = new Map<string, Readonly<VerifiedAccessToken>>();
  return async function verifyCached(token, now = Date.now()) {
    const hit = verified.get(token);
    if (hit && hit.expiresAt.getTime() > now) return hit;
    verified.delete(token);
    const result = Object.freeze(await verify(token, now));
    if (verified.size >= maxEntries) verified.delete(verified.keys().next().value!);
    verified.set(token, result);
    return result;
  };
}
