import type { RoomSnapshot } from '@livechat/client';
import { describe, expect, it } from 'vitest';
import { buildMessage } from '../chat/timeline/test-messages';
import { SAVED_MESSAGES_PER_ROOM, toRoomSnapshot, toSavedMessages } from './saved-view';

const bob = { id: 'u-bob', displayName: 'Bob' };
const view = (count: number, hasOlder = false): RoomSnapshot => ({
  roomId: 'r-1',
  messages: Array.from({ length: count }, (_, i) => buildMessage(i + 1, bob)),
  pending: [],
  hasOlder,
});

describe('saved room views', () => {
  it('keeps the newest messages of a long room, in order, and says older ones exist', () => {
    const saved = toSavedMessages('u-alice', view(120));
    expect(saved.messages).toHaveLength(SAVED_MESSAGES_PER_ROOM);
    expect(saved.messages.map((m) => m.seq)).toEqual(Array.from({ length: 50 }, (_, i) => 71 + i));
    expect(saved).toMatchObject({ userId: 'u-alice', roomId: 'r-1', hasOlder: true });
  });

  it('keeps a short room whole, older history only if the view had some', () => {
    expect(toSavedMessages('u-alice', view(3)).hasOlder).toBe(false);
    expect(toSavedMessages('u-alice', view(3, true)).hasOlder).toBe(true);
  });

  it('comes back as a snapshot with no pending messages (the outbox holds those)', () => {
    const snapshot = toRoomSnapshot(toSavedMessages('u-alice', { ...view(2), pending: [] }));
    expect(snapshot).toEqual({ roomId: 'r-1', messages: view(2).messages, pending: [], hasOlder: false });
  });
});
