import { defineConfig } from 'vitest/config';

/**
 * The browser suite: real Chromium against a real standalone server (and the cluster when available).
 * One fork, files in sequence: each file starts its own server and browser, which is what the 2-core machine can take.
 */
export default defineConfig({
  test: {
    name: 'web-e2e',
    include: ['test/e2e/**/*.e2e.test.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
