import type { SessionUser } from '@livechat/protocol';
import type { Kysely } from 'kysely';
import type { Database, UserRow } from '../db/schema.js';
import { unauthenticated } from '../errors.js';

/** The signed-in user as they see themselves (the only place an email address is ever answered). */
export const toSessionUser = (row: UserRow): SessionUser => ({
  id: row.id,
  email: row.email,
  displayName: row.display_name,
  emailVerified: row.email_verified_at !== null,
  createdAt: row.created_at.toISOString(),
});

/**
 * The account behind a verified access token. A token outlives nothing: if the account is gone the
 * caller is told to sign in again.
 */
export async function requireUser(db: Kysely<Database>, userId: string): Promise<UserRow> {
  const row = await db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
  if (!row) throw unauthenticated('This account no longer exists; sign in again');
  return row;
}
