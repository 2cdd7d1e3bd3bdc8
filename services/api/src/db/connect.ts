import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { lockDataDir } from './data-dir-lock.js';
import { createPgliteDataDir } from './pglite-first-start.js';
import { pglitePool } from './pglite-pool.js';
import { pgliteOptions } from './pglite-settings.js';
import { preparingPool } from './preparing-pool.js';
import type { Database } from './schema.js';

const INT8 = 20;
/** Sequence numbers and counters are int8 in SQL but far below 2^53: read them as numbers on both drivers. */
const parseInt8 = (value: string) => Number(value);

export interface DatabaseHandle {
  db: Kysely<Database>;
  kind: 'postgres' | 'pglite';
  close(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl?: string | undefined;
  /** Folder of the embedded database; null keeps it in memory (tests). */
  dataDir: string | null;
  poolSize?: number;
  /**
   * Told each slow step before it starts (creating the embedded database takes many seconds on a first
   * start), so a person watching the terminal knows the process is working, not stuck.
   */
  onStep?: (step: string) => void;
}

/** `DATABASE_URL` set → Postgres through `pg`; unset → embedded PGlite under `<dataDir>/pgdata`. */
export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 20,
      types: {
        getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
          oid === INT8
            ? parseInt8
            : (pg.types.getTypeParser(oid, format) as unknown)) as typeof pg.types.getTypeParser,
      },
    });
    // An idle client losing its server (Postgres restart) must not crash the process: the pool replaces it.
    pool.on('error', () => undefined);
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: preparingPool(pool) }) });
    return { db, kind: 'postgres', close: () => db.destroy() };
  }

  const dataDir = options.dataDir === null ? undefined : join(options.dataDir, 'pgdata');
  const unlock = dataDir ? await lockDataDir(dataDir) : async () => undefined;
  try {
    if (dataDir) {
      await createPgliteDataDir(dataDir, () =>
        options.onStep?.(`creating the embedded database in ${dataDir} (first start only, up to a minute)`),
      );
    }
    options.onStep?.('opening the embedded database');
    const pglite = await PGlite.create({ ...pgliteOptions(dataDir), parsers: { [INT8]: parseInt8 } });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: pglitePool(pglite) }) });
    return {
      db,
      kind: 'pglite',
      async close() {
        await db.destroy();
        await unlock();
      },
    };
  } catch (error) {
    await unlock();
    throw error;
  }
}
