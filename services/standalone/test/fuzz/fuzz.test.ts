import { describe, expect, it } from 'vitest';
import { runFuzz } from './fuzz-run.js';

/**
 * The short mode of the schema-driven fuzz suite, part of `npm test`: a few dozen generated cases per
 * REST route and socket event against a real standalone server (1,000 in all, about 45 s with the
 * server's boot). `npm run fuzz` runs the long mode (over 100,000 cases) and prints the histogram.
 */
describe('fuzz (short mode): every route and socket event of the protocol', () => {
  it('answers valid, boundary and mutated inputs without a 5xx, a crash, a stack trace or an uncoded refusal', async () => {
    const report = await runFuzz({ cases: Number(process.env.FUZZ_CASES ?? 1000) });
    console.log(report.histogram.format());
    expect(report.failures).toEqual([]);
    expect(report.serverErrors).toEqual([]);
    expect(report.histogram.count(null, (outcome) => /^5\d\d$/.test(outcome))).toBe(0);
    // Every target ran: a route added to the protocol is fuzzed without anyone listing it here.
    for (const target of report.targets)
      expect(report.histogram.count(target, () => true)).toBeGreaterThan(0);
  });
});
