import { Hono, type Context } from 'hono';
import { ActionForm, ActionPage, ActionPlanPage } from '../../web/goals/actions.tsx';
import { ConfirmDelete, PageHeader } from '../../web/components/page.tsx';
import { allow } from '../access/permissions.ts';
import type { AppEnv } from '../env.ts';
import { formInput, type FormSpec, type FormValues } from '../forms.ts';
import { deleteVersion, failureJson, jsonBody, missing, pathId, query, respond } from '../http.ts';
import type { Failure, Outcome } from '../outcome.ts';
import { formFailure, notFoundPage, page, redirectNotice } from '../pages.tsx';
import { validate } from '../validation.ts';
import { actionListQuery, matchesFilter } from './action-plan.ts';
import { actionFormChoices, findAction, listActions, type ActionDetail } from './action-queries.ts';
import { today } from '../clock.ts';
import { addActionNote, createAction, deleteAction, updateAction } from './actions.ts';

type Ctx = Context<AppEnv>;
const db = (c: Ctx) => c.var.db;

const withId = (what: string, run: (c: Ctx, id: number) => Promise<Outcome<unknown>>, status: 200 | 201 = 200) => async (c: Ctx) => {
  const id = pathId(c);
  return respond(c, id === undefined ? missing(what) : await run(c, id), status);
};

const spec: FormSpec = {
  title: 'text', description: 'text', due: 'choice', status: 'text', ownerId: 'optionalInteger', ownerText: 'text', strategyId: 'optionalInteger', version: 'integer',
};

/** The posted form as the API's input; several checked goals arrive as a list. */
async function posted(c: Ctx, editing: boolean) {
  const body = await c.req.parseBody({ all: true });
  const single = Object.fromEntries(Object.entries(body).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const { input, values } = formInput(single, spec);
  const raw = body.goalIds;
  const goalIds = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).filter((g): g is string => typeof g === 'string');
  input.goalIds = goalIds.map((g) => (/^\d{1,15}$/.test(g) ? Number(g) : g));
  if (input.strategyId === null || editing) delete input.strategyId;
  if (!editing) delete input.version;
  return { input, values, goalIds };
}

const valuesOf = (a: ActionDetail): FormValues => ({
  title: a.title, description: a.description, due: a.due ?? '', status: a.status, ownerId: a.ownerId === null ? '' : String(a.ownerId), ownerText: a.ownerText,
});

const notices = { sparat: 'Ändringarna är sparade.', borttaget: 'Aktiviteten är borttagen.', antecknat: 'Anteckningen är sparad.' } as const;
const notice = (c: Ctx) => redirectNotice(c, notices);

const isAdmin = (c: Ctx) => c.var.actor.role === 'admin';

async function formPage(c: Ctx, title: string, target: string, props: {
  values: FormValues; goalIds: string[]; strategyId?: number; version?: number; fail?: ReturnType<typeof formFailure>; back?: { href: string; label: string };
}, status: 200 | 400 | 403 | 404 | 409 = 200) {
  const choices = await actionFormChoices(db(c));
  return page(c, title, '/handlingsplan', <>
    <PageHeader title={title} crumbs={[{ href: '/handlingsplan', label: 'Handlingsplan' }, ...(props.back ? [props.back] : [])]}
      lead={props.version === undefined ? 'En aktivitet i handlingsplanen: vad som ska göras, när, av vem och vilka mål den bidrar till.' : undefined} />
    <ActionForm action={target} values={props.values} goalIds={props.goalIds} choices={choices}
      strategyId={props.strategyId ?? (choices.strategies.length === 1 ? choices.strategies[0]!.id : undefined)}
      version={props.version} {...props.fail} />
    {status === 409 && <p><a href={target}>Läs in de aktuella uppgifterna</a></p>}
  </>, status);
}

/**
 * The action plan (handlingsplan, strategy section 10 and appendix G): the JSON API under
 * `/api/v1/actions` and the pages under `/handlingsplan`, running the same commands.
 * Everyone signed in reads it; the IT directors' group (administrators) keeps it.
 */
