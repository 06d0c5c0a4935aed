import { utils, write } from '@e965/xlsx';
import { csvCell } from './audit/csv.ts';

/*
 * One table model for every export, written as CSV or as an Excel workbook (xlsx). Pure.
 * Columns say what their numbers are, so money is never a bare number of öre in a file a
 * finance officer opens: kronor with a decimal comma in CSV, kronor with a number format
 * in xlsx (Excel shows it in the reader's locale — "1 234,50 kr" in Swedish Excel).
 */

export type ColumnKind = 'text' | 'integer' | 'decimal' | 'money' | 'percent' | 'date';
export type Column = { header: string; kind?: ColumnKind };
/** money: öre (integer); percent: 0–100; decimal: any number; date: 'YYYY-MM-DD'; text: any string. */
export type SheetCell = string | number | boolean | null | undefined;
export type Sheet = { name: string; columns: readonly Column[]; rows: readonly (readonly SheetCell[])[] };

/** öre as kronor with a decimal comma and no thousands separator: -123456 → "-1234,56". */
export function kronorText(ore: number): string {
  const sign = ore < 0 ? '-' : '';
  const abs = Math.abs(ore);
  return `${sign}${Math.floor(abs / 100)},${String(abs % 100).padStart(2, '0')}`;
}

function csvValue(kind: ColumnKind, value: SheetCell): string {
  if (value === null || value === undefined || value === '') return '';
  // Numbers are written bare (digits, minus, comma) so Swedish Excel reads them as numbers;
  // csvCell would give a leading minus the text apostrophe meant for formulas.
  if (kind === 'money' && typeof value === 'number') return kronorText(value);
  if (kind === 'percent' && typeof value === 'number') return value.toFixed(2).replace('.', ',');
  if (kind === 'integer' && typeof value === 'number') return String(value);
  if (kind === 'decimal' && typeof value === 'number') return String(value).replace('.', ',');
  return csvCell(value);
}

/** CSV as Swedish Excel opens it (see worker/audit/csv.ts): BOM, semicolons, CRLF. */
export function sheetCsv(sheet: Sheet): string {
  const header = sheet.columns.map((c) => csvCell(c.header)).join(';');
  const lines = sheet.rows.map((row) => sheet.columns.map((c, i) => csvValue(c.kind ?? 'text', row[i])).join(';'));
  return '\uFEFF' + [header, ...lines].map((l) => `${l}\r\n`).join('');
}

const formats: Partial<Record<ColumnKind, string>> = {
  money: '#,##0.00 "kr";-#,##0.00 "kr"',
  percent: '0.00%',
  date: 'yyyy-mm-dd',
  integer: '0',
  decimal: 'General',
};

/** Excel's serial day number of an ISO date (days since 1899-12-30), timezone-free. */
function excelDate(iso: string): number {
  return Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000 + 25_569;
}

function xlsxCell(kind: ColumnKind, value: SheetCell) {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'boolean') return { t: 's', v: value ? 'ja' : 'nej' };
  if (typeof value === 'number') {
    if (kind === 'money') return { t: 'n', v: value / 100, z: formats.money };
    if (kind === 'percent') return { t: 'n', v: value / 100, z: formats.percent };
    if (kind === 'decimal') return { t: 'n', v: value, z: formats.decimal };
    return { t: 'n', v: value, z: formats.integer };
  }
  if (kind === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return { t: 'n', v: excelDate(value), z: formats.date };
  return { t: 's', v: value };
}

/** Sheet names: at most 31 characters, none of : \ / ? * [ ], unique in the workbook. */
function sheetName(name: string, taken: Set<string>): string {
  const base = name.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31) || 'Blad';
  let candidate = base;
  for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = `${base.slice(0, 31 - String(n).length - 1)} ${n}`;
  taken.add(candidate.toLowerCase());
  return candidate;
}

/** The sheets as one xlsx workbook: typed numbers with formats, columns sized to their content. */
export function workbookXlsx(sheets: readonly Sheet[]): Uint8Array {
  const book = utils.book_new();
  const taken = new Set<string>();
  for (const sheet of sheets) {
    const cells = [
      sheet.columns.map((c) => ({ t: 's', v: c.header })),
      ...sheet.rows.map((row) => sheet.columns.map((c, i) => xlsxCell(c.kind ?? 'text', row[i]))),
    ];
    const ws = utils.aoa_to_sheet(cells);
    ws['!cols'] = sheet.columns.map((c, i) => ({
      wch: Math.min(60, Math.max(c.header.length, ...sheet.rows.map((r) => String(r[i] ?? '').length), c.kind === 'money' ? 14 : 6) + 2),
    }));
    utils.book_append_sheet(book, ws, sheetName(sheet.name, taken));
  }
  return new Uint8Array(write(book, { type: 'array', bookType: 'xlsx', compression: true }) as ArrayBuffer);
}

export const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
