import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roomChannel, type NotificationsUpdatedEvent } from '@livechat/protocol';
import { fence, receivingRoom } from './support/event-fences.js';
import { buildCast, buildRoom, buildUser, type TestUser } from './support/factories.js';
import { callRoute, refusedRoute } from './support/route-request.js';
import { startSocketReplica, type RecordingSocket, type SocketReplica } from './support/socket-replica.js';
import { startTestApi, TEST_REDIS_URL, type TestApi } from './support/test-api.js';

/**
 * Issue 10: each member chooses per room when their devices notify them (all / mentions / none); the
 * choice is stored on their membership, shown in their room list, and reaches their other devices live.
 */
describe('notification level per membership', () => {
  let api: TestApi;
  let replica: SocketReplica;
  let owner: TestUser;
  let alice: TestUser;
  let outsider: TestUser;

  beforeAll(async () => {
    api = await startTestApi({ redis: true });
    replica = await startSocketReplica(TEST_REDIS_URL, api.config.REDIS_PREFIX);
    ({ owner, alice, outsider } = await buildCast(api.app));
  });
  afterAll(async () => {
    await replica?.close();
    await api?.close();
  });

  const setLevel = (user: TestUser, roomId: string, body: Record<string, unknown>) =>
    refusedRoute(api.app, user, 'setNotificationLevel', { params: { id: roomId }, body });
  const storedLevels = async (roomId: string) =>
    Object.fromEntries(
      (
        await api.app.db
          .selectFrom('room_members')
          .select(['user_id', 'notification_level'])
          .where('room_id', '=', roomId)
          .execute()
      ).map((row) => [row.user_id, row.notification_level]),
    );

  it('starts at "all" and keeps each member’s choice apart', async () => {
    const room = await buildRoom(api.app, owner, [alice]);
    expect(room.notificationLevel).toBe('all');
    const answer = await callRoute(api.app, alice, 'setNotificationLevel', {
      params: { id: room.id },
      body: { level: 'none' },
    });
    expect(answer).toEqual({ roomId: room.id, level: 'none' });
    const mine = await callRoute(api.app, alice, 'getRoom', { params: { id: room.id } });
    expect(mine.room.notificationLevel).toBe('none');
    const { rooms } = await callRoute(api.app, alice, 'listRooms');
    expect(rooms.find((r) => r.id === room.id)?.notificationLevel).toBe('none');
    // The owner's own choice is untouched.
    expect((await callRoute(api.app, owner, 'getRoom', { params: { id: room.id } })).room).toMatchObject({
      notificationLevel: 'all',
    });
    // Mentions do not exist yet, but the choice is kept for when they do.
    await callRoute(api.app, alice, 'setNotificationLevel', {
      params: { id: room.id },
      body: { level: 'mentions' },
    });
    expect(await storedLevels(room.id)).toEqual({ [owner.id]: 'all', [alice.id]: 'mentions' });
  });

  it('refuses a level it does not know, or a body it does not expect, with 400 and changes nothing', async () => {
    const room = await buildRoom(api.app, owner, [alice]);
    for (const body of [
      { level: 'loud' },
      { level: 'ALL' },
      { level: 1 },
      { level: null },
      {},
      { level: 'none', extra: true },
    ]) {
      const problem = await setLevel(alice, room.id, body);
      expect(problem, JSON.stringify(body)).toMatchObject({ status: 400, code: 'validation_failed' });
    }
    const notAnId = await refusedRoute(api.app, alice, 'setNotificationLevel', {
      params: { id: 'not-a-room' },
      body: { level: 'none' },
    });
    expect(notAnId).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(await storedLevels(room.id)).toEqual({ [owner.id]: 'all', [alice.id]: 'all' });
  });

  it('answers 404 for someone else’s room, a room I left and a room that does not exist', async () => {
    const room = await buildRoom(api.app, owner, [alice]);
    const left = await buildRoom(api.app, owner, [alice]);
    await callRoute(api.app, alice, 'removeMember', { params: { id: left.id, userId: alice.id } });
    for (const [user, roomId] of [
      [outsider, room.id],
      [alice, left.id],
      [alice, randomUUID()],
    ] as const) {
      const problem = await setLevel(user, roomId, { level: 'none' });
      expect(problem).toMatchObject({ status: 404, code: 'not_found', detail: 'No such room' });
    }
    expect(await storedLevels(room.id)).toEqual({ [owner.id]: 'all', [alice.id]: 'all' });
    expect(await storedLevels(left.id)).toEqual({ [owner.id]: 'all' });
  });

  it('refuses an unverified account (403), like every route that touches rooms', async () => {
    const room = await buildRoom(api.app, owner, [alice]);
    const unverified = await buildUser(api.app, { verified: false });
    const problem = await setLevel(unverified, room.id, { level: 'none' });
    expect(problem).toMatchObject({ status: 403, code: 'email_not_verified' });
  });

  it('tells every device of the member, and no one else; a choice that changes nothing tells no one', async () => {
    const room = await buildRoom(api.app, owner, [alice]);
    const [aliceTab, alicePhone, ownerTab] = await Promise.all([
      replica.connect(alice.id, [roomChannel(room.id)]),
      replica.connect(alice.id, [roomChannel(room.id)]),
      replica.connect(owner.id, [roomChannel(room.id)]),
    ]);
    const sockets: RecordingSocket[] = [aliceTab, alicePhone, ownerTab];
    await receivingRoom(api.deps.io, roomChannel(room.id), sockets);
    const set = (level: 'none' | 'all') =>
      callRoute(api.app, alice, 'setNotificationLevel', { params: { id: room.id }, body: { level } });
    await set('none');
    await set('none');
    await set('all');
    const backToAll = (event: NotificationsUpdatedEvent) => event.roomId === room.id && event.level === 'all';
    await Promise.all(
      [aliceTab, alicePhone].map((socket) => socket.waitFor('notifications:updated', backToAll)),
    );
    await fence(api.deps.io, sockets);
    for (const socket of [aliceTab, alicePhone]) {
      expect(socket.events<NotificationsUpdatedEvent>('notifications:updated')).toEqual([
        { roomId: room.id, level: 'none' },
        { roomId: room.id, level: 'all' },
      ]);
    }
    expect(ownerTab.events('notifications:updated')).toEqual([]);
  });
});
