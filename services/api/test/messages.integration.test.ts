import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MESSAGE_MAX_LENGTH, type RoomSummary } from '@livechat/protocol';
import { buildMessage, buildRoom, buildUser, type TestUser } from './support/factories.js';
import { callRoute, refusedRoute, requestRoute } from './support/route-request.js';
import { startTestApi, type TestApi } from './support/test-api.js';

describe('messages', () => {
  let api: TestApi;
  let alice: TestUser;
  let bob: TestUser;
  let room: RoomSummary;

  beforeAll(async () => {
    api = await startTestApi();
    [alice, bob] = await Promise.all([
      buildUser(api.app, { displayName: 'Alice' }),
      buildUser(api.app, { displayName: 'Bob' }),
    ]);
    room = await buildRoom(api.app, alice, [bob]);
  });
  afterAll(() => api.close());

  const send = (user: TestUser, roomId: string, body: Record<string, unknown>) =>
    requestRoute(api.app, user, 'sendMessage', { params: { id: roomId }, body });
  const roomState = async (user: TestUser, roomId: string) =>
    (await callRoute(api.app, user, 'getRoom', { params: { id: roomId } })).room;

  describe('send', () => {
    it('stores the message with the next seq and answers it after commit', async () => {
      const own = await buildRoom(api.app, alice, [bob]);
      const first = await buildMessage(api.app, alice, own.id, 'hello', { clientId: 'c-1' });
      expect(first).toMatchObject({
        roomId: own.id,
        seq: 1,
        revision: 1,
        body: 'hello',
        clientId: 'c-1',
        sender: { id: alice.id, displayName: 'Alice' },
        replyTo: null,
        editedAt: null,
        deletedAt: null,
      });
      const second = await buildMessage(api.app, bob, own.id, 'hi');
      expect(second).toMatchObject({ seq: 2, revision: 2 });
      expect(await roomState(alice, own.id)).toMatchObject({ lastSeq: 2, revision: 2 });
    });

    it('answers a retry with the same clientId with the original, without using a seq', async () => {
      const own = await buildRoom(api.app, alice);
      const original = await buildMessage(api.app, alice, own.id, 'once', { clientId: 'retry-me' });
      const retry = await send(alice, own.id, { clientId: 'retry-me', body: 'once' });
      expect(retry.statusCode).toBe(201);
      expect(retry.json()).toEqual(original);
      const next = await buildMessage(api.app, alice, own.id, 'next');
      expect(next.seq).toBe(2);
    });

    it('refuses the same clientId for different content with 409', async () => {
      const own = await buildRoom(api.app, alice, [bob]);
      const other = await buildRoom(api.app, alice);
      const original = await buildMessage(api.app, alice, own.id, 'first', { clientId: 'taken' });
      for (const body of [
        { clientId: 'taken', body: 'different' },
        { clientId: 'taken', body: 'first', replyTo: original.id },
      ]) {
        const response = await send(alice, own.id, body);
        expect(response.statusCode).toBe(409);
        expect(response.json()).toMatchObject({ code: 'idempotency_conflict' });
      }
      const elsewhere = await send(alice, other.id, { clientId: 'taken', body: 'first' });
      expect(elsewhere.json()).toMatchObject({ status: 409, code: 'idempotency_conflict' });
      // clientId belongs to its sender: Bob may use the same one.
      expect((await send(bob, own.id, { clientId: 'taken', body: 'mine' })).statusCode).toBe(201);
      expect(await roomState(alice, own.id)).toMatchObject({ lastSeq: 2 });
      expect(await roomState(alice, other.id)).toMatchObject({ lastSeq: 0 });
    });

    it('refuses bad bodies with clear 4xx answers and stores nothing', async () => {
      const own = await buildRoom(api.app, alice);
      const cases: Record<string, unknown>[] = [
        {},
        { body: 'no client id' },
        { clientId: 'x' },
        { clientId: 'x', body: '' },
        { clientId: 'x', body: '   \n ' },
        { clientId: 'x', body: 'x'.repeat(MESSAGE_MAX_LENGTH + 1) },
        { clientId: 'x', body: { text: 'hi' } },
        { clientId: 'has spaces', body: 'hi' },
        { clientId: 'x'.repeat(65), body: 'hi' },
        { clientId: 'x', body: 'hi', replyTo: 'not-a-uuid' },
      ];
      for (const body of cases) {
        const response = await send(alice, own.id, body);
        expect(response.statusCode, JSON.stringify(body).slice(0, 80)).toBe(400);
        expect(response.json()).toMatchObject({ code: 'validation_failed' });
      }
      const malformed = await api.app.inject({
        method: 'POST',
        url: `/api/rooms/${own.id}/messages`,
        headers: { ...alice.headers, 'content-type': 'application/json' },
        payload: '{"clientId": "x", "body": "hi"',
      });
      expect(malformed.json()).toMatchObject({ status: 400, code: 'bad_request' });
      const wrongType = await api.app.inject({
        method: 'POST',
        url: `/api/rooms/${own.id}/messages`,
        headers: { ...alice.headers, 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'clientId=x&body=hi',
      });
      expect(wrongType.json()).toMatchObject({ status: 415, code: 'unsupported_media_type' });
      expect(await roomState(alice, own.id)).toMatchObject({ lastSeq: 0, revision: 0 });
      expect((await buildMessage(api.app, alice, own.id, 'x'.repeat(MESSAGE_MAX_LENGTH))).body).toHaveLength(
        MESSAGE_MAX_LENGTH,
      );
    });
  });

  describe('replies', () => {
    it('answer the message exactly as history and the event store it', async () => {
      const own = await buildRoom(api.app, alice, [bob]);
      const parent = await buildMessage(api.app, alice, own.id, 'first');
      const reply = await buildMessage(api.app, bob, own.id, 'second', { replyTo: parent.id });
      const page = await callRoute(api.app, bob, 'history', { params: { id: own.id } });
      expect(page.messages).toEqual([parent, reply]);
      expect(reply).toMatchObject({ seq: 2, revision: 2, sender: { id: bob.id, displayName: 'Bob' } });
      expect(Date.parse(reply.createdAt)).toBeGreaterThanOrEqual(Date.parse(parent.createdAt));
    });

    it('quote their parent, which shows as deleted once it is', async () => {
      const own = await buildRoom(api.app, alice, [bob]);
      const parent = await buildMessage(api.app, alice, own.id, 'question?');
      const reply = await buildMessage(api.app, bob, own.id, 'answer', { replyTo: parent.id.toUpperCase() });
      expect(reply.replyTo).toEqual({
        id: parent.id,
        seq: 1,
        sender: { id: alice.id, displayName: 'Alice' },
        body: 'question?',
        deleted: false,
      });
      await callRoute(api.app, alice, 'deleteMessage', { params: { id: own.id, messageId: parent.id } });
      const page = await callRoute(api.app, bob, 'history', { params: { id: own.id } });
      expect(page.messages[1]!.replyTo).toEqual({
        id: parent.id,
        seq: 1,
        sender: { id: alice.id, displayName: 'Alice' },
        body: '',
        deleted: true,
      });
    });

    it('must quote a message of the same room; the failed send uses no seq', async () => {
      const own = await buildRoom(api.app, alice, [bob]);
      const elsewhere = await buildMessage(api.app, alice, room.id, 'elsewhere');
      for (const replyTo of [elsewhere.id, randomUUID()]) {
        const response = await send(alice, own.id, { clientId: randomUUID(), body: 'hi', replyTo });
        expect(response.statusCode).toBe(400);
        expect(response.json()).toMatchObject({
          code: 'validation_failed',
          errors: [{ field: 'body.replyTo' }],
        });
      }
      expect((await buildMessage(api.app, alice, own.id)).seq).toBe(1);
    });
  });

  describe('history', () => {
    let history: RoomSummary;
    beforeAll(async () => {
      history = await buildRoom(api.app, alice, [bob]);
      for (let index = 1; index <= 25; index += 1) {
        await buildMessage(api.app, index % 2 ? alice : bob, history.id, `m${index}`);
      }
    });
    const page = (query: Record<string, number>) =>
      callRoute(api.app, bob, 'history', { params: { id: history.id }, query });
    const seqs = (messages: { seq: number }[]) => messages.map((m) => m.seq);
    const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

    it('answers the latest page by default, ascending', async () => {
      const latest = await page({ limit: 10 });
      expect(seqs(latest.messages)).toEqual(range(16, 25));
      expect(latest.hasMore).toBe(true);
      const all = await page({});
      expect(seqs(all.messages)).toEqual(range(1, 25));
      expect(all.hasMore).toBe(false);
    });

    it('pages backwards with before and forwards with after, always ascending', async () => {
      const older = await page({ before: 16, limit: 10 });
      expect(seqs(older.messages)).toEqual(range(6, 15));
      expect(older.hasMore).toBe(true);
      const oldest = await page({ before: 6, limit: 10 });
      expect(seqs(oldest.messages)).toEqual(range(1, 5));
      expect(oldest.hasMore).toBe(false);
      const newer = await page({ after: 0, limit: 10 });
      expect(seqs(newer.messages)).toEqual(range(1, 10));
      expect(newer.hasMore).toBe(true);
      const tail = await page({ after: 20, limit: 10 });
      expect(seqs(tail.messages)).toEqual(range(21, 25));
      expect(tail.hasMore).toBe(false);
      expect(await page({ after: 25 })).toEqual({ messages: [], hasMore: false });
    });

    it('refuses bad queries', async () => {
      for (const query of [
        { before: 0 },
        { after: -1 },
        { limit: 0 },
        { limit: 201 },
        { before: 5, after: 1 },
      ]) {
        const problem = await refusedRoute(api.app, bob, 'history', { params: { id: history.id }, query });
        expect(problem, JSON.stringify(query)).toMatchObject({ status: 400, code: 'validation_failed' });
      }
      const text = await requestRoute(api.app, bob, 'history', {
        params: { id: history.id },
        query: { before: 'soon' },
      });
      expect(text.json()).toMatchObject({ status: 400, code: 'validation_failed' });
    });
  });

  describe('edit and delete', () => {
    it('edits my own message with a new revision', async () => {
      const own = await buildRoom(api.app, alice, [bob]);
      const message = await buildMessage(api.app, alice, own.id, 'draft');
      await buildMessage(api.app, bob, own.id, 'other');
      const edited = await callRoute(api.app, alice, 'editMessage', {
        params: { id: own.id, messageId: message.id },
        body: { body: 'final' },
      });
      expect(edited).toMatchObject({ id: message.id, seq: 1, revision: 3, body: 'final' });
      expect(edited.editedAt).not.toBeNull();
      expect(await roomState(alice, own.id)).toMatchObject({ lastSeq: 2, revision: 3 });
    });

    it('refuses to edit or delete someone else’s message, an unknown one, or a deleted one', async () => {
      const own = await buildRoom(api.app, alice, [bob]);
      const message = await buildMessage(api.app, alice, own.id, 'mine');
      const edit = (user: TestUser, messageId: string, body: unknown = { body: 'x' }) =>
        requestRoute(api.app, user, 'editMessage', {
          params: { id: own.id, messageId },
          body: body as never,
        });
      const remove = (user: TestUser, messageId: string) =>
        requestRoute(api.app, user, 'deleteMessage', { params: { id: own.id, messageId } });

      expect((await edit(bob, message.id)).json()).toMatchObject({ status: 403, code: 'forbidden' });
      expect((await remove(bob, message.id)).json()).toMatchObject({ status: 403, code: 'forbidden' });
      expect((await edit(alice, randomUUID())).json()).toMatchObject({ status: 404, code: 'not_found' });
      // A message of another room is "not found" here.
      const foreign = await buildMessage(api.app, alice, room.id);
      expect((await edit(alice, foreign.id)).json()).toMatchObject({ status: 404, code: 'not_found' });
      expect((await remove(alice, foreign.id)).json()).toMatchObject({ status: 404, code: 'not_found' });
      for (const body of [
        {},
        { body: '' },
        { body: 'x'.repeat(MESSAGE_MAX_LENGTH + 1) },
        { body: { text: 'x' } },
      ]) {
        expect((await edit(alice, message.id, body)).json()).toMatchObject({
          status: 400,
          code: 'validation_failed',
        });
      }
      expect(await roomState(alice, own.id)).toMatchObject({ revision: 1 });

      const tombstone = (await remove(alice, message.id)).json<{ body: string; deletedAt: string }>();
      expect(tombstone).toMatchObject({ body: '', revision: 2 });
      expect(tombstone.deletedAt).not.toBeNull();
      expect((await edit(alice, message.id)).json()).toMatchObject({ status: 409, code: 'conflict' });
      // Deleting again changes nothing.
      const again = await remove(alice, message.id);
      expect(again.statusCode).toBe(200);
      expect(again.json()).toEqual(tombstone);
      expect(await roomState(alice, own.id)).toMatchObject({ revision: 2, lastSeq: 1 });
    });

    it('keeps the tombstone in history with an empty body', async () => {
      const own = await buildRoom(api.app, alice);
      const message = await buildMessage(api.app, alice, own.id, 'secret');
      await callRoute(api.app, alice, 'deleteMessage', { params: { id: own.id, messageId: message.id } });
      const page = await callRoute(api.app, alice, 'history', { params: { id: own.id } });
      expect(page.messages).toHaveLength(1);
      expect(page.messages[0]).toMatchObject({ id: message.id, seq: 1, body: '' });
      const stored = await api.app.db
        .selectFrom('messages')
        .select('body')
        .where('id', '=', message.id)
        .executeTakeFirstOrThrow();
      expect(stored.body).toBe('');
    });
  });
});
