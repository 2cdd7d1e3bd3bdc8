import { defineProject } from 'vitest/config';

/** Unit tests beside the code they test (`src/**\/*.test.ts`) and checks of the build output (`test/build`). The browser suite has its own config. */
export default defineProject({
  test: { name: 'web', include: ['src/**/*.test.ts', 'test/build/**/*.test.ts'] },
});
