import { Hono, type Context } from 'hono';
import { CalendarLinkCreated, CalendarPage } from '../../web/changes/calendar.tsx';
import { ChangeDetail, ChangeForm, type ChangeFormValues } from '../../web/changes/change-form.tsx';
import { FreezeRuleForm, FreezeRulesPage } from '../../web/changes/freeze-rules.tsx';
import { abilities, allow, permissions } from '../access/permissions.ts';
import { hashToken } from '../access/tokens.ts';
import { today } from '../clock.ts';
import type { AppEnv } from '../env.ts';
import { pathId, routeId } from '../http.ts';
import type { Outcome } from '../outcome.ts';
import { notFoundPage, page, redirectNotice } from '../pages.tsx';
import { feedEvents, feedRange } from './calendar-feed.ts';
import { createCalendarLink, markUsed, revokeCalendarLink } from './calendar-links.ts';
import { calendarQueries, calendarView, changeFormChoices, feedData, findChange, findFreezeRule, listFreezeRules, type PlannedChange } from './change-queries.ts';
import { deleteFreezeRule, createFreezeRule, updateFreezeRule } from './freeze-rules.ts';
import { icalendar } from './icalendar.ts';
import { monthGrid } from './month-grid.ts';
import { changeRefusal, createChange, decideException, deleteChange, updateChange } from './planned-changes.ts';

type Ctx = Context<AppEnv>;
type Form = Record<string, unknown>;

const str = (form: Form, name: string) => (typeof form[name] === 'string' ? (form[name] as string) : '');
const formVersion = (form: Form) => (/^\d+$/.test(str(form, 'version')) ? Number(str(form, 'version')) : undefined);
const failStatus = (outcome: Outcome<unknown>) => (outcome.ok ? 200 : outcome.status === 400 ? 400 : outcome.status === 404 ? 404 : outcome.status === 403 ? 403 : 409);

/** Issues at nested paths ("exception.rollbackPlan") land at their form field. */
const atFields = (outcome: Outcome<unknown>) =>
  outcome.ok ? { issues: [] } : outcome.status === 400
    ? { issues: outcome.issues.map((i) => ({ ...i, path: i.path.split('.').at(-1) ?? '' })), error: outcome.issues.length ? undefined : outcome.error }
    : { issues: [], error: outcome.error };

const changeFieldNames = ['title', 'description', 'startsOn', 'endsOn', 'environment', 'municipality', 'installationId', 'riskClass', 'riskAssessment', 'rollbackPlan'];

/**
 * The change form as the API's input. Exception texts left as they were are not a new
 * request (which would ask for approval again); emptied on a change that had them, they
 * withdraw it.
 */
function changeInput(form: Form, before?: PlannedChange) {
  const values: ChangeFormValues = Object.fromEntries(changeFieldNames.map((n) => [n, str(form, n)]));
  const optional = (text: string) => (text.trim() === '' ? null : text.trim());
  const input: Record<string, unknown> = {
    title: values.title, description: values.description, startsOn: values.startsOn!.trim(), endsOn: optional(values.endsOn!),
    environment: values.environment, municipality: optional(values.municipality!), riskClass: values.riskClass,
    installationId: /^\d+$/.test(values.installationId!.trim()) ? Number(values.installationId) : optional(values.installationId!),
  };
  const risk = values.riskAssessment!.trim();
  const rollback = values.rollbackPlan!.trim();
  const unchanged = before && before.exceptionStatus !== 'none' && risk === before.riskAssessment && rollback === before.rollbackPlan;
  if (risk || rollback) { if (!unchanged) input.exception = { riskAssessment: risk, rollbackPlan: rollback }; }
  else if (before && before.exceptionStatus !== 'none') input.exception = null;
  const version = formVersion(form);
  if (version !== undefined) input.version = version;
  return { input, values };
}

const changeValues = (c: PlannedChange): ChangeFormValues => ({
  title: c.title, description: c.description, startsOn: c.startsOn, endsOn: c.endsOn ?? '', environment: c.environment,
  municipality: c.municipality ?? '', installationId: c.installationId === null ? '' : String(c.installationId), riskClass: c.riskClass,
  riskAssessment: c.riskAssessment, rollbackPlan: c.rollbackPlan,
});

