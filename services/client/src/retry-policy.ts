import { ApiRequestError } from './api-client.js';

/** How often and how patiently a request is repeated after a failure that may be temporary. */
export interface RetryOptions {
  /** Attempts in all, the first one included. @default 6 */
  attempts?: number;
  /** Delay before the second attempt; it doubles after each failure. @default 250 */
  baseDelayMs?: number;
  /** Ceiling of the delay between two attempts. @default 5000 */
  maxDelayMs?: number;
}

export interface RetryControl extends RetryOptions {
  /** Stops waiting and rejects with the signal's reason (the client was closed). */
  signal?: AbortSignal;
  /** Told before each wait, e.g. to show "retrying". */
  onRetry?: (error: unknown, attempt: number, delayMs: number) => void;
  /** Source of jitter in [0, 1). @default Math.random */
  random?: () => number;
}

/**
 * Whether repeating the same request may succeed: the network failed (no answer, or an answer lost on the
 * way), the server failed (5xx) or asked us to slow down (429). A 4xx is an answer and stays one.
 */
export function isRetryable(error: unknown): boolean {
  if (error instanceof ApiRequestError) return error.status >= 500 || error.code === 'rate_limited';
  return !(error instanceof Error && error.name === 'AbortError');
}

/**
 * Exponential backoff with jitter (so a crowd of clients does not retry in step), or the server's
 * Retry-After (problem field or header) stretched by up to a quarter: an overloaded server tells every
 * client the same whole seconds, and they should not all come back in the same instant.
 */
export function retryDelayMs(error: unknown, attempt: number, options: RetryControl = {}): number {
  const random = options.random ?? Math.random;
  const retryAfter = error instanceof ApiRequestError ? error.retryAfterSeconds : undefined;
  if (retryAfter !== undefined) return Math.round(retryAfter * 1000 * (1 + 0.25 * random()));
  const ceiling = Math.min(options.maxDelayMs ?? 5000, (options.baseDelayMs ?? 250) * 2 ** (attempt - 1));
  return Math.round(ceiling * (0.5 + 0.5 * random()));
}

/**
 * Runs `work` until it succeeds, fails for good (not {@link isRetryable}) or runs out of attempts.
 * Only for requests that are safe to repeat: reads, and sends carrying the same `clientId`.
 */
export async function withRetry<T>(
  work: (attempt: number) => Promise<T>,
  options: RetryControl = {},
): Promise<T> {
  const attempts = options.attempts ?? 6;
  for (let attempt = 1; ; attempt += 1) {
    options.signal?.throwIfAborted();
    try {
      return await work(attempt);
    } catch (error) {
      if (attempt >= attempts || !isRetryable(error) || options.signal?.aborted) throw error;
      const delay = retryDelayMs(error, attempt, options);
      options.onRetry?.(error, attempt, delay);
      await sleep(delay, options.signal);
    }
  }
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', abort);
      resolve();
    }, ms);
    const abort = () => {
      clearTimeout(timer);
      reject(signal?.reason as Error);
    };
    signal?.addEventListener('abort', abort, { once: true });
  });
}
