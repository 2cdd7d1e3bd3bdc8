import { performance } from 'node:perf_hooks';
import { sleep } from './sleep.js';

export interface OpenLoopResult {
  /** Operations that succeeded. */
  completed: number;
  failures: number;
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
  options: { ratePerSecond: number; durationMs: number },
  operation: (index: number) => Promise<unknown>,
): Promise<OpenLoopResult> {
  const total = Math.round((options.ratePerSecond * options.durationMs) / 1000);
  const intervalMs = 1000 / options.ratePerSecond;
  const inFlight: Promise<void>[] = [];
  const failureSamples: string[] = [];
  let completed = 0;
  let failures = 0;
  const begin = performance.now();
  for (let index = 0; index < total; index++) {
    const due = begin + index * intervalMs;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    inFlight.push(
      operation(index).then(
        () => void completed++,
        (error: unknown) => {
          failures++;
          if (failureSamples.length < 5)
            failureSamples.push(error instanceof Error ? error.message : String(error));
        },
      ),
    );
  }
  await Promise.all(inFlight);
  return { completed, failures, failureSamples, elapsedMs: performance.now() - begin };
}
