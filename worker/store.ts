import { sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { BatchItem } from 'drizzle-orm/batch';
import { writeGuard } from '../schema/concurrency.ts';
import type { Database } from './env.ts';
import { conflict, ok, staleVersion, type Outcome } from './outcome.ts';

/**
 * In a write batch: aborts it when `condition` is false at that point — the CHECK on the
 * one-row write_guard fails, the whole batch rolls back, and `writeBatch` answers 409.
 */
export const requireThat = (db: Database, condition: SQL) =>
  db.insert(writeGuard).values({ id: 1, ok: condition })
    .onConflictDoUpdate({ target: writeGuard.id, set: { ok: sql`excluded.ok` } });

/**
 * Put right after a version-guarded UPDATE/DELETE in a batch: when that statement changed no
 * row (someone else wrote first) the whole batch rolls back.
 */
export const requireChange = (db: Database) => requireThat(db, sql`changes() > 0`);

/**
 * In a write batch: aborts it (→ 409) when a row matching `query` exists by then — the
 * precondition a command checked before writing (no duplicate, year still open) may have been
 * broken by a concurrent writer in between. Place it before the write it protects.
 */
export const requireNone = (db: Database, query: SQL) => requireThat(db, sql`NOT EXISTS (${query})`);

/**
 * `column IN (…values)` with ONE bound parameter, a JSON array read by json_each: D1 allows
 * at most 100 bound parameters per statement, and these lists grow with the register.
 */
export const inList = (column: SQLiteColumn | SQL, values: readonly (string | number)[]) =>
  sql`${column} IN (SELECT value FROM json_each(${JSON.stringify(values)}))`;

export const now = sql`strftime('%Y-%m-%dT%H:%M:%fZ','now')`;

/** The columns a versioned update always sets. */
export const nextVersion = (versionColumn: unknown) => ({
  version: sql`${versionColumn} + 1`,
  updatedAt: now,
});

type Batch = [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]];

/**
 * Run a write batch, turning the constraint failures that a concurrent writer can cause
 * into 409s. Validation has already happened; anything else is a real error.
 */
export async function writeBatch<T>(db: Database, statements: Batch, pick: (results: unknown[]) => T): Promise<Outcome<T>> {
  try {
    const results = (await db.batch(statements)) as unknown[];
    return ok(pick(results));
  } catch (error) {
    const message = String((error as Error)?.message ?? error) + String((error as { cause?: Error })?.cause?.message ?? '');
    if (message.includes('stale_write')) return staleVersion();
    if (message.includes('UNIQUE constraint failed')) return conflict('Det finns redan en post med samma uppgifter.');
    if (message.includes('FOREIGN KEY constraint failed')) return conflict('Posten används av andra uppgifter eller hänvisar till något som inte längre finns.');
    throw error;
  }
}

/**
 * A column under its own SQL name. D1 returns batch rows as objects keyed by column name, so
 * in a `db.batch` two selected columns called `name` (or `id`) would overwrite each other.
 */
export const aliased = <C extends SQLiteColumn>(column: C, alias: string) =>
  sql<C['_']['data']>`${column}`.mapWith(column).as(alias);
