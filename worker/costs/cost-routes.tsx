import { Hono, type Context } from 'hono';
import * as v from 'valibot';
import { CostItemForm, CostItemsPage } from '../../web/costs/items.tsx';
import { KeyEditPage, KeysPage } from '../../web/costs/keys.tsx';
import { oreToInput } from '../../web/format.ts';
import { allow, permissions } from '../access/permissions.ts';
import type { AppEnv } from '../env.ts';
import { kronorToOre } from '../forms.ts';
import { deleteVersion, failureJson, jsonBody, missing, pathId, query, respond, routeId } from '../http.ts';
import type { FieldIssue, Outcome } from '../outcome.ts';
import { page, redirectNotice } from '../pages.tsx';
import { findItem, findKey, itemForEditing, itemFormChoices, listItems, listKeys, yearItems } from './cost-queries.ts';
import { createItem, deleteItem, updateItem } from './items.ts';
import { createKey, deleteKey, updateKey } from './keys.ts';
import { formYear, pageYear } from './page-year.ts';

type Ctx = Context<AppEnv>;

export const yearFilter = v.object({
  year: v.optional(v.pipe(v.string(), v.regex(/^\d{4}$/, 'Året ska anges med fyra siffror.'), v.transform(Number))),
});

/** Cost items and allocation keys: everyone reads, administrators and finance officers change. */
export const costItemApi = new Hono<AppEnv>()
  .get('/allocation-keys', allow('read'), async (c) => c.json(await listKeys(c.var.db)))
  .post('/allocation-keys', allow('costs'), async (c) => {
    const body = await jsonBody(c);
    return respond(c, body.ok ? await createKey(c.var.db, c.var.actor, body.value) : body, 201);
  })
  .get('/allocation-keys/:id', allow('read'), async (c) => {
    const id = pathId(c);
    const found = id === undefined ? undefined : await findKey(c.var.db, id);
    return found ? c.json(found) : failureJson(c, missing('Fördelningsnyckeln'));
  })
  .patch('/allocation-keys/:id', allow('costs'), async (c) => {
    const id = pathId(c);
    if (id === undefined) return failureJson(c, missing('Fördelningsnyckeln'));
    const body = await jsonBody(c);
    return respond(c, body.ok ? await updateKey(c.var.db, c.var.actor, id, body.value) : body);
  })
  .delete('/allocation-keys/:id', allow('costs'), async (c) => {
    const id = pathId(c);
    if (id === undefined) return failureJson(c, missing('Fördelningsnyckeln'));
    const version = deleteVersion(c);
    return respond(c, version.ok ? await deleteKey(c.var.db, c.var.actor, id, version.value) : version);
  })
  .get('/cost-items', allow('read'), async (c) => {
    const filter = query(c, yearFilter);
    return filter.ok ? c.json(await listItems(c.var.db, filter.value)) : failureJson(c, filter);
  })
  .post('/cost-items', allow('costs'), async (c) => {
    const body = await jsonBody(c);
    return respond(c, body.ok ? await createItem(c.var.db, c.var.actor, body.value) : body, 201);
  })
  .get('/cost-items/:id', allow('read'), async (c) => {
    const id = pathId(c);
    const found = id === undefined ? undefined : await findItem(c.var.db, id);
    return found ? c.json(found) : failureJson(c, missing('Kostnaden'));
  })
  .patch('/cost-items/:id', allow('costs'), async (c) => {
    const id = pathId(c);
    if (id === undefined) return failureJson(c, missing('Kostnaden'));
    const body = await jsonBody(c);
    return respond(c, body.ok ? await updateItem(c.var.db, c.var.actor, id, body.value) : body);
  })
  .delete('/cost-items/:id', allow('costs'), async (c) => {
    const id = pathId(c);
    if (id === undefined) return failureJson(c, missing('Kostnaden'));
    const version = deleteVersion(c);
    return respond(c, version.ok ? await deleteItem(c.var.db, c.var.actor, id, version.value) : version);
  });

// ---- Pages ----

