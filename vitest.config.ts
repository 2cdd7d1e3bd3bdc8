import { defineConfig } from 'vitest/config';

export default defineConfig({ test: { projects: ['services/*', 'web', 'infra', 'loadtest'] } });
