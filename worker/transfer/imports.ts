import { and, asc, eq, getTableColumns, lt, sql, type SQL } from 'drizzle-orm';
import { SQLiteAsyncDialect } from 'drizzle-orm/sqlite-core';
import { importBatch, importBatchPart } from '../../schema/transfer.ts';
import { application, businessArea, installation, municipality, product, technicalSubarea } from '../../schema/portfolio.ts';
import { writeGuard } from '../../schema/concurrency.ts';
import { installationRefusal } from '../access/permissions.ts';
import { auditStatement } from '../audit/events.ts';
import type { Actor, Database } from '../env.ts';
import { conflict, forbidden, invalid, notFound, ok, type Outcome } from '../outcome.ts';
import { now, requireChange } from '../store.ts';
import { installationFields } from './columns.ts';
import { planImport, type PlannedRow, type Preview, type Register } from './plan.ts';
import { readSpreadsheet } from './read-sheet.ts';

/**
 * Import of installations from a spreadsheet: preview, then commit.
 *
 * The preview parses and checks the file once and stores what it found (`import_batch`,
 * rows in parts); the commit names the import by its id and writes exactly that. The client
 * never sends rows back, so it cannot commit anything the preview did not show and check,
 * and the file is parsed once however long the user looks at the preview. The commit writes
 * everything — new applications and products, changed and new installations, one audit
 * event with the rows — in ONE D1 batch whose first statement re-checks that the register
 * is as previewed (else the batch rolls back → 409).
 *
 * D1 binds at most 100 parameters per statement, so rows do not go in as bound values one by
 * one: each statement binds ONE JSON array and reads it with `json_each`, a few hundred rows
 * at a time. 5,000 rows are ~20 statements in one batch.
 */

const expiryHours = 24;
const rowsPerPart = 500;
const rowsPerStatement = 500;
/** One D1 value is at most 2 MB; the audit event's rows must fit in one. */
const maxAuditBytes = 1_800_000;

export type StoredImport = Preview & {
  id: string;
  fileName: string;
  format: 'xlsx' | 'csv';
  note?: string;
  status: 'previewed' | 'committed';
  createdAt: string;
  expiresAt: string;
  committedAt: string | null;
};

type Summary = Omit<Preview, 'rows' | 'errors'> & { format: 'xlsx' | 'csv'; note?: string; headerErrors: Preview['errors'] };

/** The register as the plan needs it — one round trip. */
export async function readRegister(db: Database): Promise<Register> {
  const [municipalities, applications, products, installations, businessAreas, subareas] = await db.batch([
    db.select({ code: municipality.code, name: municipality.name }).from(municipality),
    db.select({ id: application.id, name: application.name, kind: application.kind, subareaId: application.subareaId, businessAreaId: application.businessAreaId }).from(application),
    db.select({ id: product.id, vendor: product.vendor, name: product.name }).from(product),
    db.select().from(installation),
    db.select({ id: businessArea.id, name: businessArea.name }).from(businessArea),
    db.select({ id: technicalSubarea.id, name: technicalSubarea.name }).from(technicalSubarea),
  ]);
  return { municipalities, applications, products, installations, businessAreas, subareas };
}

const chunks = <T>(list: readonly T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
};

/** What the audit event carries: counts, what was created, and every written row (positional, to stay small). */
export function auditRecord(fileName: string, preview: Pick<Preview, 'rows' | 'newApplications' | 'newProducts' | 'counts'>) {
  const written = preview.rows.filter((r) => r.action === 'create' || r.action === 'update');
  return {
    file: fileName,
    rows: preview.counts.rows,
    created: preview.counts.create,
    changed: preview.counts.update,
    unchanged: preview.counts.unchanged,
    newApplications: preview.newApplications.map((a) => a.name),
    newProducts: preview.newProducts.map((p) => `${p.vendor} ${p.name}`),
    // Positional, to stay small; the import's page shows them as a table.
    detail: {
      fields: ['row', 'action', 'installationId', 'municipality', 'application', 'product', ...installationFields],
      written: written.map((r) => [r.row, r.action, r.installationId ?? null, r.municipality, r.application, r.product, ...installationFields.map((f) => r.write!.values[f] ?? null)]),
      changes: written.filter((r) => r.changes).map((r) => [r.row, Object.fromEntries(r.changes!.map((c) => [c.field, [c.from, c.to]]))]),
    },
  };
}

