/** Figures of one set of latency samples, in milliseconds. */
export interface LatencySummary {
  count: number;
  p50: number;
  p99: number;
  max: number;
  mean: number;
}

/**
 * The q-quantile (0 < q ≤ 1) of samples by the nearest-rank method: the smallest sample with at least
 * q of all samples at or below it — always a value that was actually observed.
 */
export function quantile(sortedSamples: readonly number[], q: number): number {
  if (sortedSamples.length === 0) return Number.NaN;
  const rank = Math.max(1, Math.ceil(q * sortedSamples.length));
  return sortedSamples[rank - 1] as number;
}

export function summarizeLatencies(samples: readonly number[]): LatencySummary {
  const sorted = Float64Array.from(samples).sort();
  const list = Array.from(sorted);
  let total = 0;
  for (const sample of list) total += sample;
  return {
    count: list.length,
    p50: quantile(list, 0.5),
    p99: quantile(list, 0.99),
    max: list.length ? (list[list.length - 1] as number) : Number.NaN,
    mean: list.length ? total / list.length : Number.NaN,
  };
}
