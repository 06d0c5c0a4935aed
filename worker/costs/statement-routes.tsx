import { eq } from 'drizzle-orm';
import { collaboration } from '../../schema/collaboration.ts';
import { Hono, type Context } from 'hono';
import * as v from 'valibot';
import { application } from '../../schema/portfolio.ts';
import { StatementPage, StatementsPage, type Scope } from '../../web/costs/statements.tsx';
import { allow } from '../access/permissions.ts';
import { statementSheet, yearSheets } from './statement-export.ts';
import type { AppEnv, Database } from '../env.ts';
import { failureJson, missing, query, sheetDownload, type SheetFormat } from '../http.ts';
import { page } from '../pages.tsx';
import { yearItems } from './cost-queries.ts';
import { buildStatements, statementsBalance, type YearStatements } from './statements.ts';
import { pageYear, type CostYear } from './page-year.ts';

type Ctx = Context<AppEnv>;

export const yearQuery = v.object({
  year: v.pipe(v.string('Ange året, t.ex. ?year=2024.'), v.regex(/^\d{4}$/, 'Året ska anges med fyra siffror.'), v.transform(Number)),
  collaboration: v.optional(v.pipe(v.string(), v.regex(/^[1-9]\d{0,15}$/, 'Samverkan ska anges med sitt id.'), v.transform(Number))),
});

/** The collaboration a statement may be limited to, by its application's name; undefined when it does not exist. */
async function collaborationScope(db: Database, id: number | undefined): Promise<Scope | undefined | null> {
  if (id === undefined) return null;
  const rows = await db.select({ name: application.name }).from(collaboration)
    .innerJoin(application, eq(collaboration.applicationId, application.id)).where(eq(collaboration.id, id));
  return rows[0] && { id, name: rows[0].name };
}

/**
 * The year's statements, optionally only the costs of one collaboration or only those one
 * municipality has a part in (its own statement is then complete; the others are not used) —
 * built from the items' shares, never re-rounded.
 */
async function statementsOf(db: Database, asked: CostYear, scope: Scope | null = null, concerning?: string): Promise<YearStatements> {
  const { items, municipalities, year } = await yearItems(db, asked, concerning);
  const chosen = scope === null ? items : items.filter((i) => i.collaborationId === scope.id);
  return buildStatements(year, chosen, municipalities);
}

const one = (all: YearStatements, code: string) => all.municipalities.find((m) => m.municipality === code);

/** `GET /api/v1/statements?year=` and `/api/v1/statements/:code?year=` (optionally `&collaboration=<id>`). */
export const statementApi = new Hono<AppEnv>()
  .get('/statements', allow('read'), async (c) => {
    const q = query(c, yearQuery);
    if (!q.ok) return failureJson(c, q);
    const scope = await collaborationScope(c.var.db, q.value.collaboration);
    if (scope === undefined) return failureJson(c, missing('Samverkan'));
    return c.json(await statementsOf(c.var.db, q.value.year, scope));
  })
  .get('/statements/:code', allow('read'), async (c) => {
    const q = query(c, yearQuery);
    if (!q.ok) return failureJson(c, q);
    const scope = await collaborationScope(c.var.db, q.value.collaboration);
    if (scope === undefined) return failureJson(c, missing('Samverkan'));
    const all = await statementsOf(c.var.db, q.value.year, scope, c.req.param('code'));
    const statement = one(all, c.req.param('code'));
    return statement ? c.json({ year: all.year, ...statement, unallocated: all.unallocated }) : failureJson(c, missing('Kommunen'));
  });

// ---- Pages and files ----

const notFound = (c: Ctx, what = 'Kommunen') => page(c, 'Hittades inte', '/kostnader', <p>{what} finns inte.</p>, 404);

/** `?samverkan=<id>` limits the pages to one collaboration's costs; undefined when it names none that exists. */
const pageScope = (c: Ctx) => {
  const text = c.req.query('samverkan');
  return collaborationScope(c.var.db, text === undefined || text === '' ? undefined : /^[1-9]\d{0,15}$/.test(text) ? Number(text) : 0);
};

/** The file name without its extension: "fakturaunderlag-1460-2024[-samverkan-3]". */
const fileName = (what: string, year: number, scope: Scope | null) =>
  `fakturaunderlag-${what}-${year}${scope ? `-samverkan-${scope.id}` : ''}`;

async function statementFile(c: Ctx, code: string, scope: Scope | null, format: SheetFormat) {
  const all = await statementsOf(c.var.db, pageYear(c), scope, code);
  const statement = one(all, code);
  if (!statement) return notFound(c);
  return sheetDownload(c, fileName(code, all.year, scope), format, [statementSheet(all.year, statement)]);
}

export const statementPages = new Hono<AppEnv>()
  // Every municipality's statement in one workbook: a summary sheet and a sheet per municipality.
  .get('/kostnader/fakturaunderlag.xlsx', allow('read'), async (c) => {
    const scope = await pageScope(c);
    if (scope === undefined) return notFound(c, 'Samverkan');
    const all = await statementsOf(c.var.db, pageYear(c), scope);
    return sheetDownload(c, fileName('alla', all.year, scope), 'xlsx', yearSheets(all, `Fakturaunderlag ${all.year}`));
  })
  .get('/kostnader/fakturaunderlag', allow('read'), async (c) => {
    const scope = await pageScope(c);
    if (scope === undefined) return notFound(c, 'Samverkan');
    const statements = await statementsOf(c.var.db, pageYear(c), scope);
    return page(c, `Fakturaunderlag ${statements.year}`, '/kostnader', <StatementsPage statements={statements} balances={statementsBalance(statements)} scope={scope} />);
  })
  // One route for the statement and its files ("/1460.csv", "/1460.xlsx" or "/1460?format=csv"); no nested braces in the pattern.
  .get('/kostnader/fakturaunderlag/:code{[0-9]+(?:\\.csv|\\.xlsx)?}', allow('read'), async (c) => {
    const param = c.req.param('code');
    const code = param.replace(/\.(csv|xlsx)$/, '');
    const scope = await pageScope(c);
    if (scope === undefined) return notFound(c, 'Samverkan');
    const format = param.endsWith('.csv') ? 'csv' : param.endsWith('.xlsx') ? 'xlsx' : c.req.query('format');
    if (format === 'csv' || format === 'xlsx') return statementFile(c, code, scope, format);
    const all = await statementsOf(c.var.db, pageYear(c), scope, code);
    const { year } = all;
    const statement = one(all, code);
    if (!statement) return notFound(c);
    return page(c, `Fakturaunderlag ${year}: ${statement.name}`, '/kostnader', <StatementPage year={year} statement={statement} unallocated={all.unallocated} scope={scope} />);
  });
