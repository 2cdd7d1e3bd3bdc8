import type { Kysely } from 'kysely';
import type { Member } from '@livechat/protocol';
import type { Database } from '../db/schema.js';

/** Members of a room (optionally only some of them), earliest joined first; never their email. */
export async function listMembers(
  db: Kysely<Database>,
  roomId: string,
  onlyUserIds?: readonly string[],
): Promise<Member[]> {
  if (onlyUserIds?.length === 0) return [];
  let query = db
    .selectFrom('room_members as rm')
    .innerJoin('users as u', 'u.id', 'rm.user_id')
    .select(['u.id', 'u.display_name', 'rm.role', 'rm.joined_at'])
    .where('rm.room_id', '=', roomId);
  if (onlyUserIds) query = query.where('rm.user_id', 'in', onlyUserIds);
  const rows = await query.orderBy('rm.joined_at').orderBy('u.id').execute();
  return rows.map((row) => ({
    user: { id: row.id, displayName: row.display_name },
    role: row.role,
    joinedAt: row.joined_at.toISOString(),
  }));
}
