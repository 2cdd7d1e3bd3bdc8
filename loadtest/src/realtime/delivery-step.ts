import { runOpenLoop } from '../open-loop.js';
import { count } from '../report/figure-table.js';
import { cpuSeconds } from '../processes/proc-stats.js';
import { summarizeLatencies, type LatencySummary } from '../stats/latency-summary.js';
import { sleep } from '../sleep.js';
import { epochNow } from './send-stamp.js';
import type { SocketDrivers } from './socket-drivers.js';

export interface DeliveryStepOptions {
  drivers: SocketDrivers;
  /** Processes whose CPU time is read before and after the step. */
  pids: number[];
  ratePerSecond: number;
  stepMs: number;
  /** After the last send, wait at most this long for deliveries still under way. */
  drainMs: number;
  /** Sockets that should receive each message. */
  recipientsPerMessage: number;
  /** Sends open at once, at most; a send due past it is skipped (see runOpenLoop). */
  maxOutstanding?: number;
  /** Sends message `index` (with a body stamped with its send time). */
  send: (index: number) => Promise<unknown>;
}

export interface DeliveryStep {
  sent: number;
  /** Sends skipped because `maxOutstanding` were open (the generator's limit, not the server's). */
  notOffered: number;
  sentPerSecond: number;
  delivered: number;
  /** Repeated deliveries of a message to a socket that already had it (not counted in `delivered`). */
  duplicates: number;
  expected: number;
  /** Deliveries per second from the first send to the last delivery. */
  deliveredPerSecond: number;
  latency: LatencySummary;
  /** CPU seconds each of `pids` used over the step, in the same order. */
  cpuSeconds: number[];
}

/**
 * One measured step of a fan-out benchmark: messages sent at a fixed rate, every delivery timed by the
 * socket drivers, the step closed once all expected deliveries arrived (or the drain time ran out), and
 * the CPU the given processes spent over it.
 */
export async function measureDeliveryStep(options: DeliveryStepOptions): Promise<DeliveryStep> {
  await options.drivers.takeDeliveries(); // start from nothing
  const cpu = () => Promise.all(options.pids.map(cpuSeconds));
  const cpuBefore = await cpu();
  const firstSendAt = epochNow();
  const sends = await runOpenLoop(
    {
      ratePerSecond: options.ratePerSecond,
      durationMs: options.stepMs,
      ...(options.maxOutstanding === undefined ? {} : { maxOutstanding: options.maxOutstanding }),
    },
    options.send,
  );
  if (sends.failureSamples.length)
    console.warn(`rate ${options.ratePerSecond}: send failures, e.g.`, sends.failureSamples);
  const expected = sends.completed * options.recipientsPerMessage;
  const latencies: number[] = [];
  let delivered = 0;
  let duplicates = 0;
  let lastAt = 0;
  const drainUntil = Date.now() + options.drainMs;
  do {
    const taken = await options.drivers.takeDeliveries();
    delivered += taken.count;
    duplicates += taken.duplicates;
    for (const latency of taken.latencies) latencies.push(latency);
    lastAt = Math.max(lastAt, taken.lastAt);
    if (delivered >= expected) break;
    await sleep(200);
  } while (Date.now() < drainUntil);
  const cpuAfter = await cpu();
  return {
    sent: sends.completed,
    notOffered: sends.notOffered,
    sentPerSecond: (sends.completed / sends.elapsedMs) * 1000,
    delivered,
    duplicates,
    expected,
    deliveredPerSecond: lastAt > firstSendAt ? delivered / ((lastAt - firstSendAt) / 1000) : 0,
    latency: summarizeLatencies(latencies),
    cpuSeconds: cpuAfter.map((value, index) => value - cpuBefore[index]!),
  };
}

/** "received / expected", plus the repeats of messages a socket already had, if any arrived. */
export const deliveredCell = (step: DeliveryStep) =>
  `${count(step.delivered)} / ${count(step.expected)}${step.duplicates ? ` (+${count(step.duplicates)} repeats)` : ''}`;
