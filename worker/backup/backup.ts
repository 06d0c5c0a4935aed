import { getTableName, is } from 'drizzle-orm';
import { SQLiteTable } from 'drizzle-orm/sqlite-core';
import * as schemaTables from '../../schema/index.ts';
import type { Actor } from '../env.ts';
import { conflict, invalid, ok, type Outcome } from '../outcome.ts';
import {
  checkDocument, documentText, ident, insertStatements, isBackedUp, quote, replaceableTables, selectSql, toCell,
  type BackupDocument, type Deployment, type Statement, type TableRows, type TableShape,
} from './document.ts';

/*
 * Backup and restore against D1, with raw SQL: they are generic over whatever tables the
 * migrations made, read from sqlite_master and the table-info pragmas (their table-valued
 * forms take only literal names in D1, so the columns are a second round trip).
 */

type Trigger = { name: string; sql: string };
type Schema = Deployment & { triggers: Trigger[]; hasSequences: boolean };

const tableNames = (rows: { name: string; type: string }[]) =>
  rows.filter((r) => r.type === 'table' && isBackedUp(r.name)).map((r) => r.name).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

/**
 * This deployment's backed-up tables with their columns and foreign keys, its last migration
 * and its triggers: two round trips (the names, then the pragmas of every table in one batch),
 * the second carrying `extra` statements that need the table names.
 */
async function readSchema(d1: D1Database, extra: (names: string[]) => D1PreparedStatement[] = () => []) {
  const [objects, migration] = await d1.batch([
    d1.prepare("SELECT type, name, sql FROM sqlite_master WHERE type IN ('table', 'trigger') ORDER BY name"),
    d1.prepare('SELECT name FROM d1_migrations ORDER BY id DESC LIMIT 1'),
  ]);
  const all = objects!.results as { type: string; name: string; sql: string }[];
  const names = tableNames(all);
  const more = extra(names);
  const results = await d1.batch([
    ...names.flatMap((name) => [
      d1.prepare(`SELECT name, pk FROM pragma_table_info(${quote(name)}) ORDER BY cid`),
      d1.prepare(`SELECT id, seq, "table", "from", "to" FROM pragma_foreign_key_list(${quote(name)}) ORDER BY id, seq`),
    ]),
    ...more,
  ]);
  const tables: TableShape[] = names.map((name, i) => {
    const fks = new Map<number, { table: string; from: string[]; to: (string | null)[] }>();
    for (const f of results[2 * i + 1]!.results as { id: number; table: string; from: string; to: string | null }[]) {
      const fk = fks.get(f.id) ?? { table: f.table, from: [], to: [] };
      fk.from.push(f.from);
      fk.to.push(f.to);
      fks.set(f.id, fk);
    }
    return { name, columns: results[2 * i]!.results as { name: string; pk: number }[], foreignKeys: [...fks.values()] };
  });
  const schema: Schema = {
    schema: (migration!.results[0] as { name: string } | undefined)?.name ?? '',
    tables,
    triggers: all.filter((o) => o.type === 'trigger' && o.sql).map(({ name, sql }) => ({ name, sql })),
    hasSequences: all.some((o) => o.type === 'table' && o.name === 'sqlite_sequence'),
  };
  return { schema, extra: results.slice(2 * names.length) };
}

// ---- Backup ----

/**
 * The whole database as one document, read in one batch after the schema (so the rows of all
 * tables are one consistent snapshot): three round trips in all. The text is produced piece by
 * piece for streaming, so the whole document never has to be one string in memory.
 */
export async function readBackup(d1: D1Database, createdAt = new Date().toISOString()) {
  const { schema } = await readSchema(d1);
  const results = await d1.batch([
    d1.prepare(schema.hasSequences ? 'SELECT name, seq FROM sqlite_sequence ORDER BY name' : "SELECT '' AS name, 0 AS seq WHERE 0"),
    ...schema.tables.map((t) => d1.prepare(selectSql(t))),
  ]);
  const names = new Set(schema.tables.map((t) => t.name));
  const sequences = Object.fromEntries((results[0]!.results as { name: string; seq: number }[]).filter((s) => names.has(s.name)).map((s) => [s.name, s.seq]));
  function* tables(): Generator<TableRows> {
    for (const [i, shape] of schema.tables.entries()) {
      const columns = shape.columns.map((c) => c.name);
      const rows = results[i + 1]!.results as Record<string, unknown>[];
      yield { name: shape.name, columns, rows: rows.map((row) => columns.map((c) => toCell(row[c]))) };
      // Let this table's rows go once written.
      results[i + 1] = { ...results[i + 1]!, results: [] };
    }
  }
  return { createdAt, schema: schema.schema, text: documentText({ schema: schema.schema, createdAt, sequences }, tables()) };
}

