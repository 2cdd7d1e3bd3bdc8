import type { MessageView } from './message-view';

/** Consecutive messages by one author closer than this share one header. */
export const GROUP_WINDOW_MS = 5 * 60_000;

/** One row of the conversation: a message plus what is drawn above it. */
export interface TimelineRow {
  message: MessageView;
  /** Show the author's name and avatar (first of a run by the same person). */
  startsGroup: boolean;
  /** A date line above this message (the first message of each calendar day). */
  dayDivider: string | null;
  /** The "New messages" line above this message. */
  unreadDivider: boolean;
}

const dayKey = (date: Date) => `${date.getFullYear()}-${date.getMonth()}-${date.getDate()}`;

/** "Today", "Yesterday", or the date, in the reader's locale and time zone. */
export function dayLabel(date: Date, now: Date): string {
  if (dayKey(date) === dayKey(now)) return 'Today';
  const yesterday = new Date(now.getFullYear(), now.getMonth(), now.getDate() - 1);
  if (dayKey(date) === dayKey(yesterday)) return 'Yesterday';
  return date.toLocaleDateString(undefined, {
    weekday: 'long',
    month: 'long',
    day: 'numeric',
    ...(date.getFullYear() === now.getFullYear() ? {} : { year: 'numeric' }),
  });
}

/**
 * Lays out a conversation: a date line at each new day, the "New messages" line above the first unread,
 * and author headers only where the author changes, the day changes, more than five minutes passed, or
 * the unread line interrupts — the grouping every chat reader expects.
 */
export function buildTimelineRows(
  messages: readonly MessageView[],
  firstUnreadKey: string | null,
  now: Date = new Date(),
): TimelineRow[] {
  const rows: TimelineRow[] = [];
  let previous: MessageView | null = null;
  let previousTime = 0;
  let previousDay = '';
  for (const message of messages) {
    const time = new Date(message.createdAt);
    const day = dayKey(time);
    const newDay = day !== previousDay;
    const unreadDivider = message.key === firstUnreadKey;
    const startsGroup =
      previous === null ||
      newDay ||
      unreadDivider ||
      previous.sender.id !== message.sender.id ||
      time.getTime() - previousTime > GROUP_WINDOW_MS;
    rows.push({ message, startsGroup, dayDivider: newDay ? dayLabel(time, now) : null, unreadDivider });
    previous = message;
    previousTime = time.getTime();
    previousDay = day;
  }
  return rows;
}
