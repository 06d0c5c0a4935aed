import { Hono, type Context } from 'hono';
import * as v from 'valibot';
import { initiativeStages } from '../../schema/initiatives.ts';
import { gateValues, InitiativeBoard, InitiativePage, NewInitiativeForm, type DetailProps } from '../../web/initiatives/pages.tsx';
import { allow, permissions } from '../access/permissions.ts';
import { today } from '../clock.ts';
import type { AppEnv } from '../env.ts';
import { kronorToOre } from '../forms.ts';
import { failureJson, jsonBody, missing, pathId, query, respond, routeId } from '../http.ts';
import type { FieldIssue, Outcome } from '../outcome.ts';
import { formFailure, notFoundPage, page } from '../pages.tsx';
import { advanceInitiative, answerInitiative, createInitiative, mayAnswerFor, mayMove, returnInitiative, updateInitiative } from './commands.ts';
import { batchAll } from '../portfolio/batch.ts';
import { choicesView, findInitiative, formChoiceQueries, formChoices, initiativeDetail, initiativeQueries, listInitiatives, type FormChoices, type InitiativeDetail } from './queries.ts';

type Ctx = Context<AppEnv>;

export const listFilter = v.object({ stage: v.optional(v.picklist(initiativeStages, `Okänt steg. Välj en av: ${initiativeStages.join(', ')}.`)) });
const codePattern = /^\d{4}$/;

/**
 * Introduction of new applications (strategy appendix F). Everyone reads; editors start and
 * move their own municipality's initiatives and answer for their own municipality,
 * administrators everything — the scope is checked by the commands.
 */
export const initiativeApi = new Hono<AppEnv>()
  .get('/initiatives', allow('read'), async (c) => {
    const filter = query(c, listFilter);
    return filter.ok ? c.json(await listInitiatives(c.var.db, today(), filter.value)) : failureJson(c, filter);
  })
  .post('/initiatives', allow('register'), async (c) => {
    const body = await jsonBody(c);
    return respond(c, body.ok ? await createInitiative(c.var.db, c.var.actor, body.value, today()) : body, 201);
  })
  .get('/initiatives/:id', allow('read'), async (c) => {
    const id = pathId(c);
    const found = id === undefined ? undefined : await findInitiative(c.var.db, id, today());
    return found ? c.json(found) : failureJson(c, missing('Initiativet'));
  })
  .patch('/initiatives/:id', allow('register'), async (c) => {
    const id = pathId(c);
    if (id === undefined) return failureJson(c, missing('Initiativet'));
    const body = await jsonBody(c);
    return respond(c, body.ok ? await updateInitiative(c.var.db, c.var.actor, id, body.value, today()) : body);
  })
  .post('/initiatives/:id/advance', allow('register'), async (c) => {
    const id = pathId(c);
    if (id === undefined) return failureJson(c, missing('Initiativet'));
    const body = await jsonBody(c);
    return respond(c, body.ok ? await advanceInitiative(c.var.db, c.var.actor, id, body.value, today()) : body);
  })
  .post('/initiatives/:id/return', allow('register'), async (c) => {
    const id = pathId(c);
    if (id === undefined) return failureJson(c, missing('Initiativet'));
    const body = await jsonBody(c);
    return respond(c, body.ok ? await returnInitiative(c.var.db, c.var.actor, id, body.value, today()) : body);
  })
  .put('/initiatives/:id/answers/:code', allow('register'), async (c) => {
    const id = pathId(c);
    const code = c.req.param('code');
    if (id === undefined) return failureJson(c, missing('Initiativet'));
    if (!codePattern.test(code)) return failureJson(c, missing('Kommunen'));
    const body = await jsonBody(c);
    return respond(c, body.ok ? await answerInitiative(c.var.db, c.var.actor, id, code, body.value, today()) : body);
  });

// ---- Pages ----

const str = (form: Record<string, unknown>, name: string) => (typeof form[name] === 'string' ? (form[name] as string) : '');
const costNames = ['investmentOre', 'operationOrePerYear', 'trainingOre', 'routineChangeOre', 'benefitOrePerYear'] as const;
const textNames = ['purpose', 'preStudySummary', 'benefitNote', 'decisionBody', 'decisionReference', 'requirementsReference',
  'procurementReference', 'supplierAgreementReference', 'operatingAgreementReference', 'note'] as const;
const choiceNames = ['decisionDate', 'procurementRoute', 'operatingAgreementDate'] as const;

