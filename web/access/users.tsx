import type { FC } from 'hono/jsx';
import type { UserStatus, UserView } from '../../worker/access/users.ts';
import { issuesByField } from '../../worker/forms.ts';
import type { FieldIssue } from '../../worker/outcome.ts';
import { ErrorSummary, SelectField, TextField, type Option } from '../components/forms.tsx';
import { EmptyState, Notice, PageHeader, ScrollTable, YesNo } from '../components/page.tsx';
import { roleLabel } from '../layout.tsx';
import { CheckboxGroup, CopyField, dateTime, municipalityNames, roleHint, roleOptions, scopeHint } from './fields.tsx';

export const statusLabel: Record<UserStatus, string> = { invited: 'Inbjuden', active: 'Aktiv', deactivated: 'Avstängd' };

const crumbs = [{ href: '/anvandare', label: 'Användare' }];

type Names = Map<string, string>;

export const UsersPage: FC<{ users: UserView[]; names: Names; notice?: string }> = ({ users, names, notice }) => (
  <>
    <PageHeader title="Användare" lead="Alla konton. Konton skapas bara genom inbjudan från en administratör."
      actions={<><a class="button" href="/anvandare/ny">Bjud in användare</a> <a class="button secondary" href="/api-nycklar">API-nycklar</a> <a class="button secondary" href="/sakerhetskopia">Säkerhetskopia</a></>} />
    <Notice message={notice} />
    {users.length === 0 ? (
      <EmptyState><p>Det finns inga användare.</p></EmptyState>
    ) : (
      <ScrollTable label="Användare">
        <table>
          <thead>
            <tr>
              <th scope="col">Namn</th><th scope="col">E-postadress</th><th scope="col">Roll</th><th scope="col">Kommuner</th>
              <th scope="col">Status</th><th scope="col">Tvåstegsverifiering</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr>
                <th scope="row"><a href={`/anvandare/${u.id}`}>{u.name}</a></th>
                <td>{u.email}</td>
                <td>{roleLabel[u.role]}</td>
                <td>{municipalityNames(u.municipalities, names)}</td>
                <td>{statusLabel[u.status]}</td>
                <td><YesNo value={u.twoFactorEnrolled} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollTable>
    )}
  </>
);

export const userLabels: Record<string, string> = { name: 'Namn', email: 'E-postadress', role: 'Roll', municipalities: 'Kommuner', active: 'Konto', version: 'Version' };

export type UserFormValues = { name?: string; email?: string; role?: string; municipalities?: string[] };

type FormProps = {
  action: string; values: UserFormValues; municipalities: Option[]; issues?: FieldIssue[]; error?: string;
  /** Set when editing: the e-mail address is fixed, the version travels along. */
  version?: number; submit: string;
};

export const UserForm: FC<FormProps> = ({ action, values, municipalities, issues = [], error, version, submit }) => {
  const errors = issuesByField(issues);
  return (
    <form method="post" action={action} class="form" novalidate>
      <ErrorSummary error={error} issues={issues} labels={userLabels} />
      {version !== undefined && <input type="hidden" name="version" value={String(version)} />}
      <TextField name="name" label="Namn" value={values.name} error={errors.name} autocomplete="off" required />
      {version === undefined && (
        <TextField name="email" label="E-postadress" type="email" value={values.email} error={errors.email}
          hint="Personens egen adress i tjänsten; den används för att logga in." required />
      )}
      <SelectField name="role" label="Roll" value={values.role} options={roleOptions} empty="Välj roll" error={errors.role} hint={roleHint} required />
      <CheckboxGroup name="municipalities" legend="Kommuner" options={municipalities} checked={values.municipalities ?? []} error={errors.municipalities} hint={scopeHint} />
      <button type="submit" class="button primary">{submit}</button>
    </form>
  );
};

