import { describe, expect, it } from 'vitest';
import { renderTable } from '../report/figure-table.js';
import { buildVersusTable, formatFigure, meetsTarget, ratioOf, type VersusLine } from './versus-table.js';

const line = (overrides: Partial<VersusLine>): VersusLine => ({
  row: '1 send',
  figure: 'sends/s',
  livechat: 800,
  baseline: 1000,
  ...overrides,
});

describe('versus table', () => {
  it('divides LiveChat by the baseline and checks ratio targets both ways', () => {
    expect(ratioOf(line({}))).toBeCloseTo(0.8);
    expect(meetsTarget(line({ target: { ratioAtLeast: 0.8 } }))).toBe(true);
    expect(meetsTarget(line({ livechat: 799, target: { ratioAtLeast: 0.8 } }))).toBe(false);
    expect(meetsTarget(line({ livechat: 1500, target: { ratioAtMost: 1.5 } }))).toBe(true);
    expect(meetsTarget(line({ livechat: 1501, target: { ratioAtMost: 1.5 } }))).toBe(false);
  });

  it('checks absolute targets on LiveChat’s own figure, without a baseline', () => {
    expect(meetsTarget(line({ livechat: 249, baseline: undefined, target: { below: 250 } }))).toBe(true);
    expect(meetsTarget(line({ livechat: 250, baseline: undefined, target: { below: 250 } }))).toBe(false);
    expect(meetsTarget(line({ livechat: 5, target: { atMost: 5 } }))).toBe(true);
    expect(meetsTarget(line({ livechat: 1, target: { equals: 0 } }))).toBe(false);
  });

  it('answers "no verdict" for a missing figure instead of passing or failing it', () => {
    expect(meetsTarget(line({ livechat: Number.NaN, target: { below: 250 } }))).toBeNull();
    expect(meetsTarget(line({ baseline: Number.NaN, target: { ratioAtMost: 2 } }))).toBeNull();
    expect(meetsTarget(line({}))).toBeNull();
    expect(ratioOf(line({ baseline: 0 }))).toBeNaN();
  });

  it('counts zero against zero as meeting an at-most ratio (no duplicates on either side)', () => {
    expect(meetsTarget(line({ livechat: 0, baseline: 0, target: { ratioAtMost: 1 } }))).toBe(true);
  });

  it('prints every line with both figures, the ratio, the target and the verdict', () => {
    const table = buildVersusTable(
      [
        line({ target: { ratioAtLeast: 0.8 } }),
        line({
          row: '2 saturation',
          figure: 'accepted p99 ms',
          livechat: 312.4,
          baseline: undefined,
          target: { below: 250 },
        }),
      ],
      { title: 'LiveChat versus baselines', baseline: 'baseline', notes: ['load average 1.00 at start'] },
    );
    expect(table.rows).toEqual([
      ['1 send', 'sends/s', '800', '1,000', '0.80×', '≥ 0.8×', 'yes'],
      ['2 saturation', 'accepted p99 ms', '312', '—', '—', '< 250', 'NO'],
    ]);
    expect(renderTable(table)).toContain('| row ');
  });

  it('formats figures to a readable precision', () => {
    expect(formatFigure(0.7234)).toBe('0.723');
    expect(formatFigure(4.567)).toBe('4.57');
    expect(formatFigure(21.76)).toBe('21.8');
    expect(formatFigure(12345.6)).toBe('12,346');
    expect(formatFigure(undefined)).toBe('—');
  });
});
