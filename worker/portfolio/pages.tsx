import { today } from '../clock.ts';
import { Hono, type Context } from 'hono';
import * as v from 'valibot';
import {
  ApplicationForm, ApplicationPage, CataloguePage,
} from '../../web/portfolio/applications.tsx';
import {
  ClassificationForm, ClassificationsPage, classificationKinds, type ClassificationKind,
} from '../../web/portfolio/classifications.tsx';
import { CoveringDocumentsSection, InstallationForm, InstallationPage, installationFormValues } from '../../web/portfolio/installation.tsx';
import { MatrixPage, matrixQuery } from '../../web/portfolio/matrix.tsx';
import { MunicipalityForm, MunicipalityListPage, PortfolioPage } from '../../web/portfolio/municipalities.tsx';
import { OverviewPage } from '../../web/portfolio/overview.tsx';
import { AttentionSection, overviewLimit } from '../../web/attention/section.tsx';
import { attentionPageOf, attentionPageQueries } from '../attention/page-queries.ts';
import { attentionPageFilter } from '../attention/routes.tsx';
import { ProductForm, ProductListPage } from '../../web/portfolio/products.tsx';
import { ConfirmDelete, PageHeader } from '../../web/components/page.tsx';
import { History } from '../../web/audit/history.tsx';
import { InstallationRolesSection, WhoToCallSection } from '../../web/people/who-to-call.tsx';
import { peopleAbilities } from '../people/commands.ts';
import { installationRolesOf, installationRolesQueries, whoToCallOf, whoToCallQueries } from '../people/queries.ts';
import type { Option } from '../../web/components/forms.tsx';
import { kindShort } from '../../web/labels.ts';
import { productLabel } from '../../web/format.ts';
import { abilities, allow } from '../access/permissions.ts';
import { applicationCollaborationsOf, applicationCollaborationsQueries } from '../collaboration/queries.ts';
import { CollaborationSection } from '../../web/collaboration/section.tsx';
import { entityHistory, historyLimit, historyLog, historyQueries } from '../audit/queries.ts';
import { coveringDocuments, documentsCoveringQuery } from '../documents/queries.ts';
import type { AppEnv } from '../env.ts';
import { formInput, type FormSpec, type FormValues } from '../forms.ts';
import { pathId, routeId } from '../http.ts';
import { invalid, type Failure, type Outcome } from '../outcome.ts';
import { forbiddenPage, formFailure, notFoundPage, page, redirectNotice } from '../pages.tsx';
import { fieldIssues } from '../validation.ts';
import {
  businessAreas, createApplication, createProduct, deleteApplication, deleteProduct, subareas, updateApplication, updateProduct,
} from './catalogue.ts';
import { applicationSpec, costSpec, installationSpec, municipalitySpec, nameSpec, populationLines, populationText, productSpec } from './form-specs.ts';
import { createInstallation, deleteInstallation, updateInstallation } from './installations.ts';
import { buildMatrix, matrixPage, matrixScope, matrixSelection } from './matrix.ts';
import { createMunicipality, deleteMunicipality, updateMunicipality } from './municipalities.ts';
import {
  applicationDetail, catalogue, classifications, findApplication, findInstallation, findMunicipality, findProduct, listProducts,
  installationChoices, matrixSource, municipalityList, municipalityPortfolio,
  applicationDetailQueries, applicationDetailOf, installationQuery, municipalityPortfolioQueries, municipalityPortfolioOf, overviewOf, overviewQueries,
} from './queries.ts';
import { batchAll } from './batch.ts';
import { installationCreate, installationPatch, matrixFilter, type MatrixFilter } from './schemas.ts';
import { eq } from 'drizzle-orm';
import { businessArea, product, technicalSubarea } from '../../schema/portfolio.ts';

type Ctx = Context<AppEnv>;
const db = (c: Ctx) => c.var.db;
const actor = (c: Ctx) => c.var.actor;

/** After Post/Redirect/Get the target page says what happened. */
const notices = { sparat: 'Ändringarna är sparade.', borttaget: 'Borttaget.' } as const;
const notice = (c: Ctx) => redirectNotice(c, notices);
const saved = (c: Ctx, href: string) => c.redirect(`${href}?sparat`, 303);
const removed = (c: Ctx, href: string) => c.redirect(`${href}?borttaget`, 303);

