import pino from 'pino';
import { loadApiConfig } from './config.js';
import { openDatabase } from './db/connect.js';
import { migrateToLatest } from './db/migrations.js';

// `npm run migrate`: the same migrations every API process runs at boot, on DATABASE_URL or PGlite.
const config = loadApiConfig();
const logger = pino({ level: config.LOG_LEVEL });
const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
try {
  const applied = await migrateToLatest(database.db as never);
  logger.info({ database: database.kind, applied }, applied.length ? 'migrated' : 'already up to date');
} finally {
  await database.close();
}
