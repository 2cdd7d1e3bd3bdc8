import type { PublicUser } from '@livechat/protocol';
import { describe, expect, it } from 'vitest';
import { addOutgoing, markOutgoing, removeOutgoing } from '../outgoing/outgoing-messages';
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

  it('shows a failed message with its reason, and pending again on retry', () => {
    let outgoing = addOutgoing([], 'c-1', 'hello', null);
    outgoing = markOutgoing(outgoing, 'c-1', 'failed', 'Not sent — you seem to be offline.');
    expect(mergeOutgoing([], outgoing, me)[0]).toMatchObject({
      status: 'failed',
      error: 'Not sent — you seem to be offline.',
    });
    outgoing = markOutgoing(outgoing, 'c-1', 'pending');
    expect(mergeOutgoing([], outgoing, me)[0]).toMatchObject({ status: 'pending' });
    expect(mergeOutgoing([], outgoing, me)[0]).not.toHaveProperty('error');
  });
});
