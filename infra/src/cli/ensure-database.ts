import { ensureDatabase } from '../database-setup.js';

// `DATABASE_URL=… tsx infra/src/cli/ensure-database.ts`: the cluster script's "create the database if missing".
const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.error('DATABASE_URL is required');
  process.exit(2);
}
try {
  const created = await ensureDatabase(databaseUrl);
  const name = new URL(databaseUrl).pathname.slice(1);
  console.log(created ? `created database ${name}` : `database ${name} exists`);
} catch (error) {
  console.error(`cannot prepare the database of DATABASE_URL: ${(error as Error).message}`);
  process.exit(1);
}
