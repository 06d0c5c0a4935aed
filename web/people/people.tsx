import type { FC } from 'hono/jsx';
import { roleKinds, type RoleKind } from '../../schema/collaboration.ts';
import { issuesByField, type FormValues } from '../../worker/forms.ts';
import type { FieldIssue } from '../../worker/outcome.ts';
import type { PeopleAbilities } from '../../worker/people/commands.ts';
import type { AssignmentView, PeopleList, PersonDetail, PersonRow } from '../../worker/people/queries.ts';
import { targetedRoles } from '../../worker/people/schemas.ts';
import { ErrorSummary, SelectField, TextField, VersionField, type Option } from '../components/forms.tsx';
import { EmptyState, Notice, PageHeader, ScrollTable } from '../components/page.tsx';
import { date } from '../format.ts';
import { collaborationOption, installationOption, PersonRolesTable, RoleForm } from './role-form.tsx';
import { ContactLinks, RoleGuide, roleLabel } from './roles.tsx';

const crumbs = [{ href: '/personer', label: 'Personer och roller' }];

/** The page filter's value for people who work for the whole collaboration. */
export const wholeCollaboration = 'samverkan';

const municipalityName = (code: string | null, names: Map<string, string>) =>
  code === null ? 'Hela samverkan' : names.get(code) ?? code;

/** "Systemförvaltare (3), Systemadministratör": a person's roles at a glance; the page has the details. */
function roleSummary(roles: AssignmentView[]): string {
  const counts = new Map<RoleKind, number>();
  for (const r of roles) counts.set(r.role, (counts.get(r.role) ?? 0) + 1);
  return roleKinds.filter((k) => counts.has(k)).map((k) => (counts.get(k)! > 1 ? `${roleLabel[k]} (${counts.get(k)})` : roleLabel[k])).join(', ');
}

type ListProps = { data: PeopleList; filter: string; may: PeopleAbilities; notice?: string; error?: string };

