import { and, eq } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { auditStatement } from './audit/events.ts';
import type { Actor, Database } from './env.ts';
import { conflict, staleVersion, type Outcome } from './outcome.ts';
import { nextVersion, requireChange, writeBatch } from './store.ts';

type VersionedTable = SQLiteTable & { version: SQLiteColumn };
type Row = { version: number };

type Target<R extends Row> = {
  table: VersionedTable;
  key: SQLiteColumn;
  id: string | number;
  entity: string;
  /** The row as read in this request; its version is compared with the caller's. */
  before: R;
  /** The version the caller read; undefined only where the route makes it optional (DELETE). */
  version: number | undefined;
};

/** The entries of a patch whose values differ from the row as read. */
export function onlyChanges<B extends object, P extends object>(before: B, patch: P): Partial<P> & Partial<B> {
  const current = before as Record<string, unknown>;
  return Object.fromEntries(Object.entries(patch).filter(([key, value]) => value !== undefined && value !== current[key])) as Partial<P> & Partial<B>;
}

/**
 * INSERT + audit event in one batch; the new row (with its id and version 1) comes back.
 * `guards` run first and abort the batch when a precondition no longer holds.
 */
export function insertAudited<R>(db: Database, actor: Actor, table: SQLiteTable, entity: string, values: Record<string, unknown>, guards: BatchItem<'sqlite'>[] = []): Promise<Outcome<R>> {
  // Guards first: an upsert into write_guard after the INSERT could move last_insert_rowid(),
  // which the audit event uses as the new row's id.
  const [first, ...rest]: BatchItem<'sqlite'>[] = [
    ...guards,
    db.insert(table).values(values as never).returning(),
    auditStatement(db, actor, { action: 'create', entity, after: values }),
  ];
  return writeBatch(db, [first!, ...rest], (results) => (results[guards.length] as R[])[0]!);
}

/** Versioned UPDATE + audit event in one batch; 409 when the caller's version is stale. */
export async function updateVersioned<R extends Row>(
  db: Database, actor: Actor, target: Target<R>, set: Partial<R>, follow: BatchItem<'sqlite'>[] = [], afterExtra: object = {},
): Promise<Outcome<R>> {
  const { table, key, id, before, version } = target;
  if (version !== before.version) return staleVersion();
  const after = { ...before, ...set, version: before.version + 1 };
  const update = db.update(table).set({ ...set, ...nextVersion(table.version) } as never)
    .where(and(eq(key, id), eq(table.version, before.version))).returning();
  return writeBatch(db, [
    update,
    requireChange(db),
    ...follow,
    auditStatement(db, actor, { action: 'update', entity: target.entity, entityId: id, before, after: { ...after, ...afterExtra } }),
  ], (results) => (results[0] as R[])[0]!);
}

/** Versioned DELETE + audit event in one batch; 409 when stale or when something still uses the row. */
export async function deleteVersioned<R extends Row>(
  db: Database, actor: Actor, target: Target<R>, usedBy?: string, guards: BatchItem<'sqlite'>[] = [],
): Promise<Outcome<void>> {
  const { table, key, id, before, version } = target;
  if (version !== undefined && version !== before.version) return staleVersion();
  if (usedBy) return conflict(usedBy);
  return writeBatch(db, [
    db.delete(table).where(and(eq(key, id), eq(table.version, before.version))),
    requireChange(db),
    ...guards,
    auditStatement(db, actor, { action: 'delete', entity: target.entity, entityId: id, before }),
  ], () => undefined);
}

