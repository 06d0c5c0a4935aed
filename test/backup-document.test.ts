import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  backupFormat, backupVersion, checkDocument, d1Limits, documentText, fromBase64, insertStatements, toCell,
  type BackupDocument, type Cell, type Deployment, type Limits, type Param, type Statement,
} from '../worker/backup/document.ts';

// The backup document's pure parts: its text, its checks and the SQL that writes it back.

const deployment: Deployment = {
  schema: '0009_documents.sql',
  tables: [
    { name: 'municipality', columns: [{ name: 'code', pk: 1 }, { name: 'name', pk: 0 }], foreignKeys: [] },
    {
      name: 'population', columns: [{ name: 'municipality_code', pk: 1 }, { name: 'year', pk: 2 }, { name: 'population', pk: 0 }],
      foreignKeys: [{ table: 'municipality', from: ['municipality_code'], to: ['code'] }],
    },
    {
      name: 'note', columns: [{ name: 'id', pk: 1 }, { name: 'code', pk: 0 }, { name: 'year', pk: 0 }, { name: 'parent_id', pk: 0 }],
      // A composite key into population, and a reference to its own table with `to` left to the primary key.
      foreignKeys: [{ table: 'population', from: ['code', 'year'], to: ['municipality_code', 'year'] }, { table: 'note', from: ['parent_id'], to: [null] }],
    },
  ],
};

const valid = (): BackupDocument => ({
  format: backupFormat,
  version: backupVersion,
  schema: '0009_documents.sql',
  createdAt: '2026-11-25T13:04:05.000Z',
  sequences: { note: 7 },
  tables: {
    municipality: { columns: ['code', 'name'], rows: [['1460', 'Bengtsfors'], ['1492', 'Åmål']] },
    note: { columns: ['id', 'code', 'year', 'parent_id'], rows: [[1, '1460', 2024, null], [2, null, null, 1]] },
    population: { columns: ['municipality_code', 'year', 'population'], rows: [['1460', 2024, 9260], ['1492', 2024, 12020]] },
  },
});

const issuesOf = (input: unknown) => {
  const outcome = checkDocument(input, deployment);
  if (outcome.ok) return [];
  expect(outcome.status).toBe(400);
  return outcome.status === 400 ? outcome.issues : [];
};

describe('the document text', () => {
  it('is JSON of the document: tables as given, one row per line, sequences by name', () => {
    const doc = valid();
    const text = [...documentText(
      { schema: doc.schema, createdAt: doc.createdAt, sequences: { zeta: 2, note: 7 } },
      Object.entries(doc.tables).map(([name, t]) => ({ name, ...t })),
    )].join('');
    expect(JSON.parse(text)).toEqual({ ...doc, sequences: { note: 7, zeta: 2 } });
    expect(Object.keys(JSON.parse(text).sequences)).toEqual(['note', 'zeta']);
    expect(text.split('\n')).toContain('["1460","Bengtsfors"],');
    expect(text.startsWith('{"format":"samverkansplattformen-backup","version":1,')).toBe(true);
  });

  it('writes an empty table and an empty database as valid JSON', () => {
    const empty = [...documentText({ schema: 's', createdAt: 't', sequences: {} }, [])].join('');
    expect(JSON.parse(empty)).toMatchObject({ tables: {}, sequences: {} });
    const one = [...documentText({ schema: 's', createdAt: 't', sequences: {} }, [{ name: 'a', columns: ['x'], rows: [] }])].join('');
    expect(JSON.parse(one).tables).toEqual({ a: { columns: ['x'], rows: [] } });
  });

  it('keeps numbers and texts as D1 gives them and writes binary values as base64', () => {
    expect(toCell(125_000_050)).toBe(125_000_050);
    expect(toCell('{"a":1}')).toBe('{"a":1}');
    expect(toCell(null)).toBeNull();
    const bytes = Array.from({ length: 256 }, (_, i) => i);
    const cell = toCell(bytes) as { base64: string };
    expect(Array.from(fromBase64(cell.base64))).toEqual(bytes);
    expect(toCell(new Uint8Array([1, 2, 3]))).toEqual({ base64: 'AQID' });
  });
});

