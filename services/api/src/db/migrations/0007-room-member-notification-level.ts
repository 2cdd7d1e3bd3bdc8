import { sql, type Kysely } from 'kysely';

// Issue 10: when a member's devices notify them of a room's new messages (protocol `notifications.ts`),
// kept per membership so the choice follows them to every device. A constant default makes adding the
// column a catalogue change on PostgreSQL 11+ (no table rewrite), so it is cheap on a big room_members.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('room_members')
    .addColumn('notification_level', 'text', (c) =>
      c
        .notNull()
        .defaultTo('all')
        .check(sql`notification_level in ('all', 'mentions', 'none')`),
    )
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('room_members').dropColumn('notification_level').execute();
}
