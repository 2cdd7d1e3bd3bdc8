import { describe, expect, it } from 'vitest';
import { retryDelayMs } from './mail-worker.js';

describe('retryDelayMs', () => {
  it('doubles from the base with each failed attempt, up to the cap', () => {
    expect([1, 2, 3, 4, 5].map((attempts) => retryDelayMs(attempts, 1000, 10_000))).toEqual([
      1000, 2000, 4000, 8000, 10_000,
    ]);
    expect(retryDelayMs(500, 1000, 3_600_000)).toBe(3_600_000);
    expect(retryDelayMs(0, 1000, 10_000)).toBe(1000);
  });
});
