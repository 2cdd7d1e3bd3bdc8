import type { PublicUser } from '@livechat/protocol';
import { describe, expect, it } from 'vitest';
import { buildMessage } from '../timeline/test-messages';
import { buildRoomSummary } from './test-rooms';
import { applyMessageChange, applyReadMarker, orderRooms, previewText } from './room-summary-updates';

const me: PublicUser = { id: 'u-me', displayName: 'Me' };
const ada: PublicUser = { id: 'u-ada', displayName: 'Ada' };

const room = buildRoomSummary;

const stamped = (seq: number, sender: PublicUser, revision = seq) => ({
  message: buildMessage(seq, sender, { revision }),
  lastSeq: seq,
  revision,
});

const applied = (update: ReturnType<typeof applyMessageChange>) => {
  if (!update || !('room' in update)) throw new Error(`expected a room, got ${JSON.stringify(update)}`);
  return update.room;
};

describe('applyMessageChange', () => {
  it('counts someone else’s new message as unread and makes it the preview', () => {
    const next = applied(applyMessageChange(room(), 'new', stamped(4, ada), me.id, false));
    expect(next).toMatchObject({ unreadCount: 2, lastSeq: 4, revision: 4 });
    expect(previewText(next, me.id)).toBe('Ada: message 4');
  });

  it('does not count my own message, nor one arriving in the room I am reading', () => {
    // Sending marks the room read up to my message, as the server did when it stored it.
    expect(applied(applyMessageChange(room(), 'new', stamped(4, me), me.id, false))).toMatchObject({
      unreadCount: 0,
      lastReadSeq: 4,
    });
    // Read on screen: the badge clears, but the marker stays the server's until mark-read answers.
    expect(applied(applyMessageChange(room(), 'new', stamped(4, ada), me.id, true))).toMatchObject({
      unreadCount: 0,
      lastReadSeq: 2,
    });
  });

  it('ignores a change it has already counted (same revision twice)', () => {
    const once = applied(applyMessageChange(room(), 'new', stamped(4, ada), me.id, false));
    expect(applyMessageChange(once, 'new', stamped(4, ada), me.id, false)).toBeNull();
  });

  it('asks for the row again when a revision was skipped (the server count is exact)', () => {
    expect(applyMessageChange(room(), 'new', stamped(6, ada, 6), me.id, false)).toEqual({ refetch: true });
  });

  it('uncounts an unread message that gets deleted, but not a read one', () => {
    const deletedUnread = {
      ...stamped(3, ada, 4),
      message: buildMessage(3, ada, { revision: 4, deletedAt: '2026-01-01T11:00:00.000Z' }),
    };
    expect(applied(applyMessageChange(room(), 'deleted', deletedUnread, me.id, false)).unreadCount).toBe(0);
    const deletedRead = {
      ...stamped(2, ada, 4),
      message: buildMessage(2, ada, { revision: 4, deletedAt: '2026-01-01T11:00:00.000Z' }),
    };
    expect(applied(applyMessageChange(room(), 'deleted', deletedRead, me.id, false)).unreadCount).toBe(1);
  });

  it('updates the preview when the last message is edited or deleted', () => {
    const withPreview = applied(applyMessageChange(room(), 'new', stamped(4, ada), me.id, false));
    const edit = { message: buildMessage(4, ada, { revision: 5, body: 'fixed' }), lastSeq: 4, revision: 5 };
    expect(previewText(applied(applyMessageChange(withPreview, 'edited', edit, me.id, false)), me.id)).toBe(
      'Ada: fixed',
    );
  });

  it('takes the preview a delete names: the newest message still standing, or none', () => {
    const withPreview = applied(applyMessageChange(room(), 'new', stamped(4, ada), me.id, false));
    const tombstone = buildMessage(4, ada, { revision: 5, body: '', deletedAt: '2026-01-01T11:00:00.000Z' });
    const previous = { ...stamped(3, me).message, body: 'before it' };
    const lastMessage = {
      id: previous.id,
      seq: 3,
      sender: me,
      body: 'before it',
      createdAt: previous.createdAt,
      deleted: false,
    };
    const deleted = (preview: typeof lastMessage | null) =>
      applied(
        applyMessageChange(
          withPreview,
          'deleted',
          { message: tombstone, lastSeq: 4, revision: 5, lastMessage: preview },
          me.id,
          false,
        ),
      );
    expect(previewText(deleted(lastMessage), me.id)).toBe('You: before it');
    expect(previewText(deleted(null), me.id)).toBe('No messages yet');
  });
});

describe('applyReadMarker and orderRooms', () => {
  it('moves the marker forward only', () => {
    expect(applyReadMarker(room(), 3, 0)).toMatchObject({ lastReadSeq: 3, unreadCount: 0 });
    expect(applyReadMarker(room(), 1, 5)).toMatchObject({ lastReadSeq: 2, unreadCount: 1 });
  });

  it('orders by latest activity, then by name', () => {
    const a = room({ id: 'a', name: 'b-room', lastActivityAt: '2026-01-01T10:00:00.000Z' });
    const b = room({ id: 'b', name: 'a-room', lastActivityAt: '2026-01-01T10:00:00.000Z' });
    const c = room({ id: 'c', name: 'z', lastActivityAt: '2026-01-02T10:00:00.000Z' });
    expect(orderRooms([a, b, c]).map((r) => r.id)).toEqual(['c', 'b', 'a']);
  });
});

describe('previewText', () => {
  it('shows the last message as plain text, without its markup', () => {
    const lastMessage = {
      id: 'm-9',
      seq: 9,
      sender: ada,
      body: '**Ship** it:\n- `npm run deploy`',
      createdAt: '2026-01-01T10:09:00.000Z',
      deleted: false,
    };
    expect(previewText(room({ lastMessage }), me.id)).toBe('Ada: Ship it: npm run deploy');
  });
});