export async function previewImport(db: Database, actor: Actor, fileName: string, bytes: Uint8Array): Promise<Outcome<StoredImport>> {
  const read = readSpreadsheet(bytes);
  if (!read.ok) return invalid([{ path: 'file', message: read.message }], read.message);
  const preview = planImport(read.grid.rows, await readRegister(db), actor);
  if (preview.committable && JSON.stringify(auditRecord(fileName, preview)).length > maxAuditBytes) {
    preview.errors.push({ row: 1, column: '', cell: '', message: 'Importen är för stor för att loggas som en händelse. Dela upp filen i flera mindre.' });
    preview.committable = false;
  }
  const id = crypto.randomUUID();
  const createdAt = new Date();
  const expiresAt = new Date(createdAt.getTime() + expiryHours * 3_600_000).toISOString();
  const summary: Summary = {
    newApplications: preview.newApplications, newProducts: preview.newProducts, counts: preview.counts, committable: preview.committable,
    format: read.grid.format, note: read.grid.note, headerErrors: preview.errors.filter((e) => e.row === 1 || e.cell === ''),
  };
  const parts = chunks(preview.rows, rowsPerPart).map((rows, part) => ({ importId: id, part, rows }));
  await db.batch([
    // Previews nobody committed are of no use once expired.
    db.delete(importBatch).where(and(eq(importBatch.status, 'previewed'), lt(importBatch.expiresAt, createdAt.toISOString()))),
    db.insert(importBatch).values({ id, actor: actor.name, fileName, committable: preview.committable, summary, expiresAt }),
    // Three values per part: 33 parts per statement stay under D1's 100 bound parameters.
    ...chunks(parts, 33).map((some) => db.insert(importBatchPart).values(some)),
  ]);
  return ok({
    ...preview, id, fileName, format: read.grid.format, note: read.grid.note, status: 'previewed',
    createdAt: createdAt.toISOString(), expiresAt, committedAt: null,
  });
}

/** A stored import: a preview only for whoever uploaded it, a committed import (its summary) for everyone who reads the log. */
export async function findImport(db: Database, actor: Actor, id: string): Promise<StoredImport | undefined> {
  const [[batch], parts] = await db.batch([
    db.select().from(importBatch).where(eq(importBatch.id, id)),
    db.select().from(importBatchPart).where(eq(importBatchPart.importId, id)).orderBy(asc(importBatchPart.part)),
  ]);
  if (!batch || (batch.status === 'previewed' && batch.actor !== actor.name)) return undefined;
  const summary = batch.summary as Summary;
  const rows = parts.flatMap((p) => p.rows as PlannedRow[]);
  const rowErrors = rows.flatMap((r) => r.errors ?? []);
  const { headerErrors, format, note, ...rest } = summary;
  return {
    ...rest, rows, errors: [...headerErrors, ...rowErrors], format, note,
    id: batch.id, fileName: batch.fileName, status: batch.status, createdAt: batch.createdAt, expiresAt: batch.expiresAt, committedAt: batch.committedAt,
  };
}

export type CommitResult = { id: string; created: number; changed: number; unchanged: number; newApplications: number; newProducts: number };

const staleMessage = (detail: string) =>
  `Registret har ändrats sedan förhandsgranskningen (${detail}). Inget importerades. Ladda upp filen igen för en ny förhandsgranskning.`;

const column = (field: string) => sql.identifier((getTableColumns(installation) as Record<string, { name: string }>)[field]!.name);
const field = (name: string) => sql`json_extract(j.value, ${`$.${name}`})`;
const applicationIdSql = sql`coalesce(${field('applicationId')}, (SELECT a.id FROM application a WHERE a.name = ${field('applicationName')}))`;
const productIdSql = sql`coalesce(${field('productId')}, (SELECT p.id FROM product p WHERE p.vendor = ${field('vendor')} AND p.name = ${field('productName')}))`;

/** A row's values as the JSON one statement reads. */
const rowJson = (r: PlannedRow) => ({ id: r.installationId, version: r.version, ...r.write!, ...r.write!.values, values: undefined });

