import type fc from 'fast-check';
import type { FuzzServer } from './fuzz-server.js';
import type { FuzzWorld } from './fuzz-world.js';
import type { Histogram } from './histogram.js';
import type { createHttpExchange } from './http-exchange.js';
import type { SocketSession } from './socket-session.js';

/** What every target's cases run against. */
export interface FuzzContext {
  server: FuzzServer;
  http: ReturnType<typeof createHttpExchange>;
  world: FuzzWorld;
  /** Alice's socket, for the client-event cases. */
  aliceSocket: SocketSession;
  histogram: Histogram;
}

/** One route or socket event: how its cases are generated and how one is run and judged. */
export interface FuzzTarget<Case = unknown> {
  name: string;
  /**
   * Its share of the cases relative to the others (1 unless given): routes that hash a password with
   * argon2id on every valid-looking case (~30 ms of CPU each) get fewer, so a run spends its time on
   * inputs rather than on key stretching.
   */
  weight?: number;
  arbitrary: fc.Arbitrary<Case>;
  /** Runs one case, counts its outcome in the histogram; throws when the server misbehaved. */
  run(input: Case): Promise<void>;
}

/** A target's cases repair the world this often (and whenever a case broke a fixture). */
export const REPAIR_EVERY = 100;

/** Calls `repair` every REPAIR_EVERY calls, or at once when the world is broken. */
export function repairSchedule(world: FuzzWorld): () => Promise<void> {
  let sinceRepair = 0;
  return async () => {
    if (++sinceRepair < REPAIR_EVERY && !world.broken) return;
    sinceRepair = 0;
    await world.repair();
  };
}

export const clip = (text: string, length = 400) =>
  text.length > length ? `${text.slice(0, length)}… (${text.length} chars)` : text;
