import { performance } from 'node:perf_hooks';
import { sleep } from './sleep.js';

export interface OpenLoopResult {
  /** Operations that succeeded. */
  completed: number;
  failures: number;
  /** Operations due while `maxOutstanding` were still open: never started (the generator's own limit). */
  notOffered: number;
  failureSamples: string[];
  /** From the first start to the last completion, in ms. */
  elapsedMs: number;
}

/**
 * Starts `operation(n)` at a fixed rate for a fixed time — `ratePerSecond × durationMs / 1000` operations
 * in all — without waiting for earlier ones to answer, the way independent users arrive; then waits for
 * every one to finish. A late timer starts the overdue operations at once, so the rate holds on average.
 */
export async function runOpenLoop(
  options: {
    ratePerSecond: number;
    durationMs: number;
    /**
     * At most this many operations open at once; one due past it is skipped and counted as not
     * offered. Without a cap, a server that stops answering makes the generator open thousands of
     * connections, and their resets (the generator's limit, not the server's) read as failures.
     */
    maxOutstanding?: number;
  },
  operation: (index: number) => Promise<unknown>,
): Promise<OpenLoopResult> {
  const total = Math.round((options.ratePerSecond * options.durationMs) / 1000);
  const intervalMs = 1000 / options.ratePerSecond;
  const inFlight: Promise<void>[] = [];
  const failureSamples: string[] = [];
  let completed = 0;
  let failures = 0;
  let notOffered = 0;
  let outstanding = 0;
  const maxOutstanding = options.maxOutstanding ?? Number.POSITIVE_INFINITY;
  const begin = performance.now();
  for (let index = 0; index < total; index++) {
    const due = begin + index * intervalMs;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    if (outstanding >= maxOutstanding) {
      notOffered++;
      continue;
    }
    outstanding++;
    inFlight.push(
      operation(index)
        .then(
          () => void completed++,
          (error: unknown) => {
            failures++;
            if (failureSamples.length < 5)
              failureSamples.push(error instanceof Error ? error.message : String(error));
          },
        )
        .finally(() => outstanding--),
    );
  }
  await Promise.all(inFlight);
  return { completed, failures, notOffered, failureSamples, elapsedMs: performance.now() - begin };
}