type Submitted<T> = { outcome: Outcome<T>; values: FormValues };

/**
 * Read a posted form, turn it into the API's input and run the same command the API runs.
 * Text that cannot even become a value (kronor typed as "tio") is reported at its field
 * together with what the command's schema says about the rest, and nothing is written.
 */
async function submit<T>(c: Ctx, spec: FormSpec, run: (input: Record<string, unknown>) => Promise<Outcome<T>>, schema?: v.GenericSchema, extra: Record<string, unknown> = {}): Promise<Submitted<T>> {
  const form = await c.req.parseBody();
  const { input, values, issues } = formInput(form, { ...spec, version: 'integer' });
  Object.assign(input, extra);
  if (issues.length) {
    const rest = schema ? v.safeParse(schema, input) : undefined;
    const more = rest && !rest.success ? fieldIssues(rest.issues).filter((i) => !issues.some((x) => x.path === i.path)) : [];
    return { outcome: invalid([...issues, ...more]), values };
  }
  return { outcome: await run(input), values };
}

/** The lists an installation form chooses from, as select options: only the municipalities the actor may register in. */
async function installationOptions(c: Ctx) {
  const choices = await installationChoices(db(c));
  const may = abilities(c.var.actor);
  return {
    municipalities: choices.municipalities.filter((m) => may.registerIn(m.code)).map((m): Option => ({ value: m.code, label: m.name })),
    applications: choices.applications.map((a): Option => ({ value: String(a.id), label: `${a.name} (${kindShort[a.kind].toLowerCase()})` })),
    products: choices.products.map((p): Option => ({ value: String(p.id), label: `${productLabel(p.vendor, p.name)}` })),
  };
}

async function applicationOptions(c: Ctx) {
  const lists = await classifications(db(c));
  const options = (rows: { id: number; name: string }[]) => rows.map((r): Option => ({ value: String(r.id), label: r.name }));
  return { businessAreas: options(lists.businessAreas), subareas: options(lists.subareas) };
}

const statusOf = (outcome: Failure) => outcome.status;

/** Filters from the page URL (Swedish names) into the filter the API takes. */
function pageFilter(c: Ctx) {
  const raw = { kind: c.req.query(matrixQuery.kind) || undefined, businessArea: c.req.query(matrixQuery.businessArea) || undefined, level: c.req.query(matrixQuery.level) || undefined };
  const parsed = v.safeParse(matrixFilter, raw);
  return parsed.success
    ? { filter: parsed.output, error: undefined }
    : { filter: {} as MatrixFilter, error: 'Filtret i adressen gick inte att förstå; alla applikationer visas.' };
}

