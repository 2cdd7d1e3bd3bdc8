import type { PublicUser } from '@livechat/protocol';
import { describe, expect, it } from 'vitest';
import type { PendingMessage } from '@livechat/client';
import { addOutgoing, pendingToOutgoing, removeOutgoing } from '../outgoing/outgoing-messages';
import { mergeOutgoing } from './merge-outgoing';
import { buildMessage } from './test-messages';

const me: PublicUser = { id: 'u-me', displayName: 'Me' };
const ada: PublicUser = { id: 'u-ada', displayName: 'Ada' };

describe('mergeOutgoing', () => {
  it('shows stored messages in seq order, then my pending ones in the order I wrote them', () => {
    const stored = [buildMessage(1, ada), buildMessage(2, me, { clientId: 'c-old' })];
    let outgoing = addOutgoing([], 'c-1', 'first', null, new Date('2026-01-01T10:00:00Z'));
    outgoing = addOutgoing(outgoing, 'c-2', 'second', null, new Date('2026-01-01T10:00:01Z'));
    const views = mergeOutgoing(stored, outgoing, me);
    expect(views.map((v) => [v.body, v.status])).toEqual([
      ['message 1', 'sent'],
      ['message 2', 'sent'],
      ['first', 'pending'],
      ['second', 'pending'],
    ]);
  });

  it('never shows a message twice when its stored copy arrives before the pending one is dropped', () => {
    const outgoing = addOutgoing([], 'c-1', 'hello', null);
    const stored = [buildMessage(7, me, { clientId: 'c-1', body: 'hello' })];
    const views = mergeOutgoing(stored, outgoing, me);
    expect(views).toHaveLength(1);
    expect(views[0]).toMatchObject({ status: 'sent', seq: 7 });
  });

  it('keeps the same key from pending to sent, so the row is not re-created', () => {
    const outgoing = addOutgoing([], 'c-1', 'hello', null);
    const [pending] = mergeOutgoing([], outgoing, me);
    const [sent] = mergeOutgoing(
      [buildMessage(1, me, { clientId: 'c-1' })],
      removeOutgoing(outgoing, 'c-1'),
      me,
    );
    expect(pending?.key).toBe(sent?.key);
  });

  it('does not confuse someone else’s clientId with mine', () => {
    const outgoing = addOutgoing([], 'same-id', 'mine', null);
    const stored = [buildMessage(1, ada, { clientId: 'same-id' })];
    expect(mergeOutgoing(stored, outgoing, me).map((v) => v.status)).toEqual(['sent', 'pending']);
  });

  it('shows a failed message with its reason, and pending again while retrying', () => {
    const pending: PendingMessage = {
      clientId: 'c-1',
      roomId: 'r-1',
      body: 'hello',
      replyTo: null,
      state: 'failed',
      error: { code: 'unavailable', message: 'fetch failed' },
      attempts: 6,
      createdAt: '2026-01-01T10:00:00.000Z',
    };
    const failed = mergeOutgoing([], [pendingToOutgoing(pending, new Map(), [])], me)[0];
    expect(failed?.status).toBe('failed');
    expect(failed?.error).toMatch(/^Not sent\. The server can’t be reached/);
    const retrying = mergeOutgoing(
      [],
      [pendingToOutgoing({ ...pending, state: 'sending' }, new Map(), [])],
      me,
    )[0];
    expect(retrying).toMatchObject({ status: 'pending' });
    expect(retrying).not.toHaveProperty('error');
  });

  it('quotes the parent of a pending reply from the timeline when the app did not keep the quote', () => {
    const parent = buildMessage(3, ada);
    const pending: PendingMessage = {
      clientId: 'c-2',
      roomId: 'r-1',
      body: 'yes',
      replyTo: parent.id,
      state: 'sending',
      error: null,
      attempts: 1,
      createdAt: '2026-01-01T10:00:00.000Z',
    };
    expect(pendingToOutgoing(pending, new Map(), [parent]).replyTo).toMatchObject({
      id: parent.id,
      body: 'message 3',
    });
  });
});