describe('checking a document before restoring it', () => {
  it('accepts a whole document whose references hold (a NULL part refers to nothing)', () => {
    expect(checkDocument(valid(), deployment)).toEqual({ ok: true, value: valid() });
  });

  it('refuses what is not a backup, or of an unknown version, before anything else', () => {
    expect(issuesOf([])).toEqual([]);
    expect(checkDocument('text', deployment)).toMatchObject({ ok: false, status: 400 });
    expect(issuesOf({ format: 'excel' })).toEqual([{ path: 'format', message: expect.stringContaining('Okänt format "excel"') }]);
    expect(issuesOf({ ...valid(), version: 2, tables: 'broken' })).toEqual([{ path: 'version', message: expect.stringContaining('Okänd version 2') }]);
  });

  it('refuses a document of another schema, naming both', () => {
    const [issue] = issuesOf({ ...valid(), schema: '0005_costs.sql' });
    expect(issue).toMatchObject({ path: 'schema' });
    expect(issue!.message).toContain('0005_costs.sql');
    expect(issue!.message).toContain('0009_documents.sql');
  });

  it('refuses malformed values with their place', () => {
    const doc = valid();
    doc.tables.municipality!.rows[1] = ['1492', true as unknown as Cell];
    expect(issuesOf(doc)).toEqual([expect.objectContaining({ path: 'tables.municipality.rows.1.1' })]);
    expect(issuesOf({ ...valid(), createdAt: 'igår' })).toEqual([expect.objectContaining({ path: 'createdAt' })]);
  });

  it('refuses unknown and missing tables and columns, rows of the wrong width and unknown counters', () => {
    const doc = valid();
    doc.tables.session = { columns: ['id'], rows: [] };
    delete (doc.tables as Record<string, unknown>).population;
    doc.tables.municipality = { columns: ['code', 'colour', 'code'], rows: [['1460', 'blå', '1460'], ['1492']] };
    doc.sequences.ghost = 3;
    const messages = issuesOf(doc).map((i) => i.message);
    expect(messages).toEqual(expect.arrayContaining([
      expect.stringMatching(/^Okänd tabell session/),
      'Tabellen population saknas i säkerhetskopian.',
      'Okänd kolumn colour i tabellen municipality.',
      'Kolumnen code står två gånger i tabellen municipality.',
      'Kolumnen name i tabellen municipality saknas i säkerhetskopian.',
      'Rad 2 i tabellen municipality har 1 värden men tabellen har 3 kolumner.',
      'Räknare för okänd tabell ghost.',
    ]));
  });

  it('lists every broken reference with its table, row and the missing row, composite and self-references too', () => {
    const doc = valid();
    doc.tables.municipality!.rows.pop(); // Åmål's population now points nowhere
    doc.tables.note!.rows.push([3, '1460', 2023, 99]);
    const issues = issuesOf(doc);
    expect(issues).toEqual([
      { path: 'tables.population.rows.1', message: 'Rad 2 i tabellen population (municipality_code "1492", year 2024) hänvisar med municipality_code till municipality där code = "1492", men den raden finns inte i säkerhetskopian.' },
      { path: 'tables.note.rows.2', message: 'Rad 3 i tabellen note (id 3) hänvisar med code, year till population där municipality_code = "1460" och year = 2023, men den raden finns inte i säkerhetskopian.' },
      { path: 'tables.note.rows.2', message: 'Rad 3 i tabellen note (id 3) hänvisar med parent_id till note där id = 99, men den raden finns inte i säkerhetskopian.' },
    ]);
  });

  it('lists at most 50 issues and says how many more', () => {
    const doc = valid();
    doc.tables.population!.rows.push(...Array.from({ length: 80 }, (_, i) => ['9999', 2000 + i, 1]));
    const issues = issuesOf(doc);
    expect(issues).toHaveLength(51);
    expect(issues.at(-1)!.message).toBe('… och 30 fel till.');
  });
});