/**
 * A posted form as the API's input: only the fields the form has are sent (a stage's gate
 * form carries its own), kronor become öre, empty costs and dates become null (not estimated).
 */
function formBody(form: Record<string, unknown>) {
  const values: Record<string, string> = {};
  const input: Record<string, unknown> = {};
  const issues: FieldIssue[] = [];
  for (const name of Object.keys(form)) values[name] = str(form, name);
  for (const name of textNames) if (name in form) input[name] = values[name];
  for (const name of choiceNames) if (name in form) input[name] = values[name]!.trim() === '' ? null : values[name]!.trim();
  for (const name of costNames) {
    if (!(name in form)) continue;
    const text = values[name]!.trim();
    if (text === '') { input[name] = null; continue; }
    const ore = kronorToOre(text);
    if (ore === undefined) issues.push({ path: name, message: 'Ange beloppet i hela kronor, t.ex. 250 000 eller 12 500,50.' });
    else input[name] = ore;
  }
  if ('productId' in form) input.productId = /^\d+$/.test(values.productId!.trim()) ? Number(values.productId) : null;
  if (/^\d+$/.test(values.version ?? '')) input.version = Number(values.version);
  if ('toStage' in form) input.toStage = values.toStage;
  return { input, values, issues };
}

const failStatus = (outcome: Outcome<unknown>) => (outcome.ok ? 200 : outcome.status === 400 ? 400 : outcome.status === 404 ? 404 : outcome.status === 403 ? 403 : 409);

/** The initiative's page; `read` is the form's choices when the caller already has them (fetched in the same batch). */
async function detailPage(c: Ctx, i: InitiativeDetail, props: Partial<DetailProps> = {}, status: 200 | 400 | 403 | 404 | 409 = 200, read?: FormChoices) {
  const actor = c.var.actor;
  return page(c, `Införande av ${i.applicationName}`, '/initiativ', (
    <InitiativePage initiative={i} choices={read ?? await formChoices(c.var.db)} canMove={mayMove(actor, i.sponsor)}
      answerFor={i.members.map((m) => m.code).filter((code) => mayAnswerFor(actor, code))}
      gate={props.gate ?? { values: gateValues(i), issues: [] }} failedForm={props.failedForm} notice={props.notice} />
  ), status);
}

const notices: Record<string, string> = {
  sparat: 'Sparat.', vidare: 'Initiativet gick vidare till nästa steg.', tillbaka: 'Initiativet flyttades tillbaka.', svar: 'Svaret är sparat.',
  startat: 'Initiativet är startat och de övriga kommunerna är tillfrågade.', godkant: 'Godkänt för drift: systemen är inlagda.',
};
const noticeOf = (c: Ctx) => Object.keys(notices).map((k) => (c.req.query(k) !== undefined ? notices[k] : undefined)).find(Boolean);

/** After a failed command, the page again with the form's values and the issues at their fields. */
async function failedPage(c: Ctx, id: number, outcome: Outcome<unknown>, values: Record<string, string>, failedForm: DetailProps['failedForm'], extra: FieldIssue[] = []) {
  const i = await findInitiative(c.var.db, id, today());
  if (!i) return notFoundPage(c);
  const shown = outcome.ok ? { issues: extra } : formFailure(outcome);
  return detailPage(c, i, { gate: { values: failedForm === 'gate' || failedForm === 'costs' ? { ...gateValues(i), ...values } : values, ...shown }, failedForm },
    outcome.ok ? 400 : failStatus(outcome) as 400 | 403 | 404 | 409);
}

