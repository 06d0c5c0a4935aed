import type { FC } from 'hono/jsx';
import type { FieldIssue } from '../../worker/outcome.ts';
import { issuesByField } from '../../worker/forms.ts';
import { ErrorSummary, TextField } from '../components/forms.tsx';
import { PageHeader } from '../components/page.tsx';

type Props = { next: string; email?: string; issues?: FieldIssue[]; error?: string; notice?: string };

export const LoginPage: FC<Props> = ({ next, email, issues = [], error, notice }) => {
  const errors = issuesByField(issues);
  return (
    <>
      <PageHeader title="Logga in" lead="Samverkansplattformen är till för kommunerna i samverkan. Konton skapas av en administratör." />
      {notice && <p class="notice" role="status">{notice}</p>}
      <form method="post" action={`/logga-in?till=${encodeURIComponent(next)}`} class="form" novalidate>
        <ErrorSummary error={error} issues={issues} labels={{ email: 'E-postadress', password: 'Lösenord' }} />
        <TextField name="email" label="E-postadress" type="email" value={email} error={errors.email} autocomplete="username" required />
        <div class={errors.password ? 'field field-error' : 'field'}>
          <label for="f-password">Lösenord</label>
          {errors.password && <p class="error-message" id="f-password-fel"><span class="visually-hidden">Fel: </span>{errors.password}</p>}
          <input id="f-password" name="password" type="password" autocomplete="current-password" required
            aria-invalid={errors.password ? 'true' : undefined} aria-describedby={errors.password ? 'f-password-fel' : undefined} />
        </div>
        <button type="submit" class="button primary">Logga in</button>
      </form>
    </>
  );
};

export const CodePage: FC<{ next: string; issues?: FieldIssue[]; error?: string }> = ({ next, issues = [], error }) => {
  const errors = issuesByField(issues);
  return (
    <>
      <PageHeader title="Tvåstegsverifiering" lead="Ange den sexsiffriga koden från autentiseringsappen i din telefon." />
      <form method="post" action={`/logga-in/kod?till=${encodeURIComponent(next)}`} class="form" novalidate>
        <ErrorSummary error={error} issues={issues} labels={{ code: 'Kod' }} />
        <TextField name="code" label="Kod" value="" error={errors.code} inputmode="numeric" autocomplete="one-time-code" size="short"
          hint="Har du inte telefonen? Ange en av dina reservkoder i stället." required />
        <button type="submit" class="button primary">Fortsätt</button>
      </form>
      <form method="post" action="/logga-ut"><button type="submit" class="button secondary">Avbryt och logga ut</button></form>
    </>
  );
};
