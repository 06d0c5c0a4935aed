import type { FC } from 'hono/jsx';
import type { Contact, InstallationRoles, WhoToCall } from '../../worker/people/queries.ts';
import { targetedRoles } from '../../worker/people/schemas.ts';
import type { Option } from '../components/forms.tsx';
import { EmptyState, ScrollTable } from '../components/page.tsx';
import { personOption, RoleForm, RolesTable } from './role-form.tsx';
import { ContactLinks, roleLabel } from './roles.tsx';

const ContactRows: FC<{ place: string; placeHref?: string; contacts: Contact[]; none: string }> = ({ place, placeHref, contacts, none }) => (
  <>
    {contacts.length === 0 ? (
      <tr>
        <th scope="row">{placeHref ? <a href={placeHref}>{place}</a> : place}</th>
        <td colspan={3}>{none}</td>
      </tr>
    ) : contacts.map((c) => (
      <tr>
        <th scope="row">{placeHref ? <a href={placeHref}>{place}</a> : place}</th>
        <td>{roleLabel[c.role]}</td>
        <td><a href={`/personer/${c.personId}`}>{c.name}</a>{c.title && <>, {c.title}</>}</td>
        <td><ContactLinks email={c.email} phone={c.phone} /></td>
      </tr>
    ))}
  </>
);

/**
 * "Vem ska jag ringa?" on an application's page: for each shared collaboration its system
 * owner and roles, then for each municipality using the application who holds which role.
 */
export const WhoToCallSection: FC<{ data: WhoToCall; applicationName: string }> = ({ data, applicationName }) => {
  const anything = data.municipalities.length > 0 || data.collaborations.length > 0;
  return (
    <section aria-labelledby="vem-ska-jag-ringa">
      <h2 id="vem-ska-jag-ringa">Vem ska jag ringa?</h2>
      <p>Vem som har vilken roll för {applicationName}, med e-post och telefon. Rollerna förklaras under <a href="/personer">Personer och roller</a>.</p>
      {!anything ? (
        <EmptyState><p>Ingen kommun använder {applicationName} just nu, så det finns ingen att ringa.</p></EmptyState>
      ) : (
        <ScrollTable label={`Kontaktpersoner för ${applicationName}`}>
          <table>
            <thead>
              <tr>
                <th scope="col">Gäller</th>
                <th scope="col">Roll</th>
                <th scope="col">Person</th>
                <th scope="col">Kontakt</th>
              </tr>
            </thead>
            <tbody>
              {data.collaborations.map((c) => (
                <ContactRows place={`Samverkan, nivå ${c.level} (${c.participants.join(', ')}; värd ${c.hostName})`} placeHref={`/samverkan/${c.id}`}
                  contacts={c.contacts} none="Ingen systemägare eller andra roller är registrerade för samverkan." />
              ))}
              {data.municipalities.map((m) => (
                <ContactRows place={m.name} placeHref={`/system/${m.installationId}`} contacts={m.contacts}
                  none="Inga roller registrerade. Följ länken till kommunens system för att lägga till." />
              ))}
            </tbody>
          </table>
        </ScrollTable>
      )}
      {data.collaborationWide.length > 0 && (
        <>
          <h3>För hela samverkan</h3>
          <ul class="plain-list">
            {[...new Set(data.collaborationWide.map((c) => c.role))].map((role) => (
              <li>{roleLabel[role]}: {data.collaborationWide.filter((c) => c.role === role).map((c, i) => (
                <>{i > 0 && ', '}<a href={`/personer/${c.personId}`}>{c.name}</a>{role === 'security_officer' && c.email && <> (<a href={`mailto:${c.email}`}>{c.email}</a>{c.phone && <>, <a href={`tel:${c.phone.replace(/[^\d+]/g, '')}`}>{c.phone}</a></>})</>}</>
              ))}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
};

/** The "Roller" section of an installation's page, with the form to give someone a role. */
export const InstallationRolesSection: FC<{ data: InstallationRoles; title: string; mayAssign: boolean; applicationId: number }> = ({ data, title, mayAssign, applicationId }) => {
  const names = new Map(data.municipalities.map((m) => [m.code, m.name]));
  const back = `/system/${data.installationId}`;
  const people: Option[] = data.people.map((p) => personOption(p, names));
  return (
    <section aria-labelledby="roller">
      <h2 id="roller">Roller</h2>
      <p>Vem som äger, förvaltar och driver {title}. Roller för en samverkan kring applikationen visas under
        {' '}<a href={`/applikationer/${applicationId}#vem-ska-jag-ringa`}>Vem ska jag ringa?</a> på applikationens sida.</p>
      <RolesTable label={`Roller för ${title}`} roles={data.roles} back={back} mayRemove={mayAssign} names={names} />
      {mayAssign && (people.length === 0 ? (
        <p>Det finns inga personer att ge en roll. <a href="/personer/ny">Lägg till en person</a> först.</p>
      ) : (
        <RoleForm back={back} values={{}} installationId={data.installationId} people={people} roles={targetedRoles} legend="Ge någon en roll för systemet" />
      ))}
    </section>
  );
};
