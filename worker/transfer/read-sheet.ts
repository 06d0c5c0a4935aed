import { read, type CellObject, type WorkSheet } from '@e965/xlsx';

/**
 * An uploaded file as a grid of cells: an Excel workbook (its first sheet) or CSV text as
 * Swedish Excel writes it — semicolons, UTF-8 with a byte order mark, or the older
 * "CSV (semikolonavgränsad)" in Windows-1252 — and comma- or tab-separated files too.
 * Pure: bytes in, cells out. Rows keep their place, so index + 1 is the row Excel shows.
 */

export type RawCell = string | number | boolean | Date | null;
export type Grid = { rows: RawCell[][]; format: 'xlsx' | 'csv'; note?: string };
export type ReadResult = { ok: true; grid: Grid } | { ok: false; message: string };

/** The largest file taken: far above 5,000 rows, far below a Worker's 128 MB. */
export const maxFileBytes = 10 * 1024 * 1024;

const isZip = (b: Uint8Array) => b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
const isOldExcel = (b: Uint8Array) => b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0;

// Windows-1252's 0x80–0x9F; everything else is Latin-1, byte = code point.
const cp1252High = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

/** UTF-8 (with or without BOM); a file that is not valid UTF-8 was saved by Excel as Windows-1252. */
export function decodeText(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'windows-1252' } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes), encoding: 'utf-8' };
  } catch {
    let text = '';
    for (const b of bytes) text += b >= 0x80 && b <= 0x9f ? cp1252High[b - 0x80] : String.fromCharCode(b);
    return { text, encoding: 'windows-1252' };
  }
}

/**
 * The separator, from the header line: Swedish Excel's semicolon whenever it is there (no
 * header of ours holds one), else a tab, else a comma.
 */
export function delimiterOf(text: string): ';' | '\t' | ',' {
  const header = text.slice(0, Math.max(0, text.search(/\r?\n/)) || text.length);
  if (header.includes(';')) return ';';
  if (header.includes('\t')) return '\t';
  return header.includes(',') ? ',' : ';';
}

const cellValue = (cell: CellObject | undefined): RawCell => {
  if (!cell || cell.v === undefined || cell.t === 'z' || cell.t === 'e') return null;
  if (cell.t === 'd') return cell.v instanceof Date ? cell.v : new Date(String(cell.v));
  return cell.v as string | number | boolean;
};

function gridOf(ws: WorkSheet | undefined): RawCell[][] {
  const data = (ws?.['!data'] ?? []) as (CellObject[] | undefined)[];
  const rows: RawCell[][] = [];
  for (let r = 0; r < data.length; r++) {
    const row = data[r];
    rows.push(row ? Array.from(row, cellValue) : []);
  }
  return rows;
}

export function readSpreadsheet(bytes: Uint8Array): ReadResult {
  if (bytes.length === 0) return { ok: false, message: 'Filen är tom.' };
  if (bytes.length > maxFileBytes) return { ok: false, message: `Filen är för stor (högst ${maxFileBytes / 1024 / 1024} MB). Dela upp den i flera filer.` };
  try {
    if (isZip(bytes) || isOldExcel(bytes)) {
      const book = read(bytes, { type: 'array', dense: true, cellDates: true, cellText: false, cellHTML: false, cellFormula: false, sheets: 0 });
      return { ok: true, grid: { rows: gridOf(book.Sheets[book.SheetNames[0]!]), format: 'xlsx' } };
    }
    const { text, encoding } = decodeText(bytes);
    if (text.includes('\u0000')) return { ok: false, message: 'Filen är varken en Excel-fil (xlsx) eller en CSV-fil.' };
    // raw: every value stays the text in the file; the columns decide what it means.
    const book = read(text, { type: 'string', raw: true, dense: true, FS: delimiterOf(text) });
    const note = encoding === 'windows-1252' ? 'Filen var inte sparad som UTF-8 och lästes som Windows-1252 (Excels äldre CSV-format). Kontrollera att å, ä och ö ser rätt ut.' : undefined;
    return { ok: true, grid: { rows: gridOf(book.Sheets[book.SheetNames[0]!]), format: 'csv', note } };
  } catch {
    return { ok: false, message: 'Filen gick inte att läsa. Spara den som Excel-arbetsbok (xlsx) eller CSV och försök igen.' };
  }
}
