import * as v from 'valibot';
import { invalid, ok, type FieldIssue, type Outcome } from '../outcome.ts';
import { fieldIssues } from '../validation.ts';

/*
 * The backup document: the whole database as one versioned JSON text. Pure — no I/O — so the
 * format, its checks and the SQL that writes it back are tested directly (test/backup-document.test.ts).
 *
 *   { "format": "samverkansplattformen-backup", "version": 1, "schema": "0009_documents.sql",
 *     "createdAt": "2026-11-25T13:04:05.000Z", "sequences": { "<table>": <last id>, … },
 *     "tables": { "<table>": { "columns": ["id", …], "rows": [[1, "Bengtsfors", …], …] }, … } }
 *
 * Tables in name order, rows in primary-key order, one row per line: two backups of the same
 * data are the same bytes except `createdAt`. Values are as SQLite holds them: integers stay
 * integers (öre), JSON columns stay their text, a BLOB is `{ "base64": "…" }`.
 */

export const backupFormat = 'samverkansplattformen-backup';
export const backupVersion = 1;

/**
 * Tables that are never backed up nor restored, because their rows are transient: sessions
 * (signed-in browsers; everyone signs in again after a restore), failed-login throttling, and
 * the write guard (one bookkeeping row that a write batch overwrites). Besides these, SQLite's
 * own (`sqlite_%`), Cloudflare's (`_cf_%`) and the migration log (`d1_migrations`) are skipped.
 */
export const transientTables = ['session', 'login_throttle', 'write_guard'] as const;

export const isBackedUp = (table: string) =>
  !table.startsWith('sqlite_') && !table.startsWith('_cf_') && table !== 'd1_migrations'
  && !(transientTables as readonly string[]).includes(table);

/**
 * The tables an "empty" deployment may still have rows in, which a restore replaces: the
 * accounts (at least the administrator doing the restore) and the audit trail (its sign-ins,
 * the daily goal snapshots of an empty register). Every other table must be empty.
 */
export const replaceableTables = ['user', 'user_municipality', 'recovery_code', 'invitation', 'api_token', 'audit_event'] as const;

export type Blob = { base64: string };
export type Cell = null | number | string | Blob;
export type TableData = { columns: string[]; rows: Cell[][] };
export type BackupDocument = {
  format: typeof backupFormat;
  version: typeof backupVersion;
  schema: string;
  createdAt: string;
  /** SQLite's AUTOINCREMENT counters, so ids of deleted rows are not handed out again after a restore. */
  sequences: Record<string, number>;
  tables: Record<string, TableData>;
};

export type ForeignKey = { table: string; from: string[]; to: (string | null)[] };
export type TableShape = {
  name: string;
  columns: { name: string; pk: number }[];
  foreignKeys: ForeignKey[];
};
/** This deployment's tables as far as backups go: its last migration and the backed-up tables, by name. */
export type Deployment = { schema: string; tables: TableShape[] };

// ---- Reading: SQL and values ----

/** A name in SQL. */
export const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;
/** A string literal in SQL. */
export const quote = (text: string) => `'${text.replaceAll("'", "''")}'`;

/** The primary key's columns in key order; a table without one is ordered by all its columns. */
export function keyColumns(shape: TableShape): string[] {
  const pk = shape.columns.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
  return pk.length ? pk : shape.columns.map((c) => c.name);
}

export const selectSql = (shape: TableShape) =>
  `SELECT ${shape.columns.map((c) => ident(c.name)).join(', ')} FROM ${ident(shape.name)} ORDER BY ${keyColumns(shape).map(ident).join(', ')}`;

function toBase64(bytes: ArrayLike<number>): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...Array.prototype.slice.call(bytes, i, i + 0x8000) as number[]);
  return btoa(binary);
}

export function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** A value as D1 returns it (a BLOB comes as an array of bytes) → a cell of the document. */
export function toCell(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'string') return value;
  if (Array.isArray(value) || value instanceof ArrayBuffer || ArrayBuffer.isView(value)) {
    const bytes = value instanceof ArrayBuffer ? new Uint8Array(value) : ArrayBuffer.isView(value) ? new Uint8Array(value.buffer, value.byteOffset, value.byteLength) : value;
    return { base64: toBase64(bytes as ArrayLike<number>) };
  }
  if (typeof value === 'bigint') return Number(value);
  throw new Error(`unexpected value from D1: ${typeof value}`);
}

