import { Hono, type Context } from 'hono';
import { roleKinds } from '../../schema/collaboration.ts';
import { ConfirmDelete, PageHeader } from '../../web/components/page.tsx';
import { PeoplePage, PersonForm, PersonPage, wholeCollaboration } from '../../web/people/people.tsx';
import { collaborationOption, installationOption, personOption, RoleForm } from '../../web/people/role-form.tsx';
import { RoleGuide } from '../../web/people/roles.tsx';
import { VulnerabilityPage } from '../../web/people/vulnerability.tsx';
import { allow } from '../access/permissions.ts';
import type { AppEnv } from '../env.ts';
import { formInput, type FormSpec, type FormValues } from '../forms.ts';
import { pathId } from '../http.ts';
import type { Failure, Outcome } from '../outcome.ts';
import { forbiddenPage, notFoundPage, page } from '../pages.tsx';
import { createPerson, createRoleAssignment, deletePerson, deleteRoleAssignment, peopleAbilities, updatePerson } from './commands.ts';
import { listMunicipalityNames, listPeople, personDetail, roleFormChoices, vulnerabilityReport } from './queries.ts';
import { targetedRoles } from './schemas.ts';

type Ctx = Context<AppEnv>;
const db = (c: Ctx) => c.var.db;
const actor = (c: Ctx) => c.var.actor;
const may = (c: Ctx) => peopleAbilities(c.var.actor);

/** After Post/Redirect/Get the target page says what happened. */
const notices = { sparat: 'Ändringarna är sparade.', borttaget: 'Borttaget.' } as const;
const notice = (c: Ctx) => (Object.keys(notices) as (keyof typeof notices)[]).map((k) => (c.req.query(k) !== undefined ? notices[k] : '')).find(Boolean);

/** A failed command as the form shows it: field issues at their fields, anything else on top. */
const failure = (outcome: Failure) =>
  outcome.status === 400 ? { issues: outcome.issues, error: outcome.issues.length ? undefined : outcome.error } : { issues: [], error: outcome.error };

const personSpec: FormSpec = { name: 'text', title: 'text', municipality: 'choice', email: 'text', phone: 'text' };
const roleSpec: FormSpec = { personId: 'select', role: 'text', installationId: 'optionalInteger', collaborationId: 'optionalInteger' };

async function submit<T>(c: Ctx, spec: FormSpec, run: (input: Record<string, unknown>) => Promise<Outcome<T>>): Promise<{ outcome: Outcome<T>; values: FormValues; form: Record<string, unknown> }> {
  const form = await c.req.parseBody();
  const { input, values } = formInput(form, { ...spec, version: 'integer' });
  return { outcome: await run(input), values, form };
}

/** Where a role form returns to: the person's or the system's page it was on, nothing else. */
const backTo = (form: Record<string, unknown>, fallback: string) => {
  const back = typeof form.tillbaka === 'string' ? form.tillbaka : '';
  return /^\/(personer|system)\/[1-9]\d{0,15}$/.test(back) ? back : fallback;
};

async function municipalityOptions(c: Ctx) {
  return may(c).municipalities(await listMunicipalityNames(db(c))).map((m) => ({ value: m.code, label: m.name }));
}

const newPersonPage = (c: Ctx, options: { value: string; label: string }[], values: FormValues, status: 200 | 400 | 403 | 409 = 200, fail: ReturnType<typeof failure> = { issues: [], error: undefined }) =>
  page(c, 'Lägg till person', '/personer', <>
    <PageHeader title="Lägg till person" crumbs={[{ href: '/personer', label: 'Personer och roller' }]}
      lead="En person som äger, förvaltar eller driver system. Roller ger du på personens sida eller på systemets sida." />
    <PersonForm action="/personer/ny" submit="Lägg till" values={values} municipalities={options} allowWhole={may(c).admin} {...fail} />
  </>, status);

/** The role form as a page of its own: where a failed role form from another page lands. */
async function rolePage(c: Ctx, values: FormValues, back: string, status: 200 | 400 | 403 | 404 | 409 = 200, fail: ReturnType<typeof failure> = { issues: [], error: undefined }) {
  const choices = await roleFormChoices(db(c));
  const abilities = may(c);
  const names = new Map(choices.municipalities.map((m) => [m.code, m.name]));
  return page(c, 'Ge en roll', '/personer', <>
    <PageHeader title="Ge en roll" crumbs={[{ href: '/personer', label: 'Personer och roller' }, { href: back, label: 'Tillbaka' }]} />
    <RoleForm back={back} values={values} submit="Ge rollen" legend="Vem, vilken roll och för vad"
      people={choices.people.map((p) => personOption(p, names))}
      roles={abilities.assignOnCollaboration ? roleKinds : targetedRoles}
      installations={choices.installations.filter((i) => abilities.assignOnInstallation(i.municipality)).map(installationOption)}
      collaborations={abilities.assignOnCollaboration ? choices.collaborations.map(collaborationOption) : []} {...fail} />
    <RoleGuide open />
  </>, status);
}

/** After a delete: back to where the user should be, or the reason it did not happen. */
function deleted(c: Ctx, outcome: Outcome<void>, next: string, back: string) {
  if (outcome.ok) return c.redirect(`${next}?borttaget`, 303);
  if (outcome.status === 404) return notFoundPage(c);
  return page(c, 'Det gick inte att ta bort', undefined, <>
    <PageHeader title="Det gick inte att ta bort" />
    <p role="alert">{outcome.error}</p>
    <p><a href={back}>Tillbaka</a></p>
  </>, outcome.status);
}

