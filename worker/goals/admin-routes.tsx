import { eq } from 'drizzle-orm';
import { Hono, type Context } from 'hono';
import { goal } from '../../schema/goals.ts';
import { GoalAdminPage, type AdminFailure, type AdminForm } from '../../web/goals/admin.tsx';
import { allow } from '../access/permissions.ts';
import type { AppEnv } from '../env.ts';
import { formInput, type FormSpec, type FormValues } from '../forms.ts';
import { failureJson, jsonBody, missing, pathId, respond } from '../http.ts';
import { type Failure, type FieldIssue, type Outcome } from '../outcome.ts';
import { notFoundPage, page } from '../pages.tsx';
import { today } from '../clock.ts';
import { createGoal, createStrategy, updateGoal } from './goal-admin.ts';
import { strategy } from '../../schema/goals.ts';
import { takeSnapshot } from './history.ts';
import { addMeasurement, measurementsOf } from './measurements.ts';
import { goalDetail } from './queries.ts';

type Ctx = Context<AppEnv>;

/**
 * Administrators (the IT directors' group) keep the goals: measured values, milestones done,
 * what is public, the definitions — and can take a snapshot of every goal's value now.
 */
export const goalAdminApi = new Hono<AppEnv>()
  .get('/strategies', allow('read'), async (c) => c.json(await c.var.db.select().from(strategy)))
  .post('/strategies', allow('admin'), async (c) => {
    const body = await jsonBody(c);
    return respond(c, body.ok ? await createStrategy(c.var.db, c.var.actor, body.value) : body, 201);
  })
  .post('/goals', allow('admin'), async (c) => {
    const body = await jsonBody(c);
    return respond(c, body.ok ? await createGoal(c.var.db, c.env.DB, c.var.actor, body.value, today()) : body, 201);
  })
  .post('/goals/snapshots', allow('admin'), async (c) => c.json(await takeSnapshot(c.var.db, c.env.DB, today(), c.var.actor), 201))
  .post('/goals/:id/measurements', allow('admin'), async (c) => {
    const id = pathId(c);
    if (id === undefined) return failureJson(c, missing('Målet'));
    const body = await jsonBody(c);
    const outcome = body.ok ? await addMeasurement(c.var.db, c.var.actor, id, body.value) : body;
    if (!outcome.ok) return failureJson(c, outcome);
    return c.json(outcome.value.measurement, outcome.value.created ? 201 : 200);
  })
  .patch('/goals/:id', allow('admin'), async (c) => {
    const id = pathId(c);
    if (id === undefined) return failureJson(c, missing('Målet'));
    const body = await jsonBody(c);
    return respond(c, body.ok ? await updateGoal(c.var.db, c.env.DB, c.var.actor, id, body.value, today()) : body);
  });

/** "91,5" → 91.5; text that is no number stays text so the schema answers "must be a number". */
function number(text: string | undefined): number | string | null {
  const t = (text ?? '').replace(/[\s\u00a0%]/g, '');
  if (t === '') return null;
  return /^-?\d+(?:[.,]\d+)?$/.test(t) ? Number(t.replace(',', '.')) : t;
}

/** A share is typed as percent; the API takes the fraction. Rounded so 91,5 % is 0.915, not 0.9150000000000001. */
const fromInput = (n: number, unit: string) => (unit === 'share' ? Math.round(n * 1e6) / 1e8 : n);

const numberIssue = (path: string, unit: string): FieldIssue =>
  ({ path, message: unit === 'share' ? 'Ange procent som ett tal, t.ex. 91 eller 91,5.' : 'Ange värdet som ett tal, t.ex. 12 eller 12,5.' });

async function load(c: Ctx, id: number) {
  const goal = await goalDetail(c.var.db, c.env.DB, id, today(), { members: 0, measurementRecords: true });
  return goal && { goal, measurements: goal.measurementRecords ?? [] };
}

const notices: Record<string, string> = {
  sparat: 'Ändringarna är sparade.',
  ogonblicksbild: 'Ögonblicksbilden är tagen: alla måls värden i dag är sparade.',
};
const noticeOf = (c: Ctx) => Object.entries(notices).find(([k]) => c.req.query(k) !== undefined)?.[1];

async function adminPage(c: Ctx, id: number, failure?: AdminFailure, status: 200 | 400 | 409 = 200) {
  const loaded = await load(c, id);
  if (!loaded) return notFoundPage(c);
  return page(c, `Hantera målet – ${loaded.goal.title}`, undefined,
    <GoalAdminPage goal={loaded.goal} measurements={loaded.measurements} today={today()} notice={noticeOf(c)} failure={failure} />, status);
}

/** After a failed form: the page again, the form's values and errors in place. */
function again(c: Ctx, id: number, form: AdminForm, values: FormValues, outcome: Failure, replace?: AdminFailure['replace']) {
  if (outcome.status === 404) return notFoundPage(c);
  const failure: AdminFailure = outcome.status === 400
    ? { form, values, issues: outcome.issues, error: outcome.issues.length ? undefined : outcome.error }
    : { form, values, issues: [], error: replace ? undefined : outcome.error, replace };
  return adminPage(c, id, failure, outcome.status === 400 ? 400 : 409);
}

