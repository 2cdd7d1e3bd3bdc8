import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './standalone-config.js';

/** Where `npm start` kept its data before it moved to the repository root (it ran in services/standalone). */
const EARLIER_DATA_DIR = join(REPO_ROOT, 'services/standalone/.data');

/**
 * A line for the start banner when data of an earlier version sits in the old folder and the process is
 * not using it, so nobody thinks their rooms were lost; null otherwise.
 */
export function earlierDataDirNote(dataDir: string): string | null {
  if (dataDir === EARLIER_DATA_DIR || !existsSync(join(EARLIER_DATA_DIR, 'pgdata'))) return null;
  return `Note: data of an earlier version is in ${EARLIER_DATA_DIR}; stop LiveChat and move it to ${dataDir} to keep it.`;
}