export type Header = Pick<BackupDocument, 'schema' | 'createdAt' | 'sequences'>;
export type TableRows = { name: string; columns: string[]; rows: Cell[][] };

/**
 * The document's text in pieces, for streaming: the header, then each table with one row
 * per line. `tables` must come in name order; the text is valid JSON and `JSON.parse` of it
 * gives a BackupDocument.
 */
export function* documentText(header: Header, tables: Iterable<TableRows>): Generator<string> {
  const sequences = Object.fromEntries(Object.entries(header.sequences).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  yield `{"format":${JSON.stringify(backupFormat)},"version":${backupVersion},"schema":${JSON.stringify(header.schema)},`
    + `"createdAt":${JSON.stringify(header.createdAt)},\n"sequences":${JSON.stringify(sequences)},\n"tables":{`;
  let first = true;
  for (const table of tables) {
    yield `${first ? '' : ','}\n${JSON.stringify(table.name)}:{"columns":${JSON.stringify(table.columns)},"rows":[`;
    first = false;
    for (let i = 0; i < table.rows.length; i++) yield `${i ? ',' : ''}\n${JSON.stringify(table.rows[i])}`;
    yield table.rows.length ? '\n]}' : ']}';
  }
  yield '\n}}\n';
}

// ---- Restoring: checks ----

const cell = v.union(
  [v.null(), v.string(), v.pipe(v.number(), v.finite()), v.strictObject({ base64: v.pipe(v.string(), v.base64('Ett binärt värde ska vara base64-kodat.')) })],
  'Ett värde ska vara null, ett tal, en text eller { "base64": "…" }.',
);

export const documentSchema = v.object({
  format: v.literal(backupFormat),
  version: v.literal(backupVersion),
  schema: v.string('Schemat (schema) ska vara namnet på den senaste migreringen.'),
  createdAt: v.pipe(v.string('Tidpunkten (createdAt) ska vara text.'), v.isoTimestamp('Tidpunkten (createdAt) ska vara en ISO-tidpunkt.')),
  sequences: v.optional(v.record(v.string(), v.pipe(v.number(), v.safeInteger('Räknaren ska vara ett heltal.'), v.minValue(0, 'Räknaren får inte vara negativ.'))), {}),
  tables: v.record(v.string(), v.object({
    columns: v.array(v.string('Ett kolumnnamn ska vara text.'), 'Kolumnerna (columns) ska vara en lista.'),
    rows: v.array(v.array(cell, 'En rad ska vara en lista av värden.'), 'Raderna (rows) ska vara en lista.'),
  }), 'Tabellerna (tables) ska vara ett objekt med en post per tabell.'),
}, 'Säkerhetskopian ska vara ett JSON-objekt.');

/** At most this many issues are listed; a document broken everywhere says so once. */
const maxIssues = 50;

function capped(issues: FieldIssue[]): FieldIssue[] {
  if (issues.length <= maxIssues) return issues;
  return [...issues.slice(0, maxIssues), { path: '', message: `… och ${issues.length - maxIssues} fel till.` }];
}

/**
 * Is this a backup document that this deployment can restore? 400 with the reason for an
 * unknown format or version, a different schema, unknown or missing tables and columns, rows
 * of the wrong width, and references to rows the document does not contain.
 */
export function checkDocument(input: unknown, deployment: Deployment): Outcome<BackupDocument> {
  const head = (input ?? {}) as Record<string, unknown>;
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return invalid([], 'Säkerhetskopian ska vara ett JSON-objekt.');
  }
  if (head.format !== backupFormat) {
    return invalid([{ path: 'format', message: `Okänt format ${JSON.stringify(head.format ?? null)}; en säkerhetskopia har formatet "${backupFormat}".` }],
      'Filen är ingen säkerhetskopia från Samverkansplattformen.');
  }
  if (head.version !== backupVersion) {
    return invalid([{ path: 'version', message: `Okänd version ${JSON.stringify(head.version ?? null)}; den här versionen av plattformen läser version ${backupVersion}.` }],
      'Säkerhetskopians version är okänd.');
  }
  const parsed = v.safeParse(documentSchema, input);
  if (!parsed.success) return invalid(capped(fieldIssues(parsed.issues)), 'Säkerhetskopian är inte giltig.');
  const doc = parsed.output as BackupDocument;
  if (doc.schema !== deployment.schema) {
    return invalid([{ path: 'schema', message: `Säkerhetskopian har schemat ${doc.schema} men den här installationen har ${deployment.schema}. Återställ till en installation med samma version av plattformen.` }],
      'Säkerhetskopian är gjord med en annan version av databasen.');
  }
  const structure = structureIssues(doc, deployment);
  if (structure.length) return invalid(capped(structure), 'Säkerhetskopian passar inte den här databasen.');
  const broken = brokenReferences(doc, deployment);
  if (broken.length) return invalid(capped(broken), 'Säkerhetskopian hänvisar till rader som inte finns i den.');
  return ok(doc);
}

