import type { PostgresPool, PostgresPoolClient } from 'kysely';
import type pg from 'pg';
import { StatementNames } from './statement-names.js';

/**
 * The `pg` pool as Kysely sees it, with every parameterised statement run as a named prepared statement
 * (`pg` sends its Parse once per connection and remembers it). Kysely's own driver sends every statement
 * unnamed, so Postgres parsed and planned the send's statements anew on every send.
 */
export function preparingPool(pool: pg.Pool): PostgresPool {
  const names = new StatementNames();
  return {
    options: pool.options,
    end: () => pool.end(),
    async connect(): Promise<PostgresPoolClient> {
      const client = await pool.connect();
      const query = (text: unknown, values?: readonly unknown[]) => {
        // A cursor (streaming) passes through as it came.
        if (typeof text !== 'string') return client.query(text as pg.Submittable);
        const { name } = names.nameFor(text, values?.length ?? 0);
        return client.query({ text, values: values ? [...values] : [], ...(name ? { name } : {}) });
      };
      return {
        query: query as unknown as PostgresPoolClient['query'],
        release: (destroy?: boolean) => client.release(destroy),
      };
    },
  };
}
