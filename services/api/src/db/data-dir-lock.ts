import { mkdir } from 'node:fs/promises';
import lockfile from 'proper-lockfile';

/**
 * PGlite has no lock of its own: two processes opening one data folder would corrupt it. We hold a lock
 * (a sibling `<dir>.lock` folder whose mtime we keep fresh) for as long as the process runs; a lock left by a
 * crashed process goes stale after 10 s and is taken over.
 */
export async function lockDataDir(dir: string): Promise<() => Promise<void>> {
  await mkdir(dir, { recursive: true });
  try {
    return await lockfile.lock(dir, { stale: 10_000, update: 2_000, realpath: true });
  } catch (error) {
    if ((error as { code?: string }).code === 'ELOCKED') {
      throw new Error(
        `The data folder ${dir} is in use by another LiveChat process; stop it or set DATA_DIR to another folder.`,
        { cause: error },
      );
    }
    throw error;
  }
}
