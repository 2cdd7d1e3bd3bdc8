import type { ErrorCode, TokenResponse } from '@livechat/protocol';
import { ApiRequestError } from './api-client.js';
import { tokenLifetimeMs } from './token-lifetime.js';
import { unrefTimer } from './unref-timer.js';

/** An access token and when it lapses, as login and refresh answer them. */
export type TokenGrant = Pick<TokenResponse, 'accessToken' | 'expiresAt'>;

/**
 * What the chat client needs of a session. {@link TokenKeeper} is one; the web app's own session store,
 * which also handles login and sign-out, fits it as well.
 */
export interface AccessTokenSource {
  /** The current access token, or null once signed out. */
  token(): string | null;
  /** Gets a new token now, sharing a refresh already running; read `token()` once it settles. */
  refresh(): Promise<unknown>;
  /** Called with every new token; returns the unsubscribe function. */
  onToken(listener: (token: string) => void): () => void;
  /** Called once when the server refuses the session for good (revoked, rotated away, expired). */
  onEnded?(listener: (code: ErrorCode) => void): () => void;
}

export interface TokenKeeperOptions {
  /**
   * Asks the API for a new access token, e.g. `() => api.call('refresh')` on an API client that carries
   * the refresh cookie (a browser does with `credentials: 'include'`; Node passes a cookie-jar `fetch`).
   * Without it the token is used until it lapses and the session then ends.
   */
  refresh?: () => Promise<TokenGrant>;
  /** A token already held, e.g. the answer to login. */
  initial?: TokenGrant | null;
  /** Refresh this long before expiry, at most a third of the token's lifetime. @default 60000 */
  marginMs?: number;
  /** Waits between refresh attempts that failed on the network or a 5xx; the last one repeats. */
  retryDelaysMs?: readonly number[];
  /** @default Date.now */
  now?: () => number;
}

const DEFAULT_RETRY_DELAYS_MS = [1_000, 2_000, 5_000, 10_000, 30_000];

/**
 * Holds the access token in memory and refreshes it shortly before it lapses, in Node and in browsers.
 * One refresh at a time per keeper: two rotations racing in one client would present a refresh token the
 * other had just rotated away, which the server treats as theft. Two tabs racing are the server's grace
 * window's business. A refusal (4xx) ends the session; a network failure keeps the token and tries again.
 */
export class TokenKeeper implements AccessTokenSource {
  readonly #options: TokenKeeperOptions;
  readonly #now: () => number;
  #token: string | null = null;
  #expiresAt: number | null = null;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #inflight: Promise<string | null> | null = null;
  #failures = 0;
  #ended: ErrorCode | null = null;
  readonly #tokenListeners = new Set<(token: string) => void>();
  readonly #endedListeners = new Set<(code: ErrorCode) => void>();

  constructor(options: TokenKeeperOptions = {}) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
    if (options.initial) this.set(options.initial);
  }

  token(): string | null {
    return this.#token;
  }

  /** When the current token lapses, on this machine's clock (measured from the token's own lifetime). */
  get expiresAt(): number | null {
    return this.#expiresAt;
  }

  /** Why the session ended, or null while it lasts. */
  get ended(): ErrorCode | null {
    return this.#ended;
  }

  /** Takes a new token (login, or a refresh done elsewhere) and schedules the next refresh. */
  set(grant: TokenGrant): void {
    const now = this.#now();
    const lifetime = tokenLifetimeMs(grant, now);
    this.#token = grant.accessToken;
    this.#expiresAt = now + lifetime;
    this.#ended = null;
    this.#failures = 0;
    const margin = Math.min(this.#options.marginMs ?? 60_000, lifetime / 3);
    this.#schedule(Math.max(1_000, lifetime - margin));
    for (const listener of this.#tokenListeners) listener(grant.accessToken);
  }

  /** Refreshes now, or joins the refresh already running; resolves with the token then held. */
  refresh(): Promise<string | null> {
    this.#inflight ??= this.#runRefresh().finally(() => {
      this.#inflight = null;
    });
    return this.#inflight;
  }

  onToken(listener: (token: string) => void): () => void {
    this.#tokenListeners.add(listener);
    return () => this.#tokenListeners.delete(listener);
  }

  onEnded(listener: (code: ErrorCode) => void): () => void {
    this.#endedListeners.add(listener);
    return () => this.#endedListeners.delete(listener);
  }

  /** Forgets the token and tells listeners the session is over (the server refused it, or logout). */
  end(code: ErrorCode): void {
    this.stop();
    this.#token = null;
    this.#expiresAt = null;
    if (this.#ended) return;
    this.#ended = code;
    for (const listener of this.#endedListeners) listener(code);
  }

  /** Stops refreshing, keeping the token (the client is closing). */
  stop(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  async #runRefresh(): Promise<string | null> {
    if (this.#ended) return null;
    const refresh = this.#options.refresh;
    if (!refresh) {
      if (this.#expiresAt !== null && this.#expiresAt <= this.#now()) this.end('token_expired');
      return this.#token;
    }
    try {
      this.set(await refresh());
    } catch (error) {
      if (error instanceof ApiRequestError && error.status < 500 && error.code !== 'rate_limited') {
        this.end(error.code);
        return null;
      }
      const delays = this.#options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
      this.#schedule(delays[Math.min(this.#failures++, delays.length - 1)] ?? 30_000);
    }
    return this.#token;
  }

  #schedule(delayMs: number): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.refresh(), delayMs);
    unrefTimer(this.#timer);
  }
}
