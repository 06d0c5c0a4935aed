import { encodeBase64 } from '@oslojs/encoding';
import { Hono, type Context } from 'hono';
import { AccountPage, EnrolPage, RecoveryCodesPage, type AccountFormFailure } from '../../web/access/account.tsx';
import { municipalityNames } from '../../web/access/fields.tsx';
import type { AppEnv } from '../env.ts';
import { failureJson, jsonBody, respond } from '../http.ts';
import { forbidden, type Failure, type FieldIssue, type Outcome } from '../outcome.ts';
import { page, redirectNotice } from '../pages.tsx';
import {
  account, changePassword, decodeKey, disableTotp, enrolTotp, logoutEverywhere, mayEnrol, renewRecoveryCodes,
} from './account.ts';
import { clearSessionCookie, setSessionCookie } from './cookies.ts';
import { allow } from './permissions.ts';
import type { ValidSession } from './sessions.ts';
import { enrolment, newTotpKey } from './totp.ts';
import { municipalityChoices } from './users.ts';

/**
 * My account (/konto) and two-factor enrolment, and the same as JSON under /api/v1/account.
 * They act on the signed-in person's own session; an API token has none and is refused.
 */

type Ctx = Context<AppEnv>;
const db = (c: Ctx) => c.var.db;

const noStore = (c: Ctx) => {
  c.header('Cache-Control', 'no-store');
  c.header('Referrer-Policy', 'no-referrer');
};

const tokenRefused = forbidden('Detta gäller bara personliga konton som loggat in, inte API-nycklar.');

/** The caller's own session, or a refusal (API tokens have no account to change). */
const own = (c: Ctx): Outcome<ValidSession> => (c.var.session && c.var.actor.via === 'session' ? { ok: true, value: c.var.session } : tokenRefused);

/** Enrolment is reachable before an administrator has a role; it checks the session itself. */
const enrollable = (c: Ctx): ValidSession | undefined => {
  const s = c.var.session;
  return s && c.var.actor.via !== 'token' && mayEnrol(s) ? s : undefined;
};

export const accountApi = new Hono<AppEnv>()
  .get('/account', allow('signedIn'), async (c) => {
    const s = own(c);
    return s.ok ? c.json(await account(db(c), s.value)) : failureJson(c, s);
  })
  .post('/account/password', allow('signedIn'), async (c) => {
    const s = own(c);
    if (!s.ok) return failureJson(c, s);
    const body = await jsonBody(c);
    const outcome = body.ok ? await changePassword(db(c), c.var.actor, s.value, body.value) : body;
    if (!outcome.ok) return failureJson(c, outcome);
    setSessionCookie(c, outcome.value.token, outcome.value.expiresAt);
    return c.json({ expiresAt: new Date(outcome.value.expiresAt).toISOString() });
  })
  /** `{ key: base64 of 20 random bytes, code }`: stores the key once the code proves the app has it. */
  .post('/account/two-factor', allow('public'), async (c) => {
    const s = enrollable(c);
    if (!s) return c.json({ error: c.var.session ? 'Logga in med din nuvarande kod först.' : 'Logga in först.' }, 401);
    const body = await jsonBody(c);
    const outcome = body.ok ? await enrolTotp(db(c), c.var.actor, s, body.value) : body;
    if (outcome.ok) noStore(c);
    return respond(c, outcome);
  })
  .post('/account/two-factor/disable', allow('signedIn'), async (c) => {
    const s = own(c);
    const body = await jsonBody(c);
    return respond(c, !s.ok ? s : body.ok ? await disableTotp(db(c), c.var.actor, s.value, body.value) : body);
  })
  .post('/account/recovery-codes', allow('signedIn'), async (c) => {
    const s = own(c);
    const body = await jsonBody(c);
    const outcome = !s.ok ? s : body.ok ? await renewRecoveryCodes(db(c), c.var.actor, s.value, body.value) : body;
    if (outcome.ok) noStore(c);
    return respond(c, outcome);
  });

// ---- Pages ----

const str = (value: unknown) => (typeof value === 'string' ? value : '');

const notices = {
  losenord: 'Lösenordet är bytt. Du är utloggad från alla andra enheter.',
  avaktiverad: 'Tvåstegsverifiering är avstängd.',
} as const;
const notice = (c: Ctx) => redirectNotice(c, notices);

async function accountPage(c: Ctx, s: ValidSession, failed?: AccountFormFailure, status: Failure['status'] | 200 = 200) {
  const [a, choices] = await Promise.all([account(db(c), s), s.user.role === 'editor' ? municipalityChoices(db(c)) : Promise.resolve([])]);
  const names = municipalityNames(a.municipalities, new Map(choices.map((m) => [m.code, m.name])));
  return page(c, 'Mitt konto', undefined, <AccountPage account={a} names={names} notice={notice(c)} failed={failed} />, status);
}

