import type { FC } from 'hono/jsx';
import type { Account } from '../../worker/access/account.ts';
import { issuesByField } from '../../worker/forms.ts';
import type { FieldIssue } from '../../worker/outcome.ts';
import { ErrorSummary, TextField } from '../components/forms.tsx';
import { Notice, PageHeader, YesNo } from '../components/page.tsx';
import { roleLabel } from '../layout.tsx';
import { PasswordField } from './fields.tsx';

/** Which of the account page's forms failed, with its issues. */
export type AccountFormFailure = { form: 'password' | 'disable' | 'recovery'; issues: FieldIssue[]; error?: string };

const codeHint = 'Den sexsiffriga koden från autentiseringsappen, eller en oanvänd reservkod.';

export const AccountPage: FC<{ account: Account; names: string; notice?: string; failed?: AccountFormFailure }> = ({ account: a, names, notice, failed }) => {
  const issues = (form: AccountFormFailure['form']) => (failed?.form === form ? failed.issues : []);
  const errorOf = (form: AccountFormFailure['form']) => (failed?.form === form ? failed.error : undefined);
  const password = issuesByField(issues('password'));
  const disable = issuesByField(issues('disable'));
  const recovery = issuesByField(issues('recovery'));
  return (
    <>
      <PageHeader title="Mitt konto" />
      <Notice message={notice} />
      <dl class="facts">
        <div><dt>Namn</dt><dd>{a.name}</dd></div>
        <div><dt>E-postadress</dt><dd>{a.email}</dd></div>
        <div><dt>Roll</dt><dd>{roleLabel[a.role]}</dd></div>
        {a.role === 'editor' && <div><dt>Kommuner</dt><dd>{names}</dd></div>}
      </dl>
      <p>Namn, roll och kommuner ändras av en administratör.</p>

      <h2 id="losenord">Byt lösenord</h2>
      <form method="post" action="/konto/losenord" class="form" novalidate>
        <ErrorSummary error={errorOf('password')} issues={issues('password')}
          labels={{ currentPassword: 'Nuvarande lösenord', newPassword: 'Nytt lösenord', newPasswordConfirm: 'Nytt lösenord igen' }} />
        <input type="hidden" name="username" value={a.email} autocomplete="username" />
        <PasswordField name="currentPassword" label="Nuvarande lösenord" error={password.currentPassword} autocomplete="current-password" />
        <PasswordField name="newPassword" label="Nytt lösenord" error={password.newPassword} autocomplete="new-password"
          hint="Minst 12 tecken. Ett par ord med mellanslag är lätt att minnas och svårt att gissa." />
        <PasswordField name="newPasswordConfirm" label="Nytt lösenord igen" error={password.newPasswordConfirm} autocomplete="new-password" />
        <p>När du byter lösenord loggas du ut från alla andra enheter.</p>
        <button type="submit" class="button primary">Byt lösenord</button>
      </form>

      <h2 id="tvastegsverifiering">Tvåstegsverifiering</h2>
      <p>Aktiverad: <YesNo value={a.twoFactorEnrolled} /></p>
      {a.twoFactorEnrolled ? (
        <>
          <p>Oanvända reservkoder: {a.recoveryCodesLeft} av 10.{a.recoveryCodesLeft <= 3 && ' Skapa nya reservkoder snart.'}</p>
          <p><a href="/konto/tvastegsverifiering">Byt autentiseringsapp eller telefon</a></p>
          <form method="post" action="/konto/reservkoder" class="form" novalidate>
            <h3>Nya reservkoder</h3>
            <ErrorSummary error={errorOf('recovery')} issues={issues('recovery')} labels={{ code: 'Kod' }} />
            <p>De nya koderna ersätter alla gamla.</p>
            <TextField name="code" label="Kod" error={recovery.code} inputmode="numeric" autocomplete="one-time-code" size="short" hint={codeHint} required />
            <button type="submit" class="button secondary">Skapa nya reservkoder</button>
          </form>
          {a.role === 'admin' ? (
            <p>Som administratör måste du ha tvåstegsverifiering; den kan inte stängas av.</p>
          ) : (
            <form method="post" action="/konto/tvastegsverifiering/stang-av" class="form" novalidate>
              <h3>Stäng av tvåstegsverifiering</h3>
              <ErrorSummary error={errorOf('disable')} issues={issues('disable')} labels={{ code: 'Kod' }} />
              {/* Both forms have a code field: the ids must differ. */}
              <TextField name="disableCode" label="Kod" error={disable.disableCode} inputmode="numeric" autocomplete="one-time-code" size="short" hint={codeHint} required />
              <button type="submit" class="button danger">Stäng av tvåstegsverifiering</button>
            </form>
          )}
        </>
      ) : (
        <p>Med tvåstegsverifiering behövs både lösenordet och en kod från telefonen för att logga in. <a href="/konto/tvastegsverifiering">Aktivera tvåstegsverifiering</a></p>
      )}

      <h2>Logga ut överallt</h2>
      <form method="post" action="/konto/logga-ut-overallt">
        <p>Avslutar alla inloggningar med ditt konto, i alla webbläsare och på alla enheter, även den här.</p>
        <button type="submit" class="button secondary">Logga ut överallt</button>
      </form>
    </>
  );
};