/** The document as a byte stream, in pieces of about 64 kB. */
export function streamText(pieces: Iterable<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = pieces[Symbol.iterator]();
  return new ReadableStream({
    pull(controller) {
      let chunk = '';
      while (chunk.length < 65_536) {
        const next = iterator.next();
        if (next.done) {
          if (chunk) controller.enqueue(encoder.encode(chunk));
          controller.close();
          return;
        }
        chunk += next.value;
      }
      controller.enqueue(encoder.encode(chunk));
    },
  });
}

// ---- Restore ----

export type Restored = {
  createdAt: string;
  schema: string;
  /** Rows restored per table. */
  tables: Record<string, number>;
  /** Always true: the accounts were replaced by the backup's, so the caller's session (or token) is gone. */
  signedOut: true;
  message: string;
};

/**
 * Which tables keep the deployment from being empty: every backed-up table except the
 * accounts and the audit trail (`replaceableTables`) must have no rows. One small statement
 * per table (D1 allows few terms in a compound SELECT), all in the schema's second batch.
 */
const guardedTables = (names: string[]) => names.filter((n) => !(replaceableTables as readonly string[]).includes(n));
const occupiedStatements = (d1: D1Database, names: string[]) =>
  guardedTables(names).map((n) => d1.prepare(`SELECT ${quote(n)} AS name WHERE EXISTS (SELECT 1 FROM ${ident(n)})`));
const occupiedIn = (results: D1Result[]) => results.flatMap((r) => (r.results as { name: string }[]).map((x) => x.name));

/**
 * The backed-up tables as the code's drizzle schema declares them — the same tables the
 * migrations make (each area's schema file and its migration are generated together).
 */
const declaredTables = [...new Set(Object.values(schemaTables).filter((t) => is(t, SQLiteTable)).map((t) => getTableName(t as SQLiteTable)))]
  .filter(isBackedUp).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

/**
 * The tables of this deployment that have data, by name: empty when a backup may be restored
 * here. For the page's hint, so one round trip over the declared tables rather than reading
 * sqlite_master and every table's pragmas first; the restore itself checks the live schema.
 */
export async function occupiedTables(d1: D1Database): Promise<string[]> {
  const statements = occupiedStatements(d1, declaredTables);
  return statements.length ? occupiedIn(await d1.batch(statements)) : [];
}

const notEmpty = (tables: string[]) => conflict(
  `Registret innehåller redan uppgifter (${tables.join(', ')}). En säkerhetskopia återställs bara till en tom installation, `
  + 'där det inte finns något annat än konton och deras händelser i loggen. Återställ till en ny databas.',
);

/**
 * The replaced events of the empty deployment that the restore's own event keeps (an event
 * is one D1 row, at most 2 MB): its sign-ins and goal snapshots, normally a handful.
 */
const keptEvents = 500;

/**
 * Restore a backup document into this deployment, all or nothing.
 *
 * Refuses, writing nothing: an unknown format or version, another schema than this
 * deployment's last migration, unknown or missing tables and columns and broken references
 * (400); a deployment that is not empty (409). "Empty" means that nothing but accounts and the
 * audit trail has rows — a new deployment where the administrator has signed in.
 *
 * The write is one D1 batch: foreign keys deferred to the commit; the triggers lifted and put
 * back unchanged (the audit trail's append-only triggers too — the replaced events of the empty
 * deployment, up to `keptEvents`, live on in the restore's own event); the accounts, their sessions and the audit
 * trail replaced by the backup's, ids as they were; SQLite's id counters set as in the backup;
 * and one audit event "restored backup of <createdAt>". A failure anywhere rolls all of it back.
 */
