/**
 * Names for prepared statements, by statement text: a statement with parameters is then parsed and planned
 * once per connection (Postgres reuses or re-plans it as its statistics say), not on every run — the
 * send's few statements repeat on every send. Statements without parameters (DDL, BEGIN, COMMIT) stay
 * unnamed: a schema change must never meet a plan prepared before it, and they gain nothing. Bounded: past
 * `limit` distinct texts, further ones run unnamed rather than filling the server's memory.
 */
export class StatementNames {
  private readonly names = new Map<string, string>();
  private static issued = 0;

  constructor(private readonly limit = 500) {}

  /** The name to run `text` under ('' = unnamed) and whether it is new (the statement must be parsed). */
  nameFor(text: string, parameterCount: number): { name: string; isNew: boolean } {
    if (parameterCount === 0) return { name: '', isNew: false };
    const known = this.names.get(text);
    if (known) return { name: known, isNew: false };
    if (this.names.size >= this.limit) return { name: '', isNew: false };
    const name = `lc${++StatementNames.issued}`;
    this.names.set(text, name);
    return { name, isNew: true };
  }

  forget(text: string): void {
    this.names.delete(text);
  }
}
