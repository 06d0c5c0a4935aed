import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Browser tests: plain Node (no workerd pool); each file starts the real app, one file at a time.
export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
