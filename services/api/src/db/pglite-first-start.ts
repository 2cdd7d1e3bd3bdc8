import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { pgliteOptions } from './pglite-settings.js';

const run = promisify(execFile);
const CHILD = new URL('./pglite-initdb-child.ts', import.meta.url);

/**
 * Creates a new embedded database in `dataDir` in a child process, when the folder holds none yet.
 * initdb grows PGlite's WebAssembly heap to ~650 MB, and a WebAssembly heap never shrinks: done in this
 * process, the server would keep that memory for its whole life. Opened afresh, it needs ~180 MB.
 * The caller holds the data folder's lock, so no other LiveChat process opens it meanwhile. `onCreate` is
 * told just before a database is created (not when one is there already).
 */
export async function createPgliteDataDir(dataDir: string, onCreate?: () => void): Promise<void> {
  if (existsSync(join(dataDir, 'PG_VERSION'))) return;
  onCreate?.();
  try {
    await run(process.execPath, ['--no-warnings', CHILD.pathname, JSON.stringify(pgliteOptions(dataDir))], {
      timeout: 120_000,
    });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new Error(`Could not create the embedded database in ${dataDir}${stderr ? `: ${stderr}` : ''}`, {
      cause: error,
    });
  }
}