export const portfolioPages = new Hono<AppEnv>()
  .get('/', allow('read'), async (c) => {
    const day = today();
    const { filter, shown } = attentionPageFilter(c);
    // Only the first few of each kind and the counts: at national size the list has tens of thousands of items.
    const window = { page: 1, size: overviewLimit, offset: 0 };
    const [figures, stored] = await batchAll(db(c), [overviewQueries(db(c), day), attentionPageQueries(db(c), day, filter, window)]);
    const data = overviewOf(figures);
    const attention = await attentionPageOf(db(c), day, filter, window, stored);
    return page(c, 'Översikt', '/', <OverviewPage data={data} today={day} attention={
      <AttentionSection list={attention} filter={shown} admin={c.var.actor.role === 'admin'}
        municipalities={data.municipalities.map((m) => ({ value: m.code, label: m.name }))} />
    } />);
  })

  .get('/matris', allow('read'), async (c) => {
    const { filter, error } = pageFilter(c);
    // Above a dozen members: the chosen municipalities (default: one's own, else the first county), a page of rows.
    const asked = v.safeParse(matrixSelection, {
      municipalities: c.req.queries(matrixQuery.municipality)?.filter(Boolean), counties: c.req.queries(matrixQuery.county)?.filter(Boolean),
      page: c.req.query(matrixQuery.page) || undefined,
    });
    const selection = asked.success ? asked.output : {};
    const scope = matrixScope(selection, c.var.actor.municipalities);
    const source = await matrixSource(db(c), filter, scope);
    const matrix = buildMatrix(source, filter.level);
    const problem = error ?? (asked.success ? undefined : `Valet av kommuner i adressen gick inte att förstå (${asked.issues[0].message}); standardvalet visas.`);
    return page(c, 'Jämförelse', '/matris',
      <MatrixPage may={abilities(c.var.actor)} matrix={matrix} shown={matrixPage(matrix, source.selection.selecting, selection.page)}
        columns={source.selection} scope={scope} asked={selection} filter={filter} businessAreas={source.businessAreas} error={problem} />, problem ? 400 : 200);
  })

  // Municipalities
  .get('/kommuner', allow('read'), async (c) => page(c, 'Kommuner', '/kommuner',
    <MunicipalityListPage may={abilities(c.var.actor)} municipalities={await municipalityList(db(c), today())} notice={notice(c)} />))
  .get('/kommuner/ny', allow('admin'), (c) => page(c, 'Lägg till kommun', '/kommuner', <>
    <PageHeader title="Lägg till kommun" crumbs={[{ href: '/kommuner', label: 'Kommuner' }]} />
    <MunicipalityForm action="/kommuner/ny" values={{}} />
  </>))
  .post('/kommuner/ny', allow('admin'), async (c) => {
    const { outcome, values } = await submitMunicipality(c, (input) => createMunicipality(db(c), actor(c), input));
    if (outcome.ok) return saved(c, `/kommuner/${outcome.value.code}`);
    return page(c, 'Lägg till kommun', '/kommuner', <>
      <PageHeader title="Lägg till kommun" crumbs={[{ href: '/kommuner', label: 'Kommuner' }]} />
      <MunicipalityForm action="/kommuner/ny" values={values} {...formFailure(outcome)} />
    </>, statusOf(outcome));
  })
  .get('/kommuner/:code', allow('read'), async (c) => {
    const code = c.req.param('code');
    const [portfolio, events] = await batchAll(db(c), [municipalityPortfolioQueries(db(c), code), historyQueries(db(c), 'municipality', code)]);
    const data = municipalityPortfolioOf(portfolio);
    const history = historyLog(events);
    return data ? page(c, data.municipality.name, '/kommuner', <>
      <PortfolioPage may={abilities(c.var.actor)} data={data} notice={notice(c)} />
      <History log={history} entity="municipality" entityId={code} />
    </>) : notFoundPage(c);
  })
  .get('/kommuner/:code/andra', allow('admin'), async (c) => {
    const m = await findMunicipality(db(c), c.req.param('code'));
    if (!m) return notFoundPage(c);
    return page(c, `Ändra ${m.name}`, '/kommuner', <>
      <PageHeader title={`Ändra ${m.name}`} crumbs={[{ href: '/kommuner', label: 'Kommuner' }, { href: `/kommuner/${m.code}`, label: m.name }]} />
      <MunicipalityForm action={`/kommuner/${m.code}/andra`} values={{ name: m.name, populations: populationText(m.populations) }} version={m.version} />
    </>);
  })
  .post('/kommuner/:code/andra', allow('admin'), async (c) => {
    const code = c.req.param('code');
    const { outcome, values } = await submitMunicipality(c, (input) => updateMunicipality(db(c), actor(c), code, input));
    if (outcome.ok) return saved(c, `/kommuner/${code}`);
    if (outcome.status === 404) return notFoundPage(c);
    return page(c, 'Ändra kommun', '/kommuner', <>
      <PageHeader title="Ändra kommun" crumbs={[{ href: '/kommuner', label: 'Kommuner' }, { href: `/kommuner/${code}`, label: code }]} />
      <MunicipalityForm action={`/kommuner/${code}/andra`} values={values} version={Number(values.version)} {...formFailure(outcome)} />
    </>, statusOf(outcome));
  })
  .get('/kommuner/:code/ta-bort', allow('admin'), async (c) => {
    const data = await municipalityPortfolio(db(c), c.req.param('code'));
    if (!data) return notFoundPage(c);
    const m = data.municipality;
    return page(c, `Ta bort ${m.name}`, '/kommuner', <>
      <PageHeader title={`Ta bort ${m.name}`} crumbs={[{ href: '/kommuner', label: 'Kommuner' }, { href: `/kommuner/${m.code}`, label: m.name }]} />
      <ConfirmDelete action={`/kommuner/${m.code}/ta-bort`} version={m.version} what={`kommunen ${m.name}`} back={`/kommuner/${m.code}`}
        blockedBy={data.installations.length ? `${m.name} har ${data.installations.length} registrerade system. Ta bort dem först.` : undefined} />
    </>);
  })
  .post('/kommuner/:code/ta-bort', allow('admin'), async (c) => {
    const code = c.req.param('code');
    return deleted(c, await deleteMunicipality(db(c), actor(c), code, await postedVersion(c)), '/kommuner', `/kommuner/${code}`);
  })

  // The application catalogue
  .get('/applikationer', allow('read'), async (c) => {
    const { filter, error } = pageFilter(c);
    const data = await catalogue(db(c), filter);
    return page(c, 'Applikationer', '/applikationer',
      <CataloguePage may={abilities(c.var.actor)} data={data} filter={filter} municipalityCount={data.municipalityCount} notice={notice(c)} error={error} />, error ? 400 : 200);
  })
  .get('/applikationer/ny', allow('admin'), async (c) => page(c, 'Lägg till applikation', '/applikationer', <>
    <PageHeader title="Lägg till applikation" crumbs={[{ href: '/applikationer', label: 'Applikationer' }]} />
    <ApplicationForm action="/applikationer/ny" values={{}} {...await applicationOptions(c)} />
  </>))
  .post('/applikationer/ny', allow('admin'), async (c) => {
    const { outcome, values } = await submit(c, applicationSpec, (input) => createApplication(db(c), actor(c), input));
    if (outcome.ok) return saved(c, `/applikationer/${outcome.value.id}`);
    return page(c, 'Lägg till applikation', '/applikationer', <>
      <PageHeader title="Lägg till applikation" crumbs={[{ href: '/applikationer', label: 'Applikationer' }]} />
      <ApplicationForm action="/applikationer/ny" values={values} {...await applicationOptions(c)} {...formFailure(outcome)} />
    </>, statusOf(outcome));
  })
  .get('/applikationer/:id', allow('read'), async (c) => {
    const id = pathId(c);
    if (!id) return notFoundPage(c);
    const [detail, events, calls, shared] = await batchAll(db(c), [
      applicationDetailQueries(db(c), id), historyQueries(db(c), 'application', id), whoToCallQueries(db(c), id), applicationCollaborationsQueries(db(c), id),
    ]);
    const data = applicationDetailOf(detail);
    const [history, contacts, collaborations] = [historyLog(events), whoToCallOf(calls), applicationCollaborationsOf(shared)];
    return data ? page(c, data.application.name, '/applikationer', <>
      <ApplicationPage may={abilities(c.var.actor)} data={data} notice={notice(c)} />
      <CollaborationSection collaborations={collaborations} applicationId={data.application.id} admin={c.var.actor.role === 'admin'}
        municipalities={new Map(data.municipalities.map((m) => [m.code, m.name]))} />
      <WhoToCallSection data={contacts} applicationName={data.application.name} />
      <History log={history} entity="application" entityId={data.application.id} />
    </>) : notFoundPage(c);
  })
  .get('/applikationer/:id/andra', allow('admin'), async (c) => {
    const id = pathId(c);
    const a = id && await findApplication(db(c), id);
    if (!a) return notFoundPage(c);
    const values = { name: a.name, kind: a.kind, subareaId: a.subareaId ? String(a.subareaId) : '', businessAreaId: a.businessAreaId ? String(a.businessAreaId) : '', description: a.description };
    return page(c, `Ändra ${a.name}`, '/applikationer', <>
      <PageHeader title={`Ändra ${a.name}`} crumbs={[{ href: '/applikationer', label: 'Applikationer' }, { href: `/applikationer/${a.id}`, label: a.name }]} />
      <ApplicationForm action={`/applikationer/${a.id}/andra`} values={values} version={a.version} {...await applicationOptions(c)} />
    </>);
  })
  .post('/applikationer/:id/andra', allow('admin'), async (c) => {
    const id = pathId(c);
    if (!id) return notFoundPage(c);
    const { outcome, values } = await submit(c, applicationSpec, (input) => updateApplication(db(c), actor(c), id, input));
    if (outcome.ok) return saved(c, `/applikationer/${id}`);
    if (outcome.status === 404) return notFoundPage(c);
    return page(c, 'Ändra applikation', '/applikationer', <>
      <PageHeader title="Ändra applikation" crumbs={[{ href: '/applikationer', label: 'Applikationer' }, { href: `/applikationer/${id}`, label: values.name || 'Applikation' }]} />
      <ApplicationForm action={`/applikationer/${id}/andra`} values={values} version={Number(values.version)} {...await applicationOptions(c)} {...formFailure(outcome)} />
    </>, statusOf(outcome));
  })
  .get('/applikationer/:id/ta-bort', allow('admin'), async (c) => {
    const id = pathId(c);
    const data = id && await applicationDetail(db(c), id);
    if (!data) return notFoundPage(c);
    const a = data.application;
    return page(c, `Ta bort ${a.name}`, '/applikationer', <>
      <PageHeader title={`Ta bort ${a.name}`} crumbs={[{ href: '/applikationer', label: 'Applikationer' }, { href: `/applikationer/${a.id}`, label: a.name }]} />
      <ConfirmDelete action={`/applikationer/${a.id}/ta-bort`} version={a.version} what={`applikationen ${a.name}`} back={`/applikationer/${a.id}`}
        blockedBy={data.installations.length ? `${a.name} har ${data.installations.length} registrerade system i kommunerna. Ta bort dem först.` : undefined} />
    </>);
  })
  .post('/applikationer/:id/ta-bort', allow('admin'), async (c) => {
    const id = pathId(c);
    if (!id) return notFoundPage(c);
    return deleted(c, await deleteApplication(db(c), actor(c), id, await postedVersion(c)), '/applikationer', `/applikationer/${id}`);
  })

  // Products
  .get('/produkter', allow('read'), async (c) => page(c, 'Produkter', '/produkter', <ProductListPage may={abilities(c.var.actor)} products={await listProducts(db(c))} notice={notice(c)} />))
  .get('/produkter/ny', allow('products'), (c) => page(c, 'Lägg till produkt', '/produkter', <>
    <PageHeader title="Lägg till produkt" crumbs={[{ href: '/produkter', label: 'Produkter' }]} />
    <ProductForm action="/produkter/ny" values={{}} />
  </>))
  .post('/produkter/ny', allow('products'), async (c) => {
    const { outcome, values } = await submit(c, productSpec, (input) => createProduct(db(c), actor(c), input));
    if (outcome.ok) return saved(c, '/produkter');
    return page(c, 'Lägg till produkt', '/produkter', <>
      <PageHeader title="Lägg till produkt" crumbs={[{ href: '/produkter', label: 'Produkter' }]} />
      <ProductForm action="/produkter/ny" values={values} {...formFailure(outcome)} />
    </>, statusOf(outcome));
  })
  .get('/produkter/:id/andra', allow('admin'), async (c) => {
    const id = routeId(c);
    // The product and its history in one round trip.
    const [[p], ...log] = await db(c).batch([db(c).select().from(product).where(eq(product.id, id)), ...historyQueries(db(c), 'product', id)]);
    const history = historyLog(log as Parameters<typeof historyLog>[0], historyLimit);
    if (!p) return notFoundPage(c);
    return page(c, `Ändra ${productLabel(p.vendor, p.name)}`, '/produkter', <>
      <PageHeader title={`Ändra ${productLabel(p.vendor, p.name)}`} crumbs={[{ href: '/produkter', label: 'Produkter' }]} />
      <ProductForm action={`/produkter/${p.id}/andra`} values={{ vendor: p.vendor, name: p.name }} version={p.version} deleteHref={`/produkter/${p.id}/ta-bort`} />
      <History log={history} entity="product" entityId={p.id} />
    </>);
  })
  .post('/produkter/:id/andra', allow('admin'), async (c) => {
    const id = pathId(c);
    if (!id) return notFoundPage(c);
    const { outcome, values } = await submit(c, productSpec, (input) => updateProduct(db(c), actor(c), id, input));
    if (outcome.ok) return saved(c, '/produkter');
    if (outcome.status === 404) return notFoundPage(c);
    return page(c, 'Ändra produkt', '/produkter', <>
      <PageHeader title="Ändra produkt" crumbs={[{ href: '/produkter', label: 'Produkter' }]} />
      <ProductForm action={`/produkter/${id}/andra`} values={values} version={Number(values.version)} {...formFailure(outcome)} />
    </>, statusOf(outcome));
  })
  .get('/produkter/:id/ta-bort', allow('admin'), async (c) => {
    const id = pathId(c);
    const p = id && await findProduct(db(c), id);
    if (!p) return notFoundPage(c);
    return page(c, `Ta bort ${productLabel(p.vendor, p.name)}`, '/produkter', <>
      <PageHeader title={`Ta bort ${productLabel(p.vendor, p.name)}`} crumbs={[{ href: '/produkter', label: 'Produkter' }]} />
      <ConfirmDelete action={`/produkter/${p.id}/ta-bort`} version={p.version} what={`produkten ${productLabel(p.vendor, p.name)}`} back="/produkter" />
    </>);
  })
  .post('/produkter/:id/ta-bort', allow('admin'), async (c) => {
    const id = pathId(c);
    if (!id) return notFoundPage(c);
    return deleted(c, await deleteProduct(db(c), actor(c), id, await postedVersion(c)), '/produkter', `/produkter/${id}/andra`);
  })

  // Installations: a municipality's systems
  .get('/system/ny', allow('register'), async (c) => {
    const options = await installationOptions(c);
    if (!options.municipalities.length) return forbiddenPage(c);
    const values = { municipality: c.req.query('kommun') ?? '', applicationId: c.req.query('applikation') ?? '' };
    return page(c, 'Registrera system', '/kommuner', <>
      <PageHeader title="Registrera system" lead="En kommuns användning av en applikation: vilken produkt, vad den kostar och hur avtalet ser ut." />
      <InstallationForm action="/system/ny" values={values} choose={options} products={options.products} />
    </>);
  })
  .post('/system/ny', allow('register'), async (c) => {
    const { outcome, values } = await submit(c, installationSpec, (input) => createInstallation(db(c), actor(c), input), installationCreate);
    if (outcome.ok) return saved(c, `/system/${outcome.value.id}`);
    const options = await installationOptions(c);
    return page(c, 'Registrera system', '/kommuner', <>
      <PageHeader title="Registrera system" />
      <InstallationForm action="/system/ny" values={values} choose={options} products={options.products} {...formFailure(outcome)} />
    </>, statusOf(outcome));
  })
  .get('/system/:id', allow('read'), async (c) => {
    const id = pathId(c);
    if (!id) return notFoundPage(c);
    const day = today();
    const [[found], events, assigned, [covering]] = await batchAll(db(c), [
      [installationQuery(db(c), id)], historyQueries(db(c), 'installation', id), installationRolesQueries(db(c), id), [documentsCoveringQuery(db(c), id)],
    ]);
    const view = found[0];
    const [history, roles, documents] = [historyLog(events), installationRolesOf(id, assigned), coveringDocuments(covering, day)];
    return view ? page(c, `${view.applicationName} i ${view.municipalityName}`, '/kommuner', <>
      <InstallationPage may={abilities(c.var.actor)} view={view} notice={notice(c)} />
      <CoveringDocumentsSection documents={documents} today={day} />
      <InstallationRolesSection data={roles} title={`${view.applicationName} i ${view.municipalityName}`} applicationId={view.installation.applicationId}
        mayAssign={peopleAbilities(c.var.actor).assignOnInstallation(view.installation.municipality)} />
      <History log={history} entity="installation" entityId={view.installation.id} />
    </>) : notFoundPage(c);
  })
  .get('/system/:id/andra', allow('installations'), async (c) => {
    const id = pathId(c);
    const view = id && await findInstallation(db(c), id);
    if (!view) return notFoundPage(c);
    const may = abilities(c.var.actor);
    if (!may.editIn(view.installation.municipality)) return forbiddenPage(c);
    const options = await installationOptions(c);
    const title = `Ändra ${view.applicationName} i ${view.municipalityName}`;
    return page(c, title, '/kommuner', <>
      <PageHeader title={title} crumbs={[{ href: `/kommuner/${view.installation.municipality}`, label: view.municipalityName }, { href: `/system/${view.installation.id}`, label: view.applicationName }]} />
      <InstallationForm action={`/system/${view.installation.id}/andra`} values={installationFormValues(view.installation)} version={view.installation.version} products={options.products} costsOnly={may.costsOnly} />
    </>);
  })
  .post('/system/:id/andra', allow('installations'), async (c) => {
    const id = pathId(c);
    if (!id) return notFoundPage(c);
    const { municipality: _m, applicationId: _a, ...editable } = installationSpec;
    const costsOnly = abilities(c.var.actor).costsOnly;
    // A finance officer's form holds the costs only; a post with more was not made by it.
    if (costsOnly && Object.keys(await c.req.parseBody()).some((name) => !(name in costSpec) && name !== 'version')) return forbiddenPage(c);
    const { outcome, values } = await submit(c, costsOnly ? costSpec : editable, (input) => updateInstallation(db(c), actor(c), id, input), installationPatch);
    if (outcome.ok) return saved(c, `/system/${id}`);
    if (outcome.status === 404) return notFoundPage(c);
    const options = await installationOptions(c);
    return page(c, 'Ändra system', '/kommuner', <>
      <PageHeader title="Ändra system" crumbs={[{ href: `/system/${id}`, label: 'Systemet' }]} />
      <InstallationForm action={`/system/${id}/andra`} values={values} version={Number(values.version)} products={options.products} costsOnly={costsOnly} {...formFailure(outcome)} />
      {outcome.status === 409 && <p><a href={`/system/${id}/andra`}>Läs in de aktuella uppgifterna</a></p>}
    </>, statusOf(outcome));
  })
  .get('/system/:id/ta-bort', allow('register'), async (c) => {
    const id = pathId(c);
    const view = id && await findInstallation(db(c), id);
    if (!view) return notFoundPage(c);
    if (!abilities(c.var.actor).registerIn(view.installation.municipality)) return forbiddenPage(c);
    const title = `Ta bort ${view.applicationName} i ${view.municipalityName}`;
    return page(c, title, '/kommuner', <>
      <PageHeader title={title} crumbs={[{ href: `/system/${view.installation.id}`, label: view.applicationName }]} />
      <p>Har systemet bara slutat användas? <a href={`/system/${view.installation.id}/andra`}>Markera det som avvecklat</a> i stället, så finns historiken kvar.</p>
      <ConfirmDelete action={`/system/${view.installation.id}/ta-bort`} version={view.installation.version}
        what={`${view.applicationName} (${productLabel(view.productVendor, view.productName)}) i ${view.municipalityName}`} back={`/system/${view.installation.id}`} />
    </>);
  })
  .post('/system/:id/ta-bort', allow('register'), async (c) => {
    const id = pathId(c);
    const view = id && await findInstallation(db(c), id);
    if (!id || !view) return notFoundPage(c);
    return deleted(c, await deleteInstallation(db(c), actor(c), id, await postedVersion(c)), `/kommuner/${view.installation.municipality}`, `/system/${id}`);
  })

  // Business areas and technical subareas
  .get('/indelningar', allow('read'), async (c) => page(c, 'Indelningar', '/indelningar', <ClassificationsPage {...await classifications(db(c))} notice={notice(c)} />))
  .post('/indelningar/:kind', allow('admin'), async (c) => {
    const kind = classificationKind(c);
    if (!kind) return notFoundPage(c);
    const commands = kind === 'verksamhetsomraden' ? businessAreas : subareas;
    const form = await c.req.parseBody();
    const values = { name: String(form[`${kind}-name`] ?? '') };
    const outcome = await commands.create(db(c), actor(c), values);
    if (outcome.ok) return saved(c, '/indelningar');
    return page(c, 'Indelningar', '/indelningar',
      <ClassificationsPage {...await classifications(db(c))} failed={{ kind, values: { [`${kind}-name`]: values.name }, issues: formFailure(outcome).issues }} />, statusOf(outcome));
  })
  .get('/indelningar/:kind/:id', allow('admin'), async (c) => {
    const found = await classificationItem(c);
    if (!found) return notFoundPage(c);
    return page(c, `Ändra ${found.item.name}`, '/indelningar', <>
      <PageHeader title={`Ändra ${found.item.name}`} crumbs={[{ href: '/indelningar', label: 'Indelningar' }]} />
      <ClassificationForm kind={found.kind} item={found.item} values={{ name: found.item.name }} />
    </>);
  })
  .post('/indelningar/:kind/:id', allow('admin'), async (c) => {
    const found = await classificationItem(c);
    if (!found) return notFoundPage(c);
    const { outcome, values } = await submit(c, nameSpec, (input) => found.commands.update(db(c), actor(c), found.item.id, input));
    if (outcome.ok) return saved(c, '/indelningar');
    return page(c, 'Ändra', '/indelningar', <>
      <PageHeader title={`Ändra ${found.item.name}`} crumbs={[{ href: '/indelningar', label: 'Indelningar' }]} />
      <ClassificationForm kind={found.kind} item={{ ...found.item, version: Number(values.version) }} values={values} {...formFailure(outcome)} />
    </>, statusOf(outcome));
  })
  .get('/indelningar/:kind/:id/ta-bort', allow('admin'), async (c) => {
    const found = await classificationItem(c);
    if (!found) return notFoundPage(c);
    return page(c, `Ta bort ${found.item.name}`, '/indelningar', <>
      <PageHeader title={`Ta bort ${found.item.name}`} crumbs={[{ href: '/indelningar', label: 'Indelningar' }]} />
      <ConfirmDelete action={`/indelningar/${found.kind}/${found.item.id}/ta-bort`} version={found.item.version} what={found.item.name} back="/indelningar" />
    </>);
  })
  .post('/indelningar/:kind/:id/ta-bort', allow('admin'), async (c) => {
    const found = await classificationItem(c);
    if (!found) return notFoundPage(c);
    return deleted(c, await found.commands.remove(db(c), actor(c), found.item.id, await postedVersion(c)), '/indelningar', `/indelningar/${found.kind}/${found.item.id}`);
  });

