import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoomSummary } from '@livechat/protocol';
import { buildMessage, buildRoom, buildUser, type TestUser } from './support/factories.js';
import { callRoute, requestRoute } from './support/route-request.js';
import { startTestApi, type TestApi } from './support/test-api.js';

/**
 * Issue 8: once deleted, a message's text is gone from every answer that can carry a message body —
 * history pages, changes pages, the quotes of its replies, the room list's and room's previews, and a
 * retried send of it — for every member. The room list's preview moves back to the newest message still
 * standing, or to none.
 */
describe('a deleted message is gone everywhere', () => {
  let api: TestApi;
  let alice: TestUser;
  let bob: TestUser;

  beforeAll(async () => {
    api = await startTestApi();
    [alice, bob] = await Promise.all([buildUser(api.app), buildUser(api.app)]);
  });
  afterAll(() => api.close());

  const summaryOf = async (user: TestUser, roomId: string): Promise<RoomSummary> => {
    const { rooms } = await callRoute(api.app, user, 'listRooms');
    return rooms.find((room) => room.id === roomId)!;
  };

  /** Every answer, as each member gets it, that can carry the text of a message of `roomId`. */
  const everyAnswer = async (roomId: string) =>
    JSON.stringify(
      await Promise.all(
        [alice, bob].map(async (user) => [
          await callRoute(api.app, user, 'history', { params: { id: roomId } }),
          await callRoute(api.app, user, 'history', { params: { id: roomId }, query: { after: 0 } }),
          await callRoute(api.app, user, 'history', { params: { id: roomId }, query: { before: 99 } }),
          await callRoute(api.app, user, 'changes', { params: { id: roomId }, query: { since: 0 } }),
          await callRoute(api.app, user, 'listRooms'),
          await callRoute(api.app, user, 'getRoom', { params: { id: roomId } }),
        ]),
      ),
    );

  it('answers no deleted text in history, changes, quotes, previews or a retried send', async () => {
    const secret = `secret-${randomUUID()}`;
    const room = await buildRoom(api.app, alice, [bob]);
    const clientId = randomUUID();
    const parent = await buildMessage(api.app, alice, room.id, `${secret} (first)`, { clientId });
    await callRoute(api.app, alice, 'editMessage', {
      params: { id: room.id, messageId: parent.id },
      body: { body: `${secret} (edited)` },
    });
    await buildMessage(api.app, bob, room.id, 'a reply', { replyTo: parent.id });
    const last = await buildMessage(api.app, alice, room.id, `${secret} (last)`);
    expect(await everyAnswer(room.id)).toContain(secret);

    for (const message of [parent, last]) {
      const tombstone = await callRoute(api.app, alice, 'deleteMessage', {
        params: { id: room.id, messageId: message.id },
      });
      expect(JSON.stringify(tombstone)).not.toContain(secret);
    }
    expect(await everyAnswer(room.id)).not.toContain(secret);
    const retried = await requestRoute(api.app, alice, 'sendMessage', {
      params: { id: room.id },
      body: { clientId, body: `${secret} (first)` },
    });
    expect(retried.body.replace(`${secret} (first)`, '')).not.toContain(secret);
    // Tell-tale quote: the reply still points at its parent, marked deleted, with no text.
    const { messages } = await callRoute(api.app, bob, 'history', { params: { id: room.id } });
    expect(messages.find((m) => m.body === 'a reply')?.replyTo).toMatchObject({
      id: parent.id,
      deleted: true,
      body: '',
    });
  });

  it('moves the room preview back to the newest message still standing, or to none', async () => {
    const room = await buildRoom(api.app, alice, [bob]);
    const first = await buildMessage(api.app, bob, room.id, 'first words');
    const second = await buildMessage(api.app, alice, room.id, 'second words');
    const third = await buildMessage(api.app, alice, room.id, 'third words');
    await callRoute(api.app, alice, 'deleteMessage', { params: { id: room.id, messageId: second.id } });
    // Not the last one: the preview stays where it is.
    expect((await summaryOf(bob, room.id)).lastMessage).toMatchObject({ id: third.id, body: 'third words' });
    await callRoute(api.app, alice, 'deleteMessage', { params: { id: room.id, messageId: third.id } });
    for (const user of [alice, bob]) {
      expect((await summaryOf(user, room.id)).lastMessage).toMatchObject({
        id: first.id,
        body: 'first words',
        deleted: false,
      });
    }
    await callRoute(api.app, bob, 'editMessage', {
      params: { id: room.id, messageId: first.id },
      body: { body: 'first words, edited' },
    });
    expect((await summaryOf(alice, room.id)).lastMessage).toMatchObject({ body: 'first words, edited' });
    await callRoute(api.app, bob, 'deleteMessage', { params: { id: room.id, messageId: first.id } });
    expect((await summaryOf(alice, room.id)).lastMessage).toBeNull();
    const detail = await callRoute(api.app, bob, 'getRoom', { params: { id: room.id } });
    expect(detail.room.lastMessage).toBeNull();
  });
});
