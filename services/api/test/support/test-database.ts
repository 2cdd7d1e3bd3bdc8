import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from '../../src/db/connect.js';
import { migrateToLatest } from '../../src/db/migrations.js';

/** The shared server's maintenance database; each test file gets a database of its own next to it. */
export const ADMIN_DATABASE_URL =
  process.env.TEST_ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** `LIVECHAT_TEST_STORAGE=pglite` runs a suite on embedded PGlite instead of the Postgres server. */
export const testStorage = (): 'postgres' | 'pglite' =>
  process.env.LIVECHAT_TEST_STORAGE === 'pglite' ? 'pglite' : 'postgres';

export interface TestDatabase extends DatabaseHandle {
  /** Connection string of the fresh database (undefined on PGlite). */
  url: string | undefined;
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_DATABASE_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates a freshly migrated database; `close()` drops it. */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (testStorage() === 'pglite') {
    const handle = await openDatabase({ dataDir: null });
    await migrateToLatest(handle.db as never);
    return { ...handle, url: undefined };
  }
  const name = `livechat_test_${randomUUID().replaceAll('-', '')}`;
  await admin((client) => client.query(`create database ${name}`));
  const url = new URL(ADMIN_DATABASE_URL);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ databaseUrl: url.toString(), dataDir: null, poolSize: 10 });
  await migrateToLatest(handle.db as never);
  return {
    ...handle,
    url: url.toString(),
    async close() {
      await handle.close();
      await admin((client) => client.query(`drop database if exists ${name} with (force)`));
    },
  };
}
