import type { Message, MessagePreview, RoomSummary } from '@livechat/protocol';
import { plainText } from '../conversation/markdown/plain-text';
import { countsAsUnread } from '../timeline/unread';

/** The result of applying an event to a sidebar row: the new row, or a note that it must be fetched again. */
export type SummaryUpdate = { room: RoomSummary } | { refetch: true };

const preview = (message: Message): MessagePreview => ({
  id: message.id,
  seq: message.seq,
  sender: message.sender,
  body: message.body,
  createdAt: message.createdAt,
  deleted: message.deletedAt !== null,
});

const later = (a: string, b: string) => (Date.parse(a) >= Date.parse(b) ? a : b);

/**
 * Applies a message change (new, edited or deleted) to a room's sidebar row. Every content change advances
 * the room's revision by one, so a change that is not exactly the next revision is either old news (ignored:
 * counted already) or proof that something was missed (the row is fetched again, and its server-side unread
 * count is exact). That makes the arithmetic below safe to run on every event, even replayed ones.
 *
 * @param reading whether the person is looking at this room right now (its new messages are read at once)
 */
export function applyMessageChange(
  room: RoomSummary,
  kind: 'new' | 'edited' | 'deleted',
  event: { message: Message; lastSeq: number; revision: number; lastMessage?: MessagePreview | null },
  myId: string,
  reading: boolean,
): SummaryUpdate | null {
  if (event.revision <= room.revision) return null;
  if (event.revision !== room.revision + 1) return { refetch: true };
  const { message } = event;
  const next: RoomSummary = {
    ...room,
    revision: event.revision,
    lastSeq: Math.max(room.lastSeq, event.lastSeq),
  };
  if (kind === 'new') {
    next.lastActivityAt = later(message.createdAt, room.lastActivityAt);
    next.lastMessage = preview(message);
    if (message.sender.id === myId) {
      // My own message moved my marker to it on the server (protocol: MessageNewEvent), and it is the
      // room's latest (exactly the next revision): nothing after it is unread.
      next.lastReadSeq = Math.max(room.lastReadSeq, message.seq);
      next.unreadCount = 0;
    } else if (reading) {
      // Read on screen: the badge clears now, but `lastReadSeq` stays the server's marker until mark-read
      // answers, so the store still knows the marker has to move (issue 8: it did not, when this moved it).
      next.unreadCount = 0;
    } else if (countsAsUnread(message, room.lastReadSeq, myId)) {
      next.unreadCount = room.unreadCount + 1;
    }
  } else {
    // A delete says what the preview is now (the newest message still standing, or none).
    if (kind === 'deleted' && event.lastMessage !== undefined) next.lastMessage = event.lastMessage;
    else if (room.lastMessage?.id === message.id) next.lastMessage = preview(message);
    if (kind === 'deleted' && countsAsUnread({ ...message, deletedAt: null }, room.lastReadSeq, myId)) {
      next.unreadCount = Math.max(0, room.unreadCount - 1);
    }
  }
  return { room: next };
}

/** A read marker moved (here or on another device): markers only move forward. */
export function applyReadMarker(room: RoomSummary, lastReadSeq: number, unreadCount: number): RoomSummary {
  if (lastReadSeq < room.lastReadSeq) return room;
  return { ...room, lastReadSeq, unreadCount };
}

/** The sidebar's order: latest activity first; ties by name so the order is stable. */
export function orderRooms(rooms: Iterable<RoomSummary>): RoomSummary[] {
  return [...rooms].sort(
    (a, b) => Date.parse(b.lastActivityAt) - Date.parse(a.lastActivityAt) || a.name.localeCompare(b.name),
  );
}

/** Text of a sidebar row's second line. */
export function previewText(room: RoomSummary, myId: string): string {
  const last = room.lastMessage;
  if (!last) return 'No messages yet';
  const who = last.sender.id === myId ? 'You' : last.sender.displayName;
  return `${who}: ${last.deleted ? 'message deleted' : plainText(last.body)}`;
}
