import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  roomChannel,
  type MemberAddedEvent,
  type MessageNewEvent,
  type ReadUpdatedEvent,
  type RoomCreatedEvent,
  type RoomRenamedEvent,
} from '@livechat/protocol';
import { fence, receivingRoom } from './support/event-fences.js';
import { buildMessage, buildRoom, buildUser, type TestUser } from './support/factories.js';
import { startPrivateRedis, type PrivateRedis } from './support/private-redis.js';
import { callRoute } from './support/route-request.js';
import { startSocketReplica, type RecordingSocket, type SocketReplica } from './support/socket-replica.js';
import { startTestApi, type TestApi } from './support/test-api.js';

async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * Changes made while Redis is down succeed (Postgres is fine) and their events, recorded in the outbox,
 * reach the sockets once Redis is back: the relay publishes what the after-commit publish could not.
 */
describe('events recorded while Redis is down', () => {
  let redis: PrivateRedis;
  let api: TestApi;
  let replicaA: SocketReplica;
  let replicaB: SocketReplica;
  let alice: TestUser;
  let bob: TestUser;
  let carol: TestUser;
  let aliceA: RecordingSocket;
  let bobB: RecordingSocket;
  let carolA: RecordingSocket;

  beforeAll(async () => {
    redis = await startPrivateRedis();
    api = await startTestApi({ redisUrl: redis.url });
    [replicaA, replicaB] = await Promise.all([
      startSocketReplica(redis.url, api.config.REDIS_PREFIX),
      startSocketReplica(redis.url, api.config.REDIS_PREFIX),
    ]);
    [alice, bob, carol] = await Promise.all([
      buildUser(api.app, { displayName: 'Alice' }),
      buildUser(api.app, { displayName: 'Bob' }),
      buildUser(api.app, { displayName: 'Carol' }),
    ]);
    [aliceA, bobB, carolA] = await Promise.all([
      replicaA.connect(alice.id),
      replicaB.connect(bob.id),
      replicaA.connect(carol.id),
    ]);
    await fence(api.deps.io, [aliceA, bobB, carolA]);
  });
  afterAll(async () => {
    await replicaA?.close();
    await replicaB?.close();
    await api?.close();
    await redis?.stop();
  });

  it('delivers them once Redis is back, each exactly once', async () => {
    const room = await buildRoom(api.app, alice, [bob]);
    await receivingRoom(api.deps.io, roomChannel(room.id), [aliceA, bobB]);

    await redis.shutdown();
    await until(() => !api.deps.fanoutReady(), 'the API sees Redis down');
    // Hold the relay while Redis is away, so that once it is back nothing is published before the
    // replicas have resubscribed: what is under test is that the events wait in the outbox, not the
    // race between replicas resubscribing and the relay (gateways resync their clients for that one).
    await api.app.events.stop();

    const sent = [];
    for (const body of ['one', 'two', 'three']) sent.push(await buildMessage(api.app, bob, room.id, body));
    await callRoute(api.app, alice, 'renameRoom', { params: { id: room.id }, body: { name: 'Offline' } });
    await callRoute(api.app, alice, 'markRead', { params: { id: room.id }, body: { seq: 2 } });
    await callRoute(api.app, alice, 'addMembers', { params: { id: room.id }, body: { userIds: [carol.id] } });
    const unpublished = await api.app.db
      .selectFrom('outbox')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .where('published_at', 'is', null)
      .executeTakeFirstOrThrow();
    // 3 messages, rename, read marker, member:added + join + room:created.
    expect(Number(unpublished.count)).toBe(8);
    expect(aliceA.events('message:new')).toEqual([]);

    await redis.start();
    await until(() => api.deps.fanoutReady(), 'the API sees Redis back');
    await receivingRoom(api.deps.io, roomChannel(room.id), [aliceA, bobB]);
    await fence(api.deps.io, [aliceA, bobB, carolA]);
    api.app.events.start();

    for (const socket of [aliceA, bobB]) {
      for (const message of sent) {
        await socket.waitFor<MessageNewEvent>('message:new', (event) => event.message.id === message.id);
      }
      await socket.waitFor<RoomRenamedEvent>('room:renamed', (event) => event.name === 'Offline');
      await socket.waitFor<MemberAddedEvent>('member:added', (event) => event.member.user.id === carol.id);
    }
    await aliceA.waitFor<ReadUpdatedEvent>('read:updated', (event) => event.lastReadSeq === 2);
    await carolA.waitFor<RoomCreatedEvent>('room:created', (event) => event.room.id === room.id);
    await until(async () => {
      const left = await api.app.db
        .selectFrom('outbox')
        .select('id')
        .where('published_at', 'is', null)
        .execute();
      return left.length === 0;
    }, 'the outbox is drained');

    await fence(api.deps.io, [aliceA, bobB, carolA]);
    const seqs = (socket: RecordingSocket) =>
      socket.events<MessageNewEvent>('message:new').map((event) => event.message.seq);
    expect(seqs(aliceA)).toEqual([1, 2, 3]);
    expect(seqs(bobB)).toEqual([1, 2, 3]);
    expect(bobB.events('read:updated')).toEqual([]);
    // The join recorded while Redis was down took effect: Carol hears the room from now on.
    const after = await buildMessage(api.app, alice, room.id, 'welcome back');
    await carolA.waitFor<MessageNewEvent>('message:new', (event) => event.message.id === after.id);
  });
});
