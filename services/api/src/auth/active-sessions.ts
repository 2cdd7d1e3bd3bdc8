import { sql, type Kysely } from 'kysely';
import type { ActiveSession } from '@livechat/protocol';
import type { Database } from '../db/schema.js';

/** Shown for a session whose browser sent no User-Agent we recognise (an API client, a script). */
export const UNKNOWN_DEVICE = 'Unknown device';

/**
 * A user's live sessions, most recently used first (ASVS 7.5.2). A live family has exactly one current
 * token — not rotated, not revoked, not expired — whose `created_at` is the family's last refresh and whose
 * `device` is the browser that made it; the family's sign-in is its first token. Both come from
 * indexes (refresh_tokens_user, refresh_tokens_family): nothing is written to keep them.
 */
export async function activeSessions(
  db: Kysely<Database>,
  userId: string,
  currentSessionId: string,
): Promise<ActiveSession[]> {
  const rows = await db
    .selectFrom('refresh_tokens as current')
    .select(['current.family_id as id', 'current.created_at as lastUsedAt', 'current.device'])
    .select(
      sql<Date>`(select min(first.created_at) from refresh_tokens first where first.family_id = current.family_id)`.as(
        'signedInAt',
      ),
    )
    .where('current.user_id', '=', userId)
    .where('current.rotated_at', 'is', null)
    .where('current.revoked_at', 'is', null)
    .where('current.expires_at', '>', sql<Date>`now()`)
    .orderBy('current.created_at', 'desc')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    signedInAt: new Date(row.signedInAt).toISOString(),
    lastUsedAt: new Date(row.lastUsedAt).toISOString(),
    device: row.device ?? UNKNOWN_DEVICE,
    current: row.id === currentSessionId,
  }));
}
