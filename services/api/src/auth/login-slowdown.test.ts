import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { slowdownMs } from './login-slowdown.js';

const policyArb = fc.record({
  afterFailures: fc.integer({ min: 0, max: 50 }),
  baseMs: fc.integer({ min: 1, max: 10_000 }),
  maxMs: fc.integer({ min: 1, max: 600_000 }),
});

describe('login slowdown', () => {
  it('is free up to the threshold, then grows with failures and never passes the cap', () => {
    fc.assert(
      fc.property(policyArb, fc.nat({ max: 10_000 }), (policy, failures) => {
        const gap = slowdownMs(failures, policy);
        if (failures < policy.afterFailures) expect(gap).toBe(0);
        else expect(gap).toBeGreaterThan(0);
        expect(gap).toBeLessThanOrEqual(policy.maxMs);
        expect(slowdownMs(failures + 1, policy)).toBeGreaterThanOrEqual(gap);
      }),
    );
  });

  it('doubles from the base', () => {
    const policy = { afterFailures: 5, baseMs: 1000, maxMs: 30_000 };
    expect([4, 5, 6, 7, 9, 10, 1e6].map((failures) => slowdownMs(failures, policy))).toEqual([
      0, 1000, 2000, 4000, 16_000, 30_000, 30_000,
    ]);
  });
});
