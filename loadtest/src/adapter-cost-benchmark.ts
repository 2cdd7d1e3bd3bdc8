import { randomUUID } from 'node:crypto';
import { count, ms, type FigureTable } from './report/figure-table.js';
import { startAdapterBenchProcess, type AdapterBenchProcess } from './realtime/adapter-bench-handle.js';
import { deliveredCell, measureDeliveryStep } from './realtime/delivery-step.js';
import { BENCH_ORIGIN } from './realtime/gateway-process.js';
import { startSocketDrivers } from './realtime/socket-drivers.js';

export interface AdapterCostBenchmarkOptions {
  rooms: number;
  roomSize: number;
  drivers: number;
  /** Room messages per second, one step each. */
  rates: number[];
  stepMs: number;
  drainMs: number;
}

export const ADAPTER_COST_BENCHMARK_DEFAULTS: AdapterCostBenchmarkOptions = {
  rooms: 20,
  roomSize: 100,
  drivers: 2,
  rates: [10, 50, 100],
  stepMs: 10_000,
  drainMs: 10_000,
};

type Mode = 'in-process' | 'sharded Redis';

/**
 * The price of the design's fan-out choice: the same broadcasts (`io.to(room).emit('message:new')` of a
 * realistic event) to the same sockets on one Socket.IO server, emitted either in that process through
 * the in-memory adapter (standalone) or from another process through Redis with the sharded adapter in
 * dynamic mode (cluster: API → Redis → gateway). Only the adapter differs: no auth, no database.
 */
export async function runAdapterCostBenchmark(options: AdapterCostBenchmarkOptions): Promise<FigureTable[]> {
  const rows: (string | number)[][] = [];
  for (const mode of ['in-process', 'sharded Redis'] as Mode[])
    rows.push(...(await measureMode(mode, options)));
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
  ];
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
