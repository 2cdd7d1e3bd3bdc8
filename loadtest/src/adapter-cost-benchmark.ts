import { randomUUID } from 'node:crypto';
import { startApiProcess } from './api/api-process-handle.js';
import {
  FANOUT_BENCHMARK_DEFAULTS,
  fanoutTable,
  measureFanout,
  type FanoutBenchmarkOptions,
} from './fanout-benchmark.js';
import { count, ms, type FigureTable } from './report/figure-table.js';
import { startAdapterBenchProcess, type AdapterBenchProcess } from './realtime/adapter-bench-handle.js';
import { deliveredCell, measureDeliveryStep } from './realtime/delivery-step.js';
import { BENCH_ORIGIN } from './realtime/gateway-process.js';
import { startSocketDrivers } from './realtime/socket-drivers.js';

export interface AdapterCostBenchmarkOptions {
  rooms: number;
  roomSize: number;
  drivers: number;
  /** Broadcasts per second on the bare Socket.IO server, one step each. */
  rates: number[];
  /** Messages per second sent over REST to the standalone server, one step each. */
  productRates: number[];
  stepMs: number;
  drainMs: number;
}

export const ADAPTER_COST_BENCHMARK_DEFAULTS: AdapterCostBenchmarkOptions = {
  rooms: 20,
  roomSize: 100,
  drivers: 2,
  rates: [10, 50, 100],
  productRates: [10, 25],
  stepMs: 10_000,
  drainMs: 10_000,
};

type Mode = 'in-process' | 'sharded Redis';

/**
 * The price of the design's fan-out choice, measured twice. (1) Bare Socket.IO: the same broadcasts (`io.to(room).emit('message:new')` of a
 * realistic event) to the same sockets on one Socket.IO server, emitted either in that process through
 * the in-memory adapter (standalone) or from another process through Redis with the sharded adapter in
 * dynamic mode (cluster: API → Redis → gateway). Only the adapter differs: no auth, no database.
 * (2) The product: the standalone server (API and gateway in one process, on Postgres) without and with
 * REDIS_URL, messages sent over REST — one process either way, so only the fan-out path differs.
 */
export async function runAdapterCostBenchmark(options: AdapterCostBenchmarkOptions): Promise<FigureTable[]> {
  const rows: (string | number)[][] = [];
  for (const mode of ['in-process', 'sharded Redis'] as Mode[])
    rows.push(...(await measureMode(mode, options)));
  const fanoutOptions = {
    ...FANOUT_BENCHMARK_DEFAULTS,
    ...options,
    gateways: 1,
    rates: options.productRates,
  };
  const productRows: (string | number)[][] = [];
  for (const mode of ['in-process', 'sharded Redis'] as Mode[])
    productRows.push(...(await measureStandalone(mode, fanoutOptions)));
  return [
    {
      title: `Fan-out adapter cost: ${options.rooms} rooms × ${options.roomSize} sockets on one Socket.IO server`,
      columns: [
        'adapter',
        'msgs/s',
        'delivered/s',
        'delivered',
        'p50 ms',
        'p99 ms',
        'server CPU µs/delivery',
        'publisher CPU µs/msg',
        'all CPU µs/delivery',
      ],
      rows,
      notes: [
        'in-process: the server emits to its own sockets; sharded Redis: a second process publishes, the server receives through Redis',
        'latency: from the emit call to the arrival at each socket; CPU from /proc/<pid>/stat (Redis server CPU not included)',
        'both modes are told to emit over the same IPC channel, so that cost cancels out',
      ],
    },
    fanoutTable(
      `Fan-out adapter cost in the product: standalone server (API + gateway, Postgres), ${options.rooms} rooms × ${options.roomSize} members`,
      productRows,
      fanoutOptions,
    ),
  ];
}

/** The standalone server, one process, with in-process fan-out or with REDIS_URL (sharded adapter, Redis presence). */
async function measureStandalone(mode: Mode, options: FanoutBenchmarkOptions) {
  const server = await startApiProcess({
    kind: 'standalone',
    storage: 'postgres',
    ...(mode === 'sharded Redis' ? { redisPrefix: `lc_bench_${randomUUID().slice(0, 8)}` } : {}),
    env: { ALLOWED_ORIGINS: BENCH_ORIGIN },
  });
  try {
    const setup = {
      label: `standalone, ${mode}`,
      gatewayPids: [],
      apiPid: server.pid,
      apiUrl: server.url,
      gatewayUrls: [server.url],
    };
    return await measureFanout(setup, { api: server }, options);
  } finally {
    await server.stop();
  }
}

async function measureMode(mode: Mode, options: AdapterCostBenchmarkOptions): Promise<(string | number)[][]> {
  const redisPrefix = mode === 'sharded Redis' ? `lc_bench_${randomUUID().slice(0, 8)}` : null;
  const started: AdapterBenchProcess[] = [];
  const drivers = await startSocketDrivers(options.drivers);
  try {
    const server = await startAdapterBenchProcess('server', redisPrefix);
    started.push(server);
    const publisher = redisPrefix ? await startAdapterBenchProcess('publisher', redisPrefix) : server;
    if (publisher !== server) started.push(publisher);
    const roomIds = Array.from({ length: options.rooms }, () => randomUUID());
    const opened = await drivers.open(
      roomIds.flatMap((roomId) =>
        Array.from({ length: options.roomSize }, () => ({ gatewayUrl: server.url, token: roomId })),
      ),
      BENCH_ORIGIN,
    );
    if (opened.failed)
      throw new Error(`${opened.failed} sockets did not connect: ${opened.failureSamples.join('; ')}`);
    const rows: (string | number)[][] = [];
    for (const rate of options.rates) {
      const step = await measureDeliveryStep({
        drivers,
        pids: started.map((process) => process.pid),
        ratePerSecond: rate,
        stepMs: options.stepMs,
        drainMs: options.drainMs,
        recipientsPerMessage: options.roomSize,
        send: (index) => publisher.call('emitTo', { roomIds: [roomIds[index % roomIds.length]!] }),
      });
      const [serverCpu = 0, publisherCpu = 0] = step.cpuSeconds;
      const perDelivery = (cpu: number) => count((cpu * 1e6) / Math.max(1, step.delivered));
      rows.push([
        mode,
        rate,
        count(step.deliveredPerSecond),
        deliveredCell(step),
        ms(step.latency.p50),
        ms(step.latency.p99),
        perDelivery(serverCpu),
        redisPrefix ? count((publisherCpu * 1e6) / Math.max(1, step.sent)) : '— (same process)',
        perDelivery(serverCpu + publisherCpu),
      ]);
    }
    return rows;
  } finally {
    await drivers.closeAll().catch(() => undefined);
    await drivers.stop();
    for (const process of started) await process.stop();
  }
}
