import { describe, expect, it } from 'vitest';
import { topSelfTime, type CpuProfile } from './self-time.js';

const frame = (functionName: string, lineNumber = 0) => ({
  functionName,
  url: 'file:///x/node_modules/lib/a.js',
  lineNumber,
});

describe('self time of a CPU profile', () => {
  it('gives each sample interval to the node on top and adds up nodes of the same function', () => {
    const profile: CpuProfile = {
      nodes: [
        { id: 1, callFrame: frame('(root)') },
        { id: 2, callFrame: frame('hot', 9) },
        { id: 3, callFrame: frame('cold', 20) },
        { id: 4, callFrame: frame('hot', 9) }, // same function reached along another call path
      ],
      samples: [2, 3, 4, 2],
      timeDeltas: [1000, 500, 2000, 1000],
    };
    const { totalMs, functions } = topSelfTime(profile, 2);
    expect(totalMs).toBe(4.5);
    expect(functions).toEqual([
      { name: 'hot', where: 'lib/a.js:10', selfMs: 4 },
      { name: 'cold', where: 'lib/a.js:21', selfMs: 0.5 },
    ]);
  });
});
