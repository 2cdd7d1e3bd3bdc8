import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildTops, rowAt, visibleRange } from './sorted-offsets';

describe('windowing arithmetic', () => {
  it('finds the row covering a position', () => {
    const tops = buildTops(3, (i) => [10, 20, 30][i] ?? 0);
    expect([...tops]).toEqual([0, 10, 30, 60]);
    expect(rowAt(tops, 0)).toBe(0);
    expect(rowAt(tops, 9.9)).toBe(0);
    expect(rowAt(tops, 10)).toBe(1);
    expect(rowAt(tops, 59)).toBe(2);
    expect(rowAt(tops, 500)).toBe(2);
  });

  it('always renders every row that intersects the viewport', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 400 }), { minLength: 1, maxLength: 300 }),
        fc.nat(20_000),
        fc.integer({ min: 1, max: 2_000 }),
        (heights, scroll, viewport) => {
          const tops = buildTops(heights.length, (i) => heights[i] ?? 0);
          const total = tops[heights.length] ?? 0;
          const scrollTop = Math.min(scroll, Math.max(0, total - viewport));
          const { start, end } = visibleRange(tops, scrollTop, viewport, 0);
          for (let i = 0; i < heights.length; i++) {
            const top = tops[i] ?? 0;
            const bottom = tops[i + 1] ?? 0;
            const intersects = bottom > scrollTop && top < scrollTop + viewport;
            if (intersects) expect(i >= start && i < end).toBe(true);
          }
        },
      ),
    );
  });
});
