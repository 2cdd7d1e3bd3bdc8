import type { RoomSummary } from '@livechat/protocol';

/** A room list row for tests: room r-1 "general", three messages, one unread, everything overridable. */
export function buildRoomSummary(overrides: Partial<RoomSummary> = {}): RoomSummary {
  return {
    id: 'r-1',
    name: 'general',
    createdAt: '2026-01-01T09:00:00.000Z',
    lastSeq: 3,
    revision: 3,
    lastActivityAt: '2026-01-01T10:03:00.000Z',
    myRole: 'member',
    memberCount: 2,
    unreadCount: 1,
    lastReadSeq: 2,
    lastMessage: null,
    notificationLevel: 'all',
    ...overrides,
  };
}
