import { defineProject } from 'vitest/config';

/** Unit tests: pure app logic beside the code it tests (`src/**\/*.test.ts`). The browser suite has its own config. */
export default defineProject({ test: { name: 'web', include: ['src/**/*.test.ts'] } });
