import { describe, expect, it } from 'vitest';
import { EventLoopLag } from './event-loop-lag.js';

const busy = (ms: number) => {
  const until = performance.now() + ms;
  while (performance.now() < until);
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('EventLoopLag', () => {
  it('reads the time a blocked loop ran late, then decays once the loop is free again', async () => {
    const lag = new EventLoopLag(10).start();
    try {
      await sleep(30);
      busy(300);
      await sleep(1); // the interval's overdue tick runs first: it was due before this timer
      const peak = lag.ms;
      expect(peak).toBeGreaterThan(250);
      await sleep(300);
      // Halved per tick since: far below the peak, even if a loaded machine made the last ticks late.
      expect(lag.ms).toBeLessThan(peak / 2);
    } finally {
      lag.stop();
    }
  });
});
