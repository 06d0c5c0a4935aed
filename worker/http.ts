import type { Context } from 'hono';
import * as v from 'valibot';
import type { AppEnv } from './env.ts';
import { invalid, notFound, type Failure, type Outcome } from './outcome.ts';
import { sheetCsv, workbookXlsx, xlsxType, type Sheet } from './spreadsheet.ts';
import { fieldIssues } from './validation.ts';

/** `{ error, issues }` for 400, `{ error }` otherwise — the API's one error shape. */
export function failureJson(c: Context<AppEnv>, failure: Failure) {
  if (failure.status === 429) c.header('Retry-After', String(failure.retryAfter));
  return c.json(failure.status === 400 ? { error: failure.error, issues: failure.issues } : { error: failure.error }, failure.status);
}

export function respond<T>(c: Context<AppEnv>, outcome: Outcome<T>, status: 200 | 201 = 200) {
  if (!outcome.ok) return failureJson(c, outcome);
  return outcome.value === undefined ? c.body(null, 204) : c.json(outcome.value as object, status);
}

export async function jsonBody(c: Context<AppEnv>): Promise<Outcome<unknown>> {
  try {
    return { ok: true, value: await c.req.json() };
  } catch {
    return invalid([], 'Begäran måste innehålla giltig JSON.');
  }
}

/** A positive integer id from the path; anything else cannot exist. */
export function pathId(c: Context<AppEnv>, name = 'id'): number | undefined {
  const raw = c.req.param(name) ?? '';
  return /^[1-9]\d{0,15}$/.test(raw) ? Number(raw) : undefined;
}

/**
 * The id of a route whose pattern already admits only digits. Digits pathId rejects (0, leading
 * zeros, more than 16) become 0, an id no row has, so the lookup answers 404 rather than
 * sending D1 an undefined parameter (a 500).
 */
export const routeId = (c: Context<AppEnv>, name = 'id'): number => pathId(c, name) ?? 0;

export const versionQuery = v.optional(v.pipe(v.string(), v.regex(/^[1-9]\d*$/, 'Versionen måste vara ett positivt heltal.'), v.transform(Number)));

/** DELETE may carry `?version=` to refuse deleting something changed since it was read. */
export function deleteVersion(c: Context<AppEnv>): Outcome<number | undefined> {
  const result = v.safeParse(versionQuery, c.req.query('version'));
  return result.success ? { ok: true, value: result.output } : invalid(fieldIssues(result.issues).map((i) => ({ ...i, path: 'version' })));
}

/** Parse a query string with a schema; 400 with Swedish messages when it does not fit. */
export function query<S extends v.GenericSchema>(c: Context<AppEnv>, schema: S): Outcome<v.InferOutput<S>> {
  const result = v.safeParse(schema, c.req.query());
  return result.success ? { ok: true, value: result.output } : invalid(fieldIssues(result.issues));
}

export const missing = (what: string) => notFound(`${what} finns inte.`);

export type SheetFormat = 'xlsx' | 'csv';

/** A spreadsheet download: xlsx with every sheet, or CSV as Swedish Excel opens it (one sheet: the first). */
export function sheetDownload(c: Context<AppEnv>, fileName: string, format: SheetFormat, sheets: Sheet[]) {
  c.header('Content-Disposition', `attachment; filename="${fileName}.${format}"`);
  c.header('Cache-Control', 'no-store');
  if (format === 'csv') {
    c.header('Content-Type', 'text/csv; charset=utf-8');
    return c.body(sheetCsv(sheets[0]!));
  }
  c.header('Content-Type', xlsxType);
  // hono's body() types take text; a Uint8Array is a valid BodyInit all the same.
  return c.body(workbookXlsx(sheets) as unknown as string);
}
