import { BENCH_ORIGIN } from '../../realtime/gateway-process.js';
import type { SocketTarget } from '../../realtime/socket-driver-rpc.js';
import { requireOpenFiles } from '../fd-limit.js';
import type { VersusContext } from '../versus-context.js';
import type { VersusLine } from '../versus-table.js';

interface StormOutcome {
  reconnecting: number;
  /** Reconnecting sockets that received `ready` (subscribed to their rooms) within the bound. */
  ready: number;
  /** Failed attempts tried again, and how many of them carried the server's `retryAfterMs`. */
  retried: number;
  hinted: number;
  /** From the reconnect to the last socket ready; NaN unless every one was ready within the bound. */
  allReadyMs: number;
}

/**
 * Row 5: `sockets` sockets over `gateways` replicas; the socket-driver processes holding half of them are
 * killed (a crash: their connections drop without a goodbye) and fresh processes reconnect the same
 * users at once, each retrying as a real client does (the socket drivers use @livechat/client's
 * `reconnectDelayMs`, honouring the gateway's `retryAfterMs`; the bare side gets the same policy), until
 * the bound. A socket counts once it has received `ready`.
 */
export async function stormRow(context: VersusContext): Promise<VersusLine[]> {
  const { sockets, roomSize, gateways: count } = context.options.storm;
  requireOpenFiles(Math.ceil(sockets / count));
  const livechat = await context.livechat();
  const users = (await livechat.memberRooms(sockets, roomSize))
    .flatMap((room) => room.members)
    .slice(0, sockets);
  const gateways = await livechat.startGateways(count);
  const ours = await storm(
    context,
    users.map((user, index) => ({ gatewayUrl: gateways[index % count]!.url, token: user.token })),
  ).finally(() => Promise.all(gateways.map((gateway) => gateway.stop())));

  const bare = await context.bare();
  const roomIds = await bare.rooms(Math.ceil(sockets / roomSize));
  const servers = await bare.startServers(count);
  const theirs = await storm(
    context,
    Array.from({ length: sockets }, (_, index) => ({
      gatewayUrl: servers[index % count]!.url,
      token: roomIds[Math.floor(index / roomSize)]!,
    })),
  ).finally(() => Promise.all(servers.map((server) => server.stop())));

  const row = `5 reconnect storm (${ours.reconnecting.toLocaleString('en-US')} of ${sockets.toLocaleString('en-US')})`;
  return [
    { row, figure: 'ready again', livechat: ours.ready, baseline: theirs.ready },
    {
      row,
      figure: 'left out',
      livechat: ours.reconnecting - ours.ready,
      baseline: theirs.reconnecting - theirs.ready,
      target: { equals: 0 },
    },
    {
      row,
      figure: 'time until all ready s',
      livechat: ours.allReadyMs / 1000,
      baseline: theirs.allReadyMs / 1000,
      target: { ratioAtMost: 2 },
    },
    { row, figure: 'attempts retried', livechat: ours.retried, baseline: theirs.retried },
    { row, figure: 'refusals with retryAfterMs', livechat: ours.hinted, baseline: theirs.hinted },
  ];
}

async function storm(context: VersusContext, targets: SocketTarget[]): Promise<StormOutcome> {
  const half = Math.floor(targets.length / 2);
  const [staying, crashing] = [targets.slice(0, half), targets.slice(half)];
  const stayers = await context.drivers(staying.length);
  const crashers = await context.drivers(crashing.length);
  const reconnectors = await context.drivers(crashing.length); // started now, so the reconnect is not delayed by forks
  try {
    for (const [drivers, group] of [
      [stayers, staying],
      [crashers, crashing],
    ] as const) {
      // Setup, not the figure: sockets a busy server turned away try again with backoff, as clients do.
      const opened = await drivers.open(group, BENCH_ORIGIN, 1, {
        retryUntil: Date.now() + context.options.storm.boundMs,
      });
      if (opened.failed)
        throw new Error(
          `storm setup: ${opened.failed} sockets did not connect, e.g. ${opened.failureSamples.join('; ')}`,
        );
    }
    await context.settle('row 5, before the storm');
    await crashers.kill();
    const started = performance.now();
    const reopened = await reconnectors.open(crashing, BENCH_ORIGIN, 1, {
      // At once: every socket of a process starts its handshake immediately.
      concurrency: crashing.length,
      retryUntil: Date.now() + context.options.storm.boundMs,
    });
    const elapsedMs = performance.now() - started;
    if (reopened.failed) console.warn('storm: sockets left out, e.g.', reopened.failureSamples);
    return {
      reconnecting: crashing.length,
      ready: reopened.ready,
      retried: reopened.retried,
      hinted: reopened.hinted,
      allReadyMs: reopened.ready === crashing.length ? elapsedMs : Number.NaN,
    };
  } finally {
    for (const drivers of [stayers, reconnectors]) {
      await drivers.closeAll().catch(() => undefined);
      await drivers.stop();
    }
  }
}
