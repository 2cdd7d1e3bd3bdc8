import { defineProject } from 'vitest/config';

/**
 * Infra tests start whole clusters (five Node processes and nginx): generous bounds for a 2-core machine,
 * and files in sequence so two clusters never compete for the cores at boot.
 */
export default defineProject({
  test: {
    name: 'infra',
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});