export async function restoreBackup(d1: D1Database, actor: Actor, input: unknown): Promise<Outcome<Restored>> {
  const { schema, extra } = await readSchema(d1, (names) => occupiedStatements(d1, names));
  const checked = checkDocument(input, schema);
  if (!checked.ok) return checked;
  const doc = checked.value;
  const occupied = occupiedIn(extra);
  if (occupied.length) return notEmpty(occupied);
  // Only now, in an empty deployment: what the restore replaces, for its own audit event.
  const [events, accounts] = await d1.batch([
    d1.prepare(`SELECT * FROM audit_event ORDER BY id DESC LIMIT ${keptEvents + 1}`),
    d1.prepare('SELECT email FROM "user" ORDER BY id'),
  ]);
  const replaced = (events!.results as { id: number }[]).reverse();
  const before = {
    accounts: (accounts!.results as { email: string }[]).map((u) => u.email),
    auditEvents: replaced.slice(-keptEvents),
    ...(replaced.length > keptEvents ? { olderAuditEvents: `äldre än dessa ${keptEvents} sparades inte` } : {}),
  };

  const statements = restoreStatements(doc, schema, replaced.at(-1)?.id ?? 0);
  const rows = Object.fromEntries(Object.entries(doc.tables).map(([name, t]) => [name, t.rows.length]));
  statements.push({
    sql: "INSERT INTO audit_event (at, actor, action, entity, entity_id, \"before\", \"after\", request_id) VALUES (strftime('%Y-%m-%dT%H:%M:%fZ','now'), ?, 'restore', 'backup', ?, ?, ?, ?)",
    params: [actor.name, doc.createdAt, JSON.stringify(before), JSON.stringify({ createdAt: doc.createdAt, schema: doc.schema, rows }), actor.requestId],
  });
  try {
    await d1.batch(statements.map((s) => d1.prepare(s.sql).bind(...s.params)));
  } catch (error) {
    const message = String((error as Error)?.message ?? error) + String((error as { cause?: Error })?.cause?.message ?? '');
    if (message.includes('stale_write')) return conflict('Registret ändrades medan säkerhetskopian lästes in. Ingenting har skrivits; försök igen.');
    const refused = /(UNIQUE|NOT NULL|CHECK|FOREIGN KEY) constraint failed[^\n]*|datatype mismatch/.exec(message);
    if (refused) return invalid([], `Databasen godtog inte säkerhetskopian (${refused[0].replace(/: SQLITE_\w+$/, '')}). Ingenting har skrivits.`);
    throw error;
  }
  return ok({
    createdAt: doc.createdAt,
    schema: doc.schema,
    tables: rows,
    signedOut: true,
    message: `Säkerhetskopian från ${doc.createdAt} är återställd. Alla konton har ersatts av säkerhetskopians, så din inloggning `
      + 'har avslutats (och API-nycklar som inte finns i säkerhetskopian fungerar inte längre). Logga in med ett konto från säkerhetskopian.',
  });
}

/** The restore's write batch, before its audit event. */
function restoreStatements(doc: BackupDocument, schema: Schema, lastEventId: number): Statement[] {
  const names = schema.tables.map((t) => t.name);
  const statements: Statement[] = [{ sql: 'PRAGMA defer_foreign_keys = true', params: [] }];
  // Still empty, and no event written since it was read — or the write_guard CHECK rolls all back (409).
  // A few conditions per statement: D1 keeps SQL expressions shallow.
  const conditions = [...guardedTables(names).map((n) => `NOT EXISTS (SELECT 1 FROM ${ident(n)})`), `(SELECT coalesce(max(id), 0) FROM audit_event) = ${lastEventId}`];
  for (let i = 0; i < conditions.length; i += 10) {
    statements.push({ sql: `INSERT INTO write_guard (id, ok) VALUES (1, ${conditions.slice(i, i + 10).join(' AND ')}) ON CONFLICT (id) DO UPDATE SET ok = excluded.ok`, params: [] });
  }
  for (const t of schema.triggers) statements.push({ sql: `DROP TRIGGER ${ident(t.name)}`, params: [] });
  statements.push({ sql: 'DELETE FROM session', params: [] });
  for (const name of names) statements.push({ sql: `DELETE FROM ${ident(name)}`, params: [] });
  for (const name of names) statements.push(...insertStatements(name, doc.tables[name]!));
  if (schema.hasSequences) {
    // After the inserts, which set each counter to the highest id restored; the backup's may be higher.
    statements.push({ sql: `DELETE FROM sqlite_sequence WHERE name IN (${names.map(quote).join(', ')})`, params: [] });
    const sequences = Object.entries(doc.sequences);
    if (sequences.length) {
      statements.push({ sql: `INSERT INTO sqlite_sequence (name, seq) VALUES ${sequences.map(([n, s]) => `(${quote(n)}, ${s})`).join(', ')}`, params: [] });
    }
  }
  for (const t of schema.triggers) statements.push({ sql: t.sql, params: [] });
  return statements;
}
