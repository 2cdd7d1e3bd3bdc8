import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClient } from 'redis';
import { Server } from 'socket.io';
import { io as connectClient, type Socket as ClientSocket } from 'socket.io-client';
import { roomShardedAdapter } from '@livechat/server-kit';
import { userChannel } from '@livechat/protocol';

/**
 * A stand-in gateway replica for event-delivery tests: a plain Socket.IO server on port 0 with the same
 * sharded Redis adapter (dynamic subscriptions) the gateways use. It trusts the handshake's `userId` (no
 * tokens here: what is under test is the API's fan-out, not authentication) and joins the socket to that
 * user's channel, plus any rooms the handshake names.
 */
export interface SocketReplica {
  io: Server;
  url: string;
  /** Opens a client socket for `userId`; resolves once connected. */
  connect(userId: string, rooms?: string[]): Promise<RecordingSocket>;
  /** Whether any socket of this replica is in the Socket.IO room. */
  holds(room: string): boolean;
  close(): Promise<void>;
}

export interface RecordedEvent {
  event: string;
  payload: unknown;
}

/** A client socket that records every event it receives, for assertions on exactly what arrived. */
export interface RecordingSocket {
  socket: ClientSocket;
  userId: string;
  received: RecordedEvent[];
  /** Events of one name received so far. */
  events<T = unknown>(event: string): T[];
  /** Resolves with the first (already or newly) received event of that name matching `match`. */
  waitFor<T = unknown>(event: string, match?: (payload: T) => boolean, timeoutMs?: number): Promise<T>;
}

export async function startSocketReplica(redisUrl: string, redisPrefix: string): Promise<SocketReplica> {
  const pub = createClient({ url: redisUrl });
  const sub = pub.duplicate();
  // A replica outlives Redis outages in some tests: its clients reconnect on their own.
  pub.on('error', () => undefined);
  sub.on('error', () => undefined);
  await Promise.all([pub.connect(), sub.connect()]);
  const http = createServer();
  const io = new Server(http, {
    transports: ['websocket'],
    adapter: roomShardedAdapter(pub, sub, redisPrefix),
  });
  io.on('connection', (socket) => {
    const { userId, rooms } = socket.handshake.auth as { userId: string; rooms?: string[] };
    void socket.join([userChannel(userId), ...(rooms ?? [])]);
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const clients: ClientSocket[] = [];

  return {
    io,
    url,
    async connect(userId, rooms = []) {
      const socket = connectClient(url, {
        transports: ['websocket'],
        auth: { userId, rooms },
        forceNew: true,
        reconnection: false,
      });
      clients.push(socket);
      const recorder = recordEvents(socket, userId);
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', resolve);
        socket.once('connect_error', reject);
      });
      return recorder;
    },
    holds: (room) => (io.of('/').adapter.rooms.get(room)?.size ?? 0) > 0,
    async close() {
      for (const client of clients) client.disconnect();
      await io.close();
      await Promise.all([pub.close(), sub.close()].map((closing) => closing.catch(() => undefined)));
    },
  };
}

function recordEvents(socket: ClientSocket, userId: string): RecordingSocket {
  const received: RecordedEvent[] = [];
  const waiters = new Set<(entry: RecordedEvent) => void>();
  socket.onAny((event: string, payload: unknown) => {
    const entry = { event, payload };
    received.push(entry);
    for (const waiter of waiters) waiter(entry);
  });
  return {
    socket,
    userId,
    received,
    events: <T>(event: string) =>
      received.filter((entry) => entry.event === event).map((e) => e.payload as T),
    waitFor<T>(event: string, match: (payload: T) => boolean = () => true, timeoutMs = 10_000) {
      const accept = (entry: RecordedEvent) => entry.event === event && match(entry.payload as T);
      const already = received.find(accept);
      if (already) return Promise.resolve(already.payload as T);
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`user ${userId}: no ${event} within ${timeoutMs} ms`));
        }, timeoutMs);
        const waiter = (entry: RecordedEvent) => {
          if (!accept(entry)) return;
          clearTimeout(timer);
          waiters.delete(waiter);
          resolve(entry.payload as T);
        };
        waiters.add(waiter);
      });
    },
  };
}
