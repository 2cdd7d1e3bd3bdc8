import { randomUUID } from 'node:crypto';
import type { Server } from 'socket.io';
import { userChannel } from '@livechat/protocol';
import type { RecordingSocket } from './socket-replica.js';

/** Test-only events the API's Socket.IO server sends to stand-in replicas; never part of the protocol. */
export const FENCE_EVENT = 'test:fence';
export const PROBE_EVENT = 'test:probe';

/**
 * Waits until every socket has received a fence sent through the API's own Socket.IO server after
 * everything before it. The API publishes through one Redis connection, and each replica reads through
 * one, so once a socket has its fence, any earlier event meant for it has arrived: what it has not
 * received by then, it never will. This makes "this socket got nothing" checks exact, without sleeping.
 */
export async function fence(io: Server, sockets: RecordingSocket[]): Promise<void> {
  const nonce = randomUUID();
  for (const userId of new Set(sockets.map((socket) => socket.userId))) {
    io.to(userChannel(userId)).emit(FENCE_EVENT, nonce);
  }
  await Promise.all(sockets.map((socket) => socket.waitFor<string>(FENCE_EVENT, (n) => n === nonce)));
}

/**
 * Resolves once each socket receives probes sent to `room` through the API's server: its replica has
 * joined it to the room and subscribed to the room's Redis channel (dynamic subscriptions are made a
 * moment after the join). Keeps probing until then.
 */
export async function receivingRoom(io: Server, room: string, sockets: RecordingSocket[]): Promise<void> {
  const nonce = randomUUID();
  const timer = setInterval(() => io.to(room).emit(PROBE_EVENT, nonce), 25);
  try {
    await Promise.all(sockets.map((socket) => socket.waitFor<string>(PROBE_EVENT, (n) => n === nonce)));
  } finally {
    clearInterval(timer);
  }
}
