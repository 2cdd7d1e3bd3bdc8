import { ADMIN_DATABASE_URL } from '@livechat/api/testing';
import pg from 'pg';
import { cpuSeconds } from '../processes/proc-stats.js';

/**
 * CPU seconds used so far by each Postgres backend connected to `databaseName`, by pid.
 *
 * Method: Postgres runs one process per connection, and `pg_stat_activity` names the database each
 * serves; /proc/<pid>/stat gives its user+system time (the server is on this machine). Only the backends
 * of the process under test are summed, so other helpers' queries on the shared server are left out —
 * but so is the shared work of the server (WAL writer, checkpointer, background writer), which both
 * LiveChat and the baseline cause in proportion to what they write. The query runs from the maintenance
 * database, so its own backend is not counted.
 */
export async function postgresBackendCpu(databaseName: string): Promise<Map<number, number>> {
  const client = new pg.Client({ connectionString: ADMIN_DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>(
      'select pid from pg_stat_activity where datname = $1',
      [databaseName],
    );
    const entries = await Promise.all(
      rows.map(async ({ pid }) => [pid, await cpuSeconds(pid).catch(() => Number.NaN)] as const),
    );
    return new Map(entries.filter(([, seconds]) => Number.isFinite(seconds)));
  } finally {
    await client.end();
  }
}

/**
 * CPU seconds the backends used between two readings; a backend that opened in between counts from 0.
 * (One that closed in between is lost: keep the pools warm and busy over the interval.)
 */
export function backendCpuBetween(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0;
  for (const [pid, seconds] of after) total += seconds - (before.get(pid) ?? 0);
  return total;
}