const done = (c: Ctx, id: number, notice = 'sparat') => c.redirect(`/mal/${id}/hantera?${notice}`, 303);

async function posted(c: Ctx, spec: FormSpec) {
  const form = await c.req.parseBody();
  return { form, ...formInput(form, spec) };
}

/** The goal's unit and type, for turning form text into the API's values. */
const kindOf = async (c: Ctx, id: number) =>
  (await c.var.db.select({ type: goal.type, unit: goal.unit }).from(goal).where(eq(goal.id, id)))[0];

export const goalAdminPages = new Hono<AppEnv>()
  .get('/mal/:id{[0-9]+}/hantera', allow('admin'), async (c) => {
    const id = pathId(c);
    return id === undefined ? notFoundPage(c) : adminPage(c, id);
  })
  .post('/mal/:id{[0-9]+}/hantera/matvarde', allow('admin'), async (c) => {
    const id = pathId(c);
    if (id === undefined) return notFoundPage(c);
    const { input, values } = await posted(c, { period: 'date', value: 'text', comment: 'text', version: 'optionalInteger' });
    const unit = (await kindOf(c, id))?.unit;
    if (!unit) return notFoundPage(c);
    const value = number(values.value);
    const issues: FieldIssue[] = [];
    if (input.period === null) issues.push({ path: 'period', message: 'Ange perioden.' });
    if (value === null) issues.push({ path: 'value', message: 'Ange värdet.' });
    else if (typeof value === 'string') issues.push(numberIssue('value', unit));
    if (issues.length) return again(c, id, 'measurement', values, { ok: false, status: 400, error: '', issues });
    if (input.version === null) delete input.version;
    const outcome: Outcome<unknown> = await addMeasurement(c.var.db, c.var.actor, id, { ...input, value: fromInput(value as number, unit) });
    if (outcome.ok) return done(c, id);
    // A value exists for the period and no version came with the form: offer to replace it.
    const replace = outcome.status === 409 && input.version === undefined
      ? (await measurementsOf(c.var.db, id)).find((m) => m.period === input.period) : undefined;
    return again(c, id, 'measurement', values, outcome, replace);
  })
  .post('/mal/:id{[0-9]+}/hantera/klar', allow('admin'), async (c) => {
    const id = pathId(c);
    if (id === undefined) return notFoundPage(c);
    const { form, input, values } = await posted(c, { doneOn: 'date', version: 'integer' });
    if (form.done === 'nej') input.doneOn = null;
    else if (input.doneOn === null) return again(c, id, 'done', values, { ok: false, status: 400, error: '', issues: [{ path: 'doneOn', message: 'Ange datumet då milstolpen blev klar.' }] });
    const outcome = await updateGoal(c.var.db, c.env.DB, c.var.actor, id, input, today());
    return outcome.ok ? done(c, id) : again(c, id, 'done', values, outcome);
  })
  .post('/mal/:id{[0-9]+}/hantera/offentlig', allow('admin'), async (c) => {
    const id = pathId(c);
    if (id === undefined) return notFoundPage(c);
    const { form, input, values } = await posted(c, { version: 'integer' });
    const outcome = await updateGoal(c.var.db, c.env.DB, c.var.actor, id, { ...input, public: form.public === 'ja' }, today());
    return outcome.ok ? done(c, id) : again(c, id, 'public', values, outcome);
  })
  .post('/mal/:id{[0-9]+}/hantera/andra', allow('admin'), async (c) => {
    const id = pathId(c);
    if (id === undefined) return notFoundPage(c);
    const { form, input, values } = await posted(c, { title: 'text', deadline: 'date', version: 'integer' });
    const kind = await kindOf(c, id);
    if (!kind) return notFoundPage(c);
    values.target = typeof form.target === 'string' ? form.target : '';
    values.definition = typeof form.definition === 'string' ? form.definition : '';
    const issues: FieldIssue[] = [];
    if (kind.type !== 'milestone') {
      const target = number(values.target);
      if (typeof target === 'string') issues.push(numberIssue('target', kind.unit));
      else input.target = target === null ? null : fromInput(target, kind.unit);
    }
    if (kind.type === 'computed') {
      try {
        input.definition = values.definition.trim() === '' ? null : JSON.parse(values.definition);
      } catch (error) {
        issues.push({ path: 'definition', message: `Definitionen är inte giltig JSON (${(error as Error).message}).` });
      }
    }
    if (issues.length) return again(c, id, 'edit', values, { ok: false, status: 400, error: '', issues });
    const outcome = await updateGoal(c.var.db, c.env.DB, c.var.actor, id, input, today());
    return outcome.ok ? done(c, id) : again(c, id, 'edit', values, outcome);
  })
  .post('/mal/:id{[0-9]+}/hantera/ogonblicksbild', allow('admin'), async (c) => {
    const id = pathId(c);
    if (id === undefined) return notFoundPage(c);
    await takeSnapshot(c.var.db, c.env.DB, today(), c.var.actor);
    return done(c, id, 'ogonblicksbild');
  });
