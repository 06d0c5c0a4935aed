import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';

// Unit and integration tests run inside workerd with a real local D1 and the real migrations.
export default defineConfig({
  plugins: [
    cloudflareTest(async () => ({
      wrangler: { configPath: './wrangler.toml' },
      miniflare: {
        bindings: { TEST_MIGRATIONS: await readD1Migrations('./schema/migrations') },
      },
    })),
  ],
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    setupFiles: ['./test/apply-migrations.ts'],
    // Password hashing (scrypt) is deliberately slow; on a busy 2-core machine a test that
    // signs in several times needs more than the default 5 s.
    testTimeout: 30_000,
  },
});
