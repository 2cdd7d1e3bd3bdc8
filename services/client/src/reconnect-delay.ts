/** The longest a socket waits between two attempts of its own. */
export const MAX_RECONNECT_DELAY_MS = 30_000;
const BASE_RECONNECT_DELAY_MS = 500;

/**
 * How long to wait before reconnection attempt `attempt` (0 for the first retry) after the server
 * refused or closed the socket. Exponential backoff with full jitter: uniformly random below a ceiling
 * that doubles per failure, so a crowd refused together comes back spread out, not in step. When the
 * server sent a retry hint (`retryAfterMs`, a gateway shedding load), never sooner than the hint, and
 * spread over a window of at least the hint's length after it.
 */
export function reconnectDelayMs(
  attempt: number,
  retryAfterMs?: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(MAX_RECONNECT_DELAY_MS, BASE_RECONNECT_DELAY_MS * 2 ** Math.max(0, attempt));
  if (retryAfterMs === undefined) return Math.floor(random() * ceiling);
  const window = Math.max(retryAfterMs, ceiling);
  return Math.floor(retryAfterMs + random() * window);
}