const ruleFieldNames = ['name', 'reason', 'scope', 'kind', 'fromWeek', 'toWeek', 'fromMonthDay', 'toMonthDay', 'fromDate', 'toDate'];

/** Only the fields of the chosen kind are sent; the others are left out. */
function ruleInput(form: Form) {
  const values = Object.fromEntries(ruleFieldNames.map((n) => [n, str(form, n)]));
  const kind = values.kind!;
  const timing: Record<string, string[]> = { weeks: ['fromWeek', 'toWeek'], yearly: ['fromMonthDay', 'toMonthDay'], window: ['fromDate', 'toDate'] };
  const input: Record<string, unknown> = { name: values.name, reason: values.reason, scope: values.scope, kind };
  for (const field of timing[kind] ?? []) {
    const text = values[field]!.trim();
    input[field] = text === '' ? null : kind === 'weeks' && /^\d+$/.test(text) ? Number(text) : text;
  }
  const version = formVersion(form);
  if (version !== undefined) input.version = version;
  return { input, values };
}

const ruleValues = (r: NonNullable<Awaited<ReturnType<typeof findFreezeRule>>>) => Object.fromEntries(ruleFieldNames.map((n) => {
  const v = r[n as keyof typeof r];
  return [n, v === null || v === undefined ? '' : String(v)];
}));

const currentMonth = (day: string) => day.slice(0, 7);

async function calendarPage(c: Ctx, notice?: string) {
  const day = today();
  const asked = c.req.query('manad') ?? '';
  const month = /^\d{4}-(0[1-9]|1[0-2])$/.test(asked) && asked >= '2000-01' && asked <= '2099-12' ? asked : currentMonth(day);
  const weeks = monthGrid(month);
  const actor = c.var.actor;
  // One round trip: the rules, the shown weeks' changes, the next 50 and the viewer's calendar link.
  const range = { from: weeks[0]!.days[0]!.date, to: weeks.at(-1)!.days[6]!.date };
  const { rules, monthChanges, upcoming, link } = calendarView(await c.var.db.batch(calendarQueries(c.var.db, range, day, 50, actor.userId)));
  return page(c, `Ändringskalender ${month}`, '/andringar', (
    <CalendarPage month={month} today={day} rules={rules} monthChanges={monthChanges} upcoming={upcoming}
      canPlan={permissions.changes(actor)} isAdmin={abilities(actor).admin} link={link} notice={notice} />
  ));
}

const mayPlanIn = (c: Ctx) => (code: string) => changeRefusal(c.var.actor, code) === undefined;

async function changeFormPage(c: Ctx, action: string, values: ChangeFormValues, shown: { issues: { path: string; message: string }[]; error?: string }, status: 200 | 400 | 403 | 404 | 409, change?: PlannedChange) {
  const choices = await changeFormChoices(c.var.db);
  return page(c, change ? `Ändra ${change.title}` : 'Planera ändring', '/andringar',
    <ChangeForm action={action} values={values} choices={choices} change={change} allowed={mayPlanIn(c)} isAdmin={c.var.actor.role === 'admin'} {...shown} />, status);
}

const changeNotices = { sparat: 'Ändringen är sparad.', godkant: 'Undantaget är godkänt.', avslaget: 'Undantaget är avslaget.' };

/**
 * The change calendar's pages: `/andringar` (month view, upcoming changes, calendar link),
 * changes, freeze periods, and the calendar feed `/kalender/<token>.ics`.
 */
