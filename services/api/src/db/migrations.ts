import type { Kysely } from 'kysely';
import { Migrator, type Migration, type MigrationProvider } from 'kysely/migration';
import * as initial from './migrations/0001-initial.js';
import * as roomMemberCount from './migrations/0002-room-member-count.js';
import * as unreadBySeq from './migrations/0003-unread-by-seq-and-outbox-lease.js';
import * as sendMessageFunction from './migrations/0004-send-message-function.js';
import * as refreshTokensRevokedAt from './migrations/0005-refresh-tokens-revoked-at.js';
import * as refreshTokenSuccessor from './migrations/0006-refresh-token-successor.js';
import * as notificationLevel from './migrations/0007-room-member-notification-level.js';
import * as refreshTokenDevice from './migrations/0008-refresh-token-device.js';

/** Listed here rather than read from disk, so they run the same under tsx, in a bundle and in tests. */
const MIGRATIONS: Record<string, Migration> = {
  '0001-initial': initial,
  '0002-room-member-count': roomMemberCount,
  '0003-unread-by-seq-and-outbox-lease': unreadBySeq,
  '0004-send-message-function': sendMessageFunction,
  '0005-refresh-tokens-revoked-at': refreshTokensRevokedAt,
  '0006-refresh-token-successor': refreshTokenSuccessor,
  '0007-room-member-notification-level': notificationLevel,
  '0008-refresh-token-device': refreshTokenDevice,
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

/** Brings the schema up to date; run at boot by every API process and by `npm run migrate`. */
export async function migrateToLatest(db: Kysely<unknown>): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error('migration failed', { cause: error });
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
