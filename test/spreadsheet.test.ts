import { read, utils } from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { kronorText, sheetCsv, workbookXlsx, type Sheet } from '../worker/spreadsheet.ts';

const sheet: Sheet = {
  name: 'Fakturaunderlag: Åmål/2026',
  columns: [{ header: 'kostnad' }, { header: 'belopp (kr)', kind: 'money' }, { header: 'andel (%)', kind: 'percent' }, { header: 'datum', kind: 'date' }, { header: 'användare', kind: 'integer' }],
  rows: [
    ['Nätverk för Dalsland', 123456, 20, '2026-01-31', 300],
    ['=HYPERLINK("x")', -50, 33.333, null, 0],
  ],
};

describe('spreadsheet exports', () => {
  it('writes kronor with a decimal comma, credits included', () => {
    expect(kronorText(123456)).toBe('1234,56');
    expect(kronorText(-5)).toBe('-0,05');
    expect(kronorText(0)).toBe('0,00');
  });

  it('writes CSV as Swedish Excel opens it, formulas defused', () => {
    const csv = sheetCsv(sheet);
    expect(csv.startsWith('\uFEFFkostnad;belopp (kr);andel (%);datum;användare\r\n')).toBe(true);
    expect(csv).toContain('Nätverk för Dalsland;1234,56;20,00;2026-01-31;300\r\n');
    expect(csv).toContain(`"'=HYPERLINK(""x"")";-0,50;33,33;;0\r\n`);
  });

  it('writes an xlsx workbook that a parser reads back with the same values', () => {
    const book = read(workbookXlsx([sheet, { ...sheet, name: 'Fakturaunderlag: Åmål/2026' }]), { cellNF: true });
    expect(book.SheetNames).toEqual(['Fakturaunderlag  Åmål 2026', 'Fakturaunderlag  Åmål 2026 2']);
    const ws = book.Sheets[book.SheetNames[0]!]!;
    const rows = utils.sheet_to_json<unknown[]>(ws, { header: 1, raw: true });
    expect(rows[0]).toEqual(['kostnad', 'belopp (kr)', 'andel (%)', 'datum', 'användare']);
    expect(rows[1]).toEqual(['Nätverk för Dalsland', 1234.56, 0.2, new Date('2026-01-31T00:00:00Z'), 300]);
    expect(rows[2]?.slice(0, 2)).toEqual(['=HYPERLINK("x")', -0.5]);
    expect(rows[2]?.[2]).toBeCloseTo(0.33333, 10);
    expect(ws.B2?.z).toContain('kr');
    expect(ws.D2?.z).toBe('yyyy-mm-dd');
    expect(ws.A3?.t).toBe('s');
  });
});