const str = (form: Record<string, unknown>, name: string) => (typeof form[name] === 'string' ? (form[name] as string) : '');
const optionalId = (text: string) => (text.trim() === '' ? null : /^\d+$/.test(text.trim()) ? Number(text.trim()) : text);

const signedInput = (ore: number) => `${ore < 0 ? '-' : ''}${oreToInput(Math.abs(ore))}`;

/** "125 000,50" or "-5 000" → öre. */
function signedKronor(text: string): number | undefined {
  const trimmed = text.trim();
  const negative = /^[-−]/.test(trimmed);
  const ore = kronorToOre(negative ? trimmed.slice(1) : trimmed);
  return ore === undefined ? undefined : negative ? -ore || 0 : ore;
}

/** The item form as the API's input. */
function itemInput(form: Record<string, unknown>, participants: string[]) {
  const issues: FieldIssue[] = [];
  const values = Object.fromEntries(['year', 'amountOre', 'budgetOre', 'category', 'description', 'keyId', 'collaborationId', 'subareaId', 'applicationId', 'beneficiaryCode', 'version'].map((n) => [n, str(form, n)]));
  const amountOre = signedKronor(values.amountOre!);
  if (amountOre === undefined) issues.push({ path: 'amountOre', message: 'Ange beloppet i kronor, t.ex. 12 500 eller -5 000.' });
  const budgetOre = values.budgetOre!.trim() === '' ? null : signedKronor(values.budgetOre!);
  if (budgetOre === undefined) issues.push({ path: 'budgetOre', message: 'Ange budgeten i kronor, t.ex. 12 500, eller lämna fältet tomt.' });
  const input: Record<string, unknown> = {
    year: /^\d+$/.test(values.year!.trim()) ? Number(values.year) : values.year,
    amountOre,
    category: values.category,
    description: values.description,
    ...(values.keyId!.trim() === '' ? {} : { keyId: optionalId(values.keyId!) }),
    collaborationId: optionalId(values.collaborationId!),
    subareaId: optionalId(values.subareaId!),
    applicationId: optionalId(values.applicationId!),
    budgetOre,
    beneficiaryCode: values.beneficiaryCode!.trim() === '' ? null : values.beneficiaryCode!.trim(),
    ...(participants.length ? { participants } : {}),
  };
  if (values.version) input.version = Number(values.version);
  return { input, values, issues };
}

/** "equal 40\npopulation 60\ncustom 1 1460=2" → parts; undefined where a line is not a part. */
function partsInput(text: string): { parts?: unknown[]; issue?: string } {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  if (lines.length === 0) return {};
  const parts = [];
  for (const line of lines) {
    const [basis, weight, ...rest] = line.split(/\s+/);
    const w = Number((weight ?? '').replace(',', '.'));
    if (!basis || !Number.isFinite(w)) return { issue: `Raden "${line}" är inte ett underlag och en vikt, t.ex. "equal 40".` };
    const weights: Record<string, number> = {};
    for (const pair of rest) {
      const [code, value] = pair.split('=');
      weights[code ?? ''] = Number((value ?? '').replace(',', '.'));
    }
    parts.push(rest.length ? { basis, weight: w, weights } : { basis, weight: w });
  }
  return { parts };
}

function keyInput(form: Record<string, unknown>) {
  const values = Object.fromEntries(['name', 'description', 'year', 'parts', 'version'].map((n) => [n, str(form, n)]));
  const issues: FieldIssue[] = [];
  const { parts, issue } = partsInput(values.parts!);
  if (issue) issues.push({ path: 'parts', message: issue });
  const input: Record<string, unknown> = { name: values.name, description: values.description };
  if (values.year!.trim() !== '' || parts) {
    input.year = /^\d+$/.test(values.year!.trim()) ? Number(values.year) : values.year;
    input.parts = parts ?? [];
  }
  if (values.version) input.version = Number(values.version);
  return { input, values, issues };
}

/** Issues from nested paths ("parts.0.weight") land at their form field. */
const atFields = (outcome: Outcome<unknown>): { issues: FieldIssue[]; error?: string } =>
  outcome.ok ? { issues: [] } : outcome.status === 400
    ? { issues: outcome.issues.map((i) => ({ ...i, path: i.path.split('.')[0] ?? '' })) }
    : { issues: [], error: outcome.error };

