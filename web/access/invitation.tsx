import type { FC } from 'hono/jsx';
import type { Invited } from '../../worker/access/invitations.ts';
import { issuesByField } from '../../worker/forms.ts';
import type { FieldIssue } from '../../worker/outcome.ts';
import { ErrorSummary } from '../components/forms.tsx';
import { PageHeader } from '../components/page.tsx';
import { roleLabel } from '../layout.tsx';
import { PasswordField } from './fields.tsx';

const passwordHint = 'Minst 12 tecken. Ett par ord med mellanslag är lätt att minnas och svårt att gissa. Undvik vanliga lösenord och din e-postadress.';

export const AcceptInvitationPage: FC<{ token: string; invited: Invited; issues?: FieldIssue[]; error?: string }> = ({ token, invited, issues = [], error }) => {
  const errors = issuesByField(issues);
  const reset = invited.hasPassword;
  return (
    <>
      <PageHeader title={reset ? 'Välj ett nytt lösenord' : 'Välj ett lösenord'}
        lead={reset ? 'En administratör har skickat dig en länk för att välja ett nytt lösenord.' : 'Välkommen till Samverkansplattformen! Du har bjudits in. Välj ett lösenord så loggas du in.'} />
      <dl class="facts">
        <div><dt>Namn</dt><dd>{invited.name}</dd></div>
        <div><dt>E-postadress</dt><dd>{invited.email}</dd></div>
        <div><dt>Roll</dt><dd>{roleLabel[invited.role]}</dd></div>
      </dl>
      <form method="post" action={`/inbjudan/${token}`} class="form" novalidate>
        <ErrorSummary error={error} issues={issues} labels={{ password: 'Lösenord', passwordConfirm: 'Lösenordet igen' }} />
        {/* Lets password managers save the password under the right account. */}
        <input type="hidden" name="username" value={invited.email} autocomplete="username" />
        <PasswordField name="password" label={reset ? 'Nytt lösenord' : 'Lösenord'} hint={passwordHint} error={errors.password} autocomplete="new-password" />
        <PasswordField name="passwordConfirm" label="Lösenordet igen" error={errors.passwordConfirm} autocomplete="new-password" />
        <button type="submit" class="button primary">{reset ? 'Spara lösenordet och logga in' : 'Skapa kontot och logga in'}</button>
      </form>
      {invited.role === 'admin' && !invited.twoFactorEnrolled && (
        <p>Som administratör aktiverar du sedan tvåstegsverifiering med en autentiseringsapp i telefonen, till exempel Microsoft Authenticator, Google Authenticator eller FreeOTP.</p>
      )}
    </>
  );
};

export const InvitationUnusablePage: FC<{ expired: boolean; message: string }> = ({ expired, message }) => (
  <>
    <PageHeader title={expired ? 'Länken har gått ut' : 'Länken gäller inte'} />
    <p>{message}</p>
    <p>Har du redan ett konto? <a href="/logga-in">Logga in</a>.</p>
  </>
);