/** The one moment the link exists in clear text. */
export const InvitationLinkPage: FC<{ title: string; user: { id: number; name: string; email: string }; url: string; expiresAt: string; renewed?: boolean }> = ({ title, user, url, expiresAt, renewed }) => (
  <>
    <PageHeader title={title} crumbs={[...crumbs, { href: `/anvandare/${user.id}`, label: user.name }]} />
    <p class="notice" role="status">
      {renewed ? 'En ny länk är skapad. Tidigare länkar till kontot fungerar inte längre.' : `Kontot för ${user.name} är skapat.`}
    </p>
    <p>
      Skicka länken till {user.name} ({user.email}), till exempel i ett e-postmeddelande. Med den väljer personen ett lösenord
      och loggar in. Länken gäller till och med {dateTime(expiresAt)} och kan bara användas en gång.
    </p>
    <CopyField name="link" label="Inbjudningslänk" value={url} hint="Markera och kopiera hela länken." />
    <p><strong>Länken visas bara nu.</strong> Den sparas inte i klartext, så om den tappas bort får du skapa en ny från användarens sida.</p>
    <p><a href={`/anvandare/${user.id}`}>Till {user.name}</a> · <a href="/anvandare">Alla användare</a></p>
  </>
);

type UserPageProps = {
  user: UserView; names: Names; municipalities: Option[]; self: boolean; notice?: string;
  /** Why activating, deactivating or a new link failed. */
  alert?: string;
  values?: UserFormValues; issues?: FieldIssue[]; error?: string; version?: number;
};

export const UserPage: FC<UserPageProps> = ({ user: u, names, municipalities, self, notice, alert, values, issues, error, version }) => (
  <>
    <PageHeader title={u.name} crumbs={crumbs} />
    <Notice message={notice} />
    {alert && <div class="error-summary" role="alert" tabindex={-1}><p>{alert}</p></div>}
    <dl class="facts">
      <div><dt>E-postadress</dt><dd>{u.email}</dd></div>
      <div><dt>Roll</dt><dd>{roleLabel[u.role]}</dd></div>
      <div><dt>Kommuner</dt><dd>{municipalityNames(u.municipalities, names)}</dd></div>
      <div><dt>Status</dt><dd>{statusLabel[u.status]}</dd></div>
      <div><dt>Tvåstegsverifiering</dt><dd><YesNo value={u.twoFactorEnrolled} /></dd></div>
      <div><dt>Inbjudningslänk</dt><dd>{u.invitationExpiresAt ? `Gäller till ${dateTime(u.invitationExpiresAt)}` : 'Ingen giltig länk'}</dd></div>
    </dl>

    <h2>Ändra namn, roll och kommuner</h2>
    <UserForm action={`/anvandare/${u.id}`} submit="Spara ändringarna" municipalities={municipalities} issues={issues} error={error}
      version={version ?? u.version} values={values ?? { name: u.name, role: u.role, municipalities: u.municipalities }} />

    <h2>Inbjudan och lösenord</h2>
    {u.active ? (
      <form method="post" action={`/anvandare/${u.id}/inbjudan`}>
        <p>
          {u.status === 'invited'
            ? 'Har länken gått ut eller kommit bort? Skapa en ny; tidigare länkar slutar då att fungera.'
            : 'Har personen glömt sitt lösenord? En ny länk låter personen välja ett nytt. Tvåstegsverifieringen finns kvar.'}
        </p>
        <button type="submit" class="button secondary">Skapa ny inbjudningslänk</button>
      </form>
    ) : <p>Kontot är avstängt. Aktivera det först om personen ska få en ny länk.</p>}

    <h2>{u.active ? 'Stäng av kontot' : 'Aktivera kontot'}</h2>
    {self ? (
      <p>Du kan inte stänga av ditt eget konto. Be en annan administratör om det behövs.</p>
    ) : (
      <form method="post" action={`/anvandare/${u.id}/aktiv`}>
        <input type="hidden" name="version" value={String(u.version)} />
        <input type="hidden" name="active" value={u.active ? 'nej' : 'ja'} />
        <p>{u.active
          ? 'Ett avstängt konto kan inte logga in. Personen loggas ut direkt från alla enheter och inbjudningslänkar slutar gälla. Historiken finns kvar.'
          : 'Personen kan logga in igen med sitt lösenord.'}</p>
        <button type="submit" class={u.active ? 'button danger' : 'button secondary'}>{u.active ? 'Stäng av kontot' : 'Aktivera kontot'}</button>
      </form>
    )}
  </>
);
