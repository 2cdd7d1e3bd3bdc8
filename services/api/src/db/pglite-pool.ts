import type { PGlite } from '@electric-sql/pglite';
import type { PostgresPool, PostgresPoolClient } from 'kysely';

/**
 * Presents one embedded PGlite database as a `pg`-style pool of one connection, for Kysely's
 * PostgresDialect. PGlite has a single session, so a client is handed out only after the previous one
 * is released: a transaction never sees another request's statements interleaved in it.
 */
export function pglitePool(db: PGlite): PostgresPool {
  let tail: Promise<void> = Promise.resolve();

  const client = (release: () => void): PostgresPoolClient =>
    ({
      async query(sql: string, parameters: readonly unknown[]) {
        const result = await db.query(sql, [...parameters]);
        return {
          command: commandOf(sql),
          rowCount: result.affectedRows ?? result.rows.length,
          rows: result.rows,
        };
      },
      release,
    }) as unknown as PostgresPoolClient;

  return {
    options: {},
    connect() {
      const previous = tail;
      let release!: () => void;
      tail = new Promise((resolve) => (release = resolve));
      return previous.then(() => client(release));
    },
    async end() {
      await tail;
      await db.close();
    },
  };
}

/** The statement's verb, as `pg` reports it (Kysely reads it to count affected rows and detect rollbacks). */
function commandOf(sql: string) {
  const verb = /^\s*(\w+)/.exec(sql)?.[1]?.toUpperCase();
  return (verb ?? 'SELECT') as 'UPDATE' | 'DELETE' | 'INSERT' | 'SELECT' | 'MERGE' | 'COMMIT' | 'ROLLBACK';
}
