import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const webRoot = fileURLToPath(new URL('../..', import.meta.url));

/** `vite build` with the app's own vite.config.ts, into a folder of its own (web/dist is left alone). */
async function buildInto(outDir: string): Promise<string[]> {
  await build({ root: webRoot, logLevel: 'silent', build: { outDir, emptyOutDir: true } });
  return readdir(outDir, { recursive: true });
}

describe('the production build', () => {
  let outDir = '';
  let files: string[] = [];
  const contents = async (extension: string) =>
    Promise.all(
      files.filter((file) => file.endsWith(extension)).map((file) => readFile(join(outDir, file), 'utf8')),
    );

  beforeAll(async () => {
    outDir = await mkdtemp(join(tmpdir(), 'livechat-web-build-'));
    files = await buildInto(outDir);
  }, 120_000);
  afterAll(async () => {
    if (outDir) await rm(outDir, { recursive: true, force: true });
  });

  it('ships no source map and no pointer to one: the full source is not published', async () => {
    expect(files.some((file) => file.endsWith('.js'))).toBe(true);
    expect(files.filter((file) => file.endsWith('.map'))).toEqual([]);
    for (const file of files.filter((name) => /\.(js|css)$/.test(name)))
      expect(await readFile(join(outDir, file), 'utf8'), file).not.toMatch(/sourceMappingURL=/);
  });

  it('ships sonner’s styles in the stylesheet, not as a string its code would add as a <style> (the CSP refuses it)', async () => {
    const css = (await contents('.css')).join('\n');
    const js = (await contents('.js')).join('\n');
    expect(css).toContain('[data-sonner-toaster]');
    expect(js).not.toContain('__insertCSS(');
    expect(js).not.toMatch(/\[data-sonner-toaster\]\[dir=/);
  });

  it('is installable under the strict CSP: a manifest whose icons exist, a service worker, no inline script', async () => {
    const html = await readFile(join(outDir, 'index.html'), 'utf8');
    expect(html).toMatch(/<link rel="manifest" href="\/manifest\.webmanifest"/);
    expect(html.match(/<script\b[^>]*>/g)?.every((tag) => /\bsrc=/.test(tag))).toBe(true);
    const manifest = JSON.parse(await readFile(join(outDir, 'manifest.webmanifest'), 'utf8')) as {
      display: string;
      icons: { src: string; sizes: string; purpose: string }[];
    };
    expect(manifest.display).toBe('standalone');
    for (const icon of manifest.icons) expect(existsSync(join(outDir, icon.src)), icon.src).toBe(true);
    expect(manifest.icons.map((icon) => icon.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
    expect(manifest.icons.some((icon) => icon.purpose === 'maskable')).toBe(true);
    expect(files).toContain('sw.js');
  });
});
