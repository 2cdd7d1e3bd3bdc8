import { clientAs } from './api/create-rooms.js';
import { count, ms, type FigureTable } from './report/figure-table.js';
import { startBenchCluster, type BenchCluster } from './realtime/bench-cluster.js';
import { BENCH_ORIGIN } from './realtime/gateway-process.js';
import { createMemberRooms } from './realtime/member-rooms.js';
import { deliveredCell, measureDeliveryStep } from './realtime/delivery-step.js';
import { stampedBody } from './realtime/send-stamp.js';
import { startSocketDrivers, type SocketDrivers } from './realtime/socket-drivers.js';

export interface FanoutBenchmarkOptions {
  rooms: number;
  roomSize: number;
  gateways: number;
  drivers: number;
  /** Messages per second sent over REST, one step each. */
  rates: number[];
  stepMs: number;
  /** After the last send of a step, wait at most this long for the deliveries still under way. */
  drainMs: number;
}

export const FANOUT_BENCHMARK_DEFAULTS: FanoutBenchmarkOptions = {
  rooms: 20,
  roomSize: 100,
  gateways: 3,
  drivers: 2,
  rates: [10, 25, 50],
  stepMs: 10_000,
  drainMs: 10_000,
};

/** One fan-out deployment measured at several send rates: rows of the fan-out table. */
export interface FanoutSetup {
  label: string;
  /** Gateway processes; empty when the gateway shares the API's process (standalone). */
  gatewayPids: number[];
  apiPid: number;
  apiUrl: string;
  gatewayUrls: string[];
}

/**
 * Issue 3: rooms of `roomSize` members, each member one socket on one of `gateways` replicas (round-robin,
 * so every room spans every replica); messages are sent over REST at fixed rates and every member's
 * `message:new` is timed from the moment its send began. Reports delivered messages per second, send →
 * deliver latency, and gateway CPU time per delivered message (from /proc).
 */
export async function runFanoutBenchmark(options: FanoutBenchmarkOptions): Promise<FigureTable[]> {
  const cluster = await startBenchCluster(options.gateways);
  try {
    const rows = await measureFanout(
      clusterSetup(cluster, `${options.gateways} gateways + Redis`),
      cluster,
      options,
    );
    return [
      fanoutTable(
        `Fan-out: ${options.rooms} rooms × ${options.roomSize} members over ${options.gateways} gateway replicas`,
        rows,
        options,
      ),
    ];
  } finally {
    await cluster.stop();
  }
}

export const clusterSetup = (cluster: BenchCluster, label: string): FanoutSetup => ({
  label,
  gatewayPids: cluster.gateways.map((gateway) => gateway.pid),
  apiPid: cluster.api.pid,
  apiUrl: cluster.api.url,
  gatewayUrls: cluster.gateways.map((gateway) => gateway.url),
});

export function fanoutTable(
  title: string,
  rows: (string | number)[][],
  options: FanoutBenchmarkOptions,
): FigureTable {
  return {
    title,
    columns: [
      'setup',
      'msgs/s asked',
      'sent/s',
      'delivered/s',
      'delivered',
      'p50 ms',
      'p99 ms',
      'gateway CPU µs/delivery',
      'API CPU ms/send',
      'all CPU µs/delivery',
    ],
    rows,
    notes: [
      `open loop: messages sent over REST at the asked rate for ${options.stepMs / 1000} s per step, rooms in turn, each by a member`,
      'latency: from the start of the POST to the arrival of message:new at each member socket (every member, sender included)',
      '"delivered" = distinct messages received per socket / expected (sent × room size); "repeats" = the same message again on a socket (at-least-once delivery); delivered/s counts from the first send to the last delivery',
      'CPU: user+system time (/proc/<pid>/stat) over the step — idle work (presence heartbeats, pings) included — of the gateway processes per delivered message, of the API per send, and of both per delivered message',
    ],
  };
}

/** Opens the member sockets on `setup`'s gateways, then runs every rate step; returns one row per step. */
export async function measureFanout(
  setup: FanoutSetup,
  cluster: Pick<BenchCluster, 'api'>,
  options: FanoutBenchmarkOptions,
): Promise<(string | number)[][]> {
  const drivers = await startSocketDrivers(options.drivers);
  try {
    const users = await cluster.api.call('createUsers', { count: options.rooms * options.roomSize });
    const rooms = await createMemberRooms(setup.apiUrl, users, options.roomSize);
    const opened = await drivers.open(
      users.map((user, index) => ({
        gatewayUrl: setup.gatewayUrls[index % setup.gatewayUrls.length]!,
        token: user.token,
      })),
      BENCH_ORIGIN,
      3, // setup, not the measured figure: a socket the busy machine cut off is simply opened again
    );
    if (opened.retried)
      console.warn(`fan-out setup: ${opened.retried} socket opens retried, e.g.`, opened.failureSamples);
    if (opened.failed)
      throw new Error(`${opened.failed} sockets did not connect, e.g. ${opened.failureSamples.join('; ')}`);
    const senders = rooms.map((room) => ({
      roomId: room.id,
      client: clientAs(setup.apiUrl, room.members[0]!),
    }));
    const rows: (string | number)[][] = [];
    for (const rate of options.rates) rows.push(await measureStep(setup, drivers, senders, rate, options));
    return rows;
  } finally {
    await drivers.closeAll().catch(() => undefined);
    await drivers.stop();
  }
}

async function measureStep(
  setup: FanoutSetup,
  drivers: SocketDrivers,
  senders: { roomId: string; client: ReturnType<typeof clientAs> }[],
  rate: number,
  options: FanoutBenchmarkOptions,
): Promise<(string | number)[]> {
  const step = await measureDeliveryStep({
    drivers,
    pids: [...setup.gatewayPids, setup.apiPid],
    ratePerSecond: rate,
    stepMs: options.stepMs,
    drainMs: options.drainMs,
    recipientsPerMessage: options.roomSize,
    send: (index) => {
      const sender = senders[index % senders.length]!;
      return sender.client.call('sendMessage', {
        params: { id: sender.roomId },
        body: { clientId: `f${rate}-${index}`, body: stampedBody() },
      });
    },
  });
  const gatewayCpu = step.cpuSeconds.slice(0, -1).reduce((sum, value) => sum + value, 0);
  const apiCpu = step.cpuSeconds.at(-1)!;
  const perDelivery = (cpu: number) => count((cpu * 1e6) / Math.max(1, step.delivered));
  return [
    setup.label,
    rate,
    count(step.sentPerSecond),
    count(step.deliveredPerSecond),
    deliveredCell(step),
    ms(step.latency.p50),
    ms(step.latency.p99),
    setup.gatewayPids.length ? perDelivery(gatewayCpu) : '— (in the API process)',
    setup.gatewayPids.length ? ms((apiCpu * 1000) / Math.max(1, step.sent)) : '—',
    perDelivery(gatewayCpu + apiCpu),
  ];
}
