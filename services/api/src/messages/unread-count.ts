import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../db/schema.js';

/**
 * Unread is seq arithmetic, never a counter written per member per message: every seq after my marker is a
 * message of someone else (a send moves its sender's marker to the new seq, so my own messages are never
 * after it), and the only ones not to count are the deleted ones. So
 *
 *   unread = rooms.last_seq − last_read_seq − (tombstones with seq > last_read_seq)
 *
 * which is exact and reads only tombstones after the marker (partial index `messages_room_tombstones`),
 * never the history. Takes the SQL of the room id, the room's last seq and the member's marker.
 */
export function unreadCountSql(
  roomId: RawBuilder<unknown>,
  lastSeq: RawBuilder<unknown>,
  marker: RawBuilder<unknown>,
) {
  return sql<number>`(${lastSeq} - ${marker} - (select count(*) from messages d
    where d.room_id = ${roomId} and d.deleted_at is not null and d.seq > ${marker}))`;
}

/** The unread count of a member whose marker is `marker` in a room at `lastSeq` (see `unreadCountSql`). */
export async function unreadCount(
  db: Kysely<Database>,
  roomId: string,
  lastSeq: number,
  marker: number,
): Promise<number> {
  if (marker >= lastSeq) return 0;
  const row = await sql<{ unread: number }>`select ${unreadCountSql(
    sql`${roomId}::uuid`,
    sql`${lastSeq}::bigint`,
    sql`${marker}::bigint`,
  )} as unread`.execute(db);
  return Number(row.rows[0]!.unread);
}