/*
 * drizzle cannot batch raw SQL with parameters on D1 (its SQLiteRaw has no prepared
 * statement), so the commit batches D1 statements itself: drizzle builds them, D1 runs them.
 */
const dialect = new SQLiteAsyncDialect();
const raw = (d1: D1Database, query: SQL) => {
  const q = dialect.sqlToQuery(query);
  return d1.prepare(q.sql).bind(...q.params);
};
const built = (d1: D1Database, query: { toSQL(): { sql: string; params: unknown[] } }) => {
  const q = query.toSQL();
  return d1.prepare(q.sql).bind(...q.params);
};

/** The write_guard's CHECK aborts the batch when `ok` is false (see schema/concurrency.ts). */
const guard = (db: Database, condition: SQL) =>
  db.insert(writeGuard).values({ id: 1, ok: condition }).onConflictDoUpdate({ target: writeGuard.id, set: { ok: sql`excluded.ok` } });

export async function commitImport(db: Database, d1: D1Database, actor: Actor, id: string): Promise<Outcome<CommitResult>> {
  const stored = await findImport(db, actor, id);
  if (!stored) return notFound('Importen finns inte.');
  if (stored.status === 'committed') return conflict('Importen är redan genomförd.');
  if (stored.expiresAt < new Date().toISOString()) return conflict('Förhandsgranskningen har gått ut. Ladda upp filen igen.');
  if (!stored.committable) return invalid(stored.errors.slice(0, 100).map((e) => ({ path: e.cell || e.column, message: `Rad ${e.row}, ${e.column}: ${e.message}` })), 'Importen har fel. Rätta filen och ladda upp den igen; inget importerades.');
  // Permissions may have changed since the preview.
  for (const r of stored.rows) {
    const refusal = installationRefusal(actor, r.municipality, 'all');
    if (refusal) return forbidden(`Rad ${r.row}: ${refusal}`);
  }

  const kept = stored.rows.filter((r) => r.action === 'update' || r.action === 'unchanged');
  const updates = stored.rows.filter((r) => r.action === 'update');
  const creates = stored.rows.filter((r) => r.action === 'create');
  const currentCreates = creates.filter((r) => r.write!.applicationId !== null && r.write!.values.lifecycle !== 'retired');
  const versions = JSON.stringify(kept.map((r) => [r.installationId, r.version]));
  const places = JSON.stringify(currentCreates.map((r) => [r.municipality, r.write!.applicationId]));
  const appNames = JSON.stringify(stored.newApplications.map((a) => a.name));
  const productNames = JSON.stringify(stored.newProducts.map((p) => [p.vendor, p.name]));

  // What changed since the preview, read first so that the 409 can say where.
  const [moved, taken, apps, products] = (await d1.batch([
    raw(d1, sql`SELECT json_extract(j.value, '$[0]') AS id FROM json_each(${versions}) j
      WHERE NOT EXISTS (SELECT 1 FROM installation i WHERE i.id = json_extract(j.value, '$[0]') AND i.version = json_extract(j.value, '$[1]'))`),
    raw(d1, sql`SELECT i.municipality_code AS municipality, i.application_id AS applicationId FROM installation i
      JOIN json_each(${places}) j ON i.municipality_code = json_extract(j.value, '$[0]') AND i.application_id = json_extract(j.value, '$[1]') WHERE i.lifecycle <> 'retired'`),
    raw(d1, sql`SELECT a.name FROM application a JOIN json_each(${appNames}) j ON a.name = j.value`),
    raw(d1, sql`SELECT p.vendor, p.name FROM product p JOIN json_each(${productNames}) j ON p.vendor = json_extract(j.value, '$[0]') AND p.name = json_extract(j.value, '$[1]')`),
  ])).map((r) => r.results) as [{ id: number }[], { municipality: string; applicationId: number }[], { name: string }[], { vendor: string; name: string }[]];
  if (moved.length) {
    const row = kept.find((r) => r.installationId === moved[0]!.id)!;
    return conflict(staleMessage(`rad ${row.row}: ${row.application} i ${row.municipality} har ändrats eller tagits bort`));
  }
  if (taken.length) {
    const row = currentCreates.find((r) => r.municipality === taken[0]!.municipality && r.write!.applicationId === taken[0]!.applicationId)!;
    return conflict(staleMessage(`rad ${row.row}: ${row.application} i ${row.municipality} har registrerats av någon annan`));
  }
  if (apps.length) return conflict(staleMessage(`applikationen ${apps[0]!.name} har lagts till av någon annan`));
  if (products.length) return conflict(staleMessage(`produkten ${products[0]!.vendor} ${products[0]!.name} har lagts till av någon annan`));

  const setColumns = installationFields.map((f) => sql`${column(f)} = ${field(f)}`);
  const statements: D1PreparedStatement[] = [
    // The same checks again, inside the batch: nothing can slip in between them and the writes.
    built(d1, guard(db, sql`(SELECT count(*) FROM json_each(${versions}) j JOIN installation i ON i.id = json_extract(j.value, '$[0]') AND i.version = json_extract(j.value, '$[1]')) = ${kept.length}
      AND NOT EXISTS (SELECT 1 FROM installation i JOIN json_each(${places}) j ON i.municipality_code = json_extract(j.value, '$[0]') AND i.application_id = json_extract(j.value, '$[1]') AND i.lifecycle <> 'retired')`)),
    // Committed once: a second commit of the same import (two clicks, two tabs) rolls back.
    built(d1, db.update(importBatch).set({ status: 'committed', committedAt: sql`${now}` }).where(and(eq(importBatch.id, id), eq(importBatch.status, 'previewed')))),
    built(d1, requireChange(db)),
  ];
  for (const some of chunks(stored.newApplications, rowsPerStatement)) {
    statements.push(raw(d1, sql`INSERT INTO application (name, kind, subarea_id, business_area_id)
      SELECT ${field('name')}, ${field('kind')}, ${field('subareaId')}, ${field('businessAreaId')} FROM json_each(${JSON.stringify(some)}) j`));
  }
  for (const some of chunks(stored.newProducts, rowsPerStatement)) {
    statements.push(raw(d1, sql`INSERT INTO product (vendor, name) SELECT ${field('vendor')}, ${field('name')} FROM json_each(${JSON.stringify(some)}) j`));
  }
  for (const some of chunks(updates, rowsPerStatement)) {
    statements.push(raw(d1, sql`UPDATE installation SET product_id = ${productIdSql}, ${sql.join(setColumns, sql`, `)},
        version = installation.version + 1, updated_at = ${now}
      FROM json_each(${JSON.stringify(some.map(rowJson))}) j
      WHERE installation.id = ${field('id')} AND installation.version = ${field('version')}`));
    statements.push(built(d1, guard(db, sql`changes() = ${some.length}`)));
  }
  for (const some of chunks(creates, rowsPerStatement)) {
    statements.push(raw(d1, sql`INSERT INTO installation (municipality_code, application_id, product_id, ${sql.join(installationFields.map(column), sql`, `)})
      SELECT ${field('municipality')}, ${applicationIdSql}, ${productIdSql}, ${sql.join(installationFields.map(field), sql`, `)}
      FROM json_each(${JSON.stringify(some.map(rowJson))}) j`));
  }
  statements.push(built(d1, auditStatement(db, actor, { action: 'create', entity: 'import', entityId: id, after: auditRecord(stored.fileName, stored) })));
  // The audit event now carries the rows; the stored preview's parts are no longer needed.
  statements.push(built(d1, db.delete(importBatchPart).where(eq(importBatchPart.importId, id))));

  try {
    await d1.batch(statements);
  } catch (error) {
    // As store.ts writeBatch: what a concurrent writer causes is a 409, anything else a real error.
    const message = String((error as Error)?.message ?? error) + String((error as { cause?: Error })?.cause?.message ?? '');
    if (/stale_write|UNIQUE constraint failed|FOREIGN KEY constraint failed/.test(message)) return conflict(staleMessage('någon annan skrev samtidigt'));
    throw error;
  }
  return ok({
    id, created: creates.length, changed: updates.length, unchanged: stored.counts.unchanged,
    newApplications: stored.newApplications.length, newProducts: stored.newProducts.length,
  });
}
