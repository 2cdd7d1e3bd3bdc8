import type { Kysely } from 'kysely';
import type { PublicUser } from '@livechat/protocol';
import type { Database } from '../db/schema.js';

/** Who did something, as others may see them (name, never email): the `by` of room events. */
export async function publicUser(db: Kysely<Database>, userId: string): Promise<PublicUser> {
  const row = await db
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
  return { id: row.id, displayName: row.display_name };
}
