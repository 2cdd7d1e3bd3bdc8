import { sql, type Kysely } from 'kysely';

// Issue 7: a send writes a bounded number of rows whatever the room size, and an outbox row is published
// once however many API replicas relay. Runs on PostgreSQL 15 and 18 (PGlite).
export async function up(db: Kysely<unknown>): Promise<void> {
  // Unread becomes arithmetic on seqs (rooms.last_seq − last_read_seq − tombstones after the marker), so no
  // send writes a row per member. It needs "my own messages are never after my marker": from now on a send
  // moves its sender's marker to the new seq; existing markers are moved past each member's last message.
  await sql`
    update room_members rm
       set last_read_seq = own.last_seq
      from (select room_id, sender_id, max(seq) as last_seq from messages group by room_id, sender_id) own
     where own.room_id = rm.room_id and own.sender_id = rm.user_id and own.last_seq > rm.last_read_seq
  `.execute(db);
  await db.schema.alterTable('room_members').dropColumn('unread_count').execute();
  // Unread counts read only the tombstones after a marker, never the history.
  await sql`create index messages_room_tombstones on messages (room_id, seq) where deleted_at is not null`.execute(
    db,
  );

  // The process that commits an outbox row holds it for this long while it publishes (and batches the
  // "published" marks); the relay takes only rows whose lease lapsed. Existing rows are free at once.
  await sql`alter table outbox add column claimed_until timestamptz not null default '-infinity'`.execute(db);
  await sql`alter table outbox alter column claimed_until set default now() + interval '30 seconds'`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('outbox').dropColumn('claimed_until').execute();
  await sql`drop index messages_room_tombstones`.execute(db);
  await db.schema
    .alterTable('room_members')
    .addColumn('unread_count', 'bigint', (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`unread_count >= 0`),
    )
    .execute();
  await sql`
    update room_members rm
       set unread_count = (select count(*) from messages m
                            where m.room_id = rm.room_id and m.seq > rm.last_read_seq
                              and m.sender_id <> rm.user_id and m.deleted_at is null)
  `.execute(db);
}
