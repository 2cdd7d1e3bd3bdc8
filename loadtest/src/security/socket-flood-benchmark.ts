import { randomUUID } from 'node:crypto';
import { clientAs, createRooms } from '../api/create-rooms.js';
import { onNotice, rpcClient } from '../ipc/ipc-rpc.js';
import { runOpenLoop } from '../open-loop.js';
import { forkUntilReady, stopChild } from '../processes/typescript-child.js';
import { startBenchCluster } from '../realtime/bench-cluster.js';
import { BENCH_ORIGIN } from '../realtime/gateway-process.js';
import { epochNow, sentAtOf, stampedBody } from '../realtime/send-stamp.js';
import { count, ms, type FigureTable } from '../report/figure-table.js';
import { quantile } from '../stats/latency-summary.js';
import { sleep } from '../sleep.js';
import { openBenchSocket } from './bench-socket.js';
import type { FloodStats, SocketFloodMethods } from './socket-flood-rpc.js';

export interface SocketFloodOptions {
  /** Length of each measured phase (without flood, then during it). */
  measureMs: number;
  /** The honest sender's messages per second. */
  sendsPerSecond: number;
  /** Sockets the attacker tries to hold: past the gateway's SOCKETS_PER_USER (20). */
  attackerSockets: number;
  /** Upper bound of the attacker's events, whatever the time. */
  maxFloodEvents: number;
  /** After the last send of a phase, wait this long for its deliveries. */
  drainMs: number;
}

export const SOCKET_FLOOD_DEFAULTS: SocketFloodOptions = {
  measureMs: 10_000,
  sendsPerSecond: 10,
  attackerSockets: 25,
  maxFloodEvents: 5_000_000,
  drainMs: 3_000,
};

/**
 * Issue 9: an honest user's send→deliver latency with and without a flood. Two honest users and an
 * attacker share a room on one gateway with its deployed quotas (sockets per user, one event budget per
 * user); the honest sender posts over REST at a fixed rate, the honest receiver's socket times each
 * `message:new`; the attacker, in its own process, opens sockets up to and past its quota and emits
 * typing and presence events from all of them as fast as they are taken.
 */
export async function runSocketFloodBenchmark(options: SocketFloodOptions): Promise<FigureTable[]> {
  const cluster = await startBenchCluster(1, { deployedLimits: true });
  const { child } = await forkUntilReady(new URL('./socket-flood-process.ts', import.meta.url).pathname);
  const attacker = rpcClient<SocketFloodMethods>(child);
  try {
    const gatewayUrl = cluster.gateways[0]!.url;
    const [sender, receiver, villain] = await cluster.api.call('createUsers', { count: 3 });
    const [roomId] = await createRooms(cluster.api.url, [{ owner: sender!, members: [receiver!, villain!] }]);
    const inbox = openBenchSocket(gatewayUrl, receiver!.token, BENCH_ORIGIN);
    const opened = await inbox.outcome;
    if (opened.kind !== 'ready') throw new Error(`the honest receiver's socket was refused: ${opened.code}`);
    const latencies: number[] = [];
    inbox.socket.on('message:new', ({ message }) => {
      const sentAt = sentAtOf(message.body);
      if (sentAt !== null) latencies.push(epochNow() - sentAt);
    });
    const client = clientAs(cluster.api.url, sender!);
    const measure = async () => {
      latencies.length = 0;
      const sent = await runOpenLoop(
        { ratePerSecond: options.sendsPerSecond, durationMs: options.measureMs, maxOutstanding: 100 },
        () =>
          client.call('sendMessage', {
            params: { id: roomId! },
            body: { clientId: randomUUID(), body: stampedBody() },
          }),
      );
      await sleep(options.drainMs);
      return { sent: sent.completed, failed: sent.failures, latencies: [...latencies] };
    };

    const quiet = await measure();
    const flooding = onNotice<{ admitted: number }>(child, 'flooding');
    const flood = attacker.call('flood', {
      gatewayUrl,
      origin: BENCH_ORIGIN,
      token: villain!.token,
      sockets: options.attackerSockets,
      roomId: roomId!,
      userIds: [sender!.id, receiver!.id],
      durationMs: options.measureMs + options.drainMs + 30_000,
      maxEvents: options.maxFloodEvents,
    });
    await Promise.race([
      flooding,
      flood.then(() => Promise.reject(new Error('the flood ended before its sockets were open'))),
    ]);
    const loud = await measure();
    await attacker.call('stop', {});
    const stats = await flood;
    inbox.socket.disconnect();
    return [floodTable(quiet, loud, stats, options)];
  } finally {
    await stopChild(child);
    await cluster.stop();
  }
}

type Phase = { sent: number; failed: number; latencies: number[] };

function floodTable(quiet: Phase, loud: Phase, stats: FloodStats, options: SocketFloodOptions): FigureTable {
  const row = (label: string, phase: Phase) => {
    const sorted = [...phase.latencies].sort((a, b) => a - b);
    return [
      label,
      count(phase.sent),
      count(phase.failed),
      count(sorted.length),
      ms(quantile(sorted, 0.5)),
      ms(quantile(sorted, 0.95)),
      ms(quantile(sorted, 0.99)),
      ms(sorted.at(-1) ?? Number.NaN),
    ];
  };
  const refused = Object.entries(stats.refused)
    .map(([code, times]) => `${code} ×${times}`)
    .join(', ');
  return {
    title: `Honest send→deliver during a socket flood (${options.sendsPerSecond} msgs/s, ${options.measureMs / 1000} s per phase)`,
    columns: ['phase', 'sent', 'send failed', 'delivered', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms'],
    rows: [row('no flood', quiet), row('during the flood', loud)],
    notes: [
      'one gateway with its deployed quotas (SOCKETS_PER_USER, SOCKET_EVENTS_PER_10S, presence query costing 5); the per-address cap is lifted, since every client here is 127.0.0.1',
      'latency: from the start of the honest POST to message:new at the honest receiver’s socket',
      `attacker (own process, loopback only): tried ${options.attackerSockets} sockets at once; ${count(stats.admitted)} handshakes admitted, refused: ${refused || 'none'}; ${count(stats.emitted)} events emitted, ${count(stats.acknowledged)} taken, ${count(stats.refusedEvents)} refused; ${count(stats.cutOff)} sockets cut off by the gateway (each reopened while the flood lasted)`,
    ],
  };
}
