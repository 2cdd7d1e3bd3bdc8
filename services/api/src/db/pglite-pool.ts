import type { PGlite } from '@electric-sql/pglite';
import type { PostgresPool, PostgresPoolClient } from 'kysely';
import { runStatement } from './pglite-statement.js';

/**
 * Presents one embedded PGlite database as a `pg`-style pool of one connection, for Kysely's
 * PostgresDialect. PGlite has a single session, so a client is handed out only after the previous one
 * is released: a transaction never sees another request's statements interleaved in it.
 */
export function pglitePool(db: PGlite): PostgresPool {
  let tail: Promise<void> = Promise.resolve();

  const client = (release: () => void): PostgresPoolClient =>
    ({
      query: (sql: string, parameters: readonly unknown[]) => runStatement(db, sql, parameters),
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
