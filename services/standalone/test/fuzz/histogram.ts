/** Outcomes per target (an HTTP status, an ack's error code, "closed"), counted, printed as a table. */
export class Histogram {
  private readonly counts = new Map<string, Map<string, number>>();

  add(target: string, outcome: string): void {
    const row = this.counts.get(target) ?? new Map<string, number>();
    row.set(outcome, (row.get(outcome) ?? 0) + 1);
    this.counts.set(target, row);
  }

  total(): number {
    let sum = 0;
    for (const row of this.counts.values()) for (const count of row.values()) sum += count;
    return sum;
  }

  /** Outcomes counted for `target` that match `predicate`. */
  count(target: string | null, predicate: (outcome: string) => boolean): number {
    let sum = 0;
    for (const [name, row] of this.counts)
      if (target === null || name === target)
        for (const [outcome, count] of row) if (predicate(outcome)) sum += count;
    return sum;
  }

  /** One line per target: `createRoom  201×812  400×1630  404×12`, outcomes sorted. */
  format(): string {
    const width = Math.max(...[...this.counts.keys()].map((name) => name.length), 6);
    const lines = [...this.counts.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, row]) => {
        const cells = [...row.entries()]
          .sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }))
          .map(([outcome, count]) => `${outcome}×${count}`);
        const sum = [...row.values()].reduce((a, b) => a + b, 0);
        return `${name.padEnd(width)}  ${String(sum).padStart(6)}  ${cells.join('  ')}`;
      });
    return [...lines, `${'total'.padEnd(width)}  ${String(this.total()).padStart(6)}`].join('\n');
  }
}
