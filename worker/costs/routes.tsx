import { asc, max } from 'drizzle-orm';
import { Hono, type Context } from 'hono';
import { application, municipality, municipalityPopulation } from '../../schema/portfolio.ts';
import { CalculatorPage, calculatorParts, type CalculatorData } from '../../web/costs/calculator.tsx';
import { allow } from '../access/permissions.ts';
import type { AppEnv } from '../env.ts';
import { kronorToOre } from '../forms.ts';
import { jsonBody, respond } from '../http.ts';
import type { FieldIssue } from '../outcome.ts';
import { page } from '../pages.tsx';
import { previewAllocation } from './preview.ts';

type Ctx = Context<AppEnv>;

/** What the calculator's form offers — one D1 round trip. */
async function calculatorData(c: Ctx): Promise<CalculatorData & { latestYear: number | null }> {
  const db = c.var.db;
  const [municipalities, applications, latest] = await db.batch([
    db.select({ code: municipality.code, name: municipality.name }).from(municipality).orderBy(asc(municipality.code)),
    db.select({ id: application.id, name: application.name }).from(application).orderBy(asc(application.name)),
    db.select({ year: max(municipalityPopulation.year) }).from(municipalityPopulation),
  ]);
  return { municipalities, applications, latestYear: latest[0]?.year ?? null };
}

/** "125 000,50", "-1 000" or "−1 000" → öre; undefined when it is not an amount. */
function signedKronor(text: string): number | undefined {
  const trimmed = text.trim();
  const negative = /^[-−]/.test(trimmed);
  const ore = kronorToOre(negative ? trimmed.slice(1) : trimmed);
  return ore === undefined ? undefined : negative ? -ore || 0 : ore;
}

/** "40", "0,4", "1.5" → a number; undefined when it is not one. */
function decimal(text: string): number | undefined {
  const compact = text.replace(/[\s\u00a0]/g, '');
  return /^\d+(?:[.,]\d+)?$/.test(compact) ? Number(compact.replace(',', '.')) : undefined;
}

/**
 * The calculator's page parameters as the preview API's input, and a way back: the API's
 * issue paths as the form's field names, so errors land at their fields.
 */
function fromPageParams(values: Record<string, string>, checked: string[]) {
  const issues: FieldIssue[] = [];
  const text = (name: string) => (values[name] ?? '').trim();
  const amountText = text('belopp');
  const amountOre = amountText === '' ? undefined : signedKronor(amountText);
  if (amountText === '') issues.push({ path: 'belopp', message: 'Ange beloppet i kronor.' });
  else if (amountOre === undefined) issues.push({ path: 'belopp', message: 'Ange beloppet i kronor, t.ex. 125 000 eller 125 000,50.' });
  const yearText = text('ar');
  if (!/^\d{4}$/.test(yearText)) issues.push({ path: 'ar', message: 'Ange året med fyra siffror, t.ex. 2024.' });

  const partNumbers: number[] = [];
  const parts = calculatorParts.flatMap((n) => {
    const basis = text(`del${n}`);
    if (basis === '') return [];
    partNumbers.push(n);
    const weightText = text(`del${n}-vikt`);
    const weight = decimal(weightText);
    if (weight === undefined) issues.push({ path: `del${n}-vikt`, message: weightText === '' ? 'Ange delens vikt, t.ex. 1.' : 'Ange vikten som ett tal, t.ex. 40 eller 0,4.' });
    if (basis !== 'custom') return [{ basis, weight }];
    const weights: Record<string, number> = {};
    for (const code of checked) {
      const name = `del${n}-vikt-${code}`;
      if (text(name) === '') continue;
      const value = decimal(text(name));
      if (value === undefined) issues.push({ path: name, message: 'Ange vikten som ett tal större än 0, t.ex. 2 eller 1,5.' });
      else weights[code] = value;
    }
    return [{ basis, weight, weights }];
  });
  if (parts.length === 0) issues.push({ path: 'del1', message: 'Välj underlag för minst en del av nyckeln.' });
  const applicationText = text('applikation');
  const input = {
    amountOre,
    year: Number(yearText),
    participants: checked,
    key: { parts },
    ...(applicationText === '' ? {} : { applicationId: Number(applicationText) }),
  };

  const toField = (path: string): string => {
    if (path === 'amountOre') return 'belopp';
    if (path === 'year') return 'ar';
    if (path === 'applicationId') return 'applikation';
    if (path.startsWith('participants')) return 'kommun';
    const part = /^key\.parts\.(\d+)(?:\.(basis|weights|weight)(?:\.(\d{4}))?)?$/.exec(path);
    if (!part) return path.startsWith('key') ? 'del1' : path;
    const n = partNumbers[Number(part[1])] ?? 1;
    if (part[2] === 'weight') return `del${n}-vikt`;
    if (part[2] === 'weights') return part[3] ? `del${n}-vikt-${part[3]}` : `del${n}-vikter`;
    return `del${n}`;
  };
  return { input, issues, toField };
}

/**
 * Cost sharing: `POST /api/v1/allocations/preview` and the calculator `/kostnader/kalkylator`.
 * Both compute with the pure allocation in worker/costs/allocation.ts; nothing is written.
 */
export const costRoutes = new Hono<AppEnv>()
  /** `{ amountOre, year, participants, key: { parts: [{ basis, weight, weights? }] }, applicationId? }` → `{ totalOre, shares }`. */
  .post('/api/v1/allocations/preview', allow('read'), async (c) => {
    const body = await jsonBody(c);
    return respond(c, body.ok ? await previewAllocation(c.var.db, body.value) : body);
  })

  /** The form is sent with GET, so it works without JavaScript and the result is a link. */
  .get('/kostnader/kalkylator', allow('read'), async (c) => {
    const data = await calculatorData(c);
    const query = c.req.query();
    const checked = c.req.queries('kommun') ?? [];
    const submitted = 'belopp' in query;
    const values: Record<string, string> = submitted
      ? { ...query }
      : { ar: String(data.latestYear ?? new Date().getUTCFullYear()), del1: 'equal', 'del1-vikt': '1' };
    if (!submitted) return page(c, 'Kostnadskalkylator', '/kostnader', <CalculatorPage {...data} values={values} checked={[]} issues={[]} />);

    const form = fromPageParams(values, checked);
    let issues = form.issues;
    let result;
    if (issues.length === 0) {
      const preview = await previewAllocation(c.var.db, form.input);
      if (preview.ok) result = preview.value;
      else issues = preview.status === 400 ? preview.issues.map((i) => ({ ...i, path: form.toField(i.path) })) : [{ path: '', message: preview.error }];
    }
    return page(c, 'Kostnadskalkylator', '/kostnader',
      <CalculatorPage {...data} values={values} checked={checked} issues={issues} result={result} />, issues.length ? 400 : 200);
  });