export const changePages = new Hono<AppEnv>()
  .get('/andringar', allow('read'), (c) => calendarPage(c, redirectNotice(c, { borttagen: 'Ändringen är borttagen.', aterkallad: 'Kalenderlänken är återkallad.' })))
  .get('/andringar/ny', allow('changes'), (c) => changeFormPage(c, '/andringar/ny', { startsOn: c.req.query('datum') ?? '' }, { issues: [] }, 200))
  .post('/andringar/ny', allow('changes'), async (c) => {
    const { input, values } = changeInput(await c.req.parseBody());
    const outcome = await createChange(c.var.db, c.var.actor, input);
    if (outcome.ok) return c.redirect(`/andringar/${outcome.value.id}?sparat`, 303);
    return changeFormPage(c, '/andringar/ny', values, atFields(outcome), failStatus(outcome));
  })
  .get('/andringar/:id{[0-9]+}', allow('read'), async (c) => {
    const id = pathId(c);
    const change = id === undefined ? undefined : await findChange(c.var.db, id);
    if (!change) return notFoundPage(c);
    return page(c, change.title, '/andringar', (
      <ChangeDetail change={change} canEdit={changeRefusal(c.var.actor, change.municipality) === undefined} canDecide={abilities(c.var.actor).admin}
        notice={redirectNotice(c, changeNotices)} />
    ));
  })
  .get('/andringar/:id{[0-9]+}/andra', allow('changes'), async (c) => {
    const id = pathId(c);
    const change = id === undefined ? undefined : await findChange(c.var.db, id);
    if (!change) return notFoundPage(c);
    return changeFormPage(c, `/andringar/${change.id}/andra`, changeValues(change), { issues: [] }, 200, change);
  })
  .post('/andringar/:id{[0-9]+}/andra', allow('changes'), async (c) => {
    const id = routeId(c);
    const change = await findChange(c.var.db, id);
    if (!change) return notFoundPage(c);
    const { input, values } = changeInput(await c.req.parseBody(), change);
    const outcome = await updateChange(c.var.db, c.var.actor, id, input);
    if (outcome.ok) return c.redirect(`/andringar/${id}?sparat`, 303);
    return changeFormPage(c, `/andringar/${id}/andra`, values, atFields(outcome), failStatus(outcome), change);
  })
  .post('/andringar/:id{[0-9]+}/ta-bort', allow('changes'), async (c) => {
    const outcome = await deleteChange(c.var.db, c.var.actor, routeId(c), formVersion(await c.req.parseBody()));
    if (outcome.ok) return c.redirect('/andringar?borttagen', 303);
    return page(c, 'Det gick inte att ta bort', '/andringar', <p>{outcome.error}</p>, failStatus(outcome));
  })
  /** The IT directors' group approves or rejects a requested exception. */
  .post('/andringar/:id{[0-9]+}/undantag', allow('admin'), async (c) => {
    const id = routeId(c);
    const form = await c.req.parseBody();
    const outcome = await decideException(c.var.db, c.var.actor, id, { version: formVersion(form), decision: str(form, 'decision') });
    if (outcome.ok) return c.redirect(`/andringar/${id}?${outcome.value.exceptionStatus === 'approved' ? 'godkant' : 'avslaget'}`, 303);
    const change = await findChange(c.var.db, id);
    if (!change) return notFoundPage(c);
    const error = outcome.status === 400 ? outcome.issues.map((i) => i.message).join(' ') || outcome.error : outcome.error;
    return page(c, change.title, '/andringar', <ChangeDetail change={change} canEdit={changeRefusal(c.var.actor, change.municipality) === undefined} canDecide error={error} />, failStatus(outcome));
  })
  .get('/andringar/frysperioder', allow('read'), async (c) =>
    page(c, 'Frysperioder', '/andringar', <FreezeRulesPage rules={await listFreezeRules(c.var.db, today())} canChange={abilities(c.var.actor).admin}
      notice={redirectNotice(c, { sparat: 'Frysperioden är sparad.', borttagen: 'Frysperioden är borttagen.' })} />))
  .get('/andringar/frysperioder/ny', allow('admin'), (c) =>
    page(c, 'Ny frysperiod', '/andringar', <FreezeRuleForm action="/andringar/frysperioder/ny" values={{ scope: 'all' }} issues={[]} />))
  .post('/andringar/frysperioder/ny', allow('admin'), async (c) => {
    const { input, values } = ruleInput(await c.req.parseBody());
    const outcome = await createFreezeRule(c.var.db, c.var.actor, input, today());
    if (outcome.ok) return c.redirect('/andringar/frysperioder?sparat', 303);
    return page(c, 'Ny frysperiod', '/andringar', <FreezeRuleForm action="/andringar/frysperioder/ny" values={values} {...atFields(outcome)} />, failStatus(outcome));
  })
  .get('/andringar/frysperioder/:id{[0-9]+}', allow('admin'), async (c) => {
    const id = pathId(c);
    const rule = id === undefined ? undefined : await findFreezeRule(c.var.db, id, today());
    if (!rule) return notFoundPage(c);
    return page(c, `Ändra ${rule.name}`, '/andringar', <FreezeRuleForm action={`/andringar/frysperioder/${rule.id}`} values={ruleValues(rule)} issues={[]} rule={rule} />);
  })
  .post('/andringar/frysperioder/:id{[0-9]+}', allow('admin'), async (c) => {
    const id = routeId(c);
    const rule = await findFreezeRule(c.var.db, id, today());
    if (!rule) return notFoundPage(c);
    const { input, values } = ruleInput(await c.req.parseBody());
    const outcome = await updateFreezeRule(c.var.db, c.var.actor, id, input, today());
    if (outcome.ok) return c.redirect('/andringar/frysperioder?sparat', 303);
    return page(c, `Ändra ${rule.name}`, '/andringar', <FreezeRuleForm action={`/andringar/frysperioder/${id}`} values={values} rule={rule} {...atFields(outcome)} />, failStatus(outcome));
  })
  .post('/andringar/frysperioder/:id{[0-9]+}/ta-bort', allow('admin'), async (c) => {
    const outcome = await deleteFreezeRule(c.var.db, c.var.actor, routeId(c), formVersion(await c.req.parseBody()));
    if (outcome.ok) return c.redirect('/andringar/frysperioder?borttagen', 303);
    return page(c, 'Det gick inte att ta bort', '/andringar', <p>{outcome.error}</p>, failStatus(outcome));
  })
  /** A new personal calendar link, shown once on the answer page (not after a redirect, where it would have to be stored). */
  .post('/andringar/kalenderlank', allow('read'), async (c) => {
    const created = await createCalendarLink(c.var.db, c.var.actor);
    if (!created.ok) return page(c, 'Det gick inte', '/andringar', <p>{created.error}</p>, failStatus(created));
    c.header('Cache-Control', 'no-store');
    return page(c, 'Din kalenderlänk', '/andringar', <CalendarLinkCreated url={new URL(created.value.path, c.req.url).toString()} />);
  })
  .post('/andringar/kalenderlank/aterkalla', allow('read'), async (c) => {
    const outcome = await revokeCalendarLink(c.var.db, c.var.actor);
    if (outcome.ok || outcome.status === 404) return c.redirect('/andringar?aterkallad#kalender', 303);
    return page(c, 'Det gick inte', '/andringar', <p>{outcome.error}</p>, failStatus(outcome));
  })
  /**
   * The iCalendar feed. Public on purpose: calendar apps cannot sign in, so the personal
   * token in the path is the credential (only its hash is stored; revoked links get 404).
   */
  .get('/kalender/:file', allow('public'), async (c) => {
    const token = /^([a-z2-7]{32})\.ics$/.exec(c.req.param('file'))?.[1];
    if (!token) return c.text('Kalenderlänken finns inte.', 404);
    const day = today();
    const data = await feedData(c.var.db, hashToken(token), feedRange(day));
    if (data.linkId === undefined) return c.text('Kalenderlänken finns inte eller är återkallad.', 404);
    c.executionCtx.waitUntil(markUsed(c.var.db, data.linkId).then(() => undefined));
    const origin = new URL(c.req.url).origin;
    return c.body(icalendar('Ändringskalender – Samverkansplattformen', feedEvents(data, day, origin), new Date()), 200, {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Cache-Control': 'private, max-age=900',
    });
  });
