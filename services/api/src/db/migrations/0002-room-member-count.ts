import { sql, type Kysely } from 'kysely';

// Rooms and messages, second pass. Runs on PostgreSQL 15 and 18 (PGlite).
export async function up(db: Kysely<unknown>): Promise<void> {
  // "My rooms" shows each room's member count; counting room_members per row would cost as much as the
  // rooms are big, so the count is kept on the room, maintained wherever members join or leave.
  await db.schema
    .alterTable('rooms')
    .addColumn('member_count', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`member_count >= 0`),
    )
    .execute();
  await sql`update rooms set member_count = (select count(*) from room_members m where m.room_id = rooms.id)`.execute(
    db,
  );
  // messages.reply_to_id references messages (on delete set null): without an index, deleting a room
  // would look up every deleted message's replies with a scan of the whole table.
  await sql`create index messages_reply_to on messages (reply_to_id) where reply_to_id is not null`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index messages_reply_to`.execute(db);
  await db.schema.alterTable('rooms').dropColumn('member_count').execute();
}
