import type { Kysely } from 'kysely';
import type { Role } from '@livechat/protocol';
import type { Database } from '../db/schema.js';
import { ApiError } from '../errors.js';

/**
 * The role of someone the caller acts on, who must be a member of the room. The caller is a member
 * (they passed `requireMembership`), so saying that this person is not one reveals nothing new.
 */
export async function requireMemberRole(db: Kysely<Database>, roomId: string, userId: string): Promise<Role> {
  const row = await db
    .selectFrom('room_members')
    .select('role')
    .where('room_id', '=', roomId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (!row) throw new ApiError('not_found', 'That person is not a member of this room');
  return row.role;
}

/** Sets one member's role (the caller has locked the room row). */
export async function setMemberRole(
  db: Kysely<Database>,
  roomId: string,
  userId: string,
  role: Role,
): Promise<void> {
  await db
    .updateTable('room_members')
    .set({ role })
    .where('room_id', '=', roomId)
    .where('user_id', '=', userId)
    .execute();
}
