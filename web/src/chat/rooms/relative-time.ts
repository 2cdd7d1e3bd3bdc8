const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * How long ago something happened, as short as the room list has room for: "now", "5 min", "3 h" (the
 * same day), "yesterday", a weekday within the week ("Mon"), then a date ("4 Mar", with the year when it
 * is not this one). Days are the reader's calendar days, not 24-hour spans: 23:50 yesterday is
 * "yesterday" at 00:10, not "20 min".
 */
export function relativeTime(iso: string, now: Date, locale?: string): string {
  const then = new Date(iso);
  const ago = now.getTime() - then.getTime();
  if (ago < MINUTE) return 'now';
  const days = calendarDaysBetween(then, now);
  if (days === 0) return ago < HOUR ? `${Math.floor(ago / MINUTE)} min` : `${Math.floor(ago / HOUR)} h`;
  if (days === 1) return 'yesterday';
  if (days < 7) return then.toLocaleDateString(locale, { weekday: 'short' });
  return then.toLocaleDateString(locale, {
    day: 'numeric',
    month: 'short',
    ...(then.getFullYear() === now.getFullYear() ? {} : { year: 'numeric' }),
  });
}

/** Calendar days from `a` to `b` in local time (0 on the same day; time zone changes do not count). */
function calendarDaysBetween(a: Date, b: Date): number {
  const day = (d: Date) => Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) / (24 * HOUR);
  return day(b) - day(a);
}
