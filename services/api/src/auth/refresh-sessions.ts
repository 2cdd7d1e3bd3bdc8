import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/schema.js';
import { hashOpaqueToken, newOpaqueToken } from './opaque-token.js';
import { openSuccessor, sealSuccessor } from './successor-seal.js';

// A session is a family of refresh tokens: login starts one, every refresh rotates to a new member of
// it, and the family id is the access token's `sid` (and the socket channel of that device).

export interface SessionToken {
  familyId: string;
  userId: string;
  /** The opaque refresh token for the cookie. */
  token: string;
}

/** How long a refresh token lives: `ttlSeconds` from its issue, and never past the session's maximum age. */
export interface SessionLifetime {
  ttlSeconds: number;
  /** No token of a family outlives its first (the sign-in) by more than this (ASVS V7.3.2). */
  maxAgeSeconds: number;
}

export interface RefreshPolicy extends SessionLifetime {
  /** A rotated token presented again within this many seconds is a second tab, not a thief. */
  graceSeconds: number;
}

export type RefreshOutcome =
  | ({ kind: 'rotated' } & SessionToken)
  /** Unknown, expired or revoked. */
  | { kind: 'invalid' }
  /**
   * A rotated token came back after the grace window, or a second time within it: its family has just
   * been revoked.
   */
  | { kind: 'reused'; familyId: string; userId: string };

async function addToFamily(
  db: Kysely<Database>,
  familyId: string,
  userId: string,
  lifetime: SessionLifetime,
  device: string | null,
  predecessor?: string,
): Promise<SessionToken & { id: string }> {
  const { token, hash } = newOpaqueToken();
  // Its TTL, but never past the family's sign-in plus the session's maximum age (a new family has no
  // sign-in yet: the subquery is null, which least() ignores; the cap then is now plus the maximum age).
  const expiresAt = sql<Date>`least(
    now() + make_interval(secs => ${lifetime.ttlSeconds}),
    coalesce((select min(created_at) from refresh_tokens where family_id = ${familyId}), now())
      + make_interval(secs => ${lifetime.maxAgeSeconds}))`;
  const { id } = await db
    .insertInto('refresh_tokens')
    .values({
      family_id: familyId,
      user_id: userId,
      token_hash: hash,
      expires_at: expiresAt,
      sealed_for_predecessor: predecessor ? sealSuccessor(token, predecessor) : null,
      device,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id, familyId, userId, token };
}

/** Starts a new session (login) on `device` (src/auth/device-summary.ts). */
export async function startSession(
  db: Kysely<Database>,
  userId: string,
  lifetime: SessionLifetime,
  device: string | null,
): Promise<SessionToken> {
  const { familyId, token } = await addToFamily(db, randomUUID(), userId, lifetime, device);
  return { familyId, userId, token };
}

/**
 * Trades a refresh token for the next one of its family. Each family has one current token; the row is
 * locked, so of two concurrent refreshes with one cookie (two tabs) the second waits for the first's
 * rotation and, within the grace window, gets the same successor — once: a second replay, or any use
 * of a rotated token after the window, is taken for theft and revokes the whole family. The successor
 * records the `device` that refreshed, so the session list shows the browser as it is now.
 */
export async function rotateRefreshToken(
  trx: Transaction<Database>,
  token: string,
  policy: RefreshPolicy,
  device: string | null,
): Promise<RefreshOutcome> {
  const row = await trx
    .selectFrom('refresh_tokens')
    .select(['id', 'family_id', 'user_id', 'rotated_at', 'revoked_at', 'successor_id', 'grace_replayed_at'])
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
  if (!row.rotated_at) {
    const successor = await addToFamily(trx, row.family_id, row.user_id, policy, device, token);
    // It is no longer current: its own sealed copy (kept for its predecessor's replay) goes too.
    await trx
      .updateTable('refresh_tokens')
      .set({ rotated_at: sql<Date>`now()`, successor_id: successor.id, sealed_for_predecessor: null })
      .where('id', '=', row.id)
      .execute();
    return {
      kind: 'rotated',
      familyId: successor.familyId,
      userId: successor.userId,
      token: successor.token,
    };
  }
  if (row.within_grace && !row.grace_replayed_at && row.successor_id) {
    const successor = await currentSuccessor(trx, row.successor_id, token);
    if (successor) {
      await trx
        .updateTable('refresh_tokens')
        .set({ grace_replayed_at: sql<Date>`now()` })
        .where('id', '=', row.id)
        .execute();
      return { kind: 'rotated', familyId: row.family_id, userId: row.user_id, token: successor };
    }
  }
  await revokeFamily(trx, row.family_id);
  return { kind: 'reused', familyId: row.family_id, userId: row.user_id };
}

/**
 * The raw token of `successorId` if it is still its family's current token, opened with its
 * predecessor's raw token. Not locked: a successor rotated meanwhile is simply handed out once more and
 * its next use is the ordinary grace replay (locking it here, after its predecessor, could deadlock
 * against that rotation).
 */
async function currentSuccessor(
  trx: Transaction<Database>,
  successorId: string,
  predecessor: string,
): Promise<string | null> {
  const successor = await trx
    .selectFrom('refresh_tokens')
    .select('sealed_for_predecessor')
    .where('id', '=', successorId)
    .where('rotated_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', sql<Date>`now()`)
    .executeTakeFirst();
  const sealed = successor?.sealed_for_predecessor;
  return sealed ? openSuccessor(Buffer.from(sealed), predecessor) : null;
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

/**
 * Revokes one session (log out this device; a reused token; a device ended from the session list, where
 * `ownerId` makes someone else's session look like none). Answers whether it was still live.
 */
export async function revokeFamily(
  trx: Transaction<Database>,
  familyId: string,
  ownerId?: string,
): Promise<boolean> {
  let update = trx
    .updateTable('refresh_tokens')
    .set({ revoked_at: sql<Date>`now()` })
    .where('family_id', '=', familyId)
    .where('revoked_at', 'is', null);
  if (ownerId) update = update.where('user_id', '=', ownerId);
  const rows = await update.returning(sql<boolean>`expires_at > now()`.as('live')).execute();
  return rows.some((row) => row.live);
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
