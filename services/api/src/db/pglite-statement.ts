import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { serialize } from 'pg-protocol';
import { StatementNames } from './statement-names.js';

/** What the Kysely dialect reads from a statement's result, as `pg` reports it. */
export interface StatementResult {
  command: string;
  rowCount: number;
  rows: Record<string, unknown>[];
}

/** `pg`'s own conversion of a JavaScript value to a parameter (Date, array, JSON, Buffer …). */
const prepareValue = (pg as unknown as { utils: { prepareValue: (value: unknown) => unknown } }).utils
  .prepareValue;

/** Statements prepared on each database (see StatementNames). */
const prepared = new WeakMap<PGlite, StatementNames>();

async function forget(db: PGlite, text: string, name: string) {
  prepared.get(db)?.forget(text);
  const close = Buffer.concat([serialize.close({ type: 'S', name }), serialize.sync()]);
  await db.runExclusive(() => db.execProtocol(close)).catch(() => undefined);
}

/** The name of `text`'s prepared statement and the Parse that creates it when it is new. */
function parseFor(db: PGlite, text: string, parameterCount: number) {
  let names = prepared.get(db);
  if (!names) prepared.set(db, (names = new StatementNames()));
  const { name, isNew } = names.nameFor(text, parameterCount);
  if (name && !isNew) return { name, parse: undefined };
  return { name, parse: serialize.parse({ ...(name ? { name } : {}), text }) };
}

/**
 * Runs one parameterised statement on PGlite in a single call into WebAssembly: Parse, Bind, Describe,
 * Execute and Sync in one message, as `pg` pipelines them to a server. PGlite's own `query` makes six
 * calls (it describes the statement first to serialise parameters by type), which costs about five times
 * as much per statement (measured: ~0.9 ms against ~0.2 ms for a one-row update). Parameters go as text
 * converted the way `pg` converts them and the server infers their types, so both databases receive the
 * same values; rows are parsed by PGlite's parsers, as its `query` does.
 */
export async function runStatement(
  db: PGlite,
  text: string,
  parameters: readonly unknown[],
): Promise<StatementResult> {
  const { name, parse } = parseFor(db, text, parameters.length);
  const message = Buffer.concat([
    ...(parse ? [parse] : []),
    serialize.bind({ statement: name, values: [...parameters], valueMapper: prepareValue }),
    serialize.describe({ type: 'P' }),
    serialize.execute(),
    serialize.sync(),
  ]);
  const { messages } = await db
    .runExclusive(() => db.execProtocol(message))
    .catch((error: unknown) => {
      // A new statement whose first run failed may not have parsed: drop it (closing an unknown name is
      // no error) and forget it, so a rerun prepares it afresh instead of failing on a missing name.
      if (parse && name) return forget(db, text, name).then(() => Promise.reject(error as Error));
      throw error;
    });
  const result: StatementResult = { command: 'SELECT', rowCount: 0, rows: [] };
  let fields: { name: string; dataTypeID: number }[] = [];
  for (const reply of messages) {
    if (reply.name === 'rowDescription') {
      fields = (reply as unknown as { fields: typeof fields }).fields;
    } else if (reply.name === 'dataRow') {
      const values = (reply as unknown as { fields: (string | null)[] }).fields;
      const row: Record<string, unknown> = {};
      values.forEach((value, index) => {
        const field = fields[index]!;
        const parse = db.parsers[field.dataTypeID];
        row[field.name] = value === null || !parse ? value : parse(value, field.dataTypeID);
      });
      result.rows.push(row);
    } else if (reply.name === 'commandComplete') {
      // "SELECT 2", "UPDATE 3", "INSERT 0 5"; tags without a count ("BEGIN") end in a word.
      const tag = (reply as unknown as { text: string }).text.split(' ');
      const count = Number(tag.at(-1));
      result.command = tag[0]!;
      result.rowCount = Number.isInteger(count) ? count : result.rows.length;
    }
  }
  return result;
}
