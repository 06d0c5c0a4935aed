import { sql } from 'drizzle-orm';
import { check, integer, sqliteTable } from 'drizzle-orm/sqlite-core';

/**
 * One-row table whose CHECK aborts a D1 batch: a write batch writes `ok = changes() > 0`
 * right after its version-guarded UPDATE or DELETE, so when another writer got there first
 * the whole batch — follow-up rows and audit event included — rolls back (→ 409).
 */
export const writeGuard = sqliteTable('write_guard', {
  id: integer('id').primaryKey(),
  ok: integer('ok').notNull(),
}, (t) => [check('stale_write', sql`${t.ok} = 1`)]);
