import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { TokenBucket } from './token-bucket.js';

describe('TokenBucket', () => {
  it('allows a burst of its capacity, then refills at capacity per period', () => {
    let now = 0;
    const bucket = new TokenBucket(10, 10_000, () => now);
    expect(Array.from({ length: 11 }, () => bucket.take())).toEqual([
      ...Array<boolean>(10).fill(true),
      false,
    ]);
    now += 999;
    expect(bucket.take()).toBe(false);
    now += 1;
    expect(bucket.take()).toBe(true);
    now += 60_000; // a long pause refills to capacity, never beyond
    expect(Array.from({ length: 11 }, () => bucket.take()).filter(Boolean)).toHaveLength(10);
  });

  it('never grants more than capacity plus what the elapsed time refilled', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50 }),
        fc.array(fc.integer({ min: 0, max: 2000 }), { maxLength: 300 }),
        (capacity, gaps) => {
          let now = 0;
          const bucket = new TokenBucket(capacity, 10_000, () => now);
          let granted = 0;
          for (const gap of gaps) {
            now += gap;
            if (bucket.take()) granted++;
          }
          expect(granted).toBeLessThanOrEqual(capacity + Math.floor((now * capacity) / 10_000));
        },
      ),
    );
  });
});
