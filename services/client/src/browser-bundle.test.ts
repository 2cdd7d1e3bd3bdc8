import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

describe('the client library in a browser', () => {
  it('bundles for browsers: no Node built-in anywhere behind the main entry', async () => {
    // esbuild refuses `node:*` and Node built-ins on the browser platform, so a stray import fails here.
    const result = await build({
      entryPoints: [fileURLToPath(new URL('./index.ts', import.meta.url))],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      logLevel: 'silent',
    });
    expect(result.errors).toEqual([]);
    const code = result.outputFiles[0]!.text;
    expect(code).toContain('auth:refresh');
    expect(code).not.toMatch(/\brequire\(["'](node:)?(crypto|fs|http|net|url|events)["']\)/);
  });
});
