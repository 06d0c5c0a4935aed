import { Hono, type Context } from 'hono';
import * as v from 'valibot';
import { municipality } from '../../schema/portfolio.ts';
import { History } from '../../web/audit/history.tsx';
import { ConfirmDelete, PageHeader } from '../../web/components/page.tsx';
import type { Option } from '../../web/components/forms.tsx';
import { commonScope, DocumentForm, documentFormValues, DocumentPage, DocumentsPage } from '../../web/documents/pages.tsx';
import { allow } from '../access/permissions.ts';
import { entityHistory, historyLog, historyQueries, type AuditLog } from '../audit/queries.ts';
import { today } from '../clock.ts';
import type { AppEnv } from '../env.ts';
import { formInput, type FormSpec, type FormValues } from '../forms.ts';
import { deleteVersion, failureJson, jsonBody, missing, pathId, query, respond, routeId } from '../http.ts';
import type { Failure, Outcome } from '../outcome.ts';
import { formFailure, notFoundPage, page, redirectNotice } from '../pages.tsx';
import { createDocument, deleteDocument, documentAbilities, reviewDocument, updateDocument } from './commands.ts';
import { batchAll } from '../portfolio/batch.ts';
import { bySwedishName } from '../portfolio/sorting.ts';
import { documentFormChoices, documentList, documentListQueries, documentQueries, findDocument, listDocuments, type GoverningDocument } from './queries.ts';
import { documentFilter } from './schemas.ts';

type Ctx = Context<AppEnv>;
const db = (c: Ctx) => c.var.db;

/** The members' names, for the list's filter: a statement for the page's own batch. */
const municipalityNames = (d: Ctx['var']['db']) => d.select({ code: municipality.code, name: municipality.name }).from(municipality);
const actor = (c: Ctx) => c.var.actor;

/**
 * Governing documents (styrdokument): everyone signed in reads; administrators and editors
 * change them — editors only their own municipalities' (checked by the commands).
 */
export const documentApi = new Hono<AppEnv>()
  .get('/documents', allow('read'), async (c) => {
    const filter = query(c, documentFilter);
    return filter.ok ? c.json(await listDocuments(db(c), today(), filter.value)) : failureJson(c, filter);
  })
  .post('/documents', allow('register'), async (c) => {
    const body = await jsonBody(c);
    return respond(c, body.ok ? await createDocument(db(c), actor(c), body.value, today()) : body, 201);
  })
  .get('/documents/:id', allow('read'), async (c) => {
    const id = pathId(c);
    const found = id === undefined ? undefined : await findDocument(db(c), id, today());
    return found ? c.json(found) : failureJson(c, missing('Styrdokumentet'));
  })
  .patch('/documents/:id', allow('register'), async (c) => {
    const id = pathId(c);
    if (id === undefined) return failureJson(c, missing('Styrdokumentet'));
    const body = await jsonBody(c);
    return respond(c, body.ok ? await updateDocument(db(c), actor(c), id, body.value, today()) : body);
  })
  .delete('/documents/:id', allow('register'), async (c) => {
    const id = pathId(c);
    if (id === undefined) return failureJson(c, missing('Styrdokumentet'));
    const version = deleteVersion(c);
    return respond(c, version.ok ? await deleteDocument(db(c), actor(c), id, version.value) : version);
  })
  .post('/documents/:id/review', allow('register'), async (c) => {
    const id = pathId(c);
    if (id === undefined) return failureJson(c, missing('Styrdokumentet'));
    const body = await jsonBody(c);
    return respond(c, body.ok ? await reviewDocument(db(c), actor(c), id, body.value, today()) : body);
  });

// ---- Pages ----

const notices = { sparat: 'Ändringarna är sparade.', granskad: 'Dokumentet är markerat som granskat.', borttaget: 'Styrdokumentet är borttaget.' };

const documentSpec: FormSpec = {
  type: 'choice', title: 'text', ownerId: 'select', municipality: 'choice', decidedBy: 'text', decidedOn: 'date',
  reviewCycleYears: 'integer', lastReviewedOn: 'date', nextReviewOn: 'date', url: 'text', version: 'integer',
};

const statusOf = (failure: Failure) => (failure.status === 429 || failure.status === 401 ? 400 : failure.status);

/** The form as the API's input; the checked systems come as a list. */
async function documentInput(c: Ctx) {
  const form = await c.req.parseBody({ all: true });
  const { input, values } = formInput(form, documentSpec);
  const checked = ([] as unknown[]).concat(form.installationIds ?? [])
    .filter((x): x is string => typeof x === 'string' && /^[1-9]\d{0,15}$/.test(x)).map(Number);
  return { input: { ...input, installationIds: checked }, values, checked };
}

