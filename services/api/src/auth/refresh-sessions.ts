import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/schema.js';
import { hashOpaqueToken, newOpaqueToken } from './opaque-token.js';

// A session is a family of refresh tokens: login starts one, every refresh rotates to a new member of
// it, and the family id is the access token's `sid` (and the socket channel of that device).

export interface SessionToken {
  familyId: string;
  userId: string;
  /** The opaque refresh token for the cookie. */
  token: string;
}

export interface RefreshPolicy {
  ttlSeconds: number;
  /** A rotated token presented again within this many seconds is a second tab, not a thief. */
  graceSeconds: number;
}

export type RefreshOutcome =
  | ({ kind: 'rotated' } & SessionToken)
  /** Unknown, expired or revoked. */
  | { kind: 'invalid' }
  /** A rotated token came back after the grace window: its family has just been revoked. */
  | { kind: 'reused'; familyId: string; userId: string };

async function addToFamily(
  db: Kysely<Database>,
  familyId: string,
  userId: string,
  ttlSeconds: number,
): Promise<SessionToken> {
  const { token, hash } = newOpaqueToken();
  await db
    .insertInto('refresh_tokens')
    .values({
      family_id: familyId,
      user_id: userId,
      token_hash: hash,
      expires_at: sql<Date>`now() + make_interval(secs => ${ttlSeconds})`,
    })
    .execute();
  return { familyId, userId, token };
}

/** Starts a new session (login). */
export const startSession = (db: Kysely<Database>, userId: string, ttlSeconds: number) =>
  addToFamily(db, randomUUID(), userId, ttlSeconds);

/**
 * Trades a refresh token for the next one of its family. The row is locked, so of two concurrent
 * refreshes with one cookie the second sees the first's rotation and, within the grace window, gets a
 * sibling token instead of being taken for a thief. Outside it, the whole family is revoked.
 */
export async function rotateRefreshToken(
  trx: Transaction<Database>,
  token: string,
  policy: RefreshPolicy,
): Promise<RefreshOutcome> {
  const row = await trx
    .selectFrom('refresh_tokens')
    .select(['id', 'family_id', 'user_id', 'rotated_at', 'revoked_at'])
    .select([
      sql<boolean>`expires_at <= now()`.as('expired'),
      sql<boolean>`coalesce(rotated_at > now() - make_interval(secs => ${policy.graceSeconds}), false)`.as(
        'within_grace',
      ),
    ])
    .where('token_hash', '=', hashOpaqueToken(token))
    .forUpdate()
    .executeTakeFirst();
  if (!row || row.revoked_at || row.expired) return { kind: 'invalid' };
  if (row.rotated_at && !row.within_grace) {
    await revokeFamily(trx, row.family_id);
    return { kind: 'reused', familyId: row.family_id, userId: row.user_id };
  }
  if (!row.rotated_at) {
    await trx
      .updateTable('refresh_tokens')
      .set({ rotated_at: sql<Date>`now()` })
      .where('id', '=', row.id)
      .execute();
  }
  return { kind: 'rotated', ...(await addToFamily(trx, row.family_id, row.user_id, policy.ttlSeconds)) };
}

/**
 * The session a refresh token belongs to, if it has not been revoked or expired (rotated is fine: the
 * cookie still names the device). Used by logout, which needs no access token.
 */
export async function sessionOfRefreshToken(
  db: Kysely<Database>,
  token: string,
): Promise<{ familyId: string; userId: string } | null> {
  const row = await db
    .selectFrom('refresh_tokens')
    .select(['family_id as familyId', 'user_id as userId'])
    .where('token_hash', '=', hashOpaqueToken(token))
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', sql<Date>`now()`)
    .executeTakeFirst();
  return row ?? null;
}

/** Revokes one session (log out this device; a reused token). */
export async function revokeFamily(trx: Transaction<Database>, familyId: string): Promise<void> {
  await trx
    .updateTable('refresh_tokens')
    .set({ revoked_at: sql<Date>`now()` })
    .where('family_id', '=', familyId)
    .where('revoked_at', 'is', null)
    .execute();
}

/**
 * Revokes every live session of a user, or every one but `exceptFamilyId` (change password keeps the
 * device it was done on). Returns the families it ended, so their sockets can be disconnected.
 */
export async function revokeUserSessions(
  trx: Transaction<Database>,
  userId: string,
  exceptFamilyId?: string,
): Promise<string[]> {
  let update = trx
    .updateTable('refresh_tokens')
    .set({ revoked_at: sql<Date>`now()` })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', sql<Date>`now()`);
  if (exceptFamilyId) update = update.where('family_id', '!=', exceptFamilyId);
  const rows = await update.returning('family_id').execute();
  return [...new Set(rows.map((row) => row.family_id))];
}

/**
 * The sessions revoked within the last `windowSeconds` and when each was revoked last: what the
 * revoked-session list must hold while their access tokens may still be valid. Read at boot and when Redis
 * lost the list (src/plugins/revoked-sessions.ts), never per request; the partial index of migration 0004
 * keeps it a short range scan however many tokens the table holds.
 */
export async function recentlyRevokedSessions(
  db: Kysely<Database>,
  windowSeconds: number,
): Promise<{ familyId: string; revokedAt: Date }[]> {
  return db
    .selectFrom('refresh_tokens')
    .select(['family_id as familyId'])
    .select((eb) => eb.fn.max('revoked_at').as('revokedAt'))
    .where('revoked_at', '>', sql<Date>`now() - make_interval(secs => ${windowSeconds})`)
    .groupBy('family_id')
    .execute() as Promise<{ familyId: string; revokedAt: Date }[]>;
}
