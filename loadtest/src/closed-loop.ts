import { performance } from 'node:perf_hooks';

export interface ClosedLoopResult {
  /** Latency of each completed operation, in ms. */
  latencies: number[];
  failures: number;
  /** First few failure messages, to print. */
  failureSamples: string[];
  /** From the first start to the last completion, in ms. */
  elapsedMs: number;
}

export interface ClosedLoopOptions {
  /** How many workers run at once; each starts its next operation when the previous one answers. */
  workers: number;
  /** Stop starting operations after this long… */
  durationMs: number;
  /** …or after this many operations in total, whichever comes first. */
  maxOperations: number;
}

/**
 * Runs `operation(worker, n)` in a closed loop — the way real senders behave: each waits for its answer
 * before sending again — bounded in time and count, and times every call.
 */
export async function runClosedLoop(
  options: ClosedLoopOptions,
  operation: (worker: number, iteration: number) => Promise<unknown>,
): Promise<ClosedLoopResult> {
  const latencies: number[] = [];
  const failureSamples: string[] = [];
  let failures = 0;
  let started = 0;
  const begin = performance.now();
  const deadline = begin + options.durationMs;
  const worker = async (index: number) => {
    for (let iteration = 0; started < options.maxOperations && performance.now() < deadline; iteration++) {
      started++;
      const t0 = performance.now();
      try {
        await operation(index, iteration);
        latencies.push(performance.now() - t0);
      } catch (error) {
        failures++;
        if (failureSamples.length < 5)
          failureSamples.push(error instanceof Error ? error.message : String(error));
      }
    }
  };
  await Promise.all(Array.from({ length: options.workers }, (_, index) => worker(index)));
  return { latencies, failures, failureSamples, elapsedMs: performance.now() - begin };
}
