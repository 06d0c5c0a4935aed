import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

export const importStatuses = ['previewed', 'committed'] as const;

/**
 * An uploaded import between its preview and its commit. The commit names the import by its
 * id and writes what the server parsed and checked — never rows sent back by the client —
 * so what was previewed is exactly what is written. Only whoever uploaded it may commit it,
 * and only until it expires.
 */
export const importBatch = sqliteTable('import_batch', {
  /** Random UUID: unguessable, and the audit event's entity id. */
  id: text('id').primaryKey(),
  /** The uploader as the audit trail names them (`Actor.name`). */
  actor: text('actor').notNull(),
  fileName: text('file_name').notNull(),
  status: text('status', { enum: importStatuses }).notNull().default('previewed'),
  /** False when any row has an error: nothing can then be committed. */
  committable: integer('committable', { mode: 'boolean' }).notNull(),
  /** Counts and what will be created, for the preview page's summary. */
  summary: text('summary', { mode: 'json' }).notNull(),
  createdAt: text('created_at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  expiresAt: text('expires_at').notNull(),
  committedAt: text('committed_at'),
}, (t) => [
  check('import_batch_status', sql`${t.status} IN ('previewed','committed')`),
  index('import_batch_expires_idx').on(t.expiresAt),
]);

/**
 * The previewed rows in parts of a few hundred: one D1 value holds at most 2 MB, and a
 * 5,000-row import is more than that as one JSON document.
 */
export const importBatchPart = sqliteTable('import_batch_part', {
  importId: text('import_id').notNull().references(() => importBatch.id, { onDelete: 'cascade' }),
  part: integer('part').notNull(),
  rows: text('rows', { mode: 'json' }).notNull(),
}, (t) => [primaryKey({ columns: [t.importId, t.part] })]);
