import { applyD1Migrations, env } from 'cloudflare:test';
import { beforeEach } from 'vitest';
import { actAs, signIn } from './helpers.ts';

// The schema comes from the real migrations; every test starts from an empty register,
// signed in as an administrator unless it says otherwise.
await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);

// Every table the migrations made; foreign keys are checked at commit, so order does not matter.
const tables = (await env.DB.prepare(
  "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name <> 'd1_migrations'",
).all<{ name: string }>()).results.map((r) => r.name);

// The audit trail is append-only even for SQL; only this reset lifts the triggers briefly.
const appendOnly = (await env.DB.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_event'").all<{ sql: string }>())
  .results.map((r) => r.sql);

beforeEach(async () => {
  await env.DB.batch([
    env.DB.prepare('DROP TRIGGER IF EXISTS audit_event_no_update'),
    env.DB.prepare('DROP TRIGGER IF EXISTS audit_event_no_delete'),
    env.DB.prepare('PRAGMA defer_foreign_keys = true'),
    ...tables.map((t) => env.DB.prepare(`DELETE FROM "${t}"`)),
    env.DB.prepare('DELETE FROM sqlite_sequence'),
    ...appendOnly.map((sql) => env.DB.prepare(sql)),
  ]);
  actAs(await signIn('admin'));
});
