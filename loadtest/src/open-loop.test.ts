import { describe, expect, it } from 'vitest';
import { runOpenLoop } from './open-loop.js';

describe('runOpenLoop', () => {
  it('skips operations due while maxOutstanding are open, and counts them as not offered', async () => {
    const releases: (() => void)[] = [];
    const started: number[] = [];
    const loop = runOpenLoop({ ratePerSecond: 1000, durationMs: 20, maxOutstanding: 3 }, (index) => {
      started.push(index);
      return new Promise<void>((resolve) => releases.push(resolve));
    });
    // Every operation is due within 20 ms; none answers before all were due.
    await new Promise((resolve) => setTimeout(resolve, 60));
    for (const release of releases) release();
    const result = await loop;
    expect(started).toEqual([0, 1, 2]);
    expect(result).toMatchObject({ completed: 3, failures: 0, notOffered: 17 });
  });

  it('starts every operation while fewer than maxOutstanding are open', async () => {
    const result = await runOpenLoop(
      { ratePerSecond: 500, durationMs: 20, maxOutstanding: 10 },
      () => new Promise((resolve) => setTimeout(resolve, 30)),
    );
    expect(result).toMatchObject({ completed: 10, notOffered: 0 });
  });
});
