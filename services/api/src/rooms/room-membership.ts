import type { Kysely } from 'kysely';
import type { Role } from '@livechat/protocol';
import type { Database } from '../db/schema.js';
import { roomNotFound } from '../errors.js';

/** The caller's seat in a room, with the room's counters as this transaction sees them. */
export interface Membership {
  roomId: string;
  role: Role;
  lastSeq: number;
  revision: number;
  lastReadSeq: number;
}

/**
 * How a transaction holds the room row while it works:
 * - `write`: changes that must not interleave with sends (members joining or leaving, edits, deletes);
 * - `read`: mark-read, which must see every send that committed before it and hold off the ones after.
 * Every change to a room takes the room row first, so locks are always taken in the same order.
 */
export type RoomLock = 'write' | 'read';

/**
 * The caller's membership of a room, or the same 404 whether the room does not exist or is someone else's:
 * a non-member learns nothing, not even that the room exists. With a lock, the room row is locked first
 * and membership read afterwards, so a removal that committed while we waited is seen.
 */
export async function requireMembership(
  db: Kysely<Database>,
  roomId: string,
  userId: string,
  lock?: RoomLock,
): Promise<Membership> {
  if (lock) {
    const query = db.selectFrom('rooms').select('id').where('id', '=', roomId);
    const locked = await (lock === 'write' ? query.forNoKeyUpdate() : query.forShare()).executeTakeFirst();
    if (!locked) throw roomNotFound();
  }
  const row = await db
    .selectFrom('room_members as rm')
    .innerJoin('rooms as r', 'r.id', 'rm.room_id')
    .select(['rm.role', 'rm.last_read_seq', 'r.last_seq', 'r.revision'])
    .where('rm.room_id', '=', roomId)
    .where('rm.user_id', '=', userId)
    .executeTakeFirst();
  if (!row) throw roomNotFound();
  return {
    roomId,
    role: row.role,
    lastSeq: row.last_seq,
    revision: row.revision,
    lastReadSeq: row.last_read_seq,
  };
}
