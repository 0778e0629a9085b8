import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  resolve: {
    alias: {
      '@plansight/core': fileURLToPath(new URL('./packages/core/src/index.ts', import.meta.url)),
      '@plansight/graph-view': fileURLToPath(new URL('./packages/graph-view/src/index.ts', import.meta.url)),
    },
  },
  test: {
    include: ['packages/*/test/**/*.test.ts'],
    setupFiles: ['packages/core/test/fastCheckSeed.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
