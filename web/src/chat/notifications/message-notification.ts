import type { Message, NotificationLevel, RoomSummary } from '@livechat/protocol';
import { plainText } from '../conversation/markdown/plain-text';

/** What a notification says: the room, who wrote and what (as plain text, cut to a glance). */
export interface MessageNotice {
  title: string;
  body: string;
  /** One per message: tabs of one browser that each hear the message show it once (the same tag replaces). */
  tag: string;
}

const BODY_MAX = 160;

/**
 * Whether a room's level lets a message through. `mentions`: messages that mention me — there are no
 * mentions yet, so for now nothing (the web app offers that level disabled until they exist).
 */
export function levelAllows(level: NotificationLevel): boolean {
  return level === 'all';
}

/**
 * The notification a new message deserves, or null: never for my own messages, a deleted one, a room
 * this tab does not hold, or a room whose level keeps it quiet. Whether the tab is hidden and the
 * browser allows notifications is the caller's part.
 */
export function messageNotice(
  message: Message,
  room: RoomSummary | undefined,
  myId: string,
): MessageNotice | null {
  if (!room || message.sender.id === myId || message.deletedAt !== null) return null;
  if (!levelAllows(room.notificationLevel)) return null;
  const text = plainText(message.body);
  return {
    title: room.name,
    body: `${message.sender.displayName}: ${text.length > BODY_MAX ? `${text.slice(0, BODY_MAX - 1)}…` : text}`,
    tag: `message:${message.id}`,
  };
}
