import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Message } from '@livechat/protocol';
import { buildRoom, buildUser, type TestUser } from './support/factories.js';
import { callRoute, requestRoute } from './support/route-request.js';
import { startTestApi, type TestApi } from './support/test-api.js';

const SENDERS = 20;
const MESSAGES_EACH = 10;
const range = (count: number) => Array.from({ length: count }, (_, index) => index + 1);

describe('concurrent sends to one room', () => {
  let api: TestApi;
  let senders: TestUser[];

  beforeAll(async () => {
    api = await startTestApi();
    senders = await Promise.all(range(SENDERS).map(() => buildUser(api.app)));
  });
  afterAll(() => api.close());

  const send = async (sender: TestUser, roomId: string, clientId: string, body: string) => {
    const response = await requestRoute(api.app, sender, 'sendMessage', {
      params: { id: roomId },
      body: { clientId, body },
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json<Message>();
  };

  const storedSeqs = async (roomId: string) =>
    (
      await api.app.db
        .selectFrom('messages')
        .select('seq')
        .where('room_id', '=', roomId)
        .orderBy('seq')
        .execute()
    ).map((row) => row.seq);

  it(`gives ${SENDERS} senders × ${MESSAGES_EACH} messages the seqs 1..${SENDERS * MESSAGES_EACH}, no gaps`, async () => {
    const room = await buildRoom(api.app, senders[0]!, senders.slice(1));
    const sent = await Promise.all(
      senders.map(async (sender, index) => {
        const mine: Message[] = [];
        for (const n of range(MESSAGES_EACH)) {
          mine.push(await send(sender, room.id, `s${index}-m${n}`, `sender ${index} message ${n}`));
        }
        return mine;
      }),
    );
    const total = SENDERS * MESSAGES_EACH;
    const seqs = sent.flat().map((message) => message.seq);
    expect(new Set(seqs).size).toBe(total);
    expect([...seqs].sort((a, b) => a - b)).toEqual(range(total));
    expect(await storedSeqs(room.id)).toEqual(range(total));
    // Each sender's own messages are in the order they sent them.
    for (const mine of sent) {
      const own = mine.map((message) => message.seq);
      expect(own).toEqual([...own].sort((a, b) => a - b));
    }
    const stored = await api.app.db
      .selectFrom('rooms')
      .select(['last_seq', 'revision'])
      .where('id', '=', room.id)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ last_seq: total, revision: total });
  });

  it('stays gapless with duplicate sends racing their originals', async () => {
    const room = await buildRoom(api.app, senders[0]!, senders.slice(1));
    // Every message is sent twice at the same moment (a retry racing its original), and every third once more.
    const sent = await Promise.all(
      senders.map(async (sender, index) => {
        const mine: Message[][] = [];
        for (const n of range(MESSAGES_EACH)) {
          const clientId = `dup-${index}-${n}-${randomUUID().slice(0, 4)}`;
          const copies = n % 3 === 0 ? 3 : 2;
          mine.push(
            await Promise.all(range(copies).map(() => send(sender, room.id, clientId, `dup ${index} ${n}`))),
          );
        }
        return mine;
      }),
    );
    const total = SENDERS * MESSAGES_EACH;
    for (const copies of sent.flat()) {
      // All copies of one send answer the one stored message.
      expect(new Set(copies.map((message) => message.id)).size).toBe(1);
      expect(new Set(copies.map((message) => message.seq)).size).toBe(1);
    }
    expect(await storedSeqs(room.id)).toEqual(range(total));
    // Each member has read up to their own last message (a send marks the room read for its sender) and
    // has every later message unread, each counted once.
    for (const [index, sender] of senders.entries()) {
      const ownLast = Math.max(...sent[index]!.flat().map((message) => message.seq));
      const { room: seen } = await callRoute(api.app, sender, 'getRoom', { params: { id: room.id } });
      expect(seen).toMatchObject({ lastReadSeq: ownLast, unreadCount: total - ownLast });
    }
  });
});
