import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Server } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';
import { PRESENCE_CHANGES_MAX, roomChannel, type PresenceEvent } from '@livechat/protocol';
import type { GatewayServer } from '../socket-types.js';
import { PresenceBatch } from './presence-batch.js';

/** A real Socket.IO server whose one client sits in the channels of `roomIds`, recording `presence`. */
async function listenerIn(roomIds: string[]) {
  const server = new Server(0, { transports: ['websocket'] }) as unknown as GatewayServer;
  server.on('connection', (socket) => void socket.join(roomIds.map(roomChannel)));
  const { port } = (server as unknown as { httpServer: { address(): AddressInfo } }).httpServer.address();
  const client: Socket = connect(`http://127.0.0.1:${port}`, { transports: ['websocket'], forceNew: true });
  await new Promise<void>((resolve) => client.once('connect', () => resolve()));
  await new Promise((resolve) => setTimeout(resolve, 50)); // the join happens just after connect
  const heard: PresenceEvent[] = [];
  client.on('presence', (event: PresenceEvent) => heard.push(event));
  const close = async () => {
    client.disconnect();
    await server.close();
  };
  return { server, heard, close };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 100));

describe('PresenceBatch', () => {
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await Promise.all(closers.splice(0).map((close) => close()));
  });

  it('sends one event per room per window, the latest state per user winning', async () => {
    const { server, heard, close } = await listenerIn(['a', 'b']);
    closers.push(close);
    const batch = new PresenceBatch(server, { windowMs: 60_000, roomSpacingMs: 0 });
    batch.add('u1', ['a', 'b'], true);
    batch.add('u2', ['a'], true);
    batch.add('u1', ['a', 'b'], false);
    await settle();
    expect(heard).toEqual([]); // still in the window

    batch.flush();
    await settle();
    expect(heard).toEqual([
      {
        roomId: 'a',
        changes: [
          { userId: 'u2', online: true },
          { userId: 'u1', online: false },
        ],
      },
      { roomId: 'b', changes: [{ userId: 'u1', online: false }] },
    ]);
  });

  it('splits a batch past the protocol cap, each user in exactly one event', async () => {
    const { server, heard, close } = await listenerIn(['big']);
    closers.push(close);
    const batch = new PresenceBatch(server, { windowMs: 60_000, roomSpacingMs: 0 });
    const users = Array.from({ length: PRESENCE_CHANGES_MAX + 5 }, (_, i) => `u${i}`);
    for (const user of users) batch.add(user, ['big'], true);
    batch.close();
    await settle();
    expect(heard.map((event) => event.changes.length)).toEqual([PRESENCE_CHANGES_MAX, 5]);
    expect(heard.flatMap((event) => event.changes.map((change) => change.userId))).toEqual(users);

    batch.add('late', ['big'], true); // after close: at once
    await settle();
    expect(heard.at(-1)).toEqual({ roomId: 'big', changes: [{ userId: 'late', online: true }] });
  });

  it('lets a quiet room hear a change within the window, a busy one at most once per spacing', async () => {
    const { server, heard, close } = await listenerIn(['busy', 'quiet']);
    closers.push(close);
    const batch = new PresenceBatch(server, { windowMs: 20, roomSpacingMs: 600 });
    closers.push(async () => batch.close());
    batch.add('u1', ['busy'], true);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(heard).toEqual([{ roomId: 'busy', changes: [{ userId: 'u1', online: true }] }]);

    // Within the spacing: the busy room waits, the quiet one hears at the end of its window.
    batch.add('u2', ['busy', 'quiet'], true);
    batch.add('u3', ['busy'], true);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(heard.slice(1)).toEqual([{ roomId: 'quiet', changes: [{ userId: 'u2', online: true }] }]);

    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(heard.slice(2)).toEqual([
      {
        roomId: 'busy',
        changes: [
          { userId: 'u2', online: true },
          { userId: 'u3', online: true },
        ],
      },
    ]);
  });
});
