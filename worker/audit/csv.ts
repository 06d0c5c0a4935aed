/**
 * CSV as Swedish Excel opens it by double-click: UTF-8 with a byte order mark (else åäö
 * break), semicolons (Excel's list separator where the decimal comma is used), CRLF line
 * ends. A cell is quoted when it holds a semicolon, a quote, a line break or surrounding
 * space; quotes inside are doubled (RFC 4180). No "sep=;" line: Excel then ignores the BOM.
 */

export type CsvValue = string | number | boolean | null | undefined;

const bom = '\uFEFF';

/**
 * A spreadsheet runs a cell that starts with = + - @ (or a tab or CR before them) as a
 * formula. The log holds text typed by anyone who tries to sign in, so such a cell gets a
 * leading apostrophe and stays text (OWASP "CSV injection"). Numbers are written as numbers.
 */
const formulaStart = /^[=+\-@\t\r]/;

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let text = typeof value === 'boolean' ? (value ? 'ja' : 'nej') : value;
  if (formulaStart.test(text)) text = `'${text}`;
  return /[";\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export const csvLine = (cells: readonly CsvValue[]) => cells.map(csvCell).join(';');

/** The whole file: BOM, a header line, one line per row, each ended by CRLF. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return bom + [header, ...rows].map((cells) => `${csvLine(cells)}\r\n`).join('');
}
