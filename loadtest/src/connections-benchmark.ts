import { sleep } from './sleep.js';
import { cpuSeconds, rssBytes } from './processes/proc-stats.js';
import { count, kibibytes, mebibytes, ms, seconds, type FigureTable } from './report/figure-table.js';
import { startBenchCluster } from './realtime/bench-cluster.js';
import { BENCH_ORIGIN } from './realtime/gateway-process.js';
import { createMemberRooms } from './realtime/member-rooms.js';
import { scrapeMetric } from './realtime/scrape-metric.js';
import { OPEN_CONCURRENCY, startSocketDrivers } from './realtime/socket-drivers.js';
import { summarizeLatencies } from './stats/latency-summary.js';

export interface ConnectionsBenchmarkOptions {
  connections: number;
  /** Each user is a member of one room of this size. */
  roomSize: number;
  /** Client processes holding the sockets. */
  drivers: number;
  /** How long the connections are held idle before they are counted and measured. */
  holdMs: number;
}

export const CONNECTIONS_BENCHMARK_DEFAULTS: ConnectionsBenchmarkOptions = {
  connections: 5000,
  roomSize: 100,
  drivers: 2,
  holdMs: 15_000,
};

/**
 * Issue 3: how many authenticated sockets one gateway process holds, and what each idle one costs in
 * memory. One API and one gateway process (cluster mode, Redis); `connections` users, one socket each,
 * opened from separate client processes; the gateway's RSS is read from /proc before and while they are held.
 */
export async function runConnectionsBenchmark(options: ConnectionsBenchmarkOptions): Promise<FigureTable[]> {
  const cluster = await startBenchCluster(1);
  const drivers = await startSocketDrivers(options.drivers);
  try {
    const gateway = cluster.gateways[0]!;
    const users = await cluster.api.call('createUsers', { count: options.connections });
    await createMemberRooms(cluster.api.url, users, options.roomSize);
    await sleep(2000); // let the fresh gateway settle before its baseline
    const rssBefore = await rssBytes(gateway.pid);
    const heapBefore = await scrapeMetric(gateway.metricsUrl, 'nodejs_heap_size_used_bytes');
    const cpuBefore = await cpuSeconds(gateway.pid);
    const apiCpuBefore = await cpuSeconds(cluster.api.pid);
    const started = performance.now();
    const opened = await drivers.open(
      users.map((user) => ({ gatewayUrl: gateway.url, token: user.token })),
      BENCH_ORIGIN,
    );
    const rampMs = performance.now() - started;
    const cpuConnect = (await cpuSeconds(gateway.pid)) - cpuBefore;
    const apiCpuConnect = (await cpuSeconds(cluster.api.pid)) - apiCpuBefore;
    if (opened.failureSamples.length) console.warn('connection failures, e.g.', opened.failureSamples);
    await sleep(options.holdMs);
    const held = await drivers.status();
    const rssHeld = await rssBytes(gateway.pid);
    const heapHeld = await scrapeMetric(gateway.metricsUrl, 'nodejs_heap_size_used_bytes');
    const idleCpu = (await cpuSeconds(gateway.pid)) - cpuBefore - cpuConnect;
    const ready = summarizeLatencies(opened.readyMs);
    const perConnection = (rssHeld - rssBefore) / Math.max(1, held.connected);

    return [
      {
        title: `Connections: ${count(options.connections)} authenticated sockets on one gateway process`,
        columns: ['figure', 'value'],
        rows: [
          ['sockets asked for', count(options.connections)],
          ['ready (authenticated, subscribed)', count(opened.ready)],
          ['refused or timed out', count(opened.failed)],
          [`still connected after ${seconds(options.holdMs)} idle`, count(held.connected)],
          ['dropped by the server while idle', count(held.dropped)],
          [`ramp (all opened, ${OPEN_CONCURRENCY} handshakes in flight per client process)`, seconds(rampMs)],
          ['connections opened per second', count((opened.ready / rampMs) * 1000)],
          ['handshake → ready p50 / p99', `${ms(ready.p50)} / ${ms(ready.p99)} ms`],
          ['gateway RSS before → held', `${mebibytes(rssBefore)} → ${mebibytes(rssHeld)}`],
          ['gateway RSS per idle connection', kibibytes(perConnection)],
          [
            'gateway V8 heap used per idle connection',
            heapBefore === null || heapHeld === null
              ? '— (no nodejs_heap_size_used_bytes)'
              : kibibytes((heapHeld - heapBefore) / Math.max(1, held.connected)),
          ],
          [
            'gateway CPU per connection (handshake, auth, room lookup, joins)',
            `${ms((cpuConnect * 1000) / Math.max(1, opened.ready))} ms`,
          ],
          [
            'API CPU per connection (the gateway asks it for the user’s rooms)',
            `${ms((apiCpuConnect * 1000) / Math.max(1, opened.ready))} ms`,
          ],
          [
            `gateway CPU while ${count(held.connected)} sockets idle`,
            `${((idleCpu / (options.holdMs / 1000)) * 100).toFixed(1)} % of a core`,
          ],
        ],
        notes: [
          `each user is in one room of ${options.roomSize}; sockets come from ${options.drivers} socket.io-client processes on this machine`,
          'RSS is read from /proc/<pid>/status without forcing a GC: it is what an operator would see',
        ],
      },
    ];
  } finally {
    await drivers.closeAll().catch(() => undefined);
    await drivers.stop();
    await cluster.stop();
  }
}