export const actionRoutes = new Hono<AppEnv>()
  /** `GET /api/v1/actions?status=planned|ongoing|done|cancelled|open|overdue&strategy=<id>`, sorted by due. */
  .get('/api/v1/actions', allow('read'), async (c) => {
    const filter = query(c, actionListQuery);
    if (!filter.ok) return failureJson(c, filter);
    const day = today();
    const list = await listActions(db(c), day, { strategy: filter.value.strategy });
    return c.json(list.filter((a) => matchesFilter(a, filter.value.status, day)));
  })
  .post('/api/v1/actions', allow('admin'), async (c) => {
    const body = await jsonBody(c);
    return respond(c, body.ok ? await createAction(db(c), c.var.actor, body.value) : body, 201);
  })
  .get('/api/v1/actions/:id', allow('read'), withId('Aktiviteten', async (c, id) => {
    const found = await findAction(db(c), id, today());
    return found ? { ok: true, value: found } : missing('Aktiviteten');
  }))
  .patch('/api/v1/actions/:id', allow('admin'), withId('Aktiviteten', async (c, id) => {
    const body = await jsonBody(c);
    return body.ok ? updateAction(db(c), c.var.actor, id, body.value) : body;
  }))
  .delete('/api/v1/actions/:id', allow('admin'), withId('Aktiviteten', async (c, id) => {
    const version = deleteVersion(c);
    return version.ok ? deleteAction(db(c), c.var.actor, id, version.value) : version;
  }))
  /** `POST /api/v1/actions/:id/notes { text, on? }`: a progress note; answers with the activity and its notes. */
  .post('/api/v1/actions/:id/notes', allow('admin'), withId('Aktiviteten', async (c, id) => {
    const body = await jsonBody(c);
    return body.ok ? addActionNote(db(c), c.var.actor, id, body.value) : body;
  }, 201))

  .get('/handlingsplan', allow('read'), async (c) => {
    const raw = c.req.query('status') ?? '';
    const parsed = validate(actionListQuery, raw === '' ? {} : { status: raw });
    const day = today();
    const all = await listActions(db(c), day);
    const filter = parsed.ok ? parsed.value.status : undefined;
    const shown = all.filter((a) => matchesFilter(a, filter, day));
    const filterError = parsed.ok ? undefined : 'Välj en av statusarna i listan.';
    return page(c, 'Handlingsplan', '/handlingsplan',
      <ActionPlanPage all={all} shown={shown} filter={raw} admin={isAdmin(c)} notice={notice(c)} filterError={filterError} strategyName={all[0]?.strategyName} />,
      parsed.ok ? 200 : 400);
  })
  .get('/handlingsplan/ny', allow('admin'), (c) => formPage(c, 'Lägg till aktivitet', '/handlingsplan/ny', { values: { status: 'planned' }, goalIds: [] }))
  .post('/handlingsplan/ny', allow('admin'), async (c) => {
    const { input, values, goalIds } = await posted(c, false);
    const outcome = await createAction(db(c), c.var.actor, input);
    if (outcome.ok) return c.redirect(`/handlingsplan/${outcome.value.id}?sparat`, 303);
    return formPage(c, 'Lägg till aktivitet', '/handlingsplan/ny', { values, goalIds, fail: formFailure(outcome) }, outcome.status === 400 || outcome.status === 409 ? outcome.status : 400);
  })
  .get('/handlingsplan/:id{[0-9]+}', allow('read'), async (c) => {
    const id = pathId(c);
    const found = id === undefined ? undefined : await findAction(db(c), id, today());
    if (!found) return notFoundPage(c);
    return page(c, found.title, '/handlingsplan', <ActionPage action={found} admin={isAdmin(c)} notice={notice(c)} />);
  })
  .get('/handlingsplan/:id{[0-9]+}/andra', allow('admin'), async (c) => {
    const id = pathId(c);
    const found = id === undefined ? undefined : await findAction(db(c), id, today());
    if (!found) return notFoundPage(c);
    return formPage(c, `Ändra ${found.title}`, `/handlingsplan/${found.id}/andra`, {
      values: valuesOf(found), goalIds: found.goalIds.map(String), strategyId: found.strategyId, version: found.version,
      back: { href: `/handlingsplan/${found.id}`, label: found.title },
    });
  })
  .post('/handlingsplan/:id{[0-9]+}/andra', allow('admin'), async (c) => {
    const id = pathId(c);
    if (id === undefined) return notFoundPage(c);
    const { input, values, goalIds } = await posted(c, true);
    const outcome = await updateAction(db(c), c.var.actor, id, input);
    if (outcome.ok) return c.redirect(`/handlingsplan/${id}?sparat`, 303);
    if (outcome.status === 404) return notFoundPage(c);
    const current = await findAction(db(c), id, today());
    return formPage(c, 'Ändra aktiviteten', `/handlingsplan/${id}/andra`, {
      values, goalIds, strategyId: current?.strategyId, version: Number(values.version) || current?.version || 1, fail: formFailure(outcome),
      back: { href: `/handlingsplan/${id}`, label: current?.title ?? 'Aktiviteten' },
    }, outcome.status === 409 ? 409 : 400);
  })
  .get('/handlingsplan/:id{[0-9]+}/ta-bort', allow('admin'), async (c) => {
    const id = pathId(c);
    const found = id === undefined ? undefined : await findAction(db(c), id, today());
    if (!found) return notFoundPage(c);
    return page(c, 'Ta bort aktivitet', '/handlingsplan', <>
      <PageHeader title={`Ta bort ${found.title}`} crumbs={[{ href: '/handlingsplan', label: 'Handlingsplan' }, { href: `/handlingsplan/${found.id}`, label: found.title }]} />
      <p>Blir aktiviteten inte av? <a href={`/handlingsplan/${found.id}/andra`}>Sätt den som inställd</a> i stället, så finns den och dess anteckningar kvar i planen.</p>
      <ConfirmDelete action={`/handlingsplan/${found.id}/ta-bort`} version={found.version} what={`aktiviteten ”${found.title}”${found.notes.length === 0 ? '' : found.notes.length === 1 ? ' och dess anteckning' : ` och dess ${found.notes.length} anteckningar`}`} back={`/handlingsplan/${found.id}`} />
    </>);
  })
  .post('/handlingsplan/:id{[0-9]+}/ta-bort', allow('admin'), async (c) => {
    const id = pathId(c);
    if (id === undefined) return notFoundPage(c);
    const form = await c.req.parseBody();
    const version = Number(form.version);
    const outcome = await deleteAction(db(c), c.var.actor, id, Number.isInteger(version) && version > 0 ? version : undefined);
    if (outcome.ok) return c.redirect('/handlingsplan?borttaget', 303);
    if (outcome.status === 404) return notFoundPage(c);
    return page(c, 'Det gick inte att ta bort', '/handlingsplan', <>
      <PageHeader title="Det gick inte att ta bort" />
      <p role="alert">{outcome.error}</p>
      <p><a href={`/handlingsplan/${id}`}>Tillbaka</a></p>
    </>, outcome.status);
  })
  .post('/handlingsplan/:id{[0-9]+}/anteckningar', allow('admin'), async (c) => {
    const id = pathId(c);
    if (id === undefined) return notFoundPage(c);
    const form = await c.req.parseBody();
    const { input, values } = formInput(form, { text: 'text', on: 'date' });
    if (input.on === null) delete input.on;
    const outcome = await addActionNote(db(c), c.var.actor, id, input);
    if (outcome.ok) return c.redirect(`/handlingsplan/${id}?antecknat#anteckningar`, 303);
    if (outcome.status === 404) return notFoundPage(c);
    const found = await findAction(db(c), id, today());
    if (!found) return notFoundPage(c);
    return page(c, found.title, '/handlingsplan',
      <ActionPage action={found} admin={isAdmin(c)} note={{ actionId: id, values, ...formFailure(outcome) }} />, outcome.status === 409 ? 409 : 400);
  });
