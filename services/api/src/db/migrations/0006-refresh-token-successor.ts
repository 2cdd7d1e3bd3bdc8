import { type Kysely } from 'kysely';

// Issue 9: within the refresh grace window a replayed token gets the successor it was rotated to, once,
// instead of minting a new branch of its family. The predecessor names its successor and whether its one
// replay was spent; the successor keeps its own token sealed with a key only the predecessor's holder can
// derive (src/auth/successor-seal.ts), until it is rotated in turn. Only hashes stay at rest otherwise.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('refresh_tokens')
    .addColumn('successor_id', 'uuid')
    .addColumn('grace_replayed_at', 'timestamptz')
    .addColumn('sealed_for_predecessor', 'bytea')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('refresh_tokens')
    .dropColumn('successor_id')
    .dropColumn('grace_replayed_at')
    .dropColumn('sealed_for_predecessor')
    .execute();
}
