import { sql, type Kysely } from 'kysely';

// Issue 9: the revoked-session list is rebuilt from the sessions revoked within the last access-token
// lifetime, at boot and whenever Redis lost it. Only revoked rows are indexed, so the index stays small
// and the rebuild never scans the live tokens. `revoked_at` itself exists since 0001.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index refresh_tokens_revoked_at on refresh_tokens (revoked_at) where revoked_at is not null`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index refresh_tokens_revoked_at`.execute(db);
}