/** Read the rows back out of the INSERTs: the literal syntax the builder writes, with `?` taken from the parameters. */
function rowsOf(statement: Statement): Param[][] {
  const { sql } = statement;
  const params = [...statement.params];
  let i = sql.indexOf(' VALUES ') + 8;
  const rows: Param[][] = [];
  const value = (): Param => {
    if (sql.startsWith('NULL', i)) { i += 4; return null; }
    if (sql[i] === '?') { i += 1; return params.shift()!; }
    if (sql.startsWith("X'", i)) {
      const end = sql.indexOf("'", i + 2);
      const hex = sql.slice(i + 2, end);
      i = end + 1;
      return new Uint8Array(hex.match(/../g)?.map((h) => parseInt(h, 16)) ?? []).buffer;
    }
    if (sql[i] === "'") {
      let text = '';
      i++;
      for (;;) {
        const end = sql.indexOf("'", i);
        text += sql.slice(i, end);
        i = end + 1;
        if (sql[i] === "'") { text += "'"; i++; } else return text;
      }
    }
    const match = /^-?\d+/.exec(sql.slice(i, i + 30))!;
    i += match[0].length;
    return Number(match[0]);
  };
  while (i < sql.length) {
    expect(sql[i]).toBe('(');
    i++;
    const row: Param[] = [];
    for (;;) {
      row.push(value());
      if (sql.startsWith(', ', i)) { i += 2; continue; }
      expect(sql[i]).toBe(')');
      i++;
      break;
    }
    rows.push(row);
    if (sql.startsWith(', ', i)) i += 2;
  }
  expect(params).toEqual([]);
  return rows;
}

const asParam = (cell: Cell): Param => (cell !== null && typeof cell === 'object' ? fromBase64(cell.base64).buffer as ArrayBuffer : cell);
const bytesOf = (text: string) => new TextEncoder().encode(text).length;

describe('the INSERTs that restore a table', () => {
  const cell: fc.Arbitrary<Cell> = fc.oneof(
    fc.constant(null),
    fc.integer({ min: -1_000_000_000, max: Number.MAX_SAFE_INTEGER }),
    fc.double({ noNaN: true, noDefaultInfinity: true }).filter((x) => !Number.isSafeInteger(x)),
    fc.string({ unit: 'grapheme', maxLength: 40 }),
    fc.constantFrom("it's", "''", 'a\0b', 'rad\nrad', '?', '🙂 åäö', 'x'.repeat(300), 'é'.repeat(2_500)),
    fc.uint8Array({ maxLength: 200 }).map((b) => toCell(b) as Cell),
  );
  const table = fc.integer({ min: 1, max: 8 }).chain((width) => fc.record({
    columns: fc.constant(Array.from({ length: width }, (_, i) => `c"${i}`)),
    rows: fc.array(fc.array(cell, { minLength: width, maxLength: width }), { maxLength: 120 }),
  }));
  const small: Limits = { maxSqlBytes: 3_000, maxParams: 10, maxRows: 25, maxLiteralBytes: 250 };

  it.each([['D1’s limits', d1Limits], ['small limits', small]] as const)('stay within %s and write every value exactly', (_, limits) => {
    fc.assert(fc.property(table, (data) => {
      const statements = insertStatements('tab"le', data, limits);
      for (const s of statements) {
        expect(s.sql.startsWith('INSERT INTO "tab""le" ("c""0"')).toBe(true);
        expect(bytesOf(s.sql)).toBeLessThanOrEqual(limits.maxSqlBytes);
        expect(s.params.length).toBeLessThanOrEqual(limits.maxParams);
      }
      expect(statements.flatMap(rowsOf)).toEqual(data.rows.map((row) => row.map(asParam)));
    }), { numRuns: 150 });
  });

  it('binds what a literal cannot carry exactly: NUL, long texts, unsafe integers and fractions', () => {
    const [statement] = insertStatements('t', { columns: ['a', 'b', 'c', 'd', 'e'], rows: [['a\0b', 'x'.repeat(5_000), 2 ** 60, 0.1, 'kort']] });
    expect(statement!.params).toEqual(['a\0b', 'x'.repeat(5_000), 2 ** 60, 0.1]);
    expect(statement!.sql).toBe(`INSERT INTO "t" ("a", "b", "c", "d", "e") VALUES (?, ?, ?, ?, 'kort')`);
  });

  it('puts many rows in one statement and nothing for no rows', () => {
    const rows = Array.from({ length: 1_000 }, (_, i) => [i, `Produkt ${i}`]);
    expect(insertStatements('product', { columns: ['id', 'name'], rows })).toHaveLength(2);
    expect(insertStatements('product', { columns: ['id', 'name'], rows: [] })).toEqual([]);
  });
});
