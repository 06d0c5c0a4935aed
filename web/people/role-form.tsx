import type { FC } from 'hono/jsx';
import type { RoleKind } from '../../schema/collaboration.ts';
import { issuesByField, type FormValues } from '../../worker/forms.ts';
import type { FieldIssue } from '../../worker/outcome.ts';
import type { AssignmentView, CollaborationChoice, InstallationChoice, PersonChoice } from '../../worker/people/queries.ts';
import { assignmentTarget } from '../../worker/people/queries.ts';
import { ErrorSummary, SelectField, type Option } from '../components/forms.tsx';
import { EmptyState, ScrollTable } from '../components/page.tsx';
import { ContactLinks, roleLabel, roleOptions } from './roles.tsx';

export const roleFormLabels: Record<string, string> = { personId: 'Person', role: 'Roll', installationId: 'System', collaborationId: 'Samverkan' };

export const personOption = (p: PersonChoice, names: Map<string, string>): Option =>
  ({ value: String(p.id), label: `${p.name}${p.title ? `, ${p.title}` : ''} (${p.municipality ? names.get(p.municipality) ?? p.municipality : 'hela samverkan'})` });

export const installationOption = (i: InstallationChoice): Option => ({ value: String(i.id), label: `${i.municipalityName} – ${i.applicationName}` });
export const collaborationOption = (c: CollaborationChoice): Option => ({ value: String(c.id), label: `${c.applicationName} (nivå ${c.level})` });

type RoleFormProps = {
  /** Where the form returns to after saving: the page it sits on. */
  back: string;
  values: FormValues;
  issues?: FieldIssue[];
  error?: string;
  roles: readonly RoleKind[];
  /** Fixed person (on a person's page) or a choice of people. */
  personId?: number;
  people?: Option[];
  /** Fixed installation (on an installation's page) or a choice of installations and collaborations. */
  installationId?: number;
  installations?: Option[];
  collaborations?: Option[];
  /** Headed form on a page of its own; otherwise a compact form inside a section. */
  submit?: string;
  /** What the fieldset is about, e.g. "Ge en roll för systemet". */
  legend: string;
};

/**
 * Give someone a role. The rules (which roles need a system or a collaboration, one of them
 * at most, the same role once) are the command's; the form just offers the choices.
 */
export const RoleForm: FC<RoleFormProps> = (p) => {
  const errors = issuesByField(p.issues ?? []);
  const field = (name: string) => ({ name, label: roleFormLabels[name]!, value: p.values[name] ?? '', error: errors[name] });
  return (
    <form method="post" action="/roller/ny" class="form" novalidate>
      <ErrorSummary error={p.error} issues={p.issues ?? []} labels={roleFormLabels} />
      <input type="hidden" name="tillbaka" value={p.back} />
      <fieldset>
        <legend>{p.legend}</legend>
        {p.personId !== undefined ? <input type="hidden" name="personId" value={String(p.personId)} />
          : <SelectField {...field('personId')} options={p.people ?? []} empty="Välj person" required
              hint="Saknas personen? Lägg först till den under Personer och roller." />}
        <SelectField {...field('role')} options={roleOptions(p.roles)} empty="Välj roll" required />
        {p.installationId !== undefined ? <input type="hidden" name="installationId" value={String(p.installationId)} /> : <>
          <SelectField {...field('installationId')} options={p.installations ?? []} empty="Inget system"
            hint="För roller som gäller en kommuns system: systemförvaltare, systemadministratör med flera." />
          {p.collaborations && p.collaborations.length > 0 && (
            <SelectField {...field('collaborationId')} options={p.collaborations} empty="Ingen samverkan"
              hint="För roller som gäller en samverkan med ett gemensamt system. Välj inte både system och samverkan." />
          )}
        </>}
      </fieldset>
      <button type="submit" class="button primary">{p.submit ?? 'Lägg till rollen'}</button>
    </form>
  );
};

/** A remove button for one role, labelled for screen readers with what it removes. */
export const RemoveRole: FC<{ role: AssignmentView; back: string; what: string }> = ({ role, back, what }) => (
  <form method="post" action={`/roller/${role.id}/ta-bort`} class="inline-form">
    <input type="hidden" name="version" value={String(role.version)} />
    <input type="hidden" name="tillbaka" value={back} />
    <button type="submit" class="link-button">Ta bort<span class="visually-hidden"> {what}</span></button>
  </form>
);

/** The roles on one system: who, which role, how to reach them. */
export const RolesTable: FC<{ label: string; roles: AssignmentView[]; back: string; mayRemove: boolean; names: Map<string, string> }> = ({ label, roles, back, mayRemove, names }) =>
  roles.length === 0 ? (
    <EmptyState><p>Inga roller är registrerade här än.</p></EmptyState>
  ) : (
    <ScrollTable label={label}>
      <table>
        <thead>
          <tr>
            <th scope="col">Roll</th>
            <th scope="col">Person</th>
            <th scope="col">Kommun</th>
            <th scope="col">Kontakt</th>
            {mayRemove && <th scope="col"><span class="visually-hidden">Åtgärd</span></th>}
          </tr>
        </thead>
        <tbody>
          {roles.map((r) => (
            <tr>
              <td>{roleLabel[r.role]}</td>
              <th scope="row"><a href={`/personer/${r.personId}`}>{r.personName}</a>{r.personTitle && <>, {r.personTitle}</>}</th>
              <td>{r.personMunicipality ? names.get(r.personMunicipality) ?? r.personMunicipality : 'Hela samverkan'}</td>
              <td><ContactLinks email={r.personEmail} phone={r.personPhone} /></td>
              {mayRemove && <td><RemoveRole role={r} back={back} what={`${roleLabel[r.role]}: ${r.personName}`} /></td>}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollTable>
  );

/** A person's roles, each with what it is for. */
export const PersonRolesTable: FC<{ roles: AssignmentView[]; back: string; mayRemove: (r: AssignmentView) => boolean; name: string }> = ({ roles, back, mayRemove, name }) =>
  roles.length === 0 ? (
    <EmptyState><p>{name} har inga roller än.</p></EmptyState>
  ) : (
    <ScrollTable label={`Roller för ${name}`}>
      <table>
        <thead>
          <tr>
            <th scope="col">Roll</th>
            <th scope="col">Gäller</th>
            <th scope="col"><span class="visually-hidden">Åtgärd</span></th>
          </tr>
        </thead>
        <tbody>
          {roles.map((r) => {
            const target = assignmentTarget(r);
            return (
              <tr>
                <th scope="row">{roleLabel[r.role]}</th>
                <td>{target.href ? <a href={target.href}>{target.label}</a> : target.label}
                  {r.collaborationEndedOn ? ' (avslutad)' : r.installationLifecycle === 'retired' ? ' (avvecklat)' : ''}</td>
                <td>{mayRemove(r) ? <RemoveRole role={r} back={back} what={`${roleLabel[r.role]}, ${target.label}`} /> : null}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </ScrollTable>
  );