export const initiativePages = new Hono<AppEnv>()
  .get('/initiativ', allow('read'), async (c) => page(c, 'Nya system', '/initiativ',
    <InitiativeBoard initiatives={await listInitiatives(c.var.db, today())} canStart={permissions.register(c.var.actor)} notice={noticeOf(c)} />))
  .get('/initiativ/nytt', allow('register'), async (c) => {
    const choices = await formChoices(c.var.db);
    const sponsors = sponsorChoices(c, choices.municipalities.map((m) => m.code));
    return page(c, 'Starta initiativ', '/initiativ', <NewInitiativeForm choices={choices} sponsors={sponsors} values={{ applicationId: c.req.query('applikation') ?? '' }} issues={[]} />);
  })
  .post('/initiativ/nytt', allow('register'), async (c) => {
    const form = await c.req.parseBody();
    const values = { applicationId: str(form, 'applicationId'), sponsor: str(form, 'sponsor'), purpose: str(form, 'purpose') };
    const input = { ...values, applicationId: /^\d+$/.test(values.applicationId) ? Number(values.applicationId) : values.applicationId };
    const outcome = await createInitiative(c.var.db, c.var.actor, input, today());
    if (outcome.ok) return c.redirect(`/initiativ/${outcome.value.id}?startat`, 303);
    const choices = await formChoices(c.var.db);
    return page(c, 'Starta initiativ', '/initiativ',
      <NewInitiativeForm choices={choices} sponsors={sponsorChoices(c, choices.municipalities.map((m) => m.code))} values={values} {...formFailure(outcome)} />, failStatus(outcome));
  })
  .get('/initiativ/:id{[0-9]+}', allow('read'), async (c) => {
    const id = pathId(c);
    if (id === undefined) return notFoundPage(c);
    // One round trip: the initiative and the form's choices.
    const [found, choices] = await batchAll(c.var.db, [initiativeQueries(c.var.db, id), formChoiceQueries(c.var.db)] as const);
    const i = initiativeDetail(found, today());
    return i ? detailPage(c, i, { notice: noticeOf(c) }, 200, choicesView(choices)) : notFoundPage(c);
  })
  .post('/initiativ/:id{[0-9]+}/steg', allow('register'), async (c) => {
    const id = routeId(c);
    const form = await c.req.parseBody();
    const { input, values, issues } = formBody(form);
    const saving = str(form, 'action') === 'save';
    if (issues.length) return failedPage(c, id, { ok: true, value: undefined }, values, 'gate', issues);
    if (saving) delete input.toStage;
    const { note: _note, ...patch } = input;
    const outcome = saving ? await updateInitiative(c.var.db, c.var.actor, id, patch, today()) : await advanceInitiative(c.var.db, c.var.actor, id, input, today());
    if (outcome.ok) return c.redirect(`/initiativ/${id}?${saving ? 'sparat' : outcome.value.stage === 'operation_approval' ? 'godkant' : 'vidare'}`, 303);
    return failedPage(c, id, outcome, values, 'gate');
  })
  .post('/initiativ/:id{[0-9]+}/kostnader', allow('register'), async (c) => {
    const id = routeId(c);
    const { input, values, issues } = formBody(await c.req.parseBody());
    if (issues.length) return failedPage(c, id, { ok: true, value: undefined }, values, 'costs', issues);
    const outcome = await updateInitiative(c.var.db, c.var.actor, id, input, today());
    if (outcome.ok) return c.redirect(`/initiativ/${id}?sparat`, 303);
    return failedPage(c, id, outcome, values, 'costs');
  })
  .post('/initiativ/:id{[0-9]+}/tillbaka', allow('register'), async (c) => {
    const id = routeId(c);
    const form = await c.req.parseBody();
    const values = { toStage: str(form, 'toStage'), reason: str(form, 'reason') };
    const input = { ...values, version: /^\d+$/.test(str(form, 'version')) ? Number(str(form, 'version')) : undefined };
    const outcome = await returnInitiative(c.var.db, c.var.actor, id, input, today());
    if (outcome.ok) return c.redirect(`/initiativ/${id}?tillbaka`, 303);
    return failedPage(c, id, outcome, values, 'return');
  })
  .post('/initiativ/:id{[0-9]+}/svar/:code', allow('register'), async (c) => {
    const id = routeId(c);
    const code = c.req.param('code');
    if (!codePattern.test(code)) return notFoundPage(c);
    const form = await c.req.parseBody();
    const values = { answer: str(form, 'answer'), comment: str(form, 'comment') };
    const version = /^\d+$/.test(str(form, 'version')) ? Number(str(form, 'version')) : undefined;
    const outcome = await answerInitiative(c.var.db, c.var.actor, id, code, { ...values, ...(version === undefined ? {} : { version }) }, today());
    if (outcome.ok) return c.redirect(`/initiativ/${id}?svar`, 303);
    return failedPage(c, id, outcome, values, `answer-${code}`);
  });

/** Whom this person may start an initiative for: an editor their municipalities, an administrator all. */
function sponsorChoices(c: Ctx, all: string[]) {
  const actor = c.var.actor;
  return actor.role === 'admin' ? all : all.filter((code) => actor.municipalities.includes(code));
}

