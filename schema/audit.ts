import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Spårbarhet: one row per write, inserted in the same D1 batch as the write itself, so a
 * failed write leaves no event and no event exists without its write. Append-only.
 */
export const auditEvent = sqliteTable('audit_event', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  at: text('at').notNull(),
  actor: text('actor').notNull(),
  action: text('action', { enum: ['create', 'update', 'delete', 'login', 'login-failed', 'logout'] }).notNull(),
  entity: text('entity').notNull(),
  entityId: text('entity_id').notNull(),
  before: text('before', { mode: 'json' }),
  after: text('after', { mode: 'json' }),
  requestId: text('request_id').notNull(),
}, (t) => [index('audit_entity_idx').on(t.entity, t.entityId), index('audit_at_idx').on(t.at)]);
