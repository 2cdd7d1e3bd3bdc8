// Child process: the attacker of the socket-flood benchmark. Opens sockets for one user up to and past the
// gateway's quota and emits client events from all of them as fast as the gateway takes them, bounded in
// count and time, against 127.0.0.1 only. Kept out of the measuring process so its work skews nothing there.
import { notifyParent, serveRpc } from '../ipc/ipc-rpc.js';
import { sleep } from '../sleep.js';
import { openBenchSocket, type BenchSocket } from './bench-socket.js';
import type { FloodPlan, FloodStats, SocketFloodMethods } from './socket-flood-rpc.js';

/** Events in flight per socket: enough to keep the gateway busy, bounded so our memory is too. */
const IN_FLIGHT_PER_SOCKET = 64;
/** Wait before reopening a socket the gateway closed (an attacker reconnects, but not in a hot loop). */
const REOPEN_DELAY_MS = 50;

let stopped = false;

async function flood(plan: FloodPlan): Promise<FloodStats> {
  stopped = false;
  const stats: FloodStats = {
    admitted: 0,
    refused: {},
    emitted: 0,
    acknowledged: 0,
    refusedEvents: 0,
    cutOff: 0,
  };
  const deadline = Date.now() + plan.durationMs;
  const going = () => !stopped && Date.now() < deadline && stats.emitted < plan.maxEvents;

  /** Opens a socket; null when refused (counted). */
  const open = async (): Promise<BenchSocket | null> => {
    const { socket, outcome } = openBenchSocket(plan.gatewayUrl, plan.token, plan.origin);
    const result = await outcome;
    if (result.kind === 'ready') return (stats.admitted++, socket);
    stats.refused[result.code] = (stats.refused[result.code] ?? 0) + 1;
    socket.disconnect();
    return null;
  };

  /** Emits from one socket until it is closed or the flood ends; alternates the cheap and the dear event. */
  const emitFrom = async (socket: BenchSocket) => {
    let inFlight = 0;
    let turn = 0;
    while (going() && socket.connected) {
      if (inFlight >= IN_FLIGHT_PER_SOCKET) {
        await sleep(1);
        continue;
      }
      inFlight++;
      stats.emitted++;
      const settled = (ack: { ok: boolean }) => {
        inFlight--;
        if (ack.ok) stats.acknowledged++;
        else stats.refusedEvents++;
      };
      if (turn++ % 2) socket.emit('presence:query', { userIds: plan.userIds }, settled);
      else socket.emit('typing:start', { roomId: plan.roomId }, settled);
      if (turn % 16 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    if (socket.connected) socket.disconnect();
    else stats.cutOff++;
  };

  /** One seat of the attacker: holds a socket, reopening it while the flood goes on. */
  const seat = async (opened: BenchSocket | null) => {
    let socket = opened;
    while (going()) {
      if (socket) await emitFrom(socket);
      if (!going()) break;
      await sleep(REOPEN_DELAY_MS);
      socket = await open();
    }
    socket?.disconnect();
  };

  const first = await Promise.all(Array.from({ length: plan.sockets }, open));
  notifyParent('flooding', { admitted: stats.admitted });
  await Promise.all(first.map(seat));
  return stats;
}

const methods: SocketFloodMethods = {
  flood,
  stop: async () => void (stopped = true),
};
serveRpc(methods);
process.on('disconnect', () => process.exit(0));
notifyParent('ready', {});
