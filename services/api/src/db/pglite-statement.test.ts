import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runStatement } from './pglite-statement.js';

describe('runStatement on PGlite', () => {
  let db: PGlite;
  beforeAll(async () => {
    db = await PGlite.create();
    await db.exec('create table notes (id int primary key, body text not null, at timestamptz)');
  });
  afterAll(() => db.close());

  it('binds parameters as pg converts them and parses rows with PGlite parsers', async () => {
    const at = new Date('2026-01-02T03:04:05.678Z');
    const inserted = await runStatement(db, 'insert into notes values ($1, $2, $3) returning *', [
      1,
      'hi',
      at,
    ]);
    expect(inserted).toEqual({ command: 'INSERT', rowCount: 1, rows: [{ id: 1, body: 'hi', at }] });
    const selected = await runStatement(db, 'select id from notes where body = $1', ['hi']);
    expect(selected).toMatchObject({ command: 'SELECT', rowCount: 1, rows: [{ id: 1 }] });
  });

  it('reruns a statement whose first run failed, and keeps failing a statement that never parses', async () => {
    const insert = 'insert into notes (id, body) values ($1, $2)';
    await expect(runStatement(db, insert, [2, null])).rejects.toMatchObject({ code: '23502' });
    await expect(runStatement(db, insert, [2, 'second'])).resolves.toMatchObject({ rowCount: 1 });
    await expect(runStatement(db, insert, [2, 'again'])).rejects.toMatchObject({ code: '23505' });
    for (let run = 0; run < 2; run++)
      await expect(runStatement(db, 'selec $1', [1])).rejects.toMatchObject({ code: '42601' });
    await expect(
      runStatement(db, 'select count(*)::int as n from notes where id > $1', [0]),
    ).resolves.toMatchObject({ rows: [{ n: 2 }] });
  });
});
