import { sql, type Kysely } from 'kysely';
import type { PublicUser } from '@livechat/protocol';
import type { Database } from '../db/schema.js';
import { ApiError } from '../errors.js';
import { likePrefixPattern } from './like-pattern.js';
import { normalizeEmail } from './normalize-email.js';

export interface UserSearch {
  query: string;
  limit: number;
  /** The searcher: adding yourself to a room is never what you are looking for. */
  excludeUserId: string;
}

/**
 * People to add to a room: verified accounts whose display name starts with the query (any case), or
 * whose address is exactly the query. Addresses are matched whole, never by prefix, and never returned:
 * someone who knows an address can find its owner, nobody can harvest addresses.
 */
export async function searchUsers(db: Kysely<Database>, search: UserSearch): Promise<PublicUser[]> {
  const query = search.query.trim();
  if (!query) {
    throw new ApiError('validation_failed', 'q must contain part of a name or a whole email address', {
      errors: [{ field: 'querystring.q', message: 'must not be blank' }],
    });
  }
  const email = query.includes('@') ? normalizeEmail(query) : null;
  const rows = await db
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('email_verified_at', 'is not', null)
    .where('id', '!=', search.excludeUserId)
    .where((eb) =>
      eb.or([
        // lower() on both sides in SQL, so the index on lower(display_name) applies and case folding is
        // the database's; the pattern's escapes are unaffected by lower().
        eb(sql<string>`lower(display_name)`, 'like', sql<string>`lower(${likePrefixPattern(query)})`),
        ...(email ? [eb('email', '=', email)] : []),
      ]),
    )
    .orderBy(sql`lower(display_name)`)
    .orderBy('id')
    .limit(search.limit)
    .execute();
  return rows.map((row) => ({ id: row.id, displayName: row.display_name }));
}
