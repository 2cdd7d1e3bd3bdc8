import { describe, expect, it } from 'vitest';
import { relativeTime } from './relative-time';

describe('relativeTime', () => {
  // Local times, so the calendar-day rules hold in whatever zone the test runs.
  const now = new Date(2026, 2, 12, 14, 30, 0); // Thursday 12 March 2026, 14:30
  const at = (...parts: [number, number, number, number?, number?]) =>
    new Date(parts[0], parts[1], parts[2], parts[3] ?? 0, parts[4] ?? 0).toISOString();

  it('says "now", then minutes and hours the same day', () => {
    expect(relativeTime(new Date(now.getTime() - 20_000).toISOString(), now)).toBe('now');
    expect(relativeTime(at(2026, 2, 12, 14, 25), now)).toBe('5 min');
    expect(relativeTime(at(2026, 2, 12, 13, 31), now)).toBe('59 min');
    expect(relativeTime(at(2026, 2, 12, 11, 0), now)).toBe('3 h');
    expect(relativeTime(at(2026, 2, 12, 0, 1), now)).toBe('14 h');
  });

  it('counts calendar days: yesterday, a weekday this week, then a date', () => {
    expect(relativeTime(at(2026, 2, 11, 23, 59), now)).toBe('yesterday');
    expect(relativeTime(at(2026, 2, 11, 0, 0), new Date(2026, 2, 12, 0, 10))).toBe('yesterday');
    expect(relativeTime(at(2026, 2, 9, 9, 0), now, 'en-GB')).toBe('Mon');
    expect(relativeTime(at(2026, 2, 4, 9, 0), now, 'en-GB')).toBe('4 Mar');
    expect(relativeTime(at(2025, 11, 24, 9, 0), now, 'en-GB')).toBe('24 Dec 2025');
  });

  it('treats a time a little ahead of the clock (clock skew) as now', () => {
    expect(relativeTime(new Date(now.getTime() + 30_000).toISOString(), now)).toBe('now');
  });
});
