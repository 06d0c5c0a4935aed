import { Hono, type Context } from 'hono';
import { AcceptInvitationPage, InvitationUnusablePage } from '../../web/access/invitation.tsx';
import { TokensPage } from '../../web/access/tokens.tsx';
import { InvitationLinkPage, UserForm, UserPage, UsersPage, type UserFormValues } from '../../web/access/users.tsx';
import { PageHeader } from '../../web/components/page.tsx';
import type { Option } from '../../web/components/forms.tsx';
import type { AppEnv } from '../env.ts';
import { failureJson, jsonBody, missing, pathId, respond } from '../http.ts';
import type { Failure, FieldIssue, Outcome } from '../outcome.ts';
import { formFailure, notFoundPage, page, redirectNotice } from '../pages.tsx';
import { accountApi, accountPages } from './account-routes.tsx';
import { apiTokensQuery, createApiToken, listApiTokens, revokeApiToken } from './api-tokens.ts';
import { setSessionCookie } from './cookies.ts';
import { acceptInvitation, findInvitation, type Gone } from './invitations.ts';
import { allow } from './permissions.ts';
import { findUser, inviteUser, listUsers, municipalityChoices, renewInvitation, updateUser, userQueries, usersView, type InvitationLink, type UserView } from './users.ts';

/**
 * User administration, API tokens and invitation links: JSON API under /api/v1 and the
 * pages, running the same commands. Together with the account routes these are mounted by
 * worker/app.ts as `accessAdminApi` and `accessAdminPages`.
 */

type Ctx = Context<AppEnv>;
const db = (c: Ctx) => c.var.db;
const actor = (c: Ctx) => c.var.actor;

/** Pages that show a secret once must not be kept by the browser or a proxy. */
export const noStore = (c: Ctx) => {
  c.header('Cache-Control', 'no-store');
  c.header('Referrer-Policy', 'no-referrer');
};

const withUrl = (c: Ctx, link: InvitationLink) => ({ ...link, url: new URL(link.path, c.req.url).toString() });

/** 404 and 410 of an invitation link, as JSON. */
const linkFailure = (c: Ctx, failure: Failure | Gone) => (failure.status === 410 ? c.json({ error: failure.error }, 410) : failureJson(c, failure));

export const usersApi = new Hono<AppEnv>()
  .get('/users', allow('admin'), async (c) => c.json(await listUsers(db(c))))
  .post('/users', allow('admin'), async (c) => {
    const body = await jsonBody(c);
    const outcome = body.ok ? await inviteUser(db(c), actor(c), body.value) : body;
    if (!outcome.ok) return failureJson(c, outcome);
    noStore(c);
    return c.json({ user: outcome.value.user, invitation: withUrl(c, outcome.value.invitation) }, 201);
  })
  .get('/users/:id', allow('admin'), async (c) => {
    const id = pathId(c);
    const found = id && await findUser(db(c), id);
    return found ? c.json(found) : failureJson(c, missing('Användaren'));
  })
  .patch('/users/:id', allow('admin'), async (c) => {
    const id = pathId(c);
    if (!id) return failureJson(c, missing('Användaren'));
    const body = await jsonBody(c);
    return respond(c, body.ok ? await updateUser(db(c), actor(c), id, body.value) : body);
  })
  .post('/users/:id/invitation', allow('admin'), async (c) => {
    const id = pathId(c);
    const outcome = id ? await renewInvitation(db(c), actor(c), id) : missing('Användaren');
    if (!outcome.ok) return failureJson(c, outcome);
    noStore(c);
    return c.json(withUrl(c, outcome.value), 201);
  })

  .get('/tokens', allow('admin'), async (c) => c.json(await listApiTokens(db(c))))
  .post('/tokens', allow('admin'), async (c) => {
    const body = await jsonBody(c);
    const outcome = body.ok ? await createApiToken(db(c), actor(c), body.value) : body;
    if (outcome.ok) noStore(c);
    return respond(c, outcome, 201);
  })
  .delete('/tokens/:id', allow('admin'), async (c) => {
    const id = pathId(c);
    return respond(c, id ? await revokeApiToken(db(c), actor(c), id) : missing('API-nyckeln'));
  })

  // Invitation links: whoever holds the token may use it once, before it expires.
  .get('/invitations/:token', allow('public'), async (c) => {
    const found = await findInvitation(db(c), c.req.param('token'));
    if (!found.ok) return linkFailure(c, found);
    const { name, email, role } = found.value;
    return c.json({ name, email, role });
  })
  .post('/invitations/:token/accept', allow('public'), async (c) => {
    const body = await jsonBody(c);
    const outcome = body.ok ? await acceptInvitation(db(c), actor(c), c.req.param('token'), body.value, { previousSessionId: c.var.session?.id }) : body;
    if (!outcome.ok) return linkFailure(c, outcome);
    setSessionCookie(c, outcome.value.token, outcome.value.expiresAt);
    const { user, twoFactorPending, expiresAt } = outcome.value;
    return c.json({ user, twoFactorPending, expiresAt: new Date(expiresAt).toISOString() });
  });