/** The scopes this actor may give a document: its municipalities, and for administrators the whole collaboration. */
function scopes(c: Ctx, municipalities: { code: string; name: string }[]): Option[] {
  const may = documentAbilities(actor(c));
  return [
    ...(may.admin ? [{ value: '', label: 'Gemensamt för hela samverkan' }] : []),
    ...municipalities.filter((m) => may.change(m.code)).map((m) => ({ value: m.code, label: m.name })),
  ];
}

/** The page filter (`?typ=&kommun=`) checked by the API's filter schema; null when it cannot be understood. */
function pageFilter(c: Ctx) {
  const typ = c.req.query('typ') ?? '';
  const kommun = c.req.query('kommun') ?? '';
  const input: Record<string, string> = {};
  if (typ) input.type = typ;
  if (kommun) input.municipality = kommun === commonScope ? 'common' : kommun;
  const parsed = v.safeParse(documentFilter, input);
  return { typ, kommun, filter: parsed.success ? parsed.output : null };
}

async function newDocumentPage(c: Ctx, values: FormValues, checked: number[], status: 200 | 400 | 403 | 404 | 409 = 200, failure?: Failure) {
  const choices = await documentFormChoices(db(c));
  return page(c, 'Nytt styrdokument', '/styrdokument', <>
    <PageHeader title="Nytt styrdokument" crumbs={[{ href: '/styrdokument', label: 'Styrdokument' }]}
      lead="Ett styrande dokument, vem som äger det, vem som beslutade det och när det ska granskas." />
    <DocumentForm action="/styrdokument/ny" submit="Lägg till" values={values} checked={checked} choices={choices}
      scopes={scopes(c, choices.municipalities)} {...(failure ? formFailure(failure) : {})} />
  </>, status);
}

async function editDocumentPage(c: Ctx, document: GoverningDocument, values: FormValues, checked: number[], status: 200 | 400 | 403 | 404 | 409 = 200, failure?: Failure) {
  const choices = await documentFormChoices(db(c), document.installations.map((i) => i.id));
  return page(c, `Ändra ${document.title}`, '/styrdokument', <>
    <PageHeader title={`Ändra ${document.title}`} crumbs={[{ href: '/styrdokument', label: 'Styrdokument' }, { href: `/styrdokument/${document.id}`, label: document.title }]} />
    <DocumentForm action={`/styrdokument/${document.id}/andra`} submit="Spara ändringarna" values={values} checked={checked} choices={choices}
      scopes={scopes(c, choices.municipalities)} document={document} version={Number(values.version) || document.version} {...(failure ? formFailure(failure) : {})} />
  </>, status);
}

/** The document's page; `read` is its history when the caller already has it (fetched in the same batch as the document). */
async function documentPage(c: Ctx, document: GoverningDocument, status: 200 | 400 | 403 | 409 = 200, review?: { values: FormValues; failure: Failure }, read?: AuditLog) {
  const history = read ?? await entityHistory(db(c), 'governing_document', document.id);
  return page(c, document.title, '/styrdokument', <>
    <DocumentPage document={document} today={today()} may={documentAbilities(actor(c))} notice={redirectNotice(c, notices)}
      review={review && { values: review.values, ...formFailure(review.failure) }} />
    <History log={history} entity="governing_document" entityId={document.id} />
  </>, status);
}

const refused = (c: Ctx, failure: Failure, back: string) =>
  page(c, 'Det gick inte', '/styrdokument', <>
    <PageHeader title="Det gick inte" crumbs={[{ href: '/styrdokument', label: 'Styrdokument' }]} />
    <p role="alert">{failure.error}</p>
    <p><a href={back}>Tillbaka</a></p>
  </>, statusOf(failure));

