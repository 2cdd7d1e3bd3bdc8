import { epochNow } from '../realtime/send-stamp.js';

/**
 * Calls `check` back to back until it answers true; resolves with the epoch time that answer arrived.
 * Rejects after `timeoutMs`. The resolution is one `check` round trip: the state may have changed at
 * any moment during the check that first saw it.
 */
export async function pollUntil(
  check: () => Promise<boolean>,
  timeoutMs: number,
  what: string,
): Promise<number> {
  const deadline = epochNow() + timeoutMs;
  while (epochNow() < deadline) {
    if (await check()) return epochNow();
  }
  throw new Error(`${what}: not within ${timeoutMs} ms`);
}
