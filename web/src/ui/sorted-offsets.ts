/**
 * Prefix sums of row heights: `tops[i]` is where row i starts, `tops[n]` the total height. Rebuilt in O(n)
 * when heights change (10,000 additions take well under a millisecond); looked up in O(log n) per frame.
 */
export function buildTops(count: number, heightAt: (index: number) => number): Float64Array {
  const tops = new Float64Array(count + 1);
  for (let i = 0; i < count; i++) tops[i + 1] = (tops[i] as number) + heightAt(i);
  return tops;
}

/** The row that covers vertical position `y` (clamped to the rows that exist). */
export function rowAt(tops: Float64Array, y: number): number {
  const count = tops.length - 1;
  if (count <= 0) return 0;
  let low = 0;
  let high = count - 1;
  while (low < high) {
    const middle = (low + high + 1) >>> 1;
    if ((tops[middle] as number) <= y) low = middle;
    else high = middle - 1;
  }
  return low;
}

/** The rows to render for a viewport, with `overscan` pixels of slack above and below. */
export function visibleRange(
  tops: Float64Array,
  scrollTop: number,
  viewportHeight: number,
  overscan: number,
): { start: number; end: number } {
  const count = tops.length - 1;
  if (count <= 0) return { start: 0, end: 0 };
  const start = rowAt(tops, Math.max(0, scrollTop - overscan));
  const end = Math.min(count, rowAt(tops, scrollTop + viewportHeight + overscan) + 1);
  return { start, end };
}
