import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_RECONNECT_DELAY_MS, reconnectDelayMs } from './reconnect-delay.js';

describe('reconnectDelayMs', () => {
  it('jitters fully below a ceiling that doubles per attempt and stops growing', () => {
    expect(reconnectDelayMs(0, undefined, () => 0)).toBe(0);
    expect(reconnectDelayMs(0, undefined, () => 0.999)).toBe(499);
    expect(reconnectDelayMs(3, undefined, () => 0.999)).toBe(3996);
    expect(reconnectDelayMs(50, undefined, () => 0.999)).toBeLessThan(MAX_RECONNECT_DELAY_MS);
  });

  it('never comes back before the hint, and spreads over at least the hint after it', () => {
    expect(reconnectDelayMs(0, 1000, () => 0)).toBe(1000);
    expect(reconnectDelayMs(0, 1000, () => 0.999)).toBe(1999);
    expect(reconnectDelayMs(4, 1000, () => 0.999)).toBe(8992); // backoff wider than the hint
  });

  it('stays within [hint, hint + max(hint, ceiling)) for any attempt, hint and draw', () => {
    fc.assert(
      fc.property(
        fc.nat(100),
        fc.option(fc.nat(60_000), { nil: undefined }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (attempt, hint, draw) => {
          const delay = reconnectDelayMs(attempt, hint, () => draw);
          const ceiling = Math.min(MAX_RECONNECT_DELAY_MS, 500 * 2 ** attempt);
          expect(delay).toBeGreaterThanOrEqual(hint ?? 0);
          expect(delay).toBeLessThan((hint ?? 0) + Math.max(hint ?? 0, ceiling) + 1);
        },
      ),
    );
  });

  it('spreads a crowd: 1,000 clients refused together do not come back in the same 100 ms', () => {
    const delays = Array.from({ length: 1000 }, () => reconnectDelayMs(0, 1000));
    const busiest = Math.max(
      ...Array.from(
        { length: 10 },
        (_, slot) => delays.filter((d) => d >= 1000 + slot * 100 && d < 1100 + slot * 100).length,
      ),
    );
    expect(busiest).toBeLessThan(200);
  });
});
