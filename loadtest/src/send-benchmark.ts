import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { BenchStorage, BenchUser } from './api/api-process-rpc.js';
import { startApiProcess, type BenchApi } from './api/api-process-handle.js';
import { clientAs, createRooms } from './api/create-rooms.js';
import { runClosedLoop } from './closed-loop.js';
import { cpuSeconds } from './processes/proc-stats.js';
import { count, ms, type FigureTable } from './report/figure-table.js';
import { summarizeLatencies } from './stats/latency-summary.js';

export interface SendBenchmarkOptions {
  storages: BenchStorage[];
  rooms: number;
  senders: number;
  durationMs: number;
  maxMessages: number;
  /** Prior messages in the "long history" room. */
  historySize: number;
  /** Sequential sends into each of the empty and the long-history room. */
  historySamples: number;
}

export const SEND_BENCHMARK_DEFAULTS: SendBenchmarkOptions = {
  storages: ['postgres', 'pglite'],
  rooms: 100,
  senders: 200,
  durationMs: 15_000,
  maxMessages: 200_000,
  historySize: 10_000,
  historySamples: 300,
};

interface StorageFigures {
  storage: BenchStorage;
  throughput: (string | number)[];
  history: (string | number)[][];
}

const STORAGE_LABEL: Record<BenchStorage, string> = {
  postgres: 'Postgres 15 (server) + Redis fan-out',
  pglite: 'PGlite (embedded) + in-process fan-out',
};

/**
 * Send path of issue 2: persisted messages per second and latency of `POST /api/rooms/:id/messages` with
 * many rooms and concurrent senders, and whether latency grows with a room's history. The API runs in
 * its own process (a fresh database it drops on exit); this process only generates load.
 */
export async function runSendBenchmark(options: SendBenchmarkOptions): Promise<FigureTable[]> {
  const figures: StorageFigures[] = [];
  for (const storage of options.storages) {
    const api = await startApiProcess({
      storage,
      // As deployed: the cluster API publishes through Redis; standalone fans out in process.
      ...(storage === 'postgres' ? { redisPrefix: `lc_bench_${randomUUID().slice(0, 8)}` } : {}),
    });
    try {
      figures.push(await measureStorage(api, storage, options));
    } finally {
      await api.stop();
    }
  }
  return [
    {
      title: `Send path: POST /api/rooms/:id/messages — ${options.rooms} rooms, ${options.senders} concurrent senders`,
      columns: [
        'storage',
        'seconds',
        'persisted',
        'msgs/s',
        'p50 ms',
        'p99 ms',
        'max ms',
        'failed',
        'API CPU ms/msg',
      ],
      rows: figures.map((figure) => figure.throughput),
      notes: [
        'closed loop: each sender sends its next message when the previous one is answered 201',
        '"persisted" is counted in the database afterwards, not from the responses',
      ],
    },
    {
      title: 'Send latency against room history (one sender, sequential, rooms alternated)',
      columns: ['storage', 'prior messages', 'sends', 'p50 ms', 'p99 ms'],
      rows: figures.flatMap((figure) => figure.history),
    },
  ];
}

async function measureStorage(
  api: BenchApi,
  storage: BenchStorage,
  options: SendBenchmarkOptions,
): Promise<StorageFigures> {
  const users = await api.call('createUsers', { count: Math.max(options.senders, 2) });
  // Sender i writes into room i mod rooms; the room's first sender owns it, the others are members.
  const roomIds = await createRooms(
    api.url,
    Array.from({ length: options.rooms }, (_, room) => {
      const senders = users.filter((_, index) => index % options.rooms === room);
      return { owner: senders[0] ?? users[0]!, members: senders.slice(1) };
    }),
  );
  const senders = users.slice(0, options.senders).map((user, index) => ({
    client: clientAs(api.url, user),
    roomId: roomIds[index % options.rooms]!,
  }));
  const send = (sender: (typeof senders)[number], clientId: string) =>
    sender.client.call('sendMessage', {
      params: { id: sender.roomId },
      body: { clientId, body: `benchmark message ${clientId}` },
    });

  // Warm-up (JIT, connection pools), not measured.
  await Promise.all(senders.map((sender, index) => send(sender, `warm-${index}`)));
  const before = await api.call('countMessages', {});
  const cpuBefore = await cpuSeconds(api.pid);
  const loop = await runClosedLoop(
    { workers: senders.length, durationMs: options.durationMs, maxOperations: options.maxMessages },
    (worker, iteration) => send(senders[worker]!, `w${worker}-${iteration}`),
  );
  const cpuUsed = (await cpuSeconds(api.pid)) - cpuBefore;
  const persisted = (await api.call('countMessages', {})) - before;
  if (persisted !== loop.latencies.length)
    console.warn(`${storage}: ${loop.latencies.length} sends answered 201 but ${persisted} rows were stored`);
  if (loop.failureSamples.length) console.warn(`${storage}: failures, e.g.`, loop.failureSamples);
  const latency = summarizeLatencies(loop.latencies);
  const seconds = loop.elapsedMs / 1000;

  return {
    storage,
    throughput: [
      STORAGE_LABEL[storage],
      seconds.toFixed(1),
      count(persisted),
      count(persisted / seconds),
      ms(latency.p50),
      ms(latency.p99),
      ms(latency.max),
      loop.failures,
      ms((cpuUsed * 1000) / persisted),
    ],
    history: await measureHistoryEffect(api, storage, users, options),
  };
}

/** p50/p99 of sends into an empty room and into one with `historySize` prior messages, interleaved. */
async function measureHistoryEffect(
  api: BenchApi,
  storage: BenchStorage,
  users: BenchUser[],
  options: SendBenchmarkOptions,
): Promise<(string | number)[][]> {
  const [owner, member] = users as [BenchUser, BenchUser];
  const [emptyRoom, longRoom] = await createRooms(api.url, [
    { owner, members: [member] },
    { owner, members: [member] },
  ]);
  await api.call('seedHistory', { roomId: longRoom!, senderId: member.id, count: options.historySize });
  const client = clientAs(api.url, owner);
  const timings = new Map<string, number[]>([
    [emptyRoom!, []],
    [longRoom!, []],
  ]);
  for (let round = 0; round < options.historySamples; round++) {
    // Alternate which room goes first so neither always follows the other.
    const order = round % 2 ? [emptyRoom!, longRoom!] : [longRoom!, emptyRoom!];
    for (const roomId of order) {
      const t0 = performance.now();
      await client.call('sendMessage', {
        params: { id: roomId },
        body: { clientId: `h-${roomId.slice(0, 8)}-${round}`, body: `history probe ${round}` },
      });
      timings.get(roomId)!.push(performance.now() - t0);
    }
  }
  return [
    [emptyRoom!, 0],
    [longRoom!, options.historySize],
  ].map(([roomId, prior]) => {
    const latency = summarizeLatencies(timings.get(roomId as string)!);
    return [STORAGE_LABEL[storage], count(prior as number), latency.count, ms(latency.p50), ms(latency.p99)];
  });
}
