import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quantile, summarizeLatencies } from './latency-summary.js';

describe('latency summary', () => {
  it('takes nearest-rank percentiles', () => {
    const samples = Array.from({ length: 100 }, (_, index) => 100 - index); // 100..1, unsorted
    expect(summarizeLatencies(samples)).toEqual({ count: 100, p50: 50, p99: 99, max: 100, mean: 50.5 });
  });

  it('answers NaN for no samples instead of inventing a figure', () => {
    expect(summarizeLatencies([]).p50).toBeNaN();
  });

  it('always returns an observed sample with at least q of the samples at or below it', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 200 }),
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        (samples, q) => {
          const sorted = [...samples].sort((a, b) => a - b);
          const value = quantile(sorted, q);
          expect(samples).toContain(value);
          expect(sorted.filter((sample) => sample <= value).length).toBeGreaterThanOrEqual(
            q * samples.length,
          );
          expect(sorted.filter((sample) => sample < value).length).toBeLessThan(q * samples.length);
        },
      ),
    );
  });
});