const failStatus = (outcome: Outcome<unknown>) => (outcome.ok ? 200 : outcome.status === 400 ? 400 : outcome.status === 404 ? 404 : 409);

export const costPages = new Hono<AppEnv>()
  .get('/kostnader', allow('read'), async (c) => {
    const { items, closed, year } = await yearItems(c.var.db, pageYear(c));
    const state = { closed, canClose: permissions.costs(c.var.actor), canReopen: permissions.admin(c.var.actor) };
    const notice = redirectNotice(c, { sparat: 'Sparat.', borttaget: 'Borttaget.', stangt: `${year} är stängt.`, oppnat: `${year} är öppnat igen.` });
    return page(c, `Kostnader ${year}`, '/kostnader',
      <CostItemsPage year={year} items={items} canChange={permissions.costs(c.var.actor)} state={state} notice={notice} />);
  })
  .get('/kostnader/ny', allow('costs'), async (c) => {
    const choices = await itemFormChoices(c.var.db);
    return page(c, 'Ny kostnad', '/kostnader', <CostItemForm action="/kostnader/ny" values={{ year: String(formYear(c)) }} choices={choices} issues={[]} checked={[]} />);
  })
  .post('/kostnader/ny', allow('costs'), async (c) => {
    const form = await c.req.parseBody({ all: true });
    const checked = ([] as unknown[]).concat(form.participants ?? []).filter((x): x is string => typeof x === 'string');
    const { input, values, issues } = itemInput(form, checked);
    const outcome = issues.length ? undefined : await createItem(c.var.db, c.var.actor, input);
    if (outcome?.ok) return c.redirect(`/kostnader?ar=${outcome.value.year}&sparat`, 303);
    const shown = outcome ? atFields(outcome) : { issues };
    const choices = await itemFormChoices(c.var.db);
    return page(c, 'Ny kostnad', '/kostnader', <CostItemForm action="/kostnader/ny" values={values} choices={choices} checked={checked} {...shown} />, outcome ? failStatus(outcome) : 400);
  })
  .get('/kostnader/:id{[0-9]+}', allow('costs'), async (c) => {
    const { item, choices } = await itemForEditing(c.var.db, routeId(c));
    if (!item) return page(c, 'Hittades inte', '/kostnader', <p>Kostnaden finns inte.</p>, 404);
    const values = {
      year: String(item.year), amountOre: signedInput(item.amountOre), budgetOre: item.budgetOre === null ? '' : signedInput(item.budgetOre),
      beneficiaryCode: item.beneficiaryCode ?? '', category: item.category,
      description: item.description, keyId: String(item.keyId), collaborationId: String(item.collaborationId ?? ''),
      subareaId: String(item.subareaId ?? ''), applicationId: String(item.applicationId ?? ''),
    };
    return page(c, 'Ändra kostnad', '/kostnader', <CostItemForm action={`/kostnader/${item.id}`} values={values} choices={choices} issues={[]} item={item} checked={item.participants} />);
  })
  .post('/kostnader/:id{[0-9]+}', allow('costs'), async (c) => {
    const id = routeId(c);
    const item = await findItem(c.var.db, id);
    if (!item) return page(c, 'Hittades inte', '/kostnader', <p>Kostnaden finns inte.</p>, 404);
    const form = await c.req.parseBody({ all: true });
    const checked = ([] as unknown[]).concat(form.participants ?? []).filter((x): x is string => typeof x === 'string');
    const { input, values, issues } = itemInput(form, checked);
    const outcome = issues.length ? undefined : await updateItem(c.var.db, c.var.actor, id, input);
    if (outcome?.ok) return c.redirect(`/kostnader?ar=${outcome.value.year}&sparat`, 303);
    const shown = outcome ? atFields(outcome) : { issues };
    const choices = await itemFormChoices(c.var.db);
    return page(c, 'Ändra kostnad', '/kostnader', <CostItemForm action={`/kostnader/${id}`} values={values} choices={choices} item={item} checked={checked} {...shown} />, outcome ? failStatus(outcome) : 400);
  })
  .post('/kostnader/:id{[0-9]+}/ta-bort', allow('costs'), async (c) => {
    const id = routeId(c);
    const form = await c.req.parseBody();
    const version = /^\d+$/.test(str(form, 'version')) ? Number(str(form, 'version')) : undefined;
    const item = await findItem(c.var.db, id);
    const outcome = await deleteItem(c.var.db, c.var.actor, id, version);
    if (outcome.ok) return c.redirect(`/kostnader?ar=${item?.year ?? ''}&borttaget`, 303);
    return page(c, 'Det gick inte att ta bort', '/kostnader', <p>{outcome.error}</p>, failStatus(outcome));
  })
  .get('/kostnader/nycklar', allow('read'), async (c) => {
    const keys = await listKeys(c.var.db);
    return page(c, 'Fördelningsnycklar', '/kostnader',
      <KeysPage keys={keys} canChange={permissions.costs(c.var.actor)} values={{ year: String(formYear(c)) }} issues={[]} notice={'sparat' in c.req.query() ? 'Sparat.' : 'borttaget' in c.req.query() ? 'Borttaget.' : undefined} />);
  })
  .post('/kostnader/nycklar', allow('costs'), async (c) => {
    const { input, values, issues } = keyInput(await c.req.parseBody());
    const outcome = issues.length ? undefined : await createKey(c.var.db, c.var.actor, input);
    if (outcome?.ok) return c.redirect('/kostnader/nycklar?sparat', 303);
    const shown = outcome ? atFields(outcome) : { issues };
    return page(c, 'Fördelningsnycklar', '/kostnader', <KeysPage keys={await listKeys(c.var.db)} canChange values={values} {...shown} />, outcome ? failStatus(outcome) : 400);
  })
  .get('/kostnader/nycklar/:id{[0-9]+}', allow('costs'), async (c) => {
    const id = pathId(c);
    const key = id === undefined ? undefined : await findKey(c.var.db, id);
    if (!key) return page(c, 'Hittades inte', '/kostnader', <p>Fördelningsnyckeln finns inte.</p>, 404);
    const last = key.years.at(-1);
    const values = { name: key.name, description: key.description, year: last ? String(last.year) : '', parts: last ? last.parts.map((p) => `${p.basis} ${p.weight}${p.weights ? ' ' + Object.entries(p.weights).map(([k, w]) => `${k}=${w}`).join(' ') : ''}`).join('\n') : '' };
    return page(c, `Ändra ${key.name}`, '/kostnader', <KeyEditPage allocationKey={key} values={values} issues={[]} />);
  })
  .post('/kostnader/nycklar/:id{[0-9]+}', allow('costs'), async (c) => {
    const id = routeId(c);
    const key = await findKey(c.var.db, id);
    if (!key) return page(c, 'Hittades inte', '/kostnader', <p>Fördelningsnyckeln finns inte.</p>, 404);
    const { input, values, issues } = keyInput(await c.req.parseBody());
    const outcome = issues.length ? undefined : await updateKey(c.var.db, c.var.actor, id, input);
    if (outcome?.ok) return c.redirect('/kostnader/nycklar?sparat', 303);
    const shown = outcome ? atFields(outcome) : { issues };
    return page(c, `Ändra ${key.name}`, '/kostnader', <KeyEditPage allocationKey={key} values={values} {...shown} />, outcome ? failStatus(outcome) : 400);
  })
  .post('/kostnader/nycklar/:id{[0-9]+}/ta-bort', allow('costs'), async (c) => {
    const id = routeId(c);
    const form = await c.req.parseBody();
    const version = /^\d+$/.test(str(form, 'version')) ? Number(str(form, 'version')) : undefined;
    const outcome = await deleteKey(c.var.db, c.var.actor, id, version);
    if (outcome.ok) return c.redirect('/kostnader/nycklar?borttaget', 303);
    return page(c, 'Det gick inte att ta bort', '/kostnader', <p>{outcome.error}</p>, failStatus(outcome));
  });

