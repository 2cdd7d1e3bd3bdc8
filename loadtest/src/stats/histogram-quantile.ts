/**
 * One cumulative bucket of a Prometheus histogram: observations at most `le` seconds. The last bound,
 * +Inf, may arrive as NaN or null (JSON has no Infinity: IPC turns it into null).
 */
export interface HistogramBucket {
  le: number | null;
  count: number;
}

/**
 * The upper bound of the bucket holding quantile `q` of what was observed between two scrapes of the same
 * cumulative histogram (Infinity when it lies past the last finite bound, NaN when nothing was observed).
 * A bound, not an estimate: the true value lies between the previous bound and this one.
 */
export function histogramQuantile(before: HistogramBucket[], after: HistogramBucket[], q: number): number {
  const earlier = new Map(before.map((bucket) => [bucket.le, bucket.count]));
  const buckets = after
    .map(({ le, count }) => ({
      le: le === null || Number.isNaN(le) ? Infinity : le,
      count: count - (earlier.get(le) ?? 0),
    }))
    .sort((a, b) => a.le - b.le);
  const total = buckets.at(-1)?.count ?? 0;
  if (total === 0) return Number.NaN;
  return buckets.find((bucket) => bucket.count >= q * total)!.le;
}
