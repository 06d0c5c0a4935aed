import { Hono, type Context } from 'hono';
import * as v from 'valibot';
import { BudgetPage } from '../../web/costs/budget.tsx';
import { allow } from '../access/permissions.ts';
import type { AppEnv, Database } from '../env.ts';
import { failureJson, jsonBody, query, respond, sheetDownload } from '../http.ts';
import { invalid, type Failure, type Outcome } from '../outcome.ts';
import { page } from '../pages.tsx';
import type { Sheet } from '../spreadsheet.ts';
import { budgetVersusOutcome, type BudgetComparison } from './budget.ts';
import { yearItems } from './cost-queries.ts';
import { categoryLabel } from './cost-schemas.ts';
import { closeYear, listClosedYears, reopenYear } from './years.ts';
import { pageYear, type CostYear } from './page-year.ts';

type Ctx = Context<AppEnv>;

const yearParam = (c: Ctx): Outcome<number> => {
  const text = c.req.param('year') ?? '';
  return /^\d{4}$/.test(text) ? { ok: true, value: Number(text) } : invalid([{ path: 'year', message: 'Året ska anges med fyra siffror.' }]);
};

export const yearQuery = v.object({
  year: v.pipe(v.string('Ange året, t.ex. ?year=2025.'), v.regex(/^\d{4}$/, 'Året ska anges med fyra siffror.'), v.transform(Number)),
});

/** Budget against outcome for a year, per municipality and per item — one round trip. */
export async function budgetOf(db: Database, asked: CostYear): Promise<BudgetComparison & { closed: boolean }> {
  const { items, municipalities, closed, year } = await yearItems(db, asked);
  return { ...budgetVersusOutcome(year, items, municipalities), closed: closed !== undefined };
}

/**
 * Year closing (bokslut) and budget against outcome. Everyone reads; administrators and finance
 * officers close a year; only administrators reopen one, giving a reason (audited).
 */
export const costYearApi = new Hono<AppEnv>()
  .get('/cost-years', allow('read'), async (c) => c.json(await listClosedYears(c.var.db)))
  .post('/cost-years/:year/close', allow('costs'), async (c) => {
    const year = yearParam(c);
    if (!year.ok) return failureJson(c, year);
    // The body is optional: `{ note? }`.
    const body = (c.req.header('content-length') ?? '0') === '0' ? { ok: true as const, value: {} } : await jsonBody(c);
    return respond(c, body.ok ? await closeYear(c.var.db, c.var.actor, year.value, body.value) : body, 201);
  })
  .post('/cost-years/:year/reopen', allow('admin'), async (c) => {
    const year = yearParam(c);
    if (!year.ok) return failureJson(c, year);
    const body = await jsonBody(c);
    return respond(c, body.ok ? await reopenYear(c.var.db, c.var.actor, year.value, body.value) : body);
  })
  .get('/budget', allow('read'), async (c) => {
    const q = query(c, yearQuery);
    return q.ok ? c.json(await budgetOf(c.var.db, q.value.year)) : failureJson(c, q);
  });

/** The comparison as spreadsheet tables: per municipality, then per item. */
function budgetSheets(b: BudgetComparison): Sheet[] {
  const money = [{ header: 'budget (kr)', kind: 'money' }, { header: 'utfall (kr)', kind: 'money' }, { header: 'avvikelse (kr)', kind: 'money' }] as const;
  return [
    {
      name: `Per kommun ${b.year}`,
      columns: [{ header: 'kommunkod' }, { header: 'kommun' }, ...money],
      rows: [...b.municipalities.map((m) => [m.municipality, m.name, m.budgetOre, m.outcomeOre, m.deviationOre]),
        ['', 'Summa', b.total.budgetOre, b.total.outcomeOre, b.total.deviationOre]],
    },
    {
      name: `Per kostnad ${b.year}`,
      columns: [{ header: 'kostnad' }, { header: 'kategori' }, ...money],
      rows: b.items.map((i) => [i.description, categoryLabel[i.category], i.budgeted ? i.budgetOre : null, i.outcomeOre, i.budgeted ? i.deviationOre : null]),
    },
  ];
}

/** Per municipality as CSV (one table), both tables as xlsx. */
async function budgetFile(c: Ctx, format: 'csv' | 'xlsx') {
  const budget = await budgetOf(c.var.db, pageYear(c));
  return sheetDownload(c, `budget-och-utfall-${budget.year}`, format, budgetSheets(budget));
}

/** Why closing or reopening was refused, with the way back. */
function refused(c: Ctx, title: string, year: number, outcome: Failure) {
  const messages = outcome.status === 400 ? outcome.issues.map((i) => i.message) : [outcome.error];
  return page(c, title, '/kostnader', (
    <>
      <h1>{title}</h1>
      <ul>{messages.map((m) => <li>{m}</li>)}</ul>
      <p><a href={`/kostnader?ar=${year}`}>Tillbaka till kostnaderna {year}</a></p>
    </>
  ), outcome.status === 400 ? 400 : outcome.status === 403 ? 403 : 409);
}

export const costYearPages = new Hono<AppEnv>()
  .get('/kostnader/budget', allow('read'), async (c) => {
    const budget = await budgetOf(c.var.db, pageYear(c));
    return page(c, `Budget och utfall ${budget.year}`, '/kostnader', <BudgetPage budget={budget} />);
  })
  .get('/kostnader/budget.xlsx', allow('read'), (c) => budgetFile(c, 'xlsx'))
  .get('/kostnader/budget.csv', allow('read'), (c) => budgetFile(c, 'csv'))
  // No nested braces in patterns: the year's four digits are checked by the command's path parsing.
  .post('/kostnader/ar/:year{[0-9]+}/stang', allow('costs'), async (c) => {
    const year = Number(c.req.param('year'));
    const form = await c.req.parseBody();
    const outcome = await closeYear(c.var.db, c.var.actor, year, { note: typeof form.note === 'string' ? form.note : '' });
    if (outcome.ok) return c.redirect(`/kostnader?ar=${year}&stangt`, 303);
    return refused(c, `Det gick inte att stänga ${year}`, year, outcome);
  })
  .post('/kostnader/ar/:year{[0-9]+}/oppna', allow('admin'), async (c) => {
    const year = Number(c.req.param('year'));
    const form = await c.req.parseBody();
    const outcome = await reopenYear(c.var.db, c.var.actor, year, { reason: typeof form.reason === 'string' ? form.reason : '' });
    if (outcome.ok) return c.redirect(`/kostnader?ar=${year}&oppnat`, 303);
    return refused(c, `Det gick inte att öppna ${year}`, year, outcome);
  });