export const PeoplePage: FC<ListProps> = ({ data, filter, may, notice, error }) => {
  const names = new Map(data.municipalities.map((m) => [m.code, m.name]));
  const groups = [
    ...data.municipalities.map((m) => ({ key: m.code, title: m.name, people: data.people.filter((p) => p.person.municipalityCode === m.code) })),
    { key: wholeCollaboration, title: 'Hela samverkan', people: data.people.filter((p) => p.person.municipalityCode === null) },
  ].filter((g) => g.people.length > 0);
  const filterOptions: Option[] = [...data.municipalities.map((m) => ({ value: m.code, label: m.name })), { value: wholeCollaboration, label: 'Hela samverkan' }];
  return (
    <>
      <PageHeader title="Personer och roller"
        lead="Vem som äger, förvaltar och driver systemen – i varje kommun och för samverkan som helhet. Personerna här är kontaktuppgifter, inte användarkonton."
        actions={<>
          {may.addPeople && <a class="button" href="/personer/ny">Lägg till person</a>}
          <a class="button secondary" href="/sarbarhet">Sårbarhet: enpersonsberoenden</a>
        </>} />
      <Notice message={notice} />
      <form method="get" action="/personer" class="filters" aria-label="Filtrera personerna">
        <SelectField name="kommun" label="Kommun" value={filter} empty="Alla kommuner" options={filterOptions} />
        <button type="submit" class="button">Visa</button>
      </form>
      {error && <p class="error-message" role="alert">{error}</p>}
      <RoleGuide />
      {groups.length === 0 ? (
        <EmptyState>
          <p>{filter ? 'Inga personer är registrerade här.' : 'Inga personer är registrerade än.'}
            {filter && <> <a href="/personer">Visa alla</a>.</>}
            {may.addPeople && <> <a href="/personer/ny">Lägg till en person</a>.</>}</p>
        </EmptyState>
      ) : groups.map((g) => (
        <section aria-labelledby={`grupp-${g.key}`}>
          <h2 id={`grupp-${g.key}`}>{g.title} <span class="meta">({g.people.length} {g.people.length === 1 ? 'person' : 'personer'})</span></h2>
          <ScrollTable label={`Personer: ${g.title}`}>
            <table>
              <thead>
                <tr>
                  <th scope="col">Namn</th>
                  <th scope="col">Titel</th>
                  <th scope="col">Kontakt</th>
                  <th scope="col">Roller</th>
                  <th scope="col" class="num">Antal roller</th>
                </tr>
              </thead>
              <tbody>
                {g.people.map(({ person: p, roles }) => (
                  <tr>
                    <th scope="row"><a href={`/personer/${p.id}`}>{p.name}</a></th>
                    <td>{p.title || '–'}</td>
                    <td><ContactLinks email={p.email} phone={p.phone} /></td>
                    <td>{roles.length ? roleSummary(roles) : 'Inga roller'}</td>
                    <td class="num">{roles.length}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
        </section>
      ))}
      {names.size === 0 && <p>Lägg först till kommunerna under <a href="/kommuner">Kommuner</a>.</p>}
    </>
  );
};

export const personLabels: Record<string, string> = { name: 'Namn', title: 'Titel', municipality: 'Kommun', email: 'E-postadress', phone: 'Telefon' };

/** A stored person as the text its form starts from. */
export const personFormValues = (p: PersonRow): FormValues =>
  ({ name: p.name, title: p.title, municipality: p.municipalityCode ?? '', email: p.email, phone: p.phone });

type FormProps = {
  action: string; values: FormValues; issues?: FieldIssue[]; error?: string; version?: number;
  /** The municipalities this actor may place people in. */
  municipalities: Option[];
  /** Administrators may register people who work for the whole collaboration. */
  allowWhole: boolean;
  submit: string;
};

export const PersonForm: FC<FormProps> = ({ action, values, issues = [], error, version, municipalities, allowWhole, submit }) => {
  const errors = issuesByField(issues);
  const field = (name: string) => ({ name, label: personLabels[name]!, value: values[name] ?? '', error: errors[name] });
  return (
    <form method="post" action={action} class="form" novalidate>
      <ErrorSummary error={error} issues={issues} labels={personLabels} />
      {version !== undefined && <VersionField version={version} />}
      <TextField {...field('name')} required autocomplete="off" />
      <TextField {...field('title')} hint="Till exempel IT-chef, systemförvaltare ekonomi eller IT-tekniker." />
      <SelectField {...field('municipality')} options={municipalities} empty={allowWhole ? 'Hela samverkan (ingen enskild kommun)' : undefined}
        hint={allowWhole ? 'Den kommun personen arbetar i. Välj hela samverkan för den som arbetar för alla kommunerna.' : 'Du kan lägga till personer i de kommuner du är redaktör för.'} />
      <TextField {...field('email')} type="email" hint="Till exempel fornamn.efternamn@kommun.se." />
      <TextField {...field('phone')} size="short" hint="Till exempel 0532-170 00." />
      <button type="submit" class="button primary">{submit}</button>
    </form>
  );
};

type PageProps = {
  data: PersonDetail; may: PeopleAbilities; notice?: string;
  /** A failed edit: the posted values with their errors. */
  values?: FormValues; issues?: FieldIssue[]; error?: string; version?: number;
};

export const PersonPage: FC<PageProps> = ({ data, may, notice, values, issues, error, version }) => {
  const p = data.person;
  const names = new Map(data.municipalities.map((m) => [m.code, m.name]));
  const back = `/personer/${p.id}`;
  const editable = may.editPerson(p.municipalityCode);
  const installations = data.installations.filter((i) => may.assignOnInstallation(i.municipality)).map(installationOption);
  const collaborations = may.assignOnCollaboration ? data.collaborations.map(collaborationOption) : [];
  const mayAssign = installations.length > 0 || may.assignOnCollaboration;
  const mayRemove = (r: AssignmentView) =>
    r.installationId !== null ? r.installationMunicipality !== null && may.assignOnInstallation(r.installationMunicipality) : may.assignOnCollaboration;
  return (
    <>
      <PageHeader title={p.name} crumbs={crumbs}
        lead={[p.title, municipalityName(p.municipalityCode, names)].filter(Boolean).join(' · ')}
        actions={editable && <a class="button danger-link" href={`/personer/${p.id}/ta-bort`}>Ta bort</a>} />
      <Notice message={notice} />
      {!editable && error && <div class="error-summary" role="alert" tabindex={-1}><p>{error}</p></div>}
      <dl class="facts">
        <div><dt>Kommun</dt><dd>{municipalityName(p.municipalityCode, names)}</dd></div>
        <div><dt>Titel</dt><dd>{p.title || '–'}</dd></div>
        <div><dt>E-postadress</dt><dd>{p.email ? <a href={`mailto:${p.email}`}>{p.email}</a> : '–'}</dd></div>
        <div><dt>Telefon</dt><dd>{p.phone ? <a href={`tel:${p.phone.replace(/[^\d+]/g, '')}`}>{p.phone}</a> : '–'}</dd></div>
      </dl>

      <section aria-labelledby="roller">
        <h2 id="roller">Roller</h2>
        {data.owns.length > 0 && (
          <p>Systemägare för hela samverkan kring {data.owns.map((o, i) => <>{i > 0 && ', '}<a href={`/samverkan/${o.id}`}>{o.applicationName}</a>{o.endedOn && ' (avslutad)'}</>)}.</p>
        )}
        <PersonRolesTable roles={data.roles} back={back} mayRemove={mayRemove} name={p.name} />
        {mayAssign && (
          <RoleForm back={back} values={{}} personId={p.id} legend={`Ge ${p.name} en roll`}
            roles={may.assignOnCollaboration ? roleKinds : targetedRoles}
            installations={installations} collaborations={collaborations} />
        )}
      </section>

      {editable && (
        <section aria-labelledby="andra">
          <h2 id="andra">Ändra uppgifter</h2>
          <PersonForm action={`/personer/${p.id}`} submit="Spara ändringarna" values={values ?? personFormValues(p)} issues={issues} error={error}
            version={version ?? p.version} allowWhole={may.admin}
            municipalities={may.municipalities(data.municipalities).map((m) => ({ value: m.code, label: m.name }))} />
        </section>
      )}
      <p class="meta">Version {p.version}, senast ändrad {date(p.updatedAt)}.</p>
    </>
  );
};