async function postedVersion(c: Ctx): Promise<number | undefined> {
  const form = await c.req.parseBody();
  const version = Number(form.version);
  return Number.isInteger(version) && version > 0 ? version : undefined;
}

export const peoplePages = new Hono<AppEnv>()
  .get('/personer', allow('read'), async (c) => {
    const raw = c.req.query('kommun') ?? '';
    const valid = raw === '' || raw === wholeCollaboration || /^\d{4}$/.test(raw);
    const filter = !valid || raw === '' ? {} : { municipality: raw === wholeCollaboration ? null : raw };
    const data = await listPeople(db(c), filter);
    const error = valid ? undefined : 'Filtret i adressen gick inte att förstå; alla personer visas.';
    return page(c, 'Personer och roller', '/personer',
      <PeoplePage data={data} filter={valid ? raw : ''} may={may(c)} notice={notice(c)} error={error} />, error ? 400 : 200);
  })
  .get('/personer/ny', allow('register'), async (c) => {
    const options = await municipalityOptions(c);
    return newPersonPage(c, options, { municipality: c.req.query('kommun') ?? '' });
  })
  .post('/personer/ny', allow('register'), async (c) => {
    const { outcome, values } = await submit(c, personSpec, (input) => createPerson(db(c), actor(c), input));
    if (outcome.ok) return c.redirect(`/personer/${outcome.value.id}?sparat`, 303);
    return newPersonPage(c, await municipalityOptions(c), values, outcome.status as 400 | 403 | 409, failure(outcome));
  })
  .get('/personer/:id', allow('read'), async (c) => {
    const id = pathId(c);
    const data = id && await personDetail(db(c), id);
    return data ? page(c, data.person.name, '/personer', <PersonPage data={data} may={may(c)} notice={notice(c)} />) : notFoundPage(c);
  })
  .post('/personer/:id', allow('register'), async (c) => {
    const id = pathId(c);
    if (!id) return notFoundPage(c);
    const { outcome, values } = await submit(c, personSpec, (input) => updatePerson(db(c), actor(c), id, input));
    if (outcome.ok) return c.redirect(`/personer/${id}?sparat`, 303);
    const data = outcome.status === 404 ? undefined : await personDetail(db(c), id);
    if (!data) return notFoundPage(c);
    return page(c, data.person.name, '/personer', <>
      <PersonPage data={data} may={may(c)} values={values} version={Number(values.version) || data.person.version} {...failure(outcome)} />
      {outcome.status === 409 && <p><a href={`/personer/${id}`}>Läs in de aktuella uppgifterna</a></p>}
    </>, outcome.status as 400 | 403 | 409);
  })
  .get('/personer/:id/ta-bort', allow('register'), async (c) => {
    const id = pathId(c);
    const data = id && await personDetail(db(c), id);
    if (!data) return notFoundPage(c);
    const p = data.person;
    if (!may(c).editPerson(p.municipalityCode)) return forbiddenPage(c);
    const owns = data.owns.map((o) => o.applicationName).join(', ');
    return page(c, `Ta bort ${p.name}`, '/personer', <>
      <PageHeader title={`Ta bort ${p.name}`} crumbs={[{ href: '/personer', label: 'Personer och roller' }, { href: `/personer/${p.id}`, label: p.name }]} />
      {data.roles.length > 0 && !owns && <p>{p.name} har {data.roles.length} {data.roles.length === 1 ? 'roll' : 'roller'}; de tas bort tillsammans med personen.</p>}
      <ConfirmDelete action={`/personer/${p.id}/ta-bort`} version={p.version} what={p.name} back={`/personer/${p.id}`}
        blockedBy={owns ? `${p.name} är systemägare för samverkan kring ${owns}. Utse en annan systemägare för samverkan först.` : undefined} />
    </>);
  })
  .post('/personer/:id/ta-bort', allow('register'), async (c) => {
    const id = pathId(c);
    if (!id) return notFoundPage(c);
    return deleted(c, await deletePerson(db(c), actor(c), id, await postedVersion(c)), '/personer', `/personer/${id}`);
  })

  // Role assignments: the forms on a person's and a system's page post here.
  .get('/roller/ny', allow('register'), async (c) => {
    const values = { personId: c.req.query('person') ?? '', installationId: c.req.query('system') ?? '', collaborationId: c.req.query('samverkan') ?? '' };
    return rolePage(c, values, backTo({ tillbaka: c.req.query('tillbaka') }, '/personer'));
  })
  .post('/roller/ny', allow('register'), async (c) => {
    const { outcome, values, form } = await submit(c, roleSpec, (input) => createRoleAssignment(db(c), actor(c), input));
    if (outcome.ok) return c.redirect(`${backTo(form, `/personer/${outcome.value.personId}`)}?sparat`, 303);
    return rolePage(c, values, backTo(form, '/personer'), outcome.status as 400 | 403 | 404 | 409, failure(outcome));
  })
  .post('/roller/:id/ta-bort', allow('register'), async (c) => {
    const id = pathId(c);
    if (!id) return notFoundPage(c);
    const form = await c.req.parseBody();
    const back = backTo(form, '/personer');
    return deleted(c, await deleteRoleAssignment(db(c), actor(c), id, await postedVersion(c)), back, back);
  })

  .get('/sarbarhet', allow('read'), async (c) => {
    const data = await vulnerabilityReport(db(c));
    return page(c, 'Sårbarhet', '/personer', <VulnerabilityPage data={data} names={new Map(data.municipalities.map((m) => [m.code, m.name]))} />);
  });
