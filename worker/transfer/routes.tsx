import { Hono, type Context } from 'hono';
import * as v from 'valibot';
import { municipality } from '../../schema/portfolio.ts';
import { PreviewPage, TransferPage } from '../../web/transfer/pages.tsx';
import { allow, permissions } from '../access/permissions.ts';
import { today } from '../clock.ts';
import type { AppEnv } from '../env.ts';
import { goalBoard } from '../goals/queries.ts';
import { respond, sheetDownload, type SheetFormat } from '../http.ts';
import { invalid, type Outcome } from '../outcome.ts';
import { notFoundPage, page, redirectNotice } from '../pages.tsx';
import { buildMatrix } from '../portfolio/matrix.ts';
import { findMunicipality, installationsQuery, matrixSource } from '../portfolio/queries.ts';
import { matrixFilter } from '../portfolio/schemas.ts';
import type { Sheet } from '../spreadsheet.ts';
import { goalSheet, matrixSheet, registerName, registerSheet, templateSheets } from './exports.ts';
import { commitImport, findImport, previewImport } from './imports.ts';
import { maxFileBytes } from './read-sheet.ts';

type Ctx = Context<AppEnv>;
type Format = SheetFormat;
const download = sheetDownload;

/** "register.xlsx" → register, xlsx: the last segment of the path. */
const fileParam = (c: Ctx) => {
  const match = /\/([a-z-]+)\.(xlsx|csv)$/.exec(c.req.path);
  return match ? { name: match[1]!, format: match[2] as Format } : undefined;
};

const formats: Format[] = ['xlsx', 'csv'];
/** One literal route per file, so that every download declares who may fetch it. */
const files = (names: string[]) => names.flatMap((name) => formats.map((format) => `${name}.${format}`));

const codeFilter = v.object({ municipality: v.optional(v.pipe(v.string(), v.regex(/^\d{4}$/, 'Kommunkod ska vara fyra siffror, t.ex. 1460.'))) });

/** The sheets of an export by its name in the path, from the pages' own queries; filters as on the pages (?kommun=, ?typ=&omrade=&niva=). */
async function exportSheets(c: Ctx, name: string): Promise<Outcome<{ file: string; sheets: Sheet[] }> | undefined> {
  const db = c.var.db;
  switch (name) {
    case 'register': {
      const q = v.safeParse(codeFilter, { municipality: c.req.query('kommun') });
      if (!q.success) return invalid([{ path: 'municipality', message: q.issues[0].message }]);
      const code = q.output.municipality;
      const [m, rows] = await Promise.all([code ? findMunicipality(db, code) : undefined, installationsQuery(db, { municipality: code })]);
      if (code && !m) return { ok: false, status: 404, error: 'Kommunen finns inte.' };
      return { ok: true, value: { file: code ? `register-${code}` : 'register', sheets: [registerSheet(rows, registerName(m))] } };
    }
    case 'matris': {
      const raw = { kind: c.req.query('typ') || undefined, businessArea: c.req.query('omrade') || undefined, level: c.req.query('niva') || undefined };
      const filter = v.safeParse(matrixFilter, raw);
      if (!filter.success) return invalid(filter.issues.map((i) => ({ path: i.path?.map((p) => String(p.key)).join('.') ?? '', message: i.message })));
      return { ok: true, value: { file: 'jamforelse', sheets: [matrixSheet(buildMatrix(await matrixSource(db, filter.output), filter.output.level))] } };
    }
    case 'malstatus':
      return { ok: true, value: { file: 'malstatus', sheets: [goalSheet(await goalBoard(db, c.env.DB, today()))] } };
    default:
      return undefined;
  }
}

async function exportResponse(c: Ctx) {
  const param = fileParam(c);
  const result = param && await exportSheets(c, param.name);
  if (!param || !result) return notFoundPage(c);
  if (!result.ok) return result.status === 404 ? notFoundPage(c) : page(c, 'Export', '/dataoverforing', <p>Adressen gick inte att förstå.</p>, 400);
  return download(c, result.value.file, param.format, result.value.sheets);
}

async function templateResponse(c: Ctx, format: Format) {
  const municipalities = await c.var.db.select({ code: municipality.code, name: municipality.name }).from(municipality).orderBy(municipality.code);
  return download(c, 'importmall-system', format, templateSheets(municipalities));
}

