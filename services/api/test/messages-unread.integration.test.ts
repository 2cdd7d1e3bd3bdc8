import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoomSummary } from '@livechat/protocol';
import { buildMessage, buildRoom, buildUser, type TestUser } from './support/factories.js';
import { callRoute, refusedRoute } from './support/route-request.js';
import { startTestApi, type TestApi } from './support/test-api.js';

describe('unread counts and read markers', () => {
  let api: TestApi;
  let alice: TestUser;
  let bob: TestUser;
  let carol: TestUser;

  beforeAll(async () => {
    api = await startTestApi();
    [alice, bob, carol] = await Promise.all([buildUser(api.app), buildUser(api.app), buildUser(api.app)]);
  });
  afterAll(() => api.close());

  const unread = async (user: TestUser, room: RoomSummary) =>
    (await callRoute(api.app, user, 'getRoom', { params: { id: room.id } })).room.unreadCount;
  const markRead = (user: TestUser, room: RoomSummary, seq: number) =>
    callRoute(api.app, user, 'markRead', { params: { id: room.id }, body: { seq } });
  const deleteMessage = (user: TestUser, room: RoomSummary, messageId: string) =>
    callRoute(api.app, user, 'deleteMessage', { params: { id: room.id, messageId } });

  it('counts other people’s messages, not my own', async () => {
    const room = await buildRoom(api.app, alice, [bob, carol]);
    await buildMessage(api.app, alice, room.id);
    await buildMessage(api.app, alice, room.id);
    await buildMessage(api.app, bob, room.id);
    expect(await unread(alice, room)).toBe(1);
    expect(await unread(carol, room)).toBe(3);
  });

  it('marks the room read up to my message when I send one, never moving my marker back', async () => {
    const room = await buildRoom(api.app, alice, [bob, carol]);
    await buildMessage(api.app, alice, room.id);
    await buildMessage(api.app, carol, room.id);
    expect(await unread(bob, room)).toBe(2);
    const mine = await buildMessage(api.app, bob, room.id);
    const seen = (await callRoute(api.app, bob, 'getRoom', { params: { id: room.id } })).room;
    expect(seen).toMatchObject({ lastReadSeq: mine.seq, unreadCount: 0 });
    await buildMessage(api.app, alice, room.id);
    expect(await unread(bob, room)).toBe(1);
    // A marker older than my last message does not move it back.
    expect(await markRead(bob, room, 1)).toEqual({ roomId: room.id, lastReadSeq: mine.seq, unreadCount: 1 });
    // Others' counts are untouched by my send moving my marker.
    expect(await unread(carol, room)).toBe(2);
  });

  it('stops counting a deleted message for those who had not read it', async () => {
    const room = await buildRoom(api.app, alice, [bob, carol]);
    const first = await buildMessage(api.app, alice, room.id);
    const second = await buildMessage(api.app, alice, room.id);
    await markRead(bob, room, first.seq); // Bob has read the first, not the second.
    await deleteMessage(alice, room, first.id);
    expect(await unread(bob, room)).toBe(1);
    expect(await unread(carol, room)).toBe(1);
    await deleteMessage(alice, room, second.id);
    expect(await unread(bob, room)).toBe(0);
    expect(await unread(carol, room)).toBe(0);
    expect(await unread(alice, room)).toBe(0);
    // Deleting my own message never touches my count.
    const bobs = await buildMessage(api.app, bob, room.id);
    expect(await unread(alice, room)).toBe(1);
    await deleteMessage(bob, room, bobs.id);
    expect(await unread(alice, room)).toBe(0);
    expect(await unread(bob, room)).toBe(0);
  });

  it('recounts exactly when the marker moves, skipping deleted messages', async () => {
    const room = await buildRoom(api.app, alice, [bob, carol]);
    const sent = [];
    // seq: 1 alice, 2 carol, 3 alice, 4 alice (deleted), 5 carol (deleted), 6 alice
    for (const sender of [alice, carol, alice, alice, carol, alice])
      sent.push(await buildMessage(api.app, sender, room.id));
    await deleteMessage(alice, room, sent[3]!.id);
    await deleteMessage(carol, room, sent[4]!.id);
    expect(await unread(bob, room)).toBe(4);
    expect(await markRead(bob, room, 1)).toEqual({ roomId: room.id, lastReadSeq: 1, unreadCount: 3 });
    expect(await markRead(bob, room, 4)).toEqual({ roomId: room.id, lastReadSeq: 4, unreadCount: 1 });
    // Backwards does not move the marker.
    expect(await markRead(bob, room, 2)).toEqual({ roomId: room.id, lastReadSeq: 4, unreadCount: 1 });
    // Past the end is clamped to the last seq.
    expect(await markRead(bob, room, 1000)).toEqual({ roomId: room.id, lastReadSeq: 6, unreadCount: 0 });
    await buildMessage(api.app, alice, room.id);
    expect(await unread(bob, room)).toBe(1);
    const listed = (await callRoute(api.app, bob, 'listRooms')).rooms.find((r) => r.id === room.id);
    expect(listed).toMatchObject({ lastReadSeq: 6, unreadCount: 1, lastSeq: 7 });
  });

  it('starts a new member at zero with the marker at the room’s last seq', async () => {
    const room = await buildRoom(api.app, alice, [bob]);
    await buildMessage(api.app, alice, room.id);
    await buildMessage(api.app, bob, room.id);
    await callRoute(api.app, alice, 'addMembers', { params: { id: room.id }, body: { userIds: [carol.id] } });
    const seen = (await callRoute(api.app, carol, 'getRoom', { params: { id: room.id } })).room;
    expect(seen).toMatchObject({ unreadCount: 0, lastReadSeq: 2 });
    // Earlier messages are before the marker: deleting one does not make the count negative.
    const history = await callRoute(api.app, carol, 'history', { params: { id: room.id } });
    await deleteMessage(alice, room, history.messages[0]!.id);
    expect(await unread(carol, room)).toBe(0);
    await buildMessage(api.app, bob, room.id);
    expect(await unread(carol, room)).toBe(1);
  });

  it('keeps counts exact while people send and read at the same time', async () => {
    const room = await buildRoom(api.app, alice, [bob, carol]);
    await Promise.all([
      ...Array.from({ length: 15 }, () => buildMessage(api.app, alice, room.id)),
      ...Array.from({ length: 15 }, () => buildMessage(api.app, carol, room.id)),
      ...Array.from({ length: 10 }, (_, index) => markRead(bob, room, index * 3)),
    ]);
    const marker = (await callRoute(api.app, bob, 'getRoom', { params: { id: room.id } })).room.lastReadSeq;
    const expected = await api.app.db
      .selectFrom('messages')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .where('room_id', '=', room.id)
      .where('seq', '>', marker)
      .where('sender_id', '<>', bob.id)
      .executeTakeFirstOrThrow();
    expect(await unread(bob, room)).toBe(Number(expected.count));
    expect(await markRead(bob, room, 30)).toMatchObject({ lastReadSeq: 30, unreadCount: 0 });
  });

  it('refuses bad markers', async () => {
    const room = await buildRoom(api.app, alice);
    for (const body of [{}, { seq: -1 }, { seq: 1.5 }, { seq: 'one' }]) {
      expect(
        await refusedRoute(api.app, alice, 'markRead', { params: { id: room.id }, body: body as never }),
      ).toMatchObject({ status: 400, code: 'validation_failed' });
    }
  });
});
