import { sql, type Transaction } from 'kysely';
import type { Database, EmailTokensTable } from '../db/schema.js';
import { hashOpaqueToken, newOpaqueToken } from './opaque-token.js';

export type EmailTokenPurpose = EmailTokensTable['purpose'];

/** Expiry is computed by the database clock, like every check of it, so API replicas' clocks never matter. */
const expiresIn = (seconds: number) => sql<Date>`now() + make_interval(secs => ${seconds})`;

/** Stores the hash of a new single-use token for a mailed link and returns the token for the link. */
export async function issueEmailToken(
  trx: Transaction<Database>,
  userId: string,
  purpose: EmailTokenPurpose,
  ttlSeconds: number,
): Promise<string> {
  const { token, hash } = newOpaqueToken();
  await trx
    .insertInto('email_tokens')
    .values({ user_id: userId, purpose, token_hash: hash, expires_at: expiresIn(ttlSeconds) })
    .execute();
  return token;
}

/**
 * Uses a token up: the owner's id when it is known, unused, unexpired and for this purpose; null
 * otherwise. One conditional UPDATE, so two concurrent uses of one link cannot both succeed.
 */
export async function consumeEmailToken(
  trx: Transaction<Database>,
  token: string,
  purpose: EmailTokenPurpose,
): Promise<string | null> {
  const row = await trx
    .updateTable('email_tokens')
    .set({ used_at: sql<Date>`now()` })
    .where('token_hash', '=', hashOpaqueToken(token))
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', sql<Date>`now()`)
    .returning('user_id')
    .executeTakeFirst();
  return row?.user_id ?? null;
}

/** Withdraws every outstanding token of a user for a purpose (marked used), e.g. older links after a new one. */
export async function withdrawEmailTokens(
  trx: Transaction<Database>,
  userId: string,
  purpose: EmailTokenPurpose,
): Promise<void> {
  await trx
    .updateTable('email_tokens')
    .set({ used_at: sql<Date>`now()` })
    .where('user_id', '=', userId)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .execute();
}
