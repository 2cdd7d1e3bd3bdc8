import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { TEST_ORIGIN, type TestUser } from '@livechat/api/testing';
import {
  roomChannel,
  TYPING_FORWARD_INTERVAL_MS,
  userChannel,
  type SendMessageBody,
} from '@livechat/protocol';
import { recordStates, startChatStack, watchStream, type ChatStack } from './support/chat-stack.js';

const within = { timeout: 10_000, interval: 50 };
const urlOf = (input: string | URL | Request) =>
  typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;

describe('ChatClient against the real API and gateway', () => {
  let stack: ChatStack;
  let alice: TestUser;
  let bob: TestUser;

  beforeAll(async () => {
    stack = await startChatStack();
    [alice, bob] = await Promise.all([stack.user(), stack.user()]);
  });
  afterAll(async () => {
    await stack.close();
  });

  /** The gateway's sockets of one user (this test runs one gateway). */
  const socketsOf = (user: TestUser) =>
    [...stack.gateway.app.io.of('/').sockets.values()].filter((socket) => socket.data.userId === user.id);

  const newRoom = (name: string) =>
    stack.rest(alice).call('createRoom', { body: { name, memberIds: [bob.id] } });

  it('shows every message once, in order, edits and deletions applied, across a lost connection', async () => {
    const room = await newRoom('reconnect');
    const sender = stack.client(alice);
    // Bob stays away long enough for everything below to happen while he is disconnected.
    const reader = stack.client(bob, {
      socketOptions: {
        extraHeaders: { origin: TEST_ORIGIN },
        reconnectionDelay: 3000,
        randomizationFactor: 0,
      },
    });
    await Promise.all([sender.connected(), reader.connected()]);
    await reader.openRoom(room.id);
    const violations = watchStream(reader, room.id);
    const states = recordStates(reader);

    const before = await Promise.all(
      Array.from({ length: 10 }, (_, i) => sender.send(room.id, `before ${i}`)),
    );
    await vi.waitFor(() => expect(reader.snapshot(room.id)!.messages).toHaveLength(10), within);

    // The network drops under bob: the WebSocket closes without a goodbye, Socket.IO reconnects by itself.
    for (const socket of socketsOf(bob)) socket.conn.close();
    await vi.waitFor(() => expect(reader.connectionState).toBe('reconnecting'), within);
    const during = await Promise.all(
      Array.from({ length: 10 }, (_, i) => sender.send(room.id, `during ${i}`)),
    );
    await sender.editMessage(room.id, before[2]!.id, 'before 2, edited while bob was away');
    await sender.deleteMessage(room.id, before[5]!.id);
    await sender.deleteMessage(room.id, during[1]!.id);
    await sender.editMessage(room.id, during[7]!.id, 'during 7, edited');
    expect(reader.connectionState).toBe('reconnecting');

    // Nothing is sent after the reconnect: only the catch-up that follows `ready` can bring these.
    const missed = await stack.truth(alice, room.id);
    expect(missed).toHaveLength(20);
    await vi.waitFor(() => expect(reader.snapshot(room.id)!.messages).toEqual(missed), within);

    const after = await sender.send(room.id, 'after');
    const truth = await stack.truth(alice, room.id);
    await vi.waitFor(() => expect(reader.snapshot(room.id)!.messages).toEqual(truth), within);
    expect(reader.snapshot(room.id)!.messages.at(-1)!.id).toBe(after.id);
    expect(states).toEqual(['reconnecting', 'connected']);
    expect(violations).toEqual([]);
  });

  /**
   * A room where bob's client is in sync, then misses one message: his socket leaves the room's channel
   * for the time of that message's event, as if the event were lost on the way.
   */
  async function missOneMessage(name: string) {
    const room = await newRoom(name);
    const sender = stack.client(alice);
    const requests: string[] = [];
    const reader = stack.client(bob, {
      fetch: (input, init) => {
        requests.push(urlOf(input));
        return fetch(input, init);
      },
    });
    await Promise.all([sender.connected(), reader.connected()]);
    await reader.openRoom(room.id);
    const states = recordStates(reader);
    const heardByAlice = new Set<string>();
    sender.onRoomEvent((event) => {
      if (event.name === 'message:new') heardByAlice.add(event.payload.message.id);
    });
    await sender.send(room.id, 'one');
    await vi.waitFor(() => expect(reader.snapshot(room.id)!.messages).toHaveLength(1), within);

    const io = stack.gateway.app.io;
    const inRoom = () => socketsOf(bob).map((socket) => socket.rooms.has(roomChannel(room.id)));
    io.in(userChannel(bob.id)).socketsLeave(roomChannel(room.id));
    await vi.waitFor(() => expect(inRoom()).not.toContain(true));
    const missed = await sender.send(room.id, 'two (missed)');
    // The event goes out just after the answer: once alice (same gateway) has it, bob has missed it.
    await vi.waitFor(() => expect(heardByAlice.has(missed.id)).toBe(true), within);
    io.in(userChannel(bob.id)).socketsJoin(roomChannel(room.id));
    await vi.waitFor(() => expect(inRoom()).not.toContain(false));
    expect(reader.snapshot(room.id)!.messages.map((m) => m.body)).toEqual(['one']);
    const changesRequests = () => requests.filter((url) => url.includes('/changes')).length;
    return { room, sender, reader, states, changesRequests, changesBefore: changesRequests() };
  }

  it('fetches a missed event as soon as the next one reveals the gap', async () => {
    const { room, sender, reader, states, changesRequests, changesBefore } = await missOneMessage('gap');
    await sender.send(room.id, 'three');

    const truth = await stack.truth(alice, room.id);
    await vi.waitFor(() => expect(reader.snapshot(room.id)!.messages).toEqual(truth), within);
    expect(truth.map((m) => m.body)).toEqual(['one', 'two (missed)', 'three']);
    expect(changesRequests()).toBe(changesBefore + 1);
    expect(states).toEqual([]); // caught up over REST without reconnecting
  });

  it("catches up when the gateway says 'resync', with no later event to reveal the gap", async () => {
    const { room, reader, states, changesRequests, changesBefore } = await missOneMessage('resync');
    stack.gateway.app.io.local.emit('resync', { reason: 'test' });

    const truth = await stack.truth(alice, room.id);
    await vi.waitFor(() => expect(reader.snapshot(room.id)!.messages).toEqual(truth), within);
    expect(truth.map((m) => m.body)).toEqual(['one', 'two (missed)']);
    expect(changesRequests()).toBe(changesBefore + 1);
    expect(states).toEqual([]);
  });

  it('retries a send whose answer was lost with the same clientId: stored and shown once', async () => {
    const room = await newRoom('dropped answer');
    const reader = stack.client(bob);
    await reader.connected();
    await reader.openRoom(room.id);
    const violations = watchStream(reader, room.id);
    const posted: SendMessageBody[] = [];
    let dropNext = true;
    const sender = stack.client(alice, {
      createClientId: () => `test-${randomUUID()}`,
      fetch: async (input, init) => {
        const response = await fetch(input, init);
        if (init?.method !== 'POST' || !urlOf(input).endsWith('/messages')) return response;
        posted.push(JSON.parse(init.body as string) as SendMessageBody);
        if (!dropNext) return response;
        dropNext = false;
        await response.text(); // the server stored it; the answer never reaches the client
        throw new TypeError('fetch failed');
      },
    });
    const message = await sender.send(room.id, 'only once');

    expect(posted).toHaveLength(2);
    expect(posted[1]).toEqual(posted[0]);
    expect(message.clientId).toBe(posted[0]!.clientId);
    const truth = await stack.truth(alice, room.id);
    expect(truth.map((m) => [m.id, m.body])).toEqual([[message.id, 'only once']]);
    await vi.waitFor(() => expect(reader.snapshot(room.id)!.messages).toEqual(truth), within);
    expect(violations).toEqual([]);
  });

  it('shows my message as pending until the server confirms it, then once', async () => {
    const room = await newRoom('pending');
    const client = stack.client(alice);
    await client.connected();
    await client.openRoom(room.id);
    const seen: { pending: number; messages: number }[] = [];
    client.onMessages(room.id, (snapshot) =>
      seen.push({ pending: snapshot.pending.length, messages: snapshot.messages.length }),
    );
    const sending = client.send(room.id, 'hello');
    expect(client.snapshot(room.id)!.pending).toMatchObject([{ body: 'hello', state: 'sending' }]);
    await sending;
    await vi.waitFor(() => expect(client.snapshot(room.id)!.messages).toHaveLength(1), within);
    expect(client.snapshot(room.id)!.pending).toEqual([]);
    expect(seen[0]).toEqual({ pending: 1, messages: 0 });
    expect(seen.every((s) => s.pending + s.messages <= 1)).toBe(true);
  });

  it('closes a room I am removed from and tells the app', async () => {
    const room = await newRoom('leaving');
    const reader = stack.client(bob);
    await reader.connected();
    await reader.openRoom(room.id);
    const changes: string[] = [];
    reader.onMessages(room.id, (_snapshot, change) => changes.push(change));
    await stack.rest(alice).call('removeMember', { params: { id: room.id, userId: bob.id } });
    await vi.waitFor(() => expect(changes).toContain('closed'), within);
    expect(reader.snapshot(room.id)).toBeNull();
  });

  it('announces typing again right after a send, which ended the last announcement for the others', async () => {
    const room = await newRoom('typing');
    const [writer, reader] = [stack.client(alice), stack.client(bob)];
    await Promise.all([writer.connected(), reader.connected()]);
    await Promise.all([writer.openRoom(room.id), reader.openRoom(room.id)]);
    const typists: string[] = [];
    reader.onTyping((event) => typists.push(event.userId));
    writer.startTyping(room.id);
    await vi.waitFor(() => expect(typists).toEqual([alice.id]), within);
    // Within the throttle: one announcement per keystroke burst, not per key.
    writer.startTyping(room.id);
    // Half a second of typing later (the gateway's flood guard), still within the client's throttle: sent.
    await new Promise((resolve) => setTimeout(resolve, TYPING_FORWARD_INTERVAL_MS));
    await writer.send(room.id, 'done typing');
    writer.startTyping(room.id);
    await vi.waitFor(() => expect(typists).toEqual([alice.id, alice.id]), within);
  });
});