// ---- Pages ----

const str = (value: unknown) => (typeof value === 'string' ? value : '');
const list = (value: unknown) => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : typeof value === 'string' ? [value] : []);

const municipalityLists = (rows: { code: string; name: string }[]) =>
  ({ options: rows.map((m): Option => ({ value: m.code, label: m.name })), names: new Map(rows.map((m) => [m.code, m.name])) });

async function municipalities(c: Ctx) {
  return municipalityLists(await municipalityChoices(db(c)));
}

const notices = { sparat: 'Ändringarna är sparade.', avstangt: 'Kontot är avstängt och alla dess inloggningar är avslutade.', aktiverat: 'Kontot är aktiverat igen.', aterkallad: 'API-nyckeln är återkallad.' } as const;
const notice = (c: Ctx) => redirectNotice(c, notices);

const newUserPage = async (c: Ctx, values: UserFormValues, outcome?: Failure) => page(c, 'Bjud in användare', '/anvandare', <>
  <PageHeader title="Bjud in användare" crumbs={[{ href: '/anvandare', label: 'Användare' }]}
    lead="Personen får en länk som gäller i sju dagar. Med den väljer personen ett lösenord och loggar in." />
  <UserForm action="/anvandare/ny" submit="Skapa inbjudan" values={values} municipalities={(await municipalities(c)).options} {...(outcome ? formFailure(outcome) : {})} />
</>, outcome?.status ?? 200);

type UserPageExtra = { alert?: string; values?: UserFormValues; issues?: FieldIssue[]; version?: number; status?: Failure['status'] };

async function userPage(c: Ctx, u: UserView, extra: UserPageExtra = {}) {
  const m = await municipalities(c);
  return page(c, u.name, '/anvandare', (
    <UserPage user={u} names={m.names} municipalities={m.options} self={actor(c).userId === u.id} notice={notice(c)}
      alert={extra.alert} values={extra.values} version={extra.version} issues={extra.issues} />
  ), extra.status ?? 200);
}

/** A refusal that is not about a field (409 last administrator, 403 oneself) goes on top of the page. */
const refused = (outcome: Failure): UserPageExtra => ({ alert: outcome.error, status: outcome.status });

async function tokensPage(c: Ctx, extra: Partial<Parameters<typeof TokensPage>[0]> = {}, status: 200 | 400 | 404 | 409 = 200) {
  // One round trip: the tokens and the municipalities in one batch.
  const [tokens, rows] = await db(c).batch([apiTokensQuery(db(c)), municipalityChoices(db(c))]);
  const m = municipalityLists(rows);
  return page(c, 'API-nycklar', '/anvandare', <TokensPage tokens={tokens} names={m.names} municipalities={m.options} notice={notice(c)} {...extra} />, status);
}

async function invitationShown(c: Ctx, link: InvitationLink, u: { id: number; name: string; email: string }, renewed: boolean) {
  noStore(c);
  return page(c, renewed ? 'Ny inbjudningslänk' : 'Inbjudan skapad', '/anvandare',
    <InvitationLinkPage title={renewed ? 'Ny inbjudningslänk' : 'Inbjudan skapad'} user={u} url={withUrl(c, link).url} expiresAt={link.expiresAt} renewed={renewed} />);
}

function unusableLink(c: Ctx, failure: Failure | Gone) {
  return page(c, failure.status === 410 ? 'Länken har gått ut' : 'Länken gäller inte', undefined,
    <InvitationUnusablePage expired={failure.status === 410} message={failure.error} />, failure.status === 410 ? 410 : 404);
}

