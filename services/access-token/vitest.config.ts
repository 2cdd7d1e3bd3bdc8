import { defineProject } from 'vitest/config';

export default defineProject({ test: { name: 'access-token', include: ['src/**/*.test.ts'] } });
