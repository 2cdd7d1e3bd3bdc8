import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiRequestError } from './api-client.js';
import { TokenKeeper, type TokenGrant } from './token-keeper.js';
import { tokenLifetimeMs } from './token-lifetime.js';

const base64url = (value: object) =>
  btoa(JSON.stringify(value)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
/** An unsigned JWT-shaped token living `seconds` (the keeper only reads `iat` and `exp`). */
function grant(name: string, seconds: number, expiresAt = new Date(Date.now() + seconds * 1000)): TokenGrant {
  const iat = 1_700_000_000;
  const accessToken = `${base64url({ alg: 'RS256' })}.${base64url({ sub: name, iat, exp: iat + seconds })}.sig`;
  return { accessToken, expiresAt: expiresAt.toISOString() };
}

describe('tokenLifetimeMs', () => {
  it("trusts the token's own lifetime over a skewed clock", () => {
    expect(tokenLifetimeMs(grant('a', 100, new Date('2000-01-01')), Date.now())).toBe(100_000);
  });

  it('falls back to expiresAt for an opaque token', () => {
    const now = Date.parse('2030-01-01T00:00:00Z');
    expect(tokenLifetimeMs({ accessToken: 'opaque', expiresAt: '2030-01-01T00:05:00Z' }, now)).toBe(300_000);
  });
});

describe('TokenKeeper', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('refreshes a margin before expiry and announces the new token', async () => {
    const refresh = vi.fn(async () => grant('second', 300));
    const keeper = new TokenKeeper({ initial: grant('first', 300), refresh, marginMs: 60_000 });
    const seen: string[] = [];
    keeper.onToken((token) => seen.push(token));
    await vi.advanceTimersByTimeAsync(239_000);
    expect(refresh).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(keeper.token()).toBe(seen[0]);
    expect(seen).toHaveLength(1);
    keeper.stop();
  });

  it('caps the margin to a third of a short lifetime', async () => {
    const refresh = vi.fn(async () => grant('next', 6));
    const keeper = new TokenKeeper({ initial: grant('first', 6), refresh });
    await vi.advanceTimersByTimeAsync(3_900);
    expect(refresh).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(200);
    expect(refresh).toHaveBeenCalledTimes(1);
    keeper.stop();
  });

  it('runs one refresh for concurrent callers', async () => {
    let release: (value: TokenGrant) => void = () => undefined;
    const refresh = vi.fn(() => new Promise<TokenGrant>((resolve) => (release = resolve)));
    const keeper = new TokenKeeper({ initial: grant('first', 300), refresh });
    const both = Promise.all([keeper.refresh(), keeper.refresh()]);
    const next = grant('second', 300);
    release(next);
    expect(await both).toEqual([next.accessToken, next.accessToken]);
    expect(refresh).toHaveBeenCalledTimes(1);
    const again = keeper.refresh();
    expect(refresh).toHaveBeenCalledTimes(2);
    release(grant('third', 300));
    await again;
    keeper.stop();
  });

  it('ends the session when the server refuses the refresh', async () => {
    const refresh = vi.fn(async () => {
      throw new ApiRequestError(401, 'unauthenticated', 'revoked', null);
    });
    const keeper = new TokenKeeper({ initial: grant('first', 300), refresh });
    const ended = vi.fn();
    keeper.onEnded(ended);
    expect(await keeper.refresh()).toBeNull();
    expect(keeper.token()).toBeNull();
    expect(keeper.ended).toBe('unauthenticated');
    expect(ended).toHaveBeenCalledExactlyOnceWith('unauthenticated');
    expect(await keeper.refresh()).toBeNull();
    expect(refresh).toHaveBeenCalledTimes(1);
  });

  it('keeps the token and tries again when the network fails', async () => {
    const next = grant('second', 300);
    const refresh = vi
      .fn<() => Promise<TokenGrant>>()
      .mockRejectedValueOnce(new TypeError('fetch failed'))
      .mockResolvedValueOnce(next);
    const first = grant('first', 300);
    const keeper = new TokenKeeper({ initial: first, refresh, retryDelaysMs: [5_000] });
    expect(await keeper.refresh()).toBe(first.accessToken);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(refresh).toHaveBeenCalledTimes(2);
    expect(keeper.token()).toBe(next.accessToken);
    keeper.stop();
  });

  it('without a way to refresh, ends the session only once the token has lapsed', async () => {
    const keeper = new TokenKeeper({ initial: grant('only', 60) });
    const token = keeper.token();
    expect(await keeper.refresh()).toBe(token);
    await vi.advanceTimersByTimeAsync(61_000);
    expect(await keeper.refresh()).toBeNull();
    expect(keeper.ended).toBe('token_expired');
  });
});
