import type { FigureTable } from '../report/figure-table.js';

/**
 * What issue 7 asks of one figure: LiveChat/baseline at most or at least a factor, or LiveChat's own
 * figure under, at most or exactly a value (when the baseline has no comparable figure).
 */
export type Target =
  | { ratioAtMost: number }
  | { ratioAtLeast: number }
  | { below: number }
  | { atMost: number }
  | { equals: number };

/** One line of the versus table: a figure of LiveChat beside the same figure of the baseline. */
export interface VersusLine {
  /** Which row of issue 7's list it belongs to, e.g. "1 send". */
  row: string;
  figure: string;
  livechat: number;
  /** NaN (or absent) when the baseline has no such figure. */
  baseline?: number;
  target?: Target;
}

/** LiveChat / baseline; NaN when either is missing or the baseline is 0 (no ratio to speak of). */
export function ratioOf(line: VersusLine): number {
  const baseline = line.baseline ?? Number.NaN;
  if (!Number.isFinite(line.livechat) || !Number.isFinite(baseline) || baseline === 0) return Number.NaN;
  return line.livechat / baseline;
}

/** Whether the line meets its target; null when it has none or a figure is missing. */
export function meetsTarget(line: VersusLine): boolean | null {
  const target = line.target;
  if (!target) return null;
  const value = line.livechat;
  if ('ratioAtMost' in target || 'ratioAtLeast' in target) {
    const ratio = ratioOf(line);
    // Both zero (e.g. no duplicates on either side) meets a ratio target: nothing to be worse than.
    if (value === 0 && line.baseline === 0) return 'ratioAtMost' in target;
    if (Number.isNaN(ratio)) return null;
    return 'ratioAtMost' in target ? ratio <= target.ratioAtMost : ratio >= target.ratioAtLeast;
  }
  if (!Number.isFinite(value)) return null;
  if ('below' in target) return value < target.below;
  if ('atMost' in target) return value <= target.atMost;
  return value === target.equals;
}

export function describeTarget(target: Target | undefined): string {
  if (!target) return '—';
  if ('ratioAtMost' in target) return `≤ ${target.ratioAtMost}×`;
  if ('ratioAtLeast' in target) return `≥ ${target.ratioAtLeast}×`;
  if ('below' in target) return `< ${formatFigure(target.below)}`;
  if ('atMost' in target) return `≤ ${formatFigure(target.atMost)}`;
  return `= ${formatFigure(target.equals)}`;
}

/** Three significant digits at most, whole numbers with separators; '—' for a missing figure. */
export function formatFigure(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return '—';
  const magnitude = Math.abs(value);
  if (magnitude >= 100 || Number.isInteger(value)) return Math.round(value).toLocaleString('en-US');
  return value.toFixed(magnitude >= 10 ? 1 : magnitude >= 1 ? 2 : 3);
}

const VERDICT = { true: 'yes', false: 'NO', null: '—' } as const;

/** The side-by-side table: every line with both figures, their ratio, the target and whether it is met. */
export function buildVersusTable(
  lines: VersusLine[],
  context: { title: string; baseline: string; notes: string[] },
): FigureTable {
  return {
    title: context.title,
    columns: ['row', 'figure', 'LiveChat', context.baseline, 'ratio', 'target', 'met'],
    rows: lines.map((line) => {
      const ratio = ratioOf(line);
      return [
        line.row,
        line.figure,
        formatFigure(line.livechat),
        formatFigure(line.baseline),
        Number.isNaN(ratio) ? '—' : `${ratio.toFixed(2)}×`,
        describeTarget(line.target),
        VERDICT[String(meetsTarget(line)) as 'true' | 'false' | 'null'],
      ];
    }),
    notes: context.notes,
  };
}