export const usersPages = new Hono<AppEnv>()
  .get('/anvandare', allow('admin'), async (c) => {
    // One round trip: the users and the municipalities in one batch.
    const [rows, scopes, invitations, choices] = await db(c).batch([...userQueries(db(c)), municipalityChoices(db(c))]);
    const users = usersView([rows, scopes, invitations]);
    return page(c, 'Användare', '/anvandare', <UsersPage users={users} names={municipalityLists(choices).names} notice={notice(c)} />);
  })
  .get('/anvandare/ny', allow('admin'), (c) => newUserPage(c, {}))
  .post('/anvandare/ny', allow('admin'), async (c) => {
    const form = await c.req.parseBody({ all: true });
    const values = { name: str(form.name), email: str(form.email), role: str(form.role), municipalities: list(form.municipalities) };
    const outcome = await inviteUser(db(c), actor(c), values);
    if (!outcome.ok) return newUserPage(c, values, outcome);
    return invitationShown(c, outcome.value.invitation, outcome.value.user, false);
  })
  .get('/anvandare/:id', allow('admin'), async (c) => {
    const id = pathId(c);
    const u = id && await findUser(db(c), id);
    return u ? userPage(c, u) : notFoundPage(c);
  })
  .post('/anvandare/:id', allow('admin'), async (c) => {
    const id = pathId(c);
    const u = id && await findUser(db(c), id);
    if (!id || !u) return notFoundPage(c);
    const form = await c.req.parseBody({ all: true });
    const values = { name: str(form.name), role: str(form.role), municipalities: list(form.municipalities) };
    const version = Number(str(form.version));
    const outcome = await updateUser(db(c), actor(c), id, { ...values, version });
    if (outcome.ok) return c.redirect(`/anvandare/${id}?sparat`, 303);
    if (outcome.status === 400) return userPage(c, u, { values, issues: outcome.issues, alert: outcome.issues.length ? undefined : outcome.error, version, status: 400 });
    return userPage(c, u, refused(outcome));
  })
  .post('/anvandare/:id/aktiv', allow('admin'), async (c) => {
    const id = pathId(c);
    const u = id && await findUser(db(c), id);
    if (!id || !u) return notFoundPage(c);
    const form = await c.req.parseBody();
    const active = str(form.active) === 'ja';
    const outcome = await updateUser(db(c), actor(c), id, { version: Number(str(form.version)), active });
    if (outcome.ok) return c.redirect(`/anvandare/${id}?${active ? 'aktiverat' : 'avstangt'}`, 303);
    return userPage(c, u, refused(outcome));
  })
  .post('/anvandare/:id/inbjudan', allow('admin'), async (c) => {
    const id = pathId(c);
    const u = id && await findUser(db(c), id);
    if (!id || !u) return notFoundPage(c);
    const outcome = await renewInvitation(db(c), actor(c), id);
    if (!outcome.ok) return userPage(c, u, refused(outcome));
    return invitationShown(c, outcome.value, u, true);
  })

  .get('/api-nycklar', allow('admin'), (c) => tokensPage(c))
  .post('/api-nycklar', allow('admin'), async (c) => {
    const form = await c.req.parseBody({ all: true });
    const values = { name: str(form.name), role: str(form.role), municipalities: list(form.municipalities) };
    const outcome = await createApiToken(db(c), actor(c), values);
    if (!outcome.ok) return tokensPage(c, { values, ...formFailure(outcome) }, outcome.status === 400 ? 400 : 409);
    noStore(c);
    return tokensPage(c, { created: { name: outcome.value.name, token: outcome.value.token } });
  })
  .post('/api-nycklar/:id/aterkalla', allow('admin'), async (c) => {
    const id = pathId(c);
    const outcome: Outcome<void> = id ? await revokeApiToken(db(c), actor(c), id) : missing('API-nyckeln');
    if (outcome.ok) return c.redirect('/api-nycklar?aterkallad', 303);
    return tokensPage(c, { alert: outcome.error }, outcome.status === 404 ? 404 : 409);
  })

  .get('/inbjudan/:token', allow('public'), async (c) => {
    noStore(c);
    const token = c.req.param('token');
    const found = await findInvitation(db(c), token);
    if (!found.ok) return unusableLink(c, found);
    return page(c, 'Välj lösenord', undefined, <AcceptInvitationPage token={token} invited={found.value} />);
  })
  .post('/inbjudan/:token', allow('public'), async (c) => {
    noStore(c);
    const token = c.req.param('token');
    const form = await c.req.parseBody();
    const outcome = await acceptInvitation(db(c), actor(c), token, { password: str(form.password) },
      { confirmation: str(form.passwordConfirm), previousSessionId: c.var.session?.id });
    if (outcome.ok) {
      setSessionCookie(c, outcome.value.token, outcome.value.expiresAt);
      const { user, twoFactorPending } = outcome.value;
      const next = twoFactorPending ? '/logga-in/kod' : user.role === 'admin' && !user.twoFactorEnrolled ? '/konto/tvastegsverifiering' : '/';
      return c.redirect(next, 303);
    }
    if (outcome.status !== 400) return unusableLink(c, outcome);
    const found = await findInvitation(db(c), token);
    if (!found.ok) return unusableLink(c, found);
    return page(c, 'Välj lösenord', undefined, <AcceptInvitationPage token={token} invited={found.value} {...formFailure(outcome)} />, 400);
  });

/** Everything of this area, for worker/app.ts to mount. */
export const accessAdminApi = new Hono<AppEnv>().route('/', usersApi).route('/', accountApi);
export const accessAdminPages = new Hono<AppEnv>().route('/', usersPages).route('/', accountPages);
