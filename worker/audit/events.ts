import { sql } from 'drizzle-orm';
import { auditEvent } from '../../schema/audit.ts';
import type { Actor, Database } from '../env.ts';

export type AuditedChange = {
  action: 'create' | 'update' | 'delete' | 'login' | 'login-failed' | 'logout';
  entity: string;
  /** Omit for a create with an autoincrement key: the id of the row just inserted is used. */
  entityId?: string | number;
  before?: unknown;
  after?: unknown;
};

/** The audit event of a write, placed in the same `db.batch` as the write itself. */
export function auditStatement(db: Database, actor: Actor, change: AuditedChange) {
  return db.insert(auditEvent).values({
    at: sql`strftime('%Y-%m-%dT%H:%M:%fZ','now')`,
    actor: actor.name,
    action: change.action,
    entity: change.entity,
    entityId: change.entityId === undefined ? sql`CAST(last_insert_rowid() AS TEXT)` : String(change.entityId),
    before: change.before ?? null,
    after: change.after ?? null,
    requestId: actor.requestId,
  });
}
