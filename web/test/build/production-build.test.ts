import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { afterAll, describe, expect, it } from 'vitest';

const webRoot = fileURLToPath(new URL('../..', import.meta.url));

/** `vite build` with the app's own vite.config.ts, into a folder of its own (web/dist is left alone). */
async function buildInto(outDir: string): Promise<string[]> {
  await build({ root: webRoot, logLevel: 'silent', build: { outDir, emptyOutDir: true } });
  return readdir(outDir, { recursive: true });
}

describe('the production build', () => {
  const folders: string[] = [];
  afterAll(async () => {
    for (const folder of folders) await rm(folder, { recursive: true, force: true });
  });

  it('ships no source map and no pointer to one: the full source is not published', async () => {
    const outDir = await mkdtemp(join(tmpdir(), 'livechat-web-build-'));
    folders.push(outDir);
    const files = await buildInto(outDir);
    expect(files.some((file) => file.endsWith('.js'))).toBe(true);
    expect(files.filter((file) => file.endsWith('.map'))).toEqual([]);
    for (const file of files.filter((name) => /\.(js|css)$/.test(name)))
      expect(await readFile(join(outDir, file), 'utf8'), file).not.toMatch(/sourceMappingURL=/);
  }, 120_000);
});
