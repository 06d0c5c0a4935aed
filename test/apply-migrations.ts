import { applyD1Migrations, env } from 'cloudflare:test';
import { beforeEach } from 'vitest';
import { actAs, signIn } from './helpers.ts';

// The schema comes from the real migrations; every test starts from an empty register,
// signed in as an administrator unless it says otherwise.
await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);

const tablesChildFirst = [
  'audit_event', 'cost_item', 'allocation_key_year', 'allocation_key', 'status_report', 'action_note', 'action_item_goal', 'action_item', 'goal_snapshot', 'goal_measurement', 'goal', 'strategy', 'role_assignment', 'collaboration_level_event', 'collaboration_participant', 'collaboration', 'person', 'installation', 'application', 'product', 'technical_subarea', 'business_area',
  'recovery_code', 'invitation', 'session', 'user_municipality', 'api_token', 'user', 'login_throttle',
  'municipality_population', 'municipality', 'write_guard',
];

// The audit trail is append-only even for SQL; only this reset lifts the triggers briefly.
const appendOnly = (await env.DB.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_event'").all<{ sql: string }>())
  .results.map((r) => r.sql);

beforeEach(async () => {
  await env.DB.batch([
    env.DB.prepare('DROP TRIGGER IF EXISTS audit_event_no_update'),
    env.DB.prepare('DROP TRIGGER IF EXISTS audit_event_no_delete'),
    ...tablesChildFirst.map((t) => env.DB.prepare(`DELETE FROM "${t}"`)),
    env.DB.prepare('DELETE FROM sqlite_sequence'),
    ...appendOnly.map((sql) => env.DB.prepare(sql)),
  ]);
  actAs(await signIn('admin'));
});
