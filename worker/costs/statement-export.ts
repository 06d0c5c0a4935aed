import type { Sheet } from '../spreadsheet.ts';
import { categoryLabel } from './cost-schemas.ts';
import type { Statement, YearStatements } from './statements.ts';

/*
 * Statements as spreadsheet tables (worker/spreadsheet.ts writes them as CSV or xlsx):
 * one sheet per municipality with its lines and total, and a summary sheet for the year.
 */

const statementColumns = [
  { header: 'kommunkod' }, { header: 'kommun' }, { header: 'år', kind: 'integer' }, { header: 'kostnad' }, { header: 'kategori' },
  { header: 'fördelningsnyckel' }, { header: 'andel (%)', kind: 'percent' }, { header: 'belopp (kr)', kind: 'money' },
] as const;

export const statementSheet = (year: number, s: Statement): Sheet => ({
  name: s.name,
  columns: statementColumns,
  rows: [
    ...s.lines.map((l) => [s.municipality, s.name, year, l.description, categoryLabel[l.category], l.kind === 'credit' ? 'Kreditering' : l.keyName, l.sharePercent, l.amountOre]),
    [s.municipality, s.name, year, 'Summa', '', '', null, s.totalOre],
  ],
});

/** The year's workbook: the summary first, then every municipality with lines. */
export function yearSheets(all: YearStatements, title: string): Sheet[] {
  const summary: Sheet = {
    name: title,
    columns: [{ header: 'kommunkod' }, { header: 'kommun' }, { header: 'år', kind: 'integer' }, { header: 'rader', kind: 'integer' }, { header: 'att betala (kr)', kind: 'money' }],
    rows: [
      ...all.municipalities.map((m) => [m.municipality, m.name, all.year, m.lines.length, m.totalOre]),
      ['', 'Summa', all.year, null, all.netOre],
    ],
  };
  return [summary, ...all.municipalities.filter((m) => m.lines.length > 0).map((m) => statementSheet(all.year, m))];
}