function structureIssues(doc: BackupDocument, deployment: Deployment): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const shapes = new Map(deployment.tables.map((t) => [t.name, t]));
  for (const name of Object.keys(doc.tables)) {
    if (!shapes.has(name)) issues.push({ path: `tables.${name}`, message: `Okänd tabell ${name}: den finns inte i den här databasen eller säkerhetskopieras inte.` });
  }
  for (const shape of deployment.tables) {
    const data = doc.tables[shape.name];
    if (!data) { issues.push({ path: `tables.${shape.name}`, message: `Tabellen ${shape.name} saknas i säkerhetskopian.` }); continue; }
    const known = new Set(shape.columns.map((c) => c.name));
    const seen = new Set<string>();
    for (const column of data.columns) {
      if (!known.has(column)) issues.push({ path: `tables.${shape.name}.columns`, message: `Okänd kolumn ${column} i tabellen ${shape.name}.` });
      else if (seen.has(column)) issues.push({ path: `tables.${shape.name}.columns`, message: `Kolumnen ${column} står två gånger i tabellen ${shape.name}.` });
      seen.add(column);
    }
    for (const column of known) {
      if (!seen.has(column)) issues.push({ path: `tables.${shape.name}.columns`, message: `Kolumnen ${column} i tabellen ${shape.name} saknas i säkerhetskopian.` });
    }
    data.rows.forEach((row, i) => {
      if (row.length !== data.columns.length) {
        issues.push({ path: `tables.${shape.name}.rows.${i}`, message: `Rad ${i + 1} i tabellen ${shape.name} har ${row.length} värden men tabellen har ${data.columns.length} kolumner.` });
      }
    });
  }
  for (const name of Object.keys(doc.sequences)) {
    if (!shapes.has(name)) issues.push({ path: `sequences.${name}`, message: `Räknare för okänd tabell ${name}.` });
  }
  return issues;
}

/** A key's values as one comparable text; numbers and texts that SQLite would compare equal ("12" and 12 in an INTEGER column) are not told apart here, as the document holds what SQLite stored. */
const keyText = (values: Cell[]) => JSON.stringify(values.map((x) => (x !== null && typeof x === 'object' ? `b:${x.base64}` : typeof x === 'number' ? String(x) : x)));

/**
 * Every row whose foreign key points at a row the document does not contain, checked with
 * the deployment's own foreign keys (`PRAGMA foreign_key_list`). As in SQLite, a key with a
 * NULL part refers to nothing.
 */
export function brokenReferences(doc: BackupDocument, deployment: Deployment): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const shapes = new Map(deployment.tables.map((t) => [t.name, t]));
  const parentKeys = new Map<string, Set<string>>();
  const keysOf = (table: string, columns: string[]) => {
    const id = `${table}(${columns.join(',')})`;
    let keys = parentKeys.get(id);
    if (!keys) {
      keys = new Set();
      const data = doc.tables[table];
      const at = data ? columns.map((c) => data.columns.indexOf(c)) : [];
      if (data && at.every((i) => i >= 0)) for (const row of data.rows) keys.add(keyText(at.map((i) => row[i] ?? null)));
      parentKeys.set(id, keys);
    }
    return keys;
  };
  for (const shape of deployment.tables) {
    const data = doc.tables[shape.name];
    if (!data) continue;
    const label = keyColumns(shape);
    const labelAt = label.map((c) => data.columns.indexOf(c));
    for (const fk of shape.foreignKeys) {
      const parent = shapes.get(fk.table);
      const to = fk.to.some((c) => c === null) && parent ? keyColumns(parent) : (fk.to as string[]);
      const at = fk.from.map((c) => data.columns.indexOf(c));
      if (at.some((i) => i < 0)) continue;
      const keys = keysOf(fk.table, to);
      data.rows.forEach((row, i) => {
        const values = at.map((j) => row[j] ?? null);
        if (values.some((x) => x === null) || keys.has(keyText(values))) return;
        const which = labelAt.every((j) => j >= 0) ? ` (${label.map((c, k) => `${c} ${JSON.stringify(row[labelAt[k]!] ?? null)}`).join(', ')})` : '';
        const wanted = to.map((c, k) => `${c} = ${JSON.stringify(values[k])}`).join(' och ');
        issues.push({
          path: `tables.${shape.name}.rows.${i}`,
          message: `Rad ${i + 1} i tabellen ${shape.name}${which} hänvisar med ${fk.from.join(', ')} till ${fk.table} där ${wanted}, men den raden finns inte i säkerhetskopian.`,
        });
      });
    }
  }
  return issues;
}

