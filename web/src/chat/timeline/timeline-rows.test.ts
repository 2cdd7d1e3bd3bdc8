import type { PublicUser } from '@livechat/protocol';
import { describe, expect, it } from 'vitest';
import { storedMessageView } from './message-view';
import { buildMessage } from './test-messages';
import { buildTimelineRows, dayLabel } from './timeline-rows';
import { firstUnreadKey, readUpTo } from './unread';

const ada: PublicUser = { id: 'u-ada', displayName: 'Ada' };
const bob: PublicUser = { id: 'u-bob', displayName: 'Bob' };
const at = (y: number, mo: number, d: number, h: number, mi: number) =>
  new Date(y, mo, d, h, mi).toISOString();
const view = (seq: number, sender: PublicUser, createdAt: string) =>
  storedMessageView(buildMessage(seq, sender, { createdAt }));

describe('buildTimelineRows', () => {
  it('groups consecutive messages by one author within five minutes', () => {
    const rows = buildTimelineRows(
      [
        view(1, ada, at(2026, 2, 3, 10, 0)),
        view(2, ada, at(2026, 2, 3, 10, 4)),
        view(3, ada, at(2026, 2, 3, 10, 10)),
        view(4, bob, at(2026, 2, 3, 10, 11)),
        view(5, ada, at(2026, 2, 3, 10, 12)),
      ],
      null,
      new Date(2026, 2, 3, 12, 0),
    );
    expect(rows.map((r) => r.startsGroup)).toEqual([true, false, true, true, true]);
  });

  it('puts a date line at each new day and starts a new group there', () => {
    const rows = buildTimelineRows(
      [view(1, ada, at(2026, 2, 2, 23, 58)), view(2, ada, at(2026, 2, 3, 0, 1))],
      null,
      new Date(2026, 2, 3, 12, 0),
    );
    expect(rows.map((r) => [r.dayDivider, r.startsGroup])).toEqual([
      ['Yesterday', true],
      ['Today', true],
    ]);
  });

  it('draws the new-messages line above the first unread and breaks the group there', () => {
    const views = [
      view(1, ada, at(2026, 2, 3, 10, 0)),
      view(2, ada, at(2026, 2, 3, 10, 1)),
      view(3, ada, at(2026, 2, 3, 10, 2)),
    ];
    const key = firstUnreadKey(views, 1, bob.id);
    const rows = buildTimelineRows(views, key, new Date(2026, 2, 3, 12, 0));
    expect(rows.map((r) => [r.unreadDivider, r.startsGroup])).toEqual([
      [false, true],
      [true, true],
      [false, false],
    ]);
  });
});

describe('unread arithmetic', () => {
  const messages = [
    storedMessageView(buildMessage(1, ada)),
    storedMessageView(buildMessage(2, bob)),
    storedMessageView(buildMessage(3, ada, { deletedAt: '2026-01-01T11:00:00.000Z', body: '' })),
    storedMessageView(buildMessage(4, ada)),
  ];

  it('skips my own and deleted messages when finding the first unread', () => {
    expect(firstUnreadKey(messages, 1, bob.id)).toBe(messages[3]?.key);
    expect(firstUnreadKey(messages, 0, bob.id)).toBe(messages[0]?.key);
    expect(firstUnreadKey(messages, 4, bob.id)).toBeNull();
  });

  it('reads up to the newest stored message and never moves the marker back', () => {
    expect(readUpTo(messages, 2)).toBe(4);
    expect(readUpTo(messages, 9)).toBe(9);
    expect(readUpTo([], 3)).toBe(3);
  });
});

describe('dayLabel', () => {
  it('names older days by date, with the year only when it differs', () => {
    const now = new Date(2026, 2, 10, 12, 0);
    expect(dayLabel(new Date(2026, 2, 1, 9, 0), now)).not.toMatch(/2026/);
    expect(dayLabel(new Date(2025, 2, 1, 9, 0), now)).toMatch(/2025/);
  });
});
