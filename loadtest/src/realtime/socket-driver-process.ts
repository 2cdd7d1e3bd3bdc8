// Child process: holds many Socket.IO client connections (socket.io-client, one WebSocket each) for the
// realtime benchmarks and records when benchmark messages arrive.
import { reconnectDelayMs } from '@livechat/client';
import { PROTOCOL_VERSION, type HandshakeRefusal, type ServerToClientEvents } from '@livechat/protocol';
import { io, type Socket } from 'socket.io-client';
import { notifyParent, serveRpc } from '../ipc/ipc-rpc.js';
import { mapBounded } from '../map-bounded.js';
import { sleep } from '../sleep.js';
import { epochNow, sentAtOf } from './send-stamp.js';
import type { Deliveries, SocketDriverMethods, SocketTarget } from './socket-driver-rpc.js';

const READY_TIMEOUT_MS = 60_000;
const sockets: Socket<ServerToClientEvents>[] = [];
const emptyDeliveries = (): Deliveries => ({ count: 0, duplicates: 0, latencies: [], lastAt: 0 });
let deliveries = emptyDeliveries();
let dropped = 0;

/** A failed attempt, with the server's hint of when to come back, if it gave one. */
class AttemptFailed extends Error {
  constructor(
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

/**
 * Connects one socket and resolves when the gateway says it is subscribed (`ready`); rejects with an
 * {@link AttemptFailed} carrying the `retryAfterMs` of a refused handshake or a `connection:closing`.
 */
function openOne(target: SocketTarget, origin: string, readyTimeoutMs = READY_TIMEOUT_MS): Promise<number> {
  const started = epochNow();
  const socket: Socket<ServerToClientEvents> = io(target.gatewayUrl, {
    transports: ['websocket'],
    auth: { token: target.token, protocolVersion: PROTOCOL_VERSION },
    extraHeaders: { origin },
    forceNew: true, // one WebSocket per socket, as each browser tab has
    reconnection: false,
  });
  sockets.push(socket);
  const seen = new Set<string>();
  socket.on('message:new', ({ message }) => {
    const sentAt = sentAtOf(message.body);
    if (sentAt === null) return;
    if (seen.has(message.id)) return void deliveries.duplicates++;
    seen.add(message.id);
    const now = epochNow();
    deliveries.count++;
    deliveries.latencies.push(now - sentAt);
    deliveries.lastAt = now;
  });
  return new Promise((resolve, reject) => {
    let outcome: 'pending' | 'ready' | 'failed' = 'pending';
    let closing = '';
    let closingRetryAfterMs: number | undefined;
    const settle = (failure: string | null, retryAfterMs?: number) => {
      if (outcome !== 'pending') return;
      clearTimeout(timer);
      if (failure === null) {
        outcome = 'ready';
        return resolve(epochNow() - started);
      }
      outcome = 'failed';
      sockets.splice(sockets.indexOf(socket), 1);
      socket.disconnect();
      reject(new AttemptFailed(failure, retryAfterMs));
    };
    const timer = setTimeout(
      () => settle(`no ready event within ${Math.round(readyTimeoutMs / 1000)} s`),
      readyTimeoutMs,
    );
    socket.on('connection:closing', ({ code, message, retryAfterMs }) => {
      closing = ` (${code}: ${message})`;
      closingRetryAfterMs = retryAfterMs;
    });
    socket.once('ready', () => settle(null));
    socket.once('connect_error', (error: Error & { data?: Partial<HandshakeRefusal> }) =>
      settle(
        `connect_error ${error.message} ${JSON.stringify(error.data ?? null)}`,
        error.data?.retryAfterMs,
      ),
    );
    socket.on('disconnect', (reason) => {
      if (outcome === 'ready') dropped++;
      else settle(`disconnected before ready: ${reason}${closing}`, closingRetryAfterMs);
    });
  });
}

const methods: SocketDriverMethods = {
  async open({ targets, origin, concurrency, attempts, retryUntil }) {
    const readyMs: number[] = [];
    const failureSamples: string[] = [];
    let failed = 0;
    let retried = 0;
    let hinted = 0;
    await mapBounded(targets, concurrency, async (target) => {
      const started = epochNow();
      for (let attempt = 1; ; attempt++) {
        const timeLeft = retryUntil === undefined ? READY_TIMEOUT_MS : retryUntil - epochNow();
        try {
          await openOne(target, origin, Math.max(1, Math.min(READY_TIMEOUT_MS, timeLeft)));
          // From the first attempt: what a user waits for, backoff included.
          return void readyMs.push(epochNow() - started);
        } catch (error) {
          if (failureSamples.length < 5) failureSamples.push((error as Error).message);
          const hint = error instanceof AttemptFailed ? error.retryAfterMs : undefined;
          if (hint !== undefined) hinted++;
          // The real client's policy (full-jitter exponential backoff, never sooner than the server's
          // hint): the first retry is `attempt` 0 there, as the first handshake is no retry.
          const backoff = reconnectDelayMs(attempt - 1, hint);
          const more = retryUntil === undefined ? attempt < attempts : epochNow() + backoff < retryUntil;
          if (!more) return void failed++;
          retried++;
          await sleep(backoff);
        }
      }
    });
    return { ready: readyMs.length, failed, retried, hinted, failureSamples, readyMs };
  },
  async takeDeliveries() {
    const taken = deliveries;
    deliveries = emptyDeliveries();
    return taken;
  },
  async status() {
    return { connected: sockets.filter((socket) => socket.connected).length, dropped };
  },
  async closeAll() {
    for (const socket of sockets.splice(0)) {
      socket.off('disconnect');
      socket.disconnect();
    }
  },
};

process.on('disconnect', () => process.exit(0)); // the parent is gone: nobody to report to
serveRpc(methods);
notifyParent('ready', null);