// ---- Restoring: SQL ----

export type Param = string | number | null | ArrayBuffer;
export type Statement = { sql: string; params: Param[] };

/**
 * D1's limits (developers.cloudflare.com/d1/platform/limits): at most 100 bound parameters
 * and 100 000 bytes of SQL per statement. Values go into the SQL as literals — many rows per
 * statement — except long texts, binary values and numbers that are not safe integers
 * (exact by binding), which are bound.
 */
export const d1Limits = { maxSqlBytes: 90_000, maxParams: 100, maxRows: 500, maxLiteralBytes: 2_000 };
export type Limits = typeof d1Limits;

const encoder = new TextEncoder();
const utf8Length = (text: string) => encoder.encode(text).length;

type Piece = { text: string; bytes: number; param?: Param };

function piece(value: Cell, limits: Limits): Piece {
  if (value === null) return { text: 'NULL', bytes: 4 };
  if (typeof value === 'number') {
    if (Number.isSafeInteger(value)) { const text = String(value); return { text, bytes: text.length }; }
    return { text: '?', bytes: 1, param: value };
  }
  if (typeof value === 'string') {
    const text = quote(value);
    const bytes = utf8Length(text);
    // A NUL cannot stand in SQL text; long texts would crowd out other rows.
    return value.includes('\0') || bytes > limits.maxLiteralBytes ? { text: '?', bytes: 1, param: value } : { text, bytes };
  }
  const bytes = fromBase64(value.base64);
  if (bytes.length * 2 + 3 > limits.maxLiteralBytes) return { text: '?', bytes: 1, param: bytes.buffer as ArrayBuffer };
  const text = `X'${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}'`;
  return { text, bytes: text.length };
}

/** Multi-row INSERTs of one table's rows, each statement within the limits. */
export function insertStatements(table: string, data: TableData, limits: Limits = d1Limits): Statement[] {
  const head = `INSERT INTO ${ident(table)} (${data.columns.map(ident).join(', ')}) VALUES `;
  const headBytes = utf8Length(head);
  const statements: Statement[] = [];
  let rows: string[] = [];
  let params: Param[] = [];
  let bytes = headBytes;
  const flush = () => {
    if (rows.length) statements.push({ sql: head + rows.join(', '), params });
    rows = []; params = []; bytes = headBytes;
  };
  for (const row of data.rows) {
    const pieces = row.map((value) => piece(value, limits));
    // A row that alone is too long binds its longest literals instead.
    let rowBytes = pieces.reduce((n, p) => n + p.bytes + 2, 2);
    for (const p of [...pieces].sort((a, b) => b.bytes - a.bytes)) {
      if (headBytes + rowBytes <= limits.maxSqlBytes || p.param !== undefined) break;
      const index = pieces.indexOf(p);
      const value = row[index]!;
      pieces[index] = { text: '?', bytes: 1, param: typeof value === 'object' && value !== null ? fromBase64(value.base64).buffer as ArrayBuffer : value };
      rowBytes -= p.bytes - 1;
    }
    const rowParams = pieces.filter((p) => p.param !== undefined).map((p) => p.param!);
    if (rows.length && (bytes + rowBytes > limits.maxSqlBytes || params.length + rowParams.length > limits.maxParams || rows.length >= limits.maxRows)) flush();
    rows.push(`(${pieces.map((p) => p.text).join(', ')})`);
    params.push(...rowParams);
    bytes += rowBytes;
  }
  flush();
  return statements;
}
