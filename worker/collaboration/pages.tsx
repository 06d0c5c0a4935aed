import { Hono, type Context } from 'hono';
import { CollaborationForm, CollaborationListPage, CollaborationPage } from '../../web/collaboration/pages.tsx';
import { ConfirmDelete, PageHeader } from '../../web/components/page.tsx';
import type { Option } from '../../web/components/forms.tsx';
import { person } from '../../schema/collaboration.ts';
import { allocationKey } from '../../schema/costs.ts';
import { application, municipality } from '../../schema/portfolio.ts';
import { allow } from '../access/permissions.ts';
import type { AppEnv } from '../env.ts';
import { formInput, type FormSpec, type FormValues } from '../forms.ts';
import { pathId } from '../http.ts';
import type { Failure, Outcome } from '../outcome.ts';
import { formFailure, notFoundPage, page } from '../pages.tsx';
import { bySwedishName } from '../portfolio/sorting.ts';
import { createCollaboration, deleteCollaboration, updateCollaboration } from './commands.ts';
import { collaborationDetail, collaborationList, collaborationListQueries, collaborationQueries, findCollaboration, type CollaborationDetail } from './queries.ts';

type Ctx = Context<AppEnv>;

const spec: FormSpec = {
  applicationId: 'select', level: 'select', host: 'text', ownerId: 'optionalInteger', scope: 'text', area: 'text',
  lowestLevel: 'optionalInteger', highestLevel: 'optionalInteger', validFrom: 'date', validTo: 'date', decisionReference: 'text',
  decisionDate: 'date', serviceLevels: 'text', allocationKeyId: 'optionalInteger', levelChangedOn: 'date', levelNote: 'text', endedOn: 'date', version: 'integer',
};

/** The lists the form chooses from — one round trip. */
async function choices(c: Ctx) {
  const db = c.var.db;
  const [apps, members, people, keys] = await db.batch([
    db.select({ id: application.id, name: application.name }).from(application),
    db.select({ code: municipality.code, name: municipality.name }).from(municipality),
    db.select({ id: person.id, name: person.name, title: person.title }).from(person),
    db.select({ id: allocationKey.id, name: allocationKey.name }).from(allocationKey),
  ]);
  return {
    applications: apps.sort(bySwedishName).map((a): Option => ({ value: String(a.id), label: a.name })),
    municipalities: members.sort(bySwedishName).map((m): Option => ({ value: m.code, label: m.name })),
    people: people.sort(bySwedishName).map((p): Option => ({ value: String(p.id), label: p.title ? `${p.name}, ${p.title}` : p.name })),
    allocationKeys: keys.sort(bySwedishName).map((k): Option => ({ value: String(k.id), label: k.name })),
    names: new Map(members.map((m) => [m.code, m.name])),
  };
}

/** The members' names, for the pages that show participants: a statement for the page's own batch. */
const memberNames = (db: Ctx['var']['db']) => db.select({ code: municipality.code, name: municipality.name }).from(municipality);
const namesOf = (members: { code: string; name: string }[]) => new Map(members.map((m) => [m.code, m.name]));

/** The posted form as the API's input; several checked participants arrive as a list. */
async function posted(c: Ctx, editing: boolean) {
  const body = await c.req.parseBody({ all: true });
  const single = Object.fromEntries(Object.entries(body).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const { input, values } = formInput(single, editing ? spec : { ...spec, version: 'text', endedOn: 'text' });
  const raw = body.participants;
  const participants = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).filter((p): p is string => typeof p === 'string');
  input.participants = participants;
  // Fields that only mean something when filled in.
  for (const name of ['levelChangedOn', 'levelNote', 'version', 'endedOn'] as const) {
    if (input[name] === null || input[name] === '' || input[name] === undefined) delete input[name];
  }
  if (editing) {
    delete input.applicationId;
    if (values.endedOn === '') input.endedOn = null;
  }
  return { input, values, participants };
}

const valuesOf = (c: CollaborationDetail): FormValues => ({
  level: String(c.level), host: c.host, ownerId: c.ownerId ? String(c.ownerId) : '', scope: c.scope, area: c.area,
  lowestLevel: c.lowestLevel ? String(c.lowestLevel) : '', highestLevel: c.highestLevel ? String(c.highestLevel) : '',
  validFrom: c.validFrom ?? '', validTo: c.validTo ?? '', decisionReference: c.decisionReference, decisionDate: c.decisionDate ?? '',
  serviceLevels: c.serviceLevels, endedOn: c.endedOn ?? '', allocationKeyId: c.allocationKeyId ? String(c.allocationKeyId) : '',
});

const notice = (c: Ctx) => (c.req.query('sparat') !== undefined ? 'Ändringarna är sparade.' : c.req.query('borttaget') !== undefined ? 'Borttaget.' : undefined);

