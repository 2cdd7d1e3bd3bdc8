import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { ApiError } from '../errors.js';

/**
 * Refuses to seat anyone who does not exist or has not verified their email (an unverified account may
 * not use rooms at all), naming the ids, before anything is written.
 */
export async function requireVerifiedUsers(
  db: Kysely<Database>,
  userIds: readonly string[],
  field: string,
): Promise<void> {
  if (userIds.length === 0) return;
  const found = await db
    .selectFrom('users')
    .select('id')
    .where('id', 'in', userIds)
    .where('email_verified_at', 'is not', null)
    .execute();
  const known = new Set(found.map((row) => row.id));
  const unknown = userIds.filter((id) => !known.has(id.toLowerCase()));
  if (unknown.length === 0) return;
  const message = `No verified user with id ${unknown.join(', ')}: only people who have verified their email can be added`;
  throw new ApiError('validation_failed', message, { errors: [{ field, message }] });
}