type EnrolProps = {
  email: string; qrDataUrl: string; secret: string; keyValue: string; required: boolean; replacing: boolean;
  issues?: FieldIssue[]; error?: string;
};

/** The secret in groups of four, as authenticator apps accept it typed in. */
const grouped = (secret: string) => secret.replace(/(.{4})(?=.)/g, '$1 ');

export const EnrolPage: FC<EnrolProps> = ({ email, qrDataUrl, secret, keyValue, required, replacing, issues = [], error }) => {
  const errors = issuesByField(issues);
  return (
    <>
      <PageHeader title={replacing ? 'Byt autentiseringsapp' : 'Aktivera tvåstegsverifiering'}
        lead={required
          ? 'Som administratör måste du logga in med både lösenord och en kod från telefonen. Aktivera det nu för att fortsätta.'
          : 'Vid inloggning anger du, efter lösenordet, en kod från en autentiseringsapp i telefonen.'} />
      {replacing && <p>När den nya appen fungerar slutar den gamla att ge giltiga koder, och du får nya reservkoder.</p>}
      <ol>
        <li>Öppna en autentiseringsapp i telefonen, till exempel Microsoft Authenticator, Google Authenticator eller FreeOTP.</li>
        <li>
          Skanna QR-koden med appen.
          <p><img src={qrDataUrl} alt="QR-kod för autentiseringsappen" width="200" height="200" /></p>
          <p>Går det inte att skanna? Lägg till kontot {email} för tjänsten Samverkansplattformen manuellt med nyckeln
            {' '}<code>{grouped(secret)}</code> (tidsbaserad, 6 siffror).</p>
        </li>
        <li>Ange koden som appen visar.</li>
      </ol>
      <form method="post" action="/konto/tvastegsverifiering" class="form" novalidate>
        <ErrorSummary error={error} issues={issues} labels={{ code: 'Kod från appen' }} />
        <input type="hidden" name="key" value={keyValue} />
        <TextField name="code" label="Kod från appen" error={errors.code} inputmode="numeric" autocomplete="one-time-code" size="short" required />
        <button type="submit" class="button primary">Aktivera</button>
      </form>
      {required && <form method="post" action="/logga-ut"><button type="submit" class="button secondary">Avbryt och logga ut</button></form>}
    </>
  );
};

/** Shown once, right after enrolment or when new codes are made. */
export const RecoveryCodesPage: FC<{ codes: string[]; enrolled: boolean; next: string }> = ({ codes, enrolled, next }) => (
  <>
    <PageHeader title={enrolled ? 'Tvåstegsverifiering är aktiverad' : 'Nya reservkoder'} />
    <p class="notice" role="status">{enrolled ? 'Klart. Från och med nu anger du en kod från appen när du loggar in.' : 'De gamla reservkoderna fungerar inte längre.'}</p>
    <h2>Dina reservkoder – spara dem nu</h2>
    <p>
      Om du tappar telefonen kan du logga in med en reservkod i stället för koden från appen. Varje kod fungerar en gång.
      <strong> Koderna visas bara nu.</strong> Skriv ut dem eller spara dem i din lösenordshanterare.
    </p>
    <ul class="plain-list">{codes.map((code) => <li><code>{code}</code></li>)}</ul>
    <p><a class="button primary" href={next}>Jag har sparat koderna</a></p>
  </>
);
