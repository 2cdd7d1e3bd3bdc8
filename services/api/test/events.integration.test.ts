import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  roomChannel,
  type MemberAddedEvent,
  type MemberRemovedEvent,
  type MessageNewEvent,
  type ReadUpdatedEvent,
  type RoomCreatedEvent,
  type RoomDeletedEvent,
  type RoomRenamedEvent,
  type RoomSummary,
} from '@livechat/protocol';
import { emit } from '../src/events/outbox-operation.js';
import { fence, receivingRoom } from './support/event-fences.js';
import { buildMessage, buildRoom, buildUser, type TestUser } from './support/factories.js';
import { callRoute, requestRoute } from './support/route-request.js';
import { startSocketReplica, type RecordingSocket, type SocketReplica } from './support/socket-replica.js';
import { startTestApi, TEST_REDIS_URL, type TestApi } from './support/test-api.js';

/**
 * Every change the API makes reaches exactly the right sockets on two stand-in gateway replicas that
 * share Redis with it through the sharded adapter: members on both replicas, never anyone else.
 */
describe('event delivery across replicas', () => {
  let api: TestApi;
  let replicaA: SocketReplica;
  let replicaB: SocketReplica;
  let alice: TestUser;
  let bob: TestUser;
  let carol: TestUser;
  let dave: TestUser;
  // Alice has two devices, one per replica; Dave (in no room here) is on both replicas too.
  let aliceA: RecordingSocket;
  let aliceB: RecordingSocket;
  let bobB: RecordingSocket;
  let carolA: RecordingSocket;
  let daveA: RecordingSocket;
  let daveB: RecordingSocket;
  let everyone: RecordingSocket[];

  beforeAll(async () => {
    api = await startTestApi({ redis: true });
    [replicaA, replicaB] = await Promise.all([
      startSocketReplica(TEST_REDIS_URL, api.config.REDIS_PREFIX),
      startSocketReplica(TEST_REDIS_URL, api.config.REDIS_PREFIX),
    ]);
    [alice, bob, carol, dave] = await Promise.all([
      buildUser(api.app, { displayName: 'Alice' }),
      buildUser(api.app, { displayName: 'Bob' }),
      buildUser(api.app, { displayName: 'Carol' }),
      buildUser(api.app, { displayName: 'Dave' }),
    ]);
    [aliceA, aliceB, bobB, carolA, daveA, daveB] = await Promise.all([
      replicaA.connect(alice.id),
      replicaB.connect(alice.id),
      replicaB.connect(bob.id),
      replicaA.connect(carol.id),
      replicaA.connect(dave.id),
      replicaB.connect(dave.id),
    ]);
    everyone = [aliceA, aliceB, bobB, carolA, daveA, daveB];
    // Both replicas are subscribed to the users' channels before anything happens.
    await fence(api.deps.io, everyone);
  });
  afterAll(async () => {
    await replicaA?.close();
    await replicaB?.close();
    await api?.close();
  });

  /**
   * Waits for `event` (matching `match`) on each of `to`, then fences: each of `to` got it exactly once,
   * every other socket (except those in `ignore`) never.
   */
  async function expectDelivered<T>(
    event: string,
    match: (payload: T) => boolean,
    to: RecordingSocket[],
    ignore: RecordingSocket[] = [],
  ): Promise<T[]> {
    const payloads = await Promise.all(to.map((socket) => socket.waitFor<T>(event, match)));
    await fence(api.deps.io, everyone);
    for (const socket of everyone) {
      if (ignore.includes(socket)) continue;
      const name = `${event} to ${socket.userId}`;
      expect(socket.events<T>(event).filter(match), name).toHaveLength(to.includes(socket) ? 1 : 0);
    }
    return payloads;
  }

  const inRoom = (roomId: string) => (payload: { roomId: string }) => payload.roomId === roomId;
  const socketIn = (replica: SocketReplica, socket: RecordingSocket, roomId: string) =>
    replica.io.of('/').adapter.rooms.get(roomChannel(roomId))?.has(socket.socket.id!) ?? false;

  async function roomOfAliceAndBob(): Promise<RoomSummary> {
    const room = await buildRoom(api.app, alice, [bob]);
    await receivingRoom(api.deps.io, roomChannel(room.id), [aliceA, aliceB, bobB]);
    return room;
  }

  it('room:created reaches each initial member, with their own view, and joins their sockets', async () => {
    const room = await buildRoom(api.app, alice, [bob]);
    const created = (payload: RoomCreatedEvent) => payload.room.id === room.id;
    const [forAliceA, forAliceB, forBob] = await expectDelivered('room:created', created, [
      aliceA,
      aliceB,
      bobB,
    ]);
    expect(forAliceA!.room).toEqual(room);
    expect(forAliceB!.room.myRole).toBe('owner');
    expect(forBob!.room).toMatchObject({ id: room.id, myRole: 'member', memberCount: 2, unreadCount: 0 });
    // The join was applied before room:created went out: the sockets are in the room already.
    expect(socketIn(replicaA, aliceA, room.id)).toBe(true);
    expect(socketIn(replicaB, aliceB, room.id)).toBe(true);
    expect(socketIn(replicaB, bobB, room.id)).toBe(true);
    expect(socketIn(replicaA, daveA, room.id) || socketIn(replicaB, daveB, room.id)).toBe(false);
  });

  it('message:new, message:edited and message:deleted reach the members on both replicas only', async () => {
    const room = await roomOfAliceAndBob();
    const message = await buildMessage(api.app, bob, room.id, 'hello');
    const isIt = (payload: MessageNewEvent) => payload.message.id === message.id;
    const [created] = await expectDelivered('message:new', isIt, [aliceA, aliceB, bobB]);
    expect(created).toEqual({ roomId: room.id, lastSeq: 1, revision: 1, message });

    const edited = await callRoute(api.app, bob, 'editMessage', {
      params: { id: room.id, messageId: message.id },
      body: { body: 'hello, edited' },
    });
    const [editEvent] = await expectDelivered('message:edited', isIt, [aliceA, aliceB, bobB]);
    expect(editEvent).toEqual({ roomId: room.id, lastSeq: 1, revision: 2, message: edited });

    const tombstone = await callRoute(api.app, bob, 'deleteMessage', {
      params: { id: room.id, messageId: message.id },
    });
    const [deleteEvent] = await expectDelivered('message:deleted', isIt, [aliceA, aliceB, bobB]);
    // The only message is gone: the room has no preview left.
    expect(deleteEvent).toEqual({
      roomId: room.id,
      lastSeq: 1,
      revision: 3,
      message: tombstone,
      lastMessage: null,
    });
    expect(tombstone.body).toBe('');
  });

  it('room:renamed reaches the members', async () => {
    const room = await roomOfAliceAndBob();
    await buildMessage(api.app, alice, room.id);
    await callRoute(api.app, alice, 'renameRoom', { params: { id: room.id }, body: { name: 'Renamed' } });
    const [renamed] = await expectDelivered('room:renamed', inRoom(room.id), [aliceA, aliceB, bobB]);
    expect(renamed).toEqual<RoomRenamedEvent>({ roomId: room.id, lastSeq: 1, revision: 1, name: 'Renamed' });
  });

  it('read:updated reaches every device of the reader, and nobody else', async () => {
    const room = await roomOfAliceAndBob();
    await buildMessage(api.app, bob, room.id);
    await buildMessage(api.app, bob, room.id);
    await callRoute(api.app, alice, 'markRead', { params: { id: room.id }, body: { seq: 1 } });
    const [update] = await expectDelivered('read:updated', inRoom(room.id), [aliceA, aliceB]);
    expect(update).toEqual<ReadUpdatedEvent>({ roomId: room.id, lastReadSeq: 1, unreadCount: 1 });
    // A marker that does not move publishes nothing.
    await callRoute(api.app, alice, 'markRead', { params: { id: room.id }, body: { seq: 1 } });
    await expectDelivered('read:updated', inRoom(room.id), [aliceA, aliceB]);
  });

  it('subscribes each replica to chat rooms only: user channels ride the main channel', async () => {
    const room = await buildRoom(api.app, alice, [bob]);
    const created = (payload: RoomCreatedEvent) => payload.room.id === room.id;
    // room:created travels on the users' channels; receiving it proves they need no subscription.
    await expectDelivered('room:created', created, [aliceA, aliceB, bobB]);
    const redis = createClient({ url: TEST_REDIS_URL });
    await redis.connect();
    try {
      const channels = await redis.sendCommand<string[]>([
        'PUBSUB',
        'SHARDCHANNELS',
        `${api.config.REDIS_PREFIX}#sio#*`,
      ]);
      // The room the sockets joined has its channel; no user has one (a SSUBSCRIBE per connect).
      expect(channels).toContain(`${api.config.REDIS_PREFIX}#sio#/#${roomChannel(room.id)}#`);
      expect(channels.filter((channel) => /#(user|session):/.test(channel))).toEqual([]);
    } finally {
      await redis.close();
    }
  });

  it('member:added reaches the room; the newcomer hears room:created and then the room’s messages', async () => {
    // Carol's room lives on replica A only; Bob joins from replica B, which has to subscribe to it.
    const room = await buildRoom(api.app, carol, [alice]);
    await receivingRoom(api.deps.io, roomChannel(room.id), [carolA, aliceA, aliceB]);
    expect(replicaB.holds(roomChannel(room.id))).toBe(true); // Alice's second device
    await callRoute(api.app, carol, 'addMembers', { params: { id: room.id }, body: { userIds: [bob.id] } });
    const [added] = await expectDelivered<MemberAddedEvent>(
      'member:added',
      inRoom(room.id),
      [carolA, aliceA, aliceB],
      [bobB],
    );
    expect(added).toMatchObject({
      roomId: room.id,
      lastSeq: 0,
      member: { user: { id: bob.id, displayName: 'Bob' }, role: 'member' },
    });
    const [welcome] = await expectDelivered(
      'room:created',
      (payload: RoomCreatedEvent) => payload.room.id === room.id,
      [bobB],
      [carolA, aliceA, aliceB],
    );
    expect(welcome!.room).toMatchObject({ myRole: 'member', memberCount: 3, lastReadSeq: 0 });
    expect(socketIn(replicaB, bobB, room.id)).toBe(true);
    const message = await buildMessage(api.app, carol, room.id, 'welcome, Bob');
    await expectDelivered('message:new', (payload: MessageNewEvent) => payload.message.id === message.id, [
      carolA,
      aliceA,
      aliceB,
      bobB,
    ]);
  });

  it('member:removed reaches the room and the removed member, who then hears no more', async () => {
    const room = await buildRoom(api.app, alice, [bob, carol]);
    await receivingRoom(api.deps.io, roomChannel(room.id), [aliceA, aliceB, bobB, carolA]);
    await requestRoute(api.app, alice, 'removeMember', { params: { id: room.id, userId: bob.id } });
    const [removed] = await expectDelivered('member:removed', inRoom(room.id), [
      aliceA,
      aliceB,
      bobB,
      carolA,
    ]);
    expect(removed).toEqual<MemberRemovedEvent>({
      roomId: room.id,
      lastSeq: 0,
      revision: 0,
      userId: bob.id,
      reason: 'removed',
    });
    expect(socketIn(replicaB, bobB, room.id)).toBe(false);
    const afterRemoval = await buildMessage(api.app, alice, room.id, 'bob is gone');
    await expectDelivered(
      'message:new',
      (payload: MessageNewEvent) => payload.message.id === afterRemoval.id,
      [aliceA, aliceB, carolA],
    );

    await requestRoute(api.app, carol, 'removeMember', { params: { id: room.id, userId: carol.id } });
    const left = (payload: MemberRemovedEvent) => payload.roomId === room.id && payload.reason === 'left';
    const [leaving] = await expectDelivered('member:removed', left, [aliceA, aliceB, carolA]);
    expect(leaving).toMatchObject({ userId: carol.id, lastSeq: 1 });
    const afterLeaving = await buildMessage(api.app, alice, room.id, 'carol left');
    await expectDelivered(
      'message:new',
      (payload: MessageNewEvent) => payload.message.id === afterLeaving.id,
      [aliceA, aliceB],
    );
  });

  it('room:deleted reaches the members, then every socket leaves the room', async () => {
    const room = await roomOfAliceAndBob();
    await callRoute(api.app, alice, 'deleteRoom', { params: { id: room.id } });
    await expectDelivered('room:deleted', (payload: RoomDeletedEvent) => payload.roomId === room.id, [
      aliceA,
      aliceB,
      bobB,
    ]);
    expect(replicaA.holds(roomChannel(room.id))).toBe(false);
    expect(replicaB.holds(roomChannel(room.id))).toBe(false);
  });

  it('a change that rolls back publishes nothing', async () => {
    const room = await roomOfAliceAndBob();
    const elsewhere = await buildRoom(api.app, bob);
    const foreign = await buildMessage(api.app, bob, elsewhere.id);
    // A send that fails inside its transaction (after taking a seq): nothing is sent, the seq is free.
    const failed = await requestRoute(api.app, alice, 'sendMessage', {
      params: { id: room.id },
      body: { clientId: 'rolled-back', body: 'never', replyTo: foreign.id },
    });
    expect(failed.statusCode).toBe(400);
    // A transaction that records an event and then throws.
    const ghost = emit([roomChannel(room.id)], 'room:renamed', {
      roomId: room.id,
      lastSeq: 0,
      revision: 0,
      name: 'ghost',
    });
    await expect(
      api.app.transact(async (_trx, outbox) => {
        await outbox.record(ghost);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    await fence(api.deps.io, everyone);
    for (const socket of everyone) {
      expect(socket.events<MessageNewEvent>('message:new').filter(inRoom(room.id))).toEqual([]);
      expect(socket.events<RoomRenamedEvent>('room:renamed').filter((e) => e.name === 'ghost')).toEqual([]);
    }
    // The control: the same operation committed does arrive, and the failed send used no seq.
    await api.app.transact((_trx, outbox) => outbox.record(ghost));
    await expectDelivered('room:renamed', (e: RoomRenamedEvent) => e.name === 'ghost', [
      aliceA,
      aliceB,
      bobB,
    ]);
    expect((await buildMessage(api.app, alice, room.id)).seq).toBe(1);
  });
});
