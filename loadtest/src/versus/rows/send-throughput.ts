import { runClosedLoop } from '../../closed-loop.js';
import { cpuSeconds } from '../../processes/proc-stats.js';
import { summarizeLatencies } from '../../stats/latency-summary.js';
import { backendCpuBetween, postgresBackendCpu } from '../postgres-backend-cpu.js';
import { emptyTally, timedSend, type SendRoute, type SendTally } from '../send-tally.js';
import type { VersusOptions } from '../versus-options.js';

/** A send endpoint under test: its process, its database, and one route per sender. */
export interface SendSubject {
  pid: number;
  databaseName: string;
  routes: SendRoute[];
  countMessages(): Promise<number>;
}

export interface SendThroughput {
  sendsPerSecond: number;
  p50: number;
  p99: number;
  processCpuMsPerMessage: number;
  postgresCpuMsPerMessage: number;
  tally: SendTally;
}

/**
 * Closed loop: every sender posts its next message when the previous one is answered, for the row's
 * time; throughput counts rows stored in the database afterwards, CPU is read from /proc before and after
 * for the server process and for the Postgres backends serving its database.
 */
export async function measureSendThroughput(
  subject: SendSubject,
  options: VersusOptions['send'],
): Promise<SendThroughput> {
  const label = `${subject.pid}`;
  // Warm-up (JIT, both pools full), not measured.
  await Promise.all(
    subject.routes.map((route, index) => timedSend(route, `warm-${index}`, 'warm-up', emptyTally())),
  );
  const before = await subject.countMessages();
  const [cpuBefore, backendsBefore] = [
    await cpuSeconds(subject.pid),
    await postgresBackendCpu(subject.databaseName),
  ];
  const tally = emptyTally();
  const loop = await runClosedLoop(
    { workers: subject.routes.length, durationMs: options.durationMs, maxOperations: options.maxMessages },
    (worker, iteration) =>
      timedSend(subject.routes[worker]!, `s${label}-${worker}-${iteration}`, 'versus send', tally),
  );
  const [cpuAfter, backendsAfter] = [
    await cpuSeconds(subject.pid),
    await postgresBackendCpu(subject.databaseName),
  ];
  const persisted = (await subject.countMessages()) - before;
  if (tally.samples.length) console.warn(`sends to ${subject.routes[0]?.url}: failures, e.g.`, tally.samples);
  const latency = summarizeLatencies(loop.latencies);
  const perMessage = (seconds: number) => (seconds * 1000) / Math.max(1, persisted);
  return {
    sendsPerSecond: (persisted / loop.elapsedMs) * 1000,
    p50: latency.p50,
    p99: latency.p99,
    processCpuMsPerMessage: perMessage(cpuAfter - cpuBefore),
    postgresCpuMsPerMessage: perMessage(backendCpuBetween(backendsBefore, backendsAfter)),
    tally,
  };
}
