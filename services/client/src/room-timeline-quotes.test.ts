import type { Message } from '@livechat/protocol';
import { describe, expect, it } from 'vitest';
import { RoomTimeline } from './room-timeline.js';

const alice = { id: 'alice', displayName: 'Alice' };
const bob = { id: 'bob', displayName: 'Bob' };

function message(seq: number, revision: number, fields: Partial<Message> = {}): Message {
  return {
    id: `m${seq}`,
    roomId: 'room',
    seq,
    revision,
    sender: alice,
    clientId: `c${seq}`,
    body: `message ${seq}`,
    replyTo: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    editedAt: null,
    deletedAt: null,
    ...fields,
  };
}

const parent = message(1, 1, { body: 'the parent' });
const reply = message(2, 2, {
  sender: bob,
  body: 'the reply',
  replyTo: { id: 'm1', seq: 1, sender: alice, body: 'the parent', deleted: false },
});
const quoteOf = (timeline: RoomTimeline) => timeline.messages.find((m) => m.id === 'm2')?.replyTo;

/** The server re-sends only the parent when it changes: the reply's own revision does not move. */
describe('RoomTimeline quotes', () => {
  it('shows a deleted parent as deleted in every reply quoting it, without its text', () => {
    const timeline = new RoomTimeline('room', 0);
    timeline.applyHistory({ messages: [parent, reply], hasMore: false });
    const version = timeline.version;
    timeline.applyEvent({
      roomId: 'room',
      lastSeq: 2,
      revision: 3,
      message: { ...parent, revision: 3, body: '', deletedAt: '2026-01-01T00:01:00.000Z' },
    });
    expect(timeline.version).toBeGreaterThan(version);
    expect(quoteOf(timeline)).toMatchObject({ id: 'm1', deleted: true, body: '' });
  });

  it('shows an edited parent’s new text in its quotes', () => {
    const timeline = new RoomTimeline('room', 0);
    timeline.applyHistory({ messages: [parent, reply], hasMore: false });
    timeline.applyChanges(2, {
      changes: [{ ...parent, revision: 3, body: 'the parent, edited', editedAt: parent.createdAt }],
      revision: 3,
      hasMore: false,
    });
    expect(quoteOf(timeline)).toMatchObject({ body: 'the parent, edited', deleted: false });
  });

  it('refreshes a shown reply when its parent lies before the loaded window', () => {
    const timeline = new RoomTimeline('room', 2);
    timeline.applyHistory({ messages: [reply], hasMore: true });
    expect(timeline.messages.map((m) => m.id)).toEqual(['m2']);
    const changed = timeline.applyEvent({
      roomId: 'room',
      lastSeq: 2,
      revision: 3,
      message: { ...parent, revision: 3, body: '', deletedAt: '2026-01-01T00:01:00.000Z' },
    });
    expect(changed).toBe(true);
    expect(quoteOf(timeline)).toMatchObject({ deleted: true, body: '' });
    expect(timeline.messages.map((m) => m.id)).toEqual(['m2']);
  });
});
