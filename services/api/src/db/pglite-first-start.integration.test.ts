import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from './connect.js';

describe('an embedded database in a new data folder', () => {
  const folders: string[] = [];
  afterAll(() => Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true }))));

  it('is created by a child process, then opened here with laptop-sized buffers, and keeps its data', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'livechat-first-start-'));
    folders.push(dataDir);
    const firstSteps: string[] = [];
    const first = await openDatabase({ dataDir, onStep: (step) => firstSteps.push(step) });
    // A first start says what takes so long (issue 8: ~27 silent seconds before "database ready").
    expect(firstSteps).toEqual([
      `creating the embedded database in ${join(dataDir, 'pgdata')} (first start only, up to a minute)`,
      'opening the embedded database',
    ]);
    expect(existsSync(join(dataDir, 'pgdata', 'PG_VERSION'))).toBe(true);
    const buffers = await sql<{ shared_buffers: string }>`show shared_buffers`.execute(first.db);
    expect(buffers.rows[0]?.shared_buffers).toBe('32MB');
    await sql`create table kept (note text)`.execute(first.db);
    await sql`insert into kept values ('still here')`.execute(first.db);
    await first.close();

    const laterSteps: string[] = [];
    const again = await openDatabase({ dataDir, onStep: (step) => laterSteps.push(step) });
    expect(laterSteps).toEqual(['opening the embedded database']);
    const kept = await sql<{ note: string }>`select note from kept`.execute(again.db);
    expect(kept.rows).toEqual([{ note: 'still here' }]);
    await again.close();
  }, 60_000);
});
