import { defineConfig } from 'drizzle-kit';

// drizzle-kit writes plain SQL migrations; wrangler applies them (locally and remotely).
export default defineConfig({
  dialect: 'sqlite',
  schema: './schema/index.ts',
  out: './schema/migrations',
});