export const collaborationPages = new Hono<AppEnv>()
  .get('/samverkan', allow('read'), async (c) => {
    const db = c.var.db;
    // One round trip: the collaborations and the members' names.
    const [found, participants, members] = await db.batch([...collaborationListQueries(db), memberNames(db)]);
    return page(c, 'Samverkan', '/samverkan', <CollaborationListPage collaborations={collaborationList([found, participants])} municipalities={namesOf(members)} admin={c.var.actor.role === 'admin'} notice={notice(c)} />);
  })
  .get('/samverkan/ny', allow('admin'), async (c) => {
    const lists = await choices(c);
    const values = { applicationId: c.req.query('applikation') ?? '', level: '2' };
    return page(c, 'Starta samverkan', '/samverkan', <>
      <PageHeader title="Starta samverkan" crumbs={[{ href: '/samverkan', label: 'Samverkan' }]}
        lead="Välj applikationen, nivån och de deltagande kommunerna. Varje deltagare ska ha applikationen registrerad." />
      <CollaborationForm action="/samverkan/ny" values={values} participants={[]} {...lists} />
    </>);
  })
  .post('/samverkan/ny', allow('admin'), async (c) => {
    const { input, values, participants } = await posted(c, false);
    const outcome = await createCollaboration(c.var.db, c.var.actor, input);
    if (outcome.ok) return c.redirect(`/samverkan/${outcome.value.id}?sparat`, 303);
    const lists = await choices(c);
    return page(c, 'Starta samverkan', '/samverkan', <>
      <PageHeader title="Starta samverkan" crumbs={[{ href: '/samverkan', label: 'Samverkan' }]} />
      <CollaborationForm action="/samverkan/ny" values={values} participants={participants} {...lists} {...formFailure(outcome)} />
    </>, outcome.status);
  })
  .get('/samverkan/:id{[0-9]+}', allow('read'), async (c) => {
    const id = pathId(c);
    if (id === undefined) return notFoundPage(c);
    const db = c.var.db;
    // One round trip: the collaboration and the members' names.
    const [rows, participants, history, members] = await db.batch([...collaborationQueries(db, id), memberNames(db)]);
    const found = collaborationDetail([rows, participants, history]);
    if (!found) return notFoundPage(c);
    return page(c, `Samverkan om ${found.applicationName}`, '/samverkan',
      <CollaborationPage c={found} municipalities={namesOf(members)} admin={c.var.actor.role === 'admin'} notice={notice(c)} />);
  })
  .get('/samverkan/:id{[0-9]+}/andra', allow('admin'), async (c) => {
    const id = pathId(c);
    const found = id === undefined ? undefined : await findCollaboration(c.var.db, id);
    if (!found) return notFoundPage(c);
    const lists = await choices(c);
    return page(c, `Ändra samverkan om ${found.applicationName}`, '/samverkan', <>
      <PageHeader title={`Ändra samverkan om ${found.applicationName}`} crumbs={[{ href: '/samverkan', label: 'Samverkan' }, { href: `/samverkan/${found.id}`, label: found.applicationName }]} />
      <CollaborationForm action={`/samverkan/${found.id}/andra`} values={valuesOf(found)} participants={found.participants} version={found.version} {...lists} />
    </>);
  })
  .post('/samverkan/:id{[0-9]+}/andra', allow('admin'), async (c) => {
    const id = pathId(c);
    if (id === undefined) return notFoundPage(c);
    const { input, values, participants } = await posted(c, true);
    const outcome: Outcome<{ id: number }> = await updateCollaboration(c.var.db, c.var.actor, id, input);
    if (outcome.ok) return c.redirect(`/samverkan/${id}?sparat`, 303);
    if (outcome.status === 404) return notFoundPage(c);
    const lists = await choices(c);
    return page(c, 'Ändra samverkan', '/samverkan', <>
      <PageHeader title="Ändra samverkan" crumbs={[{ href: '/samverkan', label: 'Samverkan' }, { href: `/samverkan/${id}`, label: 'Samverkan' }]} />
      <CollaborationForm action={`/samverkan/${id}/andra`} values={values} participants={participants} version={Number(values.version)} {...lists} {...formFailure(outcome)} />
      {outcome.status === 409 && <p><a href={`/samverkan/${id}/andra`}>Läs in de aktuella uppgifterna</a></p>}
    </>, outcome.status);
  })
  .get('/samverkan/:id{[0-9]+}/ta-bort', allow('admin'), async (c) => {
    const id = pathId(c);
    const found = id === undefined ? undefined : await findCollaboration(c.var.db, id);
    if (!found) return notFoundPage(c);
    return page(c, 'Ta bort samverkan', '/samverkan', <>
      <PageHeader title={`Ta bort samverkan om ${found.applicationName}`} crumbs={[{ href: `/samverkan/${found.id}`, label: found.applicationName }]} />
      <p>Har samverkan upphört? <a href={`/samverkan/${found.id}/andra`}>Avsluta den</a> i stället, så finns den och dess historik kvar.</p>
      <ConfirmDelete action={`/samverkan/${found.id}/ta-bort`} version={found.version} what={`samverkan om ${found.applicationName}`} back={`/samverkan/${found.id}`} />
    </>);
  })
  .post('/samverkan/:id{[0-9]+}/ta-bort', allow('admin'), async (c) => {
    const id = pathId(c);
    if (id === undefined) return notFoundPage(c);
    const form = await c.req.parseBody();
    const version = Number(form.version);
    const outcome = await deleteCollaboration(c.var.db, c.var.actor, id, Number.isInteger(version) && version > 0 ? version : undefined);
    if (outcome.ok) return c.redirect('/samverkan?borttaget', 303);
    if (outcome.status === 404) return notFoundPage(c);
    return page(c, 'Det gick inte att ta bort', '/samverkan', <><PageHeader title="Det gick inte att ta bort" /><p role="alert">{outcome.error}</p><p><a href={`/samverkan/${id}`}>Tillbaka</a></p></>, outcome.status);
  });
