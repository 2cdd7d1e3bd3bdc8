import { randomUUID } from 'node:crypto';
import { ADMIN_DATABASE_URL } from '@livechat/api/testing';
import pg from 'pg';

/** The minimal endpoint's own database on the shared Postgres server: created fresh, dropped at the end. */
export interface BareDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/**
 * The least a chat needs to store a message in order: a room row holding its last seq (locked by the
 * update that takes the next one, so seqs are gapless) and one row per message, unique on (room, seq)
 * as LiveChat's is.
 */
const SCHEMA = `
  create table rooms (id uuid primary key, last_seq bigint not null default 0);
  create table messages (
    id bigserial primary key,
    room_id uuid not null references rooms (id),
    seq bigint not null,
    client_id text not null,
    body text not null,
    created_at timestamptz not null default now(),
    unique (room_id, seq)
  );`;

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function createBareDatabase(): Promise<BareDatabase> {
  const name = `lc_bench_bare_${randomUUID().replaceAll('-', '')}`;
  await withClient(ADMIN_DATABASE_URL, (client) => client.query(`create database ${name}`));
  const url = new URL(ADMIN_DATABASE_URL);
  url.pathname = `/${name}`;
  await withClient(url.toString(), (client) => client.query(SCHEMA));
  return {
    name,
    url: url.toString(),
    drop: () =>
      withClient(ADMIN_DATABASE_URL, (client) =>
        client.query(`drop database if exists ${name} with (force)`),
      ).then(() => undefined),
  };
}
