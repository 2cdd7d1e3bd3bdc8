import { readTokenClaims } from './token-claims.js';
import type { TokenGrant } from './token-keeper.js';

/**
 * How long a freshly received access token lives, in milliseconds. Taken from the token's own `exp - iat`
 * when it is a readable JWT, so a machine whose clock is minutes off still refreshes on time; otherwise
 * from `expiresAt` against the local clock. Never negative.
 */
export function tokenLifetimeMs(grant: TokenGrant, now: number): number {
  const claims = readTokenClaims(grant.accessToken);
  if (claims && typeof claims.exp === 'number' && typeof claims.iat === 'number') {
    return Math.max(0, (claims.exp - claims.iat) * 1000);
  }
  return Math.max(0, Date.parse(grant.expiresAt) - now);
}
