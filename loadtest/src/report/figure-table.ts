/** One printed table: a title, column headers and rows of already formatted cells. */
export interface FigureTable {
  title: string;
  columns: string[];
  rows: (string | number)[][];
  /** Lines printed under the table: conditions the figures were taken under. */
  notes?: string[];
}

/** Renders a table as aligned plain text (Markdown-compatible, so it can be pasted into a report). */
export function renderTable(table: FigureTable): string {
  const cells = [table.columns, ...table.rows.map((row) => row.map(String))];
  const widths = table.columns.map((_, column) =>
    Math.max(...cells.map((row) => (row[column] ?? '').length)),
  );
  const line = (row: string[]) =>
    `| ${row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(' | ')} |`;
  return [
    `\n### ${table.title}\n`,
    line(table.columns),
    `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`,
    ...cells.slice(1).map(line),
    ...(table.notes?.length ? ['', ...table.notes.map((note) => `- ${note}`)] : []),
    '',
  ].join('\n');
}

export const printTable = (table: FigureTable) => console.log(renderTable(table));

/** Milliseconds with one decimal; '—' when there were no samples. */
export const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(1) : '—');
/** A rate or count with thousands separators. */
export const count = (value: number) =>
  Number.isFinite(value) ? Math.round(value).toLocaleString('en-US') : '—';
export const mebibytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
export const kibibytes = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
/** A duration given in ms, printed in seconds: "12.3 s". */
export const seconds = (milliseconds: number) => `${(milliseconds / 1000).toFixed(1)} s`;
