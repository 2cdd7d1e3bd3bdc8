import { describe, expect, it } from 'vitest';
import { histogramQuantile } from './histogram-quantile.js';

describe('histogramQuantile', () => {
  it("gives the bound of the quantile's bucket among what was observed between the scrapes", () => {
    const before = [
      { le: 0.1, count: 90 },
      { le: 1, count: 100 },
      { le: null, count: 100 },
    ];
    // 100 more: 98 under 0.1 s, 1 under 1 s, 1 past it.
    const after = [
      { le: 0.1, count: 188 },
      { le: 1, count: 199 },
      { le: null, count: 200 }, // +Inf, as it arrives over IPC
    ];
    expect(histogramQuantile(before, after, 0.5)).toBe(0.1);
    expect(histogramQuantile(before, after, 0.99)).toBe(1);
    expect(histogramQuantile(before, after, 1)).toBe(Infinity);
    expect(histogramQuantile(after, after, 0.99)).toBeNaN();
  });
});
