import type { Message, SendMessageBody } from '@livechat/protocol';
import { describe, expect, it, vi } from 'vitest';
import { ApiRequestError } from './api-client.js';
import { MessageSender } from './message-sender.js';
import { PendingSends } from './pending-sends.js';

const ROOM = '00000000-0000-4000-8000-00000000000a';

/** The API's send as far as idempotency goes: one stored message per clientId, a repeat answers it again. */
function fakeApi() {
  const stored = new Map<string, Message>();
  const store = (body: SendMessageBody): Message => {
    let message = stored.get(body.clientId);
    if (!message) {
      const seq = stored.size + 1;
      message = {
        id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
        roomId: ROOM,
        seq,
        revision: seq,
        sender: { id: '00000000-0000-4000-8000-0000000000b0', displayName: 'Ada' },
        clientId: body.clientId,
        body: body.body,
        replyTo: null,
        createdAt: new Date().toISOString(),
        editedAt: null,
        deletedAt: null,
      };
      stored.set(body.clientId, message);
    }
    return message;
  };
  return { stored, store };
}

function senderWith(post: (roomId: string, body: SendMessageBody) => Promise<Message>) {
  const changes: string[] = [];
  const pending = new PendingSends((roomId) => changes.push(roomId));
  const onSent = vi.fn();
  const postSpy = vi.fn(post);
  const sender = new MessageSender({
    pending,
    post: postSpy,
    onSent,
    retry: { baseDelayMs: 1 },
    signal: new AbortController().signal,
  });
  return { sender, pending, onSent, post: postSpy, changes };
}

describe('MessageSender', () => {
  it('retries a send whose answer was lost with the same clientId, storing it once', async () => {
    const api = fakeApi();
    let dropped = false;
    const { sender, pending, onSent, post } = senderWith(async (_roomId, body) => {
      const message = api.store(body);
      if (!dropped) {
        dropped = true;
        throw new TypeError('fetch failed'); // stored, but the answer never arrived
      }
      return message;
    });
    const sending = sender.send(ROOM, 'hello');
    expect(pending.list(ROOM)).toMatchObject([{ body: 'hello', state: 'sending' }]);
    const message = await sending;
    expect(api.stored.size).toBe(1);
    expect(post).toHaveBeenCalledTimes(2);
    expect(post.mock.calls[0]![1].clientId).toBe(post.mock.calls[1]![1].clientId);
    expect(message.clientId).toBe(post.mock.calls[0]![1].clientId);
    expect(onSent).toHaveBeenCalledExactlyOnceWith(message);
    expect(pending.list(ROOM)).toEqual([]);
  });

  it('marks a refused send failed, and sends it again on request with the same clientId', async () => {
    const api = fakeApi();
    let refuse = true;
    const { sender, pending, post } = senderWith(async (_roomId, body) => {
      if (refuse) throw new ApiRequestError(403, 'forbidden', 'not a member', null);
      return api.store(body);
    });
    await expect(sender.send(ROOM, 'hello')).rejects.toMatchObject({ code: 'forbidden' });
    const [failed] = pending.list(ROOM);
    expect(failed).toMatchObject({ state: 'failed', error: { code: 'forbidden' }, attempts: 1 });
    refuse = false;
    const message = await sender.retry(ROOM, failed!.clientId);
    expect(message.clientId).toBe(failed!.clientId);
    expect(post).toHaveBeenCalledTimes(2);
    expect(pending.list(ROOM)).toEqual([]);
  });

  it("keeps a room's messages in the order they were typed, even when the first is retried", async () => {
    const api = fakeApi();
    let failures = 2;
    const { sender } = senderWith(async (_roomId, body) => {
      if (body.body === 'first' && failures-- > 0)
        throw new ApiRequestError(503, 'unavailable', 'busy', null);
      return api.store(body);
    });
    const sent = await Promise.all([sender.send(ROOM, 'first'), sender.send(ROOM, 'second')]);
    expect(sent.map((m) => [m.body, m.seq])).toEqual([
      ['first', 1],
      ['second', 2],
    ]);
  });

  it('discards only a failed message', async () => {
    let release = () => undefined as void;
    const { sender, pending } = senderWith(
      () =>
        new Promise<Message>((_resolve, reject) => {
          release = () => reject(new ApiRequestError(400, 'validation_failed', 'too long', null));
        }),
    );
    const sending = sender.send(ROOM, 'x').catch(() => undefined);
    const [item] = pending.list(ROOM);
    expect(sender.discard(ROOM, item!.clientId)).toBe(false);
    await vi.waitFor(() => expect(pending.get(ROOM, item!.clientId)?.attempts).toBe(1));
    release();
    await sending;
    expect(sender.discard(ROOM, item!.clientId)).toBe(true);
    expect(pending.list(ROOM)).toEqual([]);
  });
});
