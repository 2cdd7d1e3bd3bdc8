import { performance } from 'node:perf_hooks';

/**
 * Milliseconds since the epoch with sub-millisecond resolution. Every process derives it from the same
 * system clock, so a time stamped by the sender and read by another process on this machine is comparable.
 */
export const epochNow = () => performance.timeOrigin + performance.now();

const PREFIX = 'bench@';

/** A message body that carries its send time, so any receiver can compute send→deliver latency. */
export const stampedBody = (sentAt = epochNow()) => `${PREFIX}${sentAt.toFixed(3)}`;

/** The send time a stamped body carries, or null for any other message. */
export function sentAtOf(body: string): number | null {
  if (!body.startsWith(PREFIX)) return null;
  const value = Number(body.slice(PREFIX.length));
  return Number.isFinite(value) ? value : null;
}