const formFailure = (form: AccountFormFailure['form'], outcome: Failure, rename: Record<string, string> = {}): AccountFormFailure => {
  if (outcome.status === 429) return { form, issues: [], error: outcome.error };
  const issues: FieldIssue[] = outcome.status === 400 ? outcome.issues.map((i) => ({ ...i, path: rename[i.path] ?? i.path })) : [];
  return { form, issues, error: issues.length ? undefined : outcome.error };
};

function enrolPage(c: Ctx, s: ValidSession, key: Uint8Array, failed?: Failure) {
  noStore(c);
  const { qrDataUrl, secret } = enrolment(key, s.user.email);
  // A broken key starts over with a new one; its message belongs at the code field.
  const issues = failed?.status === 400 ? failed.issues.map((i) => (i.path === 'key' ? { ...i, path: 'code' } : i)) : [];
  return page(c, 'Tvåstegsverifiering', undefined, (
    <EnrolPage email={s.user.email} qrDataUrl={qrDataUrl} secret={secret} keyValue={encodeBase64(key)}
      required={s.user.role === 'admin' && !s.user.twoFactorEnrolled} replacing={s.user.twoFactorEnrolled}
      issues={issues} error={failed && !issues.length ? failed.error : undefined} />
  ), failed?.status ?? 200);
}

/** Not signed in: the login page; signed in but waiting for the code step: that step. */
function notEnrollable(c: Ctx) {
  const back = encodeURIComponent('/konto/tvastegsverifiering');
  return c.redirect(c.var.session ? `/logga-in/kod?till=${back}` : `/logga-in?till=${back}`, 303);
}

export const accountPages = new Hono<AppEnv>()
  .get('/konto', allow('signedIn'), async (c) => {
    const s = own(c);
    return s.ok ? accountPage(c, s.value) : c.redirect('/', 303);
  })
  .post('/konto/losenord', allow('signedIn'), async (c) => {
    const s = own(c);
    if (!s.ok) return c.redirect('/', 303);
    const form = await c.req.parseBody();
    const outcome = await changePassword(db(c), c.var.actor, s.value,
      { currentPassword: str(form.currentPassword), newPassword: str(form.newPassword) }, str(form.newPasswordConfirm));
    if (!outcome.ok) {
      if (outcome.status === 429) c.header('Retry-After', String(outcome.retryAfter));
      return accountPage(c, s.value, formFailure('password', outcome), outcome.status);
    }
    setSessionCookie(c, outcome.value.token, outcome.value.expiresAt);
    return c.redirect('/konto?losenord', 303);
  })
  .post('/konto/logga-ut-overallt', allow('signedIn'), async (c) => {
    const s = own(c);
    if (!s.ok) return c.redirect('/', 303);
    await logoutEverywhere(db(c), c.var.actor, s.value);
    clearSessionCookie(c);
    return c.redirect('/logga-in?utloggad', 303);
  })
  .post('/konto/tvastegsverifiering/stang-av', allow('signedIn'), async (c) => {
    const s = own(c);
    if (!s.ok) return c.redirect('/', 303);
    const form = await c.req.parseBody();
    const outcome = await disableTotp(db(c), c.var.actor, s.value, { code: str(form.disableCode) });
    if (outcome.ok) return c.redirect('/konto?avaktiverad', 303);
    return accountPage(c, s.value, formFailure('disable', outcome, { code: 'disableCode' }), outcome.status);
  })
  .post('/konto/reservkoder', allow('signedIn'), async (c) => {
    const s = own(c);
    if (!s.ok) return c.redirect('/', 303);
    const form = await c.req.parseBody();
    const outcome = await renewRecoveryCodes(db(c), c.var.actor, s.value, { code: str(form.code) });
    if (!outcome.ok) return accountPage(c, s.value, formFailure('recovery', outcome), outcome.status);
    noStore(c);
    return page(c, 'Nya reservkoder', undefined, <RecoveryCodesPage codes={outcome.value.recoveryCodes} enrolled={false} next="/konto" />);
  })
  // Public as far as roles go: an administrator without two-factor login has no role until enrolled here.
  .get('/konto/tvastegsverifiering', allow('public'), (c) => {
    const s = enrollable(c);
    return s ? enrolPage(c, s, newTotpKey()) : notEnrollable(c);
  })
  .post('/konto/tvastegsverifiering', allow('public'), async (c) => {
    const s = enrollable(c);
    if (!s) return notEnrollable(c);
    const form = await c.req.parseBody();
    const input = { key: str(form.key), code: str(form.code) };
    const outcome = await enrolTotp(db(c), c.var.actor, s, input);
    if (!outcome.ok) return enrolPage(c, s, decodeKey(input.key) ?? newTotpKey(), outcome);
    noStore(c);
    const wasRequired = s.user.role === 'admin' && !s.user.twoFactorEnrolled;
    return page(c, 'Tvåstegsverifiering är aktiverad', undefined,
      <RecoveryCodesPage codes={outcome.value.recoveryCodes} enrolled next={wasRequired ? '/' : '/konto'} />);
  });