export const documentPages = new Hono<AppEnv>()
  .get('/styrdokument', allow('read'), async (c) => {
    const { typ, kommun, filter } = pageFilter(c);
    const valid = filter !== null;
    const day = today();
    // One round trip: the documents and the municipalities for the filter.
    const [found, members] = await batchAll(db(c), [documentListQueries(db(c), day, filter ?? {}), [municipalityNames(db(c))]] as const);
    const documents = documentList(found, day);
    const municipalities = members[0].sort(bySwedishName);
    const error = valid ? undefined : 'Filtret i adressen gick inte att förstå; alla styrdokument visas.';
    return page(c, 'Styrdokument', '/styrdokument',
      <DocumentsPage documents={documents} today={day} may={documentAbilities(actor(c))} municipalities={municipalities}
        filter={valid ? { typ, kommun } : { typ: '', kommun: '' }} notice={redirectNotice(c, notices)} error={error} />, error ? 400 : 200);
  })
  .get('/styrdokument/ny', allow('register'), async (c) => {
    const may = documentAbilities(actor(c));
    const first = actor(c).municipalities[0] ?? '';
    return newDocumentPage(c, { municipality: may.admin ? '' : first }, []);
  })
  .post('/styrdokument/ny', allow('register'), async (c) => {
    const { input, values, checked } = await documentInput(c);
    const outcome = await createDocument(db(c), actor(c), input, today());
    if (outcome.ok) return c.redirect(`/styrdokument/${outcome.value.id}?sparat`, 303);
    return newDocumentPage(c, values, checked, statusOf(outcome), outcome);
  })
  .get('/styrdokument/:id{[0-9]+}', allow('read'), async (c) => {
    const id = pathId(c);
    if (!id) return notFoundPage(c);
    // One round trip: the document and its history.
    const [found, history] = await batchAll(db(c), [documentQueries(db(c), id), historyQueries(db(c), 'governing_document', id)] as const);
    const document = documentList(found, today())[0];
    return document ? documentPage(c, document, 200, undefined, historyLog(history)) : notFoundPage(c);
  })
  .get('/styrdokument/:id{[0-9]+}/andra', allow('register'), async (c) => {
    const id = pathId(c);
    const document = id && await findDocument(db(c), id, today());
    if (!document) return notFoundPage(c);
    if (!documentAbilities(actor(c)).change(document.municipality)) {
      return refused(c, { ok: false, status: 403, error: 'Du får inte ändra det här styrdokumentet.' }, `/styrdokument/${document.id}`);
    }
    return editDocumentPage(c, document, { ...documentFormValues(document), version: String(document.version) }, document.installations.map((i) => i.id));
  })
  .post('/styrdokument/:id{[0-9]+}/andra', allow('register'), async (c) => {
    const id = routeId(c);
    const { input, values, checked } = await documentInput(c);
    const outcome = await updateDocument(db(c), actor(c), id, input, today());
    if (outcome.ok) return c.redirect(`/styrdokument/${id}?sparat`, 303);
    const document = await findDocument(db(c), id, today());
    if (!document) return notFoundPage(c);
    return editDocumentPage(c, document, values, checked, statusOf(outcome), outcome);
  })
  .post('/styrdokument/:id{[0-9]+}/granskad', allow('register'), async (c) => {
    const id = routeId(c);
    const form = await c.req.parseBody();
    const { input, values } = formInput(form, { reviewedOn: 'date', version: 'integer' });
    // An empty date means today, as the API's default.
    if (input.reviewedOn === null) delete input.reviewedOn;
    const outcome = await reviewDocument(db(c), actor(c), id, input, today());
    if (outcome.ok) return c.redirect(`/styrdokument/${id}?granskad`, 303);
    const document = await findDocument(db(c), id, today());
    if (!document) return notFoundPage(c);
    return documentPage(c, document, statusOf(outcome) as 400 | 403 | 409, { values, failure: outcome });
  })
  .get('/styrdokument/:id{[0-9]+}/ta-bort', allow('register'), async (c) => {
    const id = pathId(c);
    const document = id && await findDocument(db(c), id, today());
    if (!document) return notFoundPage(c);
    const mayChange = documentAbilities(actor(c)).change(document.municipality);
    return page(c, `Ta bort ${document.title}`, '/styrdokument', <>
      <PageHeader title={`Ta bort ${document.title}`} crumbs={[{ href: '/styrdokument', label: 'Styrdokument' }, { href: `/styrdokument/${document.id}`, label: document.title }]} />
      <ConfirmDelete action={`/styrdokument/${document.id}/ta-bort`} version={document.version} what={`styrdokumentet ${document.title}`}
        back={`/styrdokument/${document.id}`} blockedBy={mayChange ? undefined : 'Du får inte ta bort det här styrdokumentet.'} />
    </>);
  })
  .post('/styrdokument/:id{[0-9]+}/ta-bort', allow('register'), async (c) => {
    const id = routeId(c);
    const form = await c.req.parseBody();
    const version = typeof form.version === 'string' && /^[1-9]\d*$/.test(form.version) ? Number(form.version) : undefined;
    const outcome: Outcome<void> = await deleteDocument(db(c), actor(c), id, version);
    if (outcome.ok) return c.redirect('/styrdokument?borttaget', 303);
    if (outcome.status === 404) return notFoundPage(c);
    return refused(c, outcome, `/styrdokument/${id}`);
  });
