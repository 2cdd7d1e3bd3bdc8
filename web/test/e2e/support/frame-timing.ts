import type { Locator } from 'playwright-core';

export interface FrameStats {
  frames: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** Share of frames that missed a 60 Hz vsync (longer than 25 ms, 1.5 frames), in percent. */
  over25ms: number;
  /** Share of frames longer than two (33.3 ms): visible stutter. */
  over33ms: number;
}

/**
 * Scrolls an element by `pxPerFrame` on every animation frame, `frames` times, in the real browser, and
 * returns the distribution of frame durations (time between consecutive requestAnimationFrame callbacks).
 */
export async function scrollFrameStats(
  scroller: Locator,
  frames: number,
  pxPerFrame: number,
): Promise<FrameStats> {
  const durations = await scroller.evaluate(
    async (element, { frames, pxPerFrame }) => {
      const nextFrame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));
      const out: number[] = [];
      let last = await nextFrame();
      for (let i = 0; i < frames; i++) {
        element.scrollTop += pxPerFrame;
        const now = await nextFrame();
        out.push(now - last);
        last = now;
      }
      return out;
    },
    { frames, pxPerFrame },
  );
  const sorted = [...durations].sort((a, b) => a - b);
  const at = (q: number) => round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0);
  const share = (limit: number) =>
    round((100 * durations.filter((d) => d > limit).length) / durations.length);
  return {
    frames: durations.length,
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    max: round(sorted[sorted.length - 1] ?? 0),
    over25ms: share(25),
    over33ms: share(33.4),
  };
}

const round = (n: number) => Math.round(n * 10) / 10;
