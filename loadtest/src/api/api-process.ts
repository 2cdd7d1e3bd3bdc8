// Child process: the real server a benchmark drives (the API alone, or the standalone server), on 127.0.0.1.
import { buildUser } from '@livechat/api/testing';
import { sql } from 'kysely';
import { notifyParent, serveRpc } from '../ipc/ipc-rpc.js';
import { mapBounded } from '../map-bounded.js';
import type { BenchApiMethods, BenchApiOptions, BenchApiReady } from './api-process-rpc.js';
import { startServerUnderTest } from './server-under-test.js';

const options = JSON.parse(process.env.BENCH_API_OPTIONS ?? '{}') as BenchApiOptions;
const api = await startServerUnderTest(options);
const db = api.app.db;

const methods: BenchApiMethods = {
  createUsers: ({ count }) =>
    mapBounded(Array.from({ length: count }), 16, async () => {
      const user = await buildUser(api.app);
      return { id: user.id, token: user.token };
    }),

  async seedHistory({ roomId, senderId, count }) {
    await db.transaction().execute(async (trx) => {
      const room = await trx
        .selectFrom('rooms')
        .select(['last_seq', 'revision'])
        .where('id', '=', roomId)
        .forUpdate()
        .executeTakeFirstOrThrow();
      const last = await sql<{ id: string }>`
        insert into messages (room_id, seq, revision, sender_id, client_id, body)
        select ${roomId}, ${room.last_seq} + n, ${room.revision} + n, ${senderId},
               'seed-' || ${roomId}::text || '-' || n, 'seeded message ' || n
        from generate_series(1, ${count}::int) as n
        returning id, seq`.execute(trx);
      const newest = last.rows.at(-1);
      await trx
        .updateTable('rooms')
        .set({
          last_seq: room.last_seq + count,
          revision: room.revision + count,
          last_message_id: newest?.id ?? null,
        })
        .where('id', '=', roomId)
        .execute();
      // As a real send would: posting moves the sender's read marker (unread is seq arithmetic).
      await trx
        .updateTable('room_members')
        .set({ last_read_seq: room.last_seq + count })
        .where('room_id', '=', roomId)
        .where('user_id', '=', senderId)
        .execute();
    });
  },

  async countMessages() {
    const row = await db
      .selectFrom('messages')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow();
    return Number(row.count);
  },

  async serverDurations({ route, status }) {
    const metric = await api.app.metrics.getSingleMetric('http_request_duration_seconds')?.get();
    // Histogram values carry the series name (`_bucket`, `_sum`, `_count`); the typings leave it out.
    return (
      (metric?.values ?? []) as { metricName?: string; labels: Record<string, unknown>; value: number }[]
    )
      .filter(
        ({ metricName, labels }) =>
          metricName === 'http_request_duration_seconds_bucket' &&
          labels.method === 'POST' &&
          labels.route === route &&
          Number(labels.status) === status,
      )
      .map(({ labels, value }) => ({ le: Number(labels.le), count: value }));
  },

  async databaseName() {
    const result = await sql<{ name: string }>`select current_database() as name`.execute(db);
    return result.rows[0]!.name;
  },
};

let closing: Promise<void> | undefined;
const close = () =>
  (closing ??= api
    .close()
    .catch((error: unknown) => console.error('benchmark API did not close cleanly', error))
    .finally(() => process.exit(0)));
// The parent stops us with SIGTERM; if the parent dies instead, the IPC channel closes: drop the database too.
process.on('SIGTERM', () => void close());
process.on('disconnect', () => void close());

serveRpc(methods);
notifyParent('ready', {
  url: api.url,
  publicKeys: api.publicKeys,
  ...(api.databaseUrl ? { databaseUrl: api.databaseUrl } : {}),
} satisfies BenchApiReady);
