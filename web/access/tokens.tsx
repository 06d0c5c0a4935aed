import type { FC } from 'hono/jsx';
import type { ApiTokenView } from '../../worker/access/api-tokens.ts';
import { issuesByField } from '../../worker/forms.ts';
import type { FieldIssue } from '../../worker/outcome.ts';
import { ErrorSummary, SelectField, TextField, type Option } from '../components/forms.tsx';
import { EmptyState, Notice, PageHeader, ScrollTable } from '../components/page.tsx';
import { roleLabel } from '../layout.tsx';
import { CheckboxGroup, CopyField, dateTime, municipalityNames, roleOptions, scopeHint } from './fields.tsx';

type Props = {
  tokens: ApiTokenView[]; names: Map<string, string>; municipalities: Option[];
  values?: { name?: string; role?: string; municipalities?: string[] }; issues?: FieldIssue[]; error?: string;
  /** The token just created, shown this once. */
  created?: { name: string; token: string };
  notice?: string; alert?: string;
};

export const TokensPage: FC<Props> = ({ tokens, names, municipalities, values = {}, issues = [], error, created, notice, alert }) => {
  const errors = issuesByField(issues);
  const active = tokens.filter((t) => !t.revokedAt);
  const revoked = tokens.filter((t) => t.revokedAt);
  return (
    <>
      <PageHeader title="API-nycklar" crumbs={[{ href: '/anvandare', label: 'Användare' }]}
        lead={<>Nycklar för integrationer och skript som använder JSON-API:t. En nyckel har en roll, som ett konto, och skickas i huvudet <code>{'Authorization: Bearer <nyckel>'}</code>. Alla anrop beskrivs i <a href="/api-dokumentation">API-dokumentationen</a>.</>} />
      <Notice message={notice} />
      {alert && <div class="error-summary" role="alert" tabindex={-1}><p>{alert}</p></div>}
      {created && (
        <section aria-labelledby="created-title">
          <h2 id="created-title">Nyckeln ”{created.name}” är skapad</h2>
          <CopyField name="token" label="API-nyckel" value={created.token} hint="Markera och kopiera hela nyckeln." />
          <p><strong>Nyckeln visas bara nu.</strong> Den sparas inte i klartext. Förvara den som ett lösenord; tappas den bort får du återkalla den och skapa en ny.</p>
        </section>
      )}

      <h2>Aktiva nycklar</h2>
      {active.length === 0 ? <EmptyState><p>Det finns inga aktiva API-nycklar.</p></EmptyState> : (
        <ScrollTable label="Aktiva API-nycklar">
          <table>
            <thead>
              <tr>
                <th scope="col">Namn</th><th scope="col">Roll</th><th scope="col">Kommuner</th><th scope="col">Skapad</th>
                <th scope="col">Senast använd</th><th scope="col"><span class="visually-hidden">Åtgärd</span></th>
              </tr>
            </thead>
            <tbody>
              {active.map((t) => (
                <tr>
                  <th scope="row">{t.name}</th>
                  <td>{roleLabel[t.role]}</td>
                  <td>{municipalityNames(t.municipalities, names)}</td>
                  <td>{dateTime(t.createdAt)} av {t.createdBy}</td>
                  <td>{t.lastUsedAt ? dateTime(t.lastUsedAt) : 'aldrig'}</td>
                  <td>
                    <form method="post" action={`/api-nycklar/${t.id}/aterkalla`}>
                      <button type="submit" class="button danger">Återkalla<span class="visually-hidden"> {t.name}</span></button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      )}

      <h2>Skapa nyckel</h2>
      <form method="post" action="/api-nycklar" class="form" novalidate>
        <ErrorSummary error={error} issues={issues} labels={{ name: 'Namn', role: 'Roll', municipalities: 'Kommuner' }} />
        <TextField name="name" label="Namn" value={values.name} error={errors.name} hint="Vad nyckeln används till, t.ex. ”Export till ekonomisystemet”." required />
        <SelectField name="role" label="Roll" value={values.role} options={roleOptions} empty="Välj roll" error={errors.role}
          hint="Ge nyckeln så lite behörighet som möjligt; en nyckel som bara läser ska ha rollen läsare." required />
        <CheckboxGroup name="municipalities" legend="Kommuner" options={municipalities} checked={values.municipalities ?? []} error={errors.municipalities} hint={scopeHint} />
        <button type="submit" class="button primary">Skapa nyckel</button>
      </form>

      {revoked.length > 0 && (
        <>
          <h2>Återkallade nycklar</h2>
          <ScrollTable label="Återkallade API-nycklar">
            <table>
              <thead><tr><th scope="col">Namn</th><th scope="col">Roll</th><th scope="col">Senast använd</th><th scope="col">Återkallad</th></tr></thead>
              <tbody>
                {revoked.map((t) => (
                  <tr>
                    <th scope="row">{t.name}</th>
                    <td>{roleLabel[t.role]}</td>
                    <td>{t.lastUsedAt ? dateTime(t.lastUsedAt) : 'aldrig'}</td>
                    <td>{dateTime(t.revokedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
        </>
      )}
    </>
  );
};