/** The uploaded file from a multipart form (`file`), or the request body itself with `?filename=`. */
async function uploadedFile(c: Ctx): Promise<Outcome<{ name: string; bytes: Uint8Array }>> {
  const missingFile = invalid([{ path: 'file', message: 'Välj en fil att importera.' }], 'Välj en fil att importera.');
  const declared = Number(c.req.header('content-length') ?? 0);
  if (declared > maxFileBytes + 64 * 1024) return invalid([{ path: 'file', message: 'Filen är för stor (högst 10 MB). Dela upp den i flera filer.' }]);
  if ((c.req.header('content-type') ?? '').startsWith('multipart/form-data')) {
    const body = await c.req.parseBody().catch(() => ({} as Record<string, unknown>));
    const file = body.file;
    if (!(file instanceof File) || file.size === 0) return missingFile;
    return { ok: true, value: { name: file.name || 'fil', bytes: new Uint8Array(await file.arrayBuffer()) } };
  }
  const bytes = new Uint8Array(await c.req.arrayBuffer());
  if (bytes.length === 0) return missingFile;
  return { ok: true, value: { name: c.req.query('filename') || 'fil', bytes } };
}

const idParam = (c: Ctx) => c.req.param('id') ?? '';

/** `POST /api/v1/imports/preview` (multipart `file`, or the file as the body), `GET /api/v1/imports/:id`, `POST /api/v1/imports/:id/commit`. */
/*
 * The downloads (template, exports) are files, not JSON, so they live outside /api/v1 at
 * /dataoverforing/mall.* and /export/*; an API token works there as anywhere.
 */
export const transferApi = new Hono<AppEnv>()
  .post('/imports/preview', allow('register'), async (c) => {
    const file = await uploadedFile(c);
    return respond(c, file.ok ? await previewImport(c.var.db, c.var.actor, file.value.name, file.value.bytes) : file);
  })
  .get('/imports/:id', allow('read'), async (c) => {
    const found = await findImport(c.var.db, c.var.actor, idParam(c));
    return found ? c.json(found) : c.json({ error: 'Importen finns inte.' }, 404);
  })
  .post('/imports/:id/commit', allow('register'), async (c) => respond(c, await commitImport(c.var.db, c.env.DB, c.var.actor, idParam(c))));

const title = 'Import och export';

export const transferPages = new Hono<AppEnv>()
  .get('/dataoverforing', allow('read'), (c) =>
    page(c, title, '/dataoverforing', <TransferPage mayImport={permissions.register(c.var.actor)} notice={redirectNotice(c, { avbruten: 'Importen avbröts.' })} />))
  .post('/dataoverforing/import', allow('register'), async (c) => {
    const file = await uploadedFile(c);
    const outcome = file.ok ? await previewImport(c.var.db, c.var.actor, file.value.name, file.value.bytes) : file;
    if (outcome.ok) return c.redirect(`/dataoverforing/import/${outcome.value.id}`, 303);
    const error = outcome.status === 400 ? outcome.issues[0]?.message ?? outcome.error : outcome.error;
    return page(c, title, '/dataoverforing', <TransferPage mayImport error={error} />, outcome.status === 400 ? 400 : 409);
  })
  .get('/dataoverforing/import/:id', allow('read'), async (c) => {
    const found = await findImport(c.var.db, c.var.actor, idParam(c));
    if (!found) return notFoundPage(c);
    return page(c, found.status === 'committed' ? 'Importen är genomförd' : 'Förhandsgranskning av import', '/dataoverforing',
      <PreviewPage data={found} notice={redirectNotice(c, { genomford: 'Importen är genomförd.' })} />);
  })
  .post('/dataoverforing/import/:id', allow('register'), async (c) => {
    const id = idParam(c);
    const outcome = await commitImport(c.var.db, c.env.DB, c.var.actor, id);
    if (outcome.ok) return c.redirect(`/dataoverforing/import/${id}?genomford`, 303);
    const found = await findImport(c.var.db, c.var.actor, id);
    if (!found) return notFoundPage(c);
    return page(c, 'Förhandsgranskning av import', '/dataoverforing', <PreviewPage data={found} error={outcome.error} />, outcome.status === 429 ? 409 : outcome.status);
  });
for (const file of files(['mall'])) transferPages.get(`/dataoverforing/${file}`, allow('read'), (c) => templateResponse(c, fileParam(c)!.format));
for (const file of files(['register', 'matris', 'malstatus'])) transferPages.get(`/export/${file}`, allow('read'), (c) => exportResponse(c));
