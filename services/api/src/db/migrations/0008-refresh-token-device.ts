import { type Kysely } from 'kysely';

// Issue 9, ASVS 7.5.2: a person lists their signed-in devices and ends one. Each refresh token keeps a
// short summary of the browser that was issued it ("Firefox on Windows", src/auth/device-summary.ts) —
// not the raw User-Agent header: the list needs no more, and less is kept about people. A family's sign-in
// and last use are already its first and newest tokens' `created_at`; a nullable column needs no rewrite.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('refresh_tokens').addColumn('device', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('refresh_tokens').dropColumn('device').execute();
}
