import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadStandaloneConfig, REPO_ROOT } from './standalone-config.js';

describe('the standalone data folder', () => {
  const dataDirOf = (env: Record<string, string>) => loadStandaloneConfig(env).api.DATA_DIR;

  it('is <repository>/.data by default, whatever the working directory', () => {
    // Issue 8: `npm start` ran in services/standalone and kept the data there, not where the README said.
    expect(REPO_ROOT).toBe(join(import.meta.dirname, '../../../'));
    expect(dataDirOf({})).toBe(join(REPO_ROOT, '.data'));
    expect(dataDirOf({ DATA_DIR: '' })).toBe(join(REPO_ROOT, '.data'));
    const before = process.cwd();
    try {
      process.chdir(import.meta.dirname);
      expect(dataDirOf({})).toBe(join(REPO_ROOT, '.data'));
    } finally {
      process.chdir(before);
    }
  });

  it('takes a relative DATA_DIR from the repository root and an absolute one as it is', () => {
    expect(dataDirOf({ DATA_DIR: 'my-data' })).toBe(join(REPO_ROOT, 'my-data'));
    expect(dataDirOf({ DATA_DIR: '/var/lib/livechat' })).toBe('/var/lib/livechat');
  });
});