async function submitMunicipality<T>(c: Ctx, run: (input: Record<string, unknown>) => Promise<Outcome<T>>): Promise<Submitted<T>> {
  const form = await c.req.parseBody();
  const lines = populationLines(typeof form.populations === 'string' ? form.populations : '');
  const { input, values } = formInput(form, { ...municipalitySpec, version: 'integer' });
  values.populations = typeof form.populations === 'string' ? form.populations : '';
  if (lines.issues.length) return { outcome: invalid(lines.issues), values };
  return { outcome: await run({ ...input, populations: lines.populations }), values };
}

async function postedVersion(c: Ctx): Promise<number | undefined> {
  const form = await c.req.parseBody();
  const version = Number(form.version);
  return Number.isInteger(version) && version > 0 ? version : undefined;
}

/** After a delete: back to the list, or to where the user came from with the reason. */
function deleted(c: Ctx, outcome: Outcome<void>, list: string, back: string) {
  if (outcome.ok) return removed(c, list);
  if (outcome.status === 404) return notFoundPage(c);
  return page(c, 'Det gick inte att ta bort', undefined, <>
    <PageHeader title="Det gick inte att ta bort" />
    <p role="alert">{outcome.error}</p>
    <p><a href={back}>Tillbaka</a></p>
  </>, outcome.status);
}

function classificationKind(c: Ctx): ClassificationKind | undefined {
  const kind = c.req.param('kind');
  return kind && kind in classificationKinds ? (kind as ClassificationKind) : undefined;
}

async function classificationItem(c: Ctx) {
  const kind = classificationKind(c);
  const id = pathId(c);
  if (!kind || !id) return undefined;
  const table = kind === 'verksamhetsomraden' ? businessArea : technicalSubarea;
  const [item] = await db(c).select().from(table).where(eq(table.id, id));
  return item && { kind, item, commands: kind === 'verksamhetsomraden' ? businessAreas : subareas };
}
