import { cpuSeconds, rssBytes } from '../../processes/proc-stats.js';
import { BENCH_ORIGIN } from '../../realtime/gateway-process.js';
import type { SocketTarget } from '../../realtime/socket-driver-rpc.js';
import { sleep } from '../../sleep.js';
import { requireOpenFiles } from '../fd-limit.js';
import type { VersusContext } from '../versus-context.js';
import type { VersusLine } from '../versus-table.js';

interface HeldConnections {
  ready: number;
  connectedAfterHold: number;
  rssKiBPerConnection: number;
  cpuMsPerConnect: number;
  connectsPerSecond: number;
}

/**
 * Row 4: `sockets` idle sockets on ONE server process — LiveChat's gateway (authenticated: token checked,
 * rooms loaded and joined) against one bare Socket.IO server (joins the room its handshake names).
 */
export async function connectionsRow(context: VersusContext): Promise<VersusLine[]> {
  const { sockets, roomSize } = context.options.connections;
  requireOpenFiles(sockets);
  const livechat = await context.livechat();
  const rooms = await livechat.memberRooms(sockets, roomSize);
  const [gateway] = await livechat.startGateways(1);
  const ours = await holdConnections(
    context,
    gateway!.pid,
    rooms
      .flatMap((room) => room.members)
      .slice(0, sockets)
      .map((user) => ({ gatewayUrl: gateway!.url, token: user.token })),
  ).finally(() => gateway!.stop());

  const bare = await context.bare();
  const roomIds = await bare.rooms(Math.ceil(sockets / roomSize));
  const [server] = await bare.startServers(1);
  const theirs = await holdConnections(
    context,
    server!.pid,
    Array.from({ length: sockets }, (_, index) => ({
      gatewayUrl: server!.url,
      token: roomIds[Math.floor(index / roomSize)]!,
    })),
  ).finally(() => server!.stop());

  const row = `4 connections (${sockets.toLocaleString('en-US')} on one process)`;
  return [
    {
      row,
      figure: 'sockets ready',
      livechat: ours.ready,
      baseline: theirs.ready,
      target: { equals: sockets },
    },
    {
      row,
      figure: 'still connected after the hold',
      livechat: ours.connectedAfterHold,
      baseline: theirs.connectedAfterHold,
    },
    {
      row,
      figure: 'RSS KiB/connection',
      livechat: ours.rssKiBPerConnection,
      baseline: theirs.rssKiBPerConnection,
      target: { ratioAtMost: 1 },
    },
    { row, figure: 'RSS KiB/connection (goal)', livechat: ours.rssKiBPerConnection, target: { atMost: 15 } },
    {
      row,
      figure: 'server CPU ms/connect',
      livechat: ours.cpuMsPerConnect,
      baseline: theirs.cpuMsPerConnect,
      target: { ratioAtMost: 2 },
    },
    { row, figure: 'connects/s', livechat: ours.connectsPerSecond, baseline: theirs.connectsPerSecond },
  ];
}

async function holdConnections(
  context: VersusContext,
  pid: number,
  targets: SocketTarget[],
): Promise<HeldConnections> {
  const drivers = await context.drivers(targets.length);
  try {
    await context.settle(`row 4, process ${pid}`); // and the fresh server too, before its baseline
    const [rssBefore, cpuBefore] = [await rssBytes(pid), await cpuSeconds(pid)];
    const started = performance.now();
    const opened = await drivers.open(targets, BENCH_ORIGIN);
    const rampMs = performance.now() - started;
    const cpuConnect = (await cpuSeconds(pid)) - cpuBefore;
    if (opened.failureSamples.length) console.warn('connection failures, e.g.', opened.failureSamples);
    await sleep(context.options.connections.holdMs);
    const held = await drivers.status();
    const rssHeld = await rssBytes(pid);
    return {
      ready: opened.ready,
      connectedAfterHold: held.connected,
      // RSS as an operator sees it (no forced GC), per socket still held.
      rssKiBPerConnection: (rssHeld - rssBefore) / 1024 / Math.max(1, held.connected),
      cpuMsPerConnect: (cpuConnect * 1000) / Math.max(1, opened.ready),
      connectsPerSecond: (opened.ready / rampMs) * 1000,
    };
  } finally {
    await drivers.closeAll().catch(() => undefined);
    await drivers.stop();
  }
}
