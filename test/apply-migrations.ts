import { applyD1Migrations, env } from 'cloudflare:test';
import { beforeEach } from 'vitest';

// The schema comes from the real migrations; every test starts from an empty register.
await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);

const tablesChildFirst = [
  'audit_event', 'installation', 'application', 'product', 'technical_subarea', 'business_area',
  'municipality_population', 'municipality', 'write_guard',
];

beforeEach(async () => {
  await env.DB.batch([
    ...tablesChildFirst.map((t) => env.DB.prepare(`DELETE FROM ${t}`)),
    env.DB.prepare('DELETE FROM sqlite_sequence'),
  ]);
});
