/**
 * User administration, invitations, my account, two-factor enrolment and API tokens —
 * through the real Worker entry and a real D1. Each test starts signed in as an administrator.
 */
import { env } from 'cloudflare:workers';
import { decodeBase64 } from '@oslojs/encoding';
import { generateTOTP } from '@oslojs/otp';
import { describe, expect, it } from 'vitest';
import { hashToken } from '../worker/access/tokens.ts';
import { actAs, api, auditEvents, createUser, page, seedRegister, sessionFor, signIn, testTotpKey, account, knownPassword, nobody, sleep } from './helpers.ts';

const password = knownPassword;

const login = (body: Record<string, unknown>) => api('POST', '/auth/login', body, nobody);

/** `name=value` of the session cookie a response sets. */
function cookieOf(headers: Headers): string {
  const line = headers.getSetCookie().find((l) => l.startsWith('session=') && !/Max-Age=0/i.test(l));
  if (!line) throw new Error(`no session cookie in ${JSON.stringify(headers.getSetCookie())}`);
  return line.split(';')[0]!;
}

const form = (fields: Record<string, string | string[]>, as?: string) => {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) body.append(k, one);
  return { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: body.toString(), ...(as === undefined ? {} : { as }) };
};

const sessionCount = async (userId: number) =>
  (await env.DB.prepare('SELECT count(*) AS n FROM session WHERE user_id = ?').bind(userId).first<{ n: number }>())!.n;

const userRow = (id: number) => env.DB.prepare('SELECT * FROM user WHERE id = ?').bind(id).first<Record<string, unknown>>();

/** A code for a key, waiting for a fresh 30-second step when the current one is nearly over. */
async function totp(key: Uint8Array): Promise<string> {
  const into = Date.now() % 30_000;
  if (into > 22_000) await sleep(30_000 - into + 200);
  return generateTOTP(key, 30, 6);
}

/** Invite through the API; returns the user and the token of the link. */
async function invite(body: Record<string, unknown>) {
  const response = await api('POST', '/users', body);
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return { user: response.body.user, token: (response.body.invitation.path as string).slice('/inbjudan/'.length), response };
}

describe('inviting a user', () => {
  it('creates the account with a one-time link that stores only its hash, and accepting it signs in', async () => {
    await seedRegister();
    const { user, token, response } = await invite({ email: ' Anna.Berg@Kommun.SE ', name: 'Anna Berg', role: 'editor', municipalities: ['1492', '1460', '1460'] });
    expect(user).toMatchObject({ email: 'anna.berg@kommun.se', name: 'Anna Berg', role: 'editor', municipalities: ['1460', '1492'], status: 'invited', active: true, twoFactorEnrolled: false });
    expect(token).toMatch(/^[a-z2-7]{32}$/);
    expect(response.body.invitation.url).toBe(`http://localhost/inbjudan/${token}`);
    const expires = Date.parse(response.body.invitation.expiresAt) - Date.now();
    expect(expires).toBeGreaterThan(7 * 86_400_000 - 60_000);
    expect(expires).toBeLessThanOrEqual(7 * 86_400_000);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const stored = await env.DB.prepare('SELECT id FROM invitation WHERE user_id = ?').bind(user.id).all<{ id: string }>();
    expect(stored.results).toEqual([{ id: hashToken(token) }]);

    const listed = (await api('GET', '/users')).body.find((u: { id: number }) => u.id === user.id);
    expect(listed).toMatchObject({ status: 'invited', role: 'editor', municipalities: ['1460', '1492'], twoFactorEnrolled: false });
    expect(listed).not.toHaveProperty('passwordHash');
    expect((await api('GET', `/invitations/${token}`, undefined, nobody)).body).toEqual({ name: 'Anna Berg', email: 'anna.berg@kommun.se', role: 'editor' });

    const accepted = await api('POST', `/invitations/${token}/accept`, { password }, nobody);
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(accepted.body).toMatchObject({ user: { id: user.id, role: 'editor' }, twoFactorPending: false });
    const me = await api('GET', '/auth/me', undefined, { as: cookieOf(accepted.headers) });
    expect(me.body).toMatchObject({ role: 'editor', municipalities: ['1460', '1492'] });
    expect(await env.DB.prepare('SELECT count(*) AS n FROM invitation').first('n')).toBe(0);
    expect((await api('GET', `/users/${user.id}`)).body.status).toBe('active');

    expect((await login({ email: 'anna.berg@kommun.se', password })).status).toBe(200);
    const again = await api('POST', `/invitations/${token}/accept`, { password: 'ett helt annat lösenord' }, nobody);
    expect(again.status).toBe(404);
    expect(again.body.error).toMatch(/Länken gäller inte/);
  });

  it('refuses an expired link with 410 and an unknown one with 404, as JSON and as a page', async () => {
    const { token } = await invite({ email: 'sen@kommun.se', name: 'Sen Person', role: 'viewer' });
    await env.DB.prepare('UPDATE invitation SET expires_at = ?').bind(Date.now() - 1).run();
    const expired = await api('POST', `/invitations/${token}/accept`, { password }, nobody);
    expect(expired.status).toBe(410);
    expect(expired.body.error).toMatch(/gått ut/);
    const expiredPage = await page(`/inbjudan/${token}`, { as: '' });
    expect(expiredPage.status).toBe(410);
    expect(await expiredPage.text()).toContain('<h1>Länken har gått ut');
    const unknown = await page('/inbjudan/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', { as: '' });
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('<h1>Länken gäller inte');
    expect((await api('POST', '/invitations/nope/accept', { password }, nobody)).status).toBe(404);
    expect((await userRow((await api('GET', '/users')).body.find((u: { email: string }) => u.email === 'sen@kommun.se').id))!.password_hash).toBeNull();
  });

  it('answers the password policy with its Swedish messages and writes nothing', async () => {
    const { user, token } = await invite({ email: 'policy@kommun.se', name: 'Policy', role: 'viewer' });
    const cases: [string, RegExp][] = [
      ['kort', /minst 12 tecken/],
      ['aaaaaaaaaaaaaaa', /samma fåtal tecken/],
      ['Sommar2025!!!!', /för likt ett vanligt lösenord/],
      ['policy och mer text', /din e-postadress/],
    ];
    for (const [bad, message] of cases) {
      const response = await api('POST', `/invitations/${token}/accept`, { password: bad }, nobody);
      expect(response.status, bad).toBe(400);
      expect(response.body.issues, bad).toEqual([{ path: 'password', message: expect.stringMatching(message) }]);
    }
    expect((await api('POST', `/invitations/${token}/accept`, { password, extra: 1 }, nobody)).status).toBe(400);
    expect((await userRow(user.id))!.password_hash).toBeNull();
    expect(await sessionCount(user.id)).toBe(0);
  });

  it('accepts through the page: the two passwords must match, then the browser is signed in', async () => {
    const { token } = await invite({ email: 'sida@kommun.se', name: 'Sid Sidström', role: 'finance' });
    const shown = await page(`/inbjudan/${token}`, { as: '' });
    expect(shown.status).toBe(200);
    expect(shown.headers.get('cache-control')).toBe('no-store');
    const html = await shown.text();
    expect(html).toContain('Sid Sidström');
    expect(html).toContain('sida@kommun.se');
    expect(html).toContain('autocomplete="new-password"');

    const mismatch = await page(`/inbjudan/${token}`, form({ password, passwordConfirm: `${password}!` }, ''));
    expect(mismatch.status).toBe(400);
    const text = await mismatch.text();
    expect(text).toContain('Lösenorden är inte likadana');
    expect(text).toContain('href="#f-passwordConfirm"');

    const weak = await page(`/inbjudan/${token}`, form({ password: 'kort', passwordConfirm: 'kort' }, ''));
    expect(await weak.text()).toContain('Lösenordet måste ha minst 12 tecken');

    const done = await page(`/inbjudan/${token}`, form({ password, passwordConfirm: password }, ''));
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/');
    const home = await page('/', { as: cookieOf(done.headers) });
    expect(home.status).toBe(200);
    expect((await page(`/inbjudan/${token}`, { as: '' })).status).toBe(404);
  });

  it('sends a new link that voids the old ones, and works as a password reset for an active account', async () => {
    const user = await account('viewer');
    const old = await sessionFor(user.id);
    const first = await api('POST', `/users/${user.id}/invitation`);
    const second = await api('POST', `/users/${user.id}/invitation`);
    expect(first.status).toBe(201);
    const tokenOf = (r: typeof first) => (r.body.path as string).split('/').pop()!;
    expect((await api('POST', `/invitations/${tokenOf(first)}/accept`, { password: 'ett nytt långt lösenord' }, nobody)).status).toBe(404);
    const reset = await api('POST', `/invitations/${tokenOf(second)}/accept`, { password: 'ett nytt långt lösenord' }, nobody);
    expect(reset.status).toBe(200);
    expect((await api('GET', '/auth/me', undefined, { as: old })).status).toBe(401);
    expect((await login({ email: user.email, password })).status).toBe(401);
    expect((await login({ email: user.email, password: 'ett nytt långt lösenord' })).status).toBe(200);
  });

  it('still asks for the two-factor code after a reset of an enrolled account', async () => {
    const user = await account('viewer', [], true);
    const link = await api('POST', `/users/${user.id}/invitation`);
    const accepted = await api('POST', `/invitations/${(link.body.path as string).split('/').pop()}/accept`, { password: 'ett nytt långt lösenord' }, nobody);
    expect(accepted.body.twoFactorPending).toBe(true);
    expect((await api('GET', '/auth/me', undefined, { as: cookieOf(accepted.headers) })).status).toBe(401);
  });

  it('validates the invitation at each field and writes nothing', async () => {
    await seedRegister();
    const before = (await api('GET', '/users')).body.length;
    const events = (await auditEvents('user')).length;
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ email: 'r@k.se', name: 'R', role: 'editor' }, 'municipalities', /minst en kommun/],
      [{ email: 'r@k.se', name: 'R', role: 'editor', municipalities: ['9999'] }, 'municipalities', /9999 finns inte/],
      [{ email: 'r@k.se', name: 'R', role: 'viewer', municipalities: ['1460'] }, 'municipalities', /Bara redaktörer/],
      [{ email: 'r@k.se', name: 'R', role: 'owner' }, 'role', /Välj roll/],
      [{ email: 'inte-en-adress', name: 'R', role: 'viewer' }, 'email', /giltig e-postadress/],
      [{ email: 'r@k.se', name: '  ', role: 'viewer' }, 'name', /Ange namn/],
    ];
    for (const [body, path, message] of cases) {
      const response = await api('POST', '/users', body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.issues, JSON.stringify(body)).toContainEqual({ path, message: expect.stringMatching(message) });
    }
    const existing = await createUser('viewer');
    const duplicate = await api('POST', '/users', { email: existing.email.toUpperCase(), name: 'Dubbel', role: 'viewer' });
    expect(duplicate.body.issues).toEqual([{ path: 'email', message: expect.stringMatching(/finns redan ett konto/) }]);
    expect((await api('GET', '/users')).body.length).toBe(before + 1);
    expect((await auditEvents('user')).length).toBe(events);
  });
});

describe('changing a user', () => {
  it('changes name, role and municipalities with the version read, and 409 when stale', async () => {
    await seedRegister();
    const user = await account('editor', ['1460']);
    const changed = await api('PATCH', `/users/${user.id}`, { version: 1, name: 'Ny Namnsson', municipalities: ['1492'] });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body).toMatchObject({ name: 'Ny Namnsson', role: 'editor', municipalities: ['1492'], version: 2 });
    expect((await api('PATCH', `/users/${user.id}`, { version: 1, name: 'Sent' })).status).toBe(409);
    const viewer = await api('PATCH', `/users/${user.id}`, { version: 2, role: 'viewer' });
    expect(viewer.body).toMatchObject({ role: 'viewer', municipalities: [], version: 3 });
    expect((await env.DB.prepare('SELECT count(*) AS n FROM user_municipality WHERE user_id = ?').bind(user.id).first('n'))).toBe(0);
    const editor = await api('PATCH', `/users/${user.id}`, { version: 3, role: 'editor' });
    expect(editor.status).toBe(400);
    expect(editor.body.issues).toEqual([{ path: 'municipalities', message: expect.stringMatching(/minst en kommun/) }]);
    expect((await api('PATCH', '/users/9999', { version: 1, name: 'X' })).status).toBe(404);
    expect((await api('PATCH', `/users/${user.id}`, { name: 'X' })).status).toBe(400);
  });

  it('deactivating ends every session, voids the links and blocks login; reactivating lets the person back in', async () => {
    const user = await account('viewer');
    const cookie = await sessionFor(user.id);
    await sessionFor(user.id);
    await api('POST', `/users/${user.id}/invitation`);
    const off = await api('PATCH', `/users/${user.id}`, { version: 1, active: false });
    expect(off.body).toMatchObject({ active: false, status: 'deactivated' });
    expect(await sessionCount(user.id)).toBe(0);
    expect(await env.DB.prepare('SELECT count(*) AS n FROM invitation WHERE user_id = ?').bind(user.id).first('n')).toBe(0);
    expect((await api('GET', '/auth/me', undefined, { as: cookie })).status).toBe(401);
    expect((await login({ email: user.email, password })).status).toBe(401);
    expect((await api('POST', `/users/${user.id}/invitation`)).status).toBe(409);
    expect((await api('PATCH', `/users/${user.id}`, { version: 2, active: true })).body.status).toBe('active');
    expect((await login({ email: user.email, password })).status).toBe(200);
  });

  it('does not let administrators deactivate or demote themselves, and keeps one active administrator', async () => {
    const me = (await api('GET', '/auth/me')).body.user;
    const self = await api('PATCH', `/users/${me.id}`, { version: me.version, active: false });
    expect(self.status).toBe(403);
    expect(self.body.error).toMatch(/ditt eget konto/);
    expect((await api('PATCH', `/users/${me.id}`, { version: me.version, role: 'viewer' })).status).toBe(403);
    expect((await api('PATCH', `/users/${me.id}`, { version: me.version, name: 'Nytt Namn' })).status).toBe(200);

    // An admin token has no account of its own: it meets the last-administrator rule instead.
    const token = (await api('POST', '/tokens', { name: 'Drift', role: 'admin' })).body.token;
    const bearer = { headers: { authorization: `Bearer ${token}` } };
    const last = await api('PATCH', `/users/${me.id}`, { version: me.version + 1, active: false }, bearer);
    expect(last.status).toBe(409);
    expect(last.body.error).toMatch(/minst en aktiv administratör/);
    const other = await account('admin');
    expect((await api('PATCH', `/users/${other.id}`, { version: 1, role: 'viewer' })).status).toBe(200);
    expect((await api('PATCH', `/users/${me.id}`, { version: me.version + 1, role: 'finance' }, bearer)).status).toBe(409);
  });

  it('works through the pages: invite form with checkboxes, link shown once, edit and deactivate', async () => {
    await seedRegister();
    const created = await page('/anvandare/ny', form({ name: 'Form Formsson', email: 'form@kommun.se', role: 'editor', municipalities: ['1460', '1492'] }));
    expect(created.status).toBe(200);
    expect(created.headers.get('cache-control')).toBe('no-store');
    const html = await created.text();
    const url = /value="(http:\/\/localhost\/inbjudan\/[a-z2-7]{32})"/.exec(html)?.[1];
    expect(url).toBeDefined();
    expect(html).toContain('visas bara nu');
    const user = (await api('GET', '/users')).body.find((u: { email: string }) => u.email === 'form@kommun.se');
    expect(user).toMatchObject({ role: 'editor', municipalities: ['1460', '1492'] });

    const invalid = await page('/anvandare/ny', form({ name: '', email: 'x@kommun.se', role: 'editor' }));
    expect(invalid.status).toBe(400);
    const invalidHtml = await invalid.text();
    expect(invalidHtml).toContain('href="#f-municipalities"');
    expect(invalidHtml).toContain('id="f-municipalities"');
    expect(invalidHtml).toContain('En redaktör måste ha minst en kommun');

    const list = await (await page('/anvandare')).text();
    expect(list).toContain('Form Formsson');
    expect(list).toContain('Redaktör');
    expect(list).toContain('Administratör');
    expect(list).toContain('Inbjuden');
    expect(list).toContain('Bengtsfors, Åmål');

    const edit = await page(`/anvandare/${user.id}`, form({ version: '1', name: 'Form Formsson', role: 'viewer' }));
    expect(edit.status).toBe(303);
    expect((await api('GET', `/users/${user.id}`)).body).toMatchObject({ role: 'viewer', municipalities: [] });
    const off = await page(`/anvandare/${user.id}/aktiv`, form({ version: '2', active: 'nej' }));
    expect(off.headers.get('location')).toBe(`/anvandare/${user.id}?avstangt`);
    expect(await (await page(`/anvandare/${user.id}?avstangt`)).text()).toContain('Avstängd');
    const renewed = await page(`/anvandare/${user.id}/inbjudan`, form({}));
    expect(renewed.status).toBe(409);
    expect(await renewed.text()).toContain('Kontot är avstängt');

    const me = (await api('GET', '/auth/me')).body.user;
    const selfPage = await (await page(`/anvandare/${me.id}`)).text();
    expect(selfPage).toContain('Du kan inte stänga av ditt eget konto');
    expect(selfPage).not.toContain(`action="/anvandare/${me.id}/aktiv"`);
  });
});

describe('my account', () => {
  it('changes the password: the current one must be right, every other session ends, this browser gets a new one', async () => {
    const user = await account('viewer');
    const mine = await sessionFor(user.id);
    const other = await sessionFor(user.id);
    const wrong = await api('POST', '/account/password', { currentPassword: 'fel fel fel fel', newPassword: 'ett nytt långt lösenord' }, { as: mine });
    expect(wrong.status).toBe(400);
    expect(wrong.body.issues).toEqual([{ path: 'currentPassword', message: 'Det nuvarande lösenordet stämmer inte.' }]);
    const weak = await api('POST', '/account/password', { currentPassword: password, newPassword: 'kort' }, { as: mine });
    expect(weak.body.issues).toEqual([{ path: 'newPassword', message: expect.stringMatching(/minst 12 tecken/) }]);
    expect(await sessionCount(user.id)).toBe(2);

    const changed = await api('POST', '/account/password', { currentPassword: password, newPassword: 'ett nytt långt lösenord' }, { as: mine });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    const fresh = cookieOf(changed.headers);
    expect(await sessionCount(user.id)).toBe(1);
    expect((await api('GET', '/auth/me', undefined, { as: other })).status).toBe(401);
    expect((await api('GET', '/auth/me', undefined, { as: mine })).status).toBe(401);
    expect((await api('GET', '/auth/me', undefined, { as: fresh })).status).toBe(200);
    expect((await login({ email: user.email, password })).status).toBe(401);
    expect((await login({ email: user.email, password: 'ett nytt långt lösenord' })).status).toBe(200);
  });

  it('changes the password through the page, where the new one is typed twice', async () => {
    const user = await account('finance');
    const mine = await sessionFor(user.id);
    const mismatch = await page('/konto/losenord', form({ currentPassword: password, newPassword: 'ett nytt långt lösenord', newPasswordConfirm: 'något annat' }, mine));
    expect(mismatch.status).toBe(400);
    expect(await mismatch.text()).toContain('Lösenorden är inte likadana');
    const done = await page('/konto/losenord', form({ currentPassword: password, newPassword: 'ett nytt långt lösenord', newPasswordConfirm: 'ett nytt långt lösenord' }, mine));
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/konto?losenord');
    const shown = await page('/konto?losenord', { as: cookieOf(done.headers) });
    expect(await shown.text()).toContain('Lösenordet är bytt');
  });

  it('logs out everywhere', async () => {
    const user = await account('viewer');
    const mine = await sessionFor(user.id);
    const other = await sessionFor(user.id);
    const response = await page('/konto/logga-ut-overallt', form({}, mine));
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/logga-in?utloggad');
    expect(await sessionCount(user.id)).toBe(0);
    expect((await api('GET', '/auth/me', undefined, { as: other })).status).toBe(401);
    expect((await auditEvents('user')).some((e) => e.action === 'logout' && e.entity_id === String(user.id) && JSON.parse(e.after!).everywhere)).toBe(true);
  });

  it('shows name, e-mail, role and two-factor status in Swedish', async () => {
    const user = await account('editor', [], false);
    const html = await (await page('/konto', { as: await sessionFor(user.id) })).text();
    expect(html).toContain('<h1>Mitt konto');
    expect(html).toContain(user.email);
    expect(html).toContain('Redaktör');
    expect(html).toContain('Aktivera tvåstegsverifiering');
    expect(html).not.toMatch(/style=|<script>/);
  });
});

/** The enrolment page's key and a code for it. */
async function enrolmentOf(cookie: string) {
  const response = await page('/konto/tvastegsverifiering', { as: cookie });
  expect(response.status).toBe(200);
  const html = await response.text();
  const key = /name="key" value="([^"]+)"/.exec(html)![1]!;
  return { html, key, bytes: decodeBase64(key), response };
}

const codesOf = (html: string) => [...html.matchAll(/<li><code>([a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4})<\/code><\/li>/g)].map((m) => m[1]!);

describe('two-factor enrolment', () => {
  it('stores the key only after a correct code, shows ten recovery codes once, then login needs a code', async () => {
    const user = await account('viewer', [], false);
    const cookie = await sessionFor(user.id);
    const { html, key, bytes, response } = await enrolmentOf(cookie);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(html).toMatch(/<img src="data:image\/svg\+xml;base64,[^"]+" alt="QR-kod för autentiseringsappen"/);
    expect(bytes.length).toBe(20);
    expect(html).not.toMatch(/style=|<script>/);

    const wrong = await page('/konto/tvastegsverifiering', form({ key, code: '000000' }, cookie));
    expect(wrong.status).toBe(400);
    const wrongHtml = await wrong.text();
    expect(wrongHtml).toContain('Koden stämmer inte');
    expect(wrongHtml).toContain(`value="${key}"`);
    expect((await userRow(user.id))!.totp_key).toBeNull();

    const code = await totp(bytes);
    const done = await page('/konto/tvastegsverifiering', form({ key, code }, cookie));
    expect(done.status).toBe(200);
    const doneHtml = await done.text();
    expect(doneHtml).toContain('spara dem nu');
    const codes = codesOf(doneHtml);
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    expect(new Uint8Array((await userRow(user.id))!.totp_key as ArrayBuffer)).toEqual(bytes);
    expect(await env.DB.prepare('SELECT count(*) AS n FROM recovery_code WHERE user_id = ?').bind(user.id).first('n')).toBe(10);

    const noCode = await login({ email: user.email, password });
    expect(noCode.status).toBe(401);
    expect(noCode.body.error).toMatch(/koden/i);
    // The code just used for enrolment cannot be replayed.
    expect((await login({ email: user.email, password, code })).status).toBe(401);
    const recovery = await login({ email: user.email, password, code: codes[0]!.toUpperCase() });
    expect(recovery.status).toBe(200);
    expect((await login({ email: user.email, password, code: codes[0] })).status).toBe(401);
    await env.DB.prepare('UPDATE user SET totp_last_step = NULL WHERE id = ?').bind(user.id).run();
    expect((await login({ email: user.email, password, code: await totp(bytes) })).status).toBe(200);

    const accountPage = await (await page('/konto', { as: cookie })).text();
    expect(accountPage).toContain('Oanvända reservkoder: 9 av 10');
  });

  it('lets an administrator without two-factor login in only to enrol, and marks the session verified', async () => {
    const admin = await account('admin', [], false);
    const cookie = await sessionFor(admin.id, false);
    const front = await page('/', { as: cookie });
    expect(front.headers.get('location')).toBe('/konto/tvastegsverifiering');
    expect((await page('/anvandare', { as: cookie })).status).toBe(303);
    const { html, bytes, key } = await enrolmentOf(cookie);
    expect(html).toContain('Som administratör måste du');
    const done = await page('/konto/tvastegsverifiering', form({ key, code: await totp(bytes) }, cookie));
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('href="/"');
    expect((await page('/anvandare', { as: cookie })).status).toBe(200);
    const event = (await auditEvents('user')).find((e) => e.entity_id === String(admin.id) && e.action === 'update');
    expect(event).toMatchObject({ actor: admin.email });
    expect(JSON.parse(event!.after!)).toEqual({ twoFactor: true, recoveryCodes: 'nya' });
  });

  it('is closed to a session still waiting for its code, and to nobody signed in', async () => {
    const user = await account('viewer', [], true);
    const pending = await sessionFor(user.id, false);
    const response = await page('/konto/tvastegsverifiering', { as: pending });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toMatch(/^\/logga-in\/kod/);
    const key = Buffer.from(crypto.getRandomValues(new Uint8Array(20))).toString('base64');
    expect((await page('/konto/tvastegsverifiering', form({ key, code: '123456' }, pending))).status).toBe(303);
    expect((await page('/konto/tvastegsverifiering', { as: '' })).headers.get('location')).toMatch(/^\/logga-in\?till=/);
    expect(new Uint8Array((await userRow(user.id))!.totp_key as ArrayBuffer)).toEqual(testTotpKey);
  });

  it('cannot be turned off by an administrator; others need a current code', async () => {
    const admin = await api('POST', '/account/two-factor/disable', { code: await totp(testTotpKey) });
    expect(admin.status).toBe(403);
    const user = await account('viewer', [], true);
    const cookie = await sessionFor(user.id);
    const wrong = await api('POST', '/account/two-factor/disable', { code: '000000' }, { as: cookie });
    expect(wrong.status).toBe(400);
    expect((await userRow(user.id))!.totp_key).not.toBeNull();
    const off = await page('/konto/tvastegsverifiering/stang-av', form({ disableCode: await totp(testTotpKey) }, cookie));
    expect(off.status).toBe(303);
    expect((await userRow(user.id))!.totp_key).toBeNull();
    expect((await login({ email: user.email, password })).status).toBe(200);
  });

  it('makes new recovery codes with a current code; the old ones stop working', async () => {
    const user = await account('finance', [], true);
    const cookie = await sessionFor(user.id);
    const first = await api('POST', '/account/recovery-codes', { code: await totp(testTotpKey) }, { as: cookie });
    expect(first.status).toBe(200);
    expect(first.body.recoveryCodes).toHaveLength(10);
    const shown = await page('/konto/reservkoder', form({ code: first.body.recoveryCodes[0] }, cookie));
    expect(shown.status).toBe(200);
    const codes = codesOf(await shown.text());
    expect(codes).toHaveLength(10);
    expect((await login({ email: user.email, password, code: first.body.recoveryCodes[1] })).status).toBe(401);
    expect((await login({ email: user.email, password, code: codes[1] })).status).toBe(200);
  });
});

describe('API tokens', () => {
  it('are shown once, stored as the hash of the whole token, act with their role, record last use and can be revoked', async () => {
    await seedRegister();
    const created = await api('POST', '/tokens', { name: 'Ekonomiexport', role: 'viewer' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const { token, id } = created.body;
    expect(token).toMatch(/^svp_[a-z2-7]{32}$/);
    expect(created.body).toMatchObject({ name: 'Ekonomiexport', role: 'viewer', municipalities: [], lastUsedAt: null, revokedAt: null });
    expect(created.body).not.toHaveProperty('tokenHash');
    expect(await env.DB.prepare('SELECT token_hash FROM api_token WHERE id = ?').bind(id).first('token_hash')).toBe(hashToken(token));

    const bearer = { headers: { authorization: `Bearer ${token}` } };
    expect((await api('GET', '/municipalities', undefined, bearer)).status).toBe(200);
    expect((await api('POST', '/municipalities', { code: '1438', name: 'Dals-Ed' }, bearer)).status).toBe(403);
    expect((await api('GET', '/users', undefined, bearer)).status).toBe(403);
    let listed: { lastUsedAt: string | null } | undefined;
    for (let i = 0; i < 50 && !listed?.lastUsedAt; i++) {
      await sleep(20);
      listed = (await api('GET', '/tokens')).body.find((t: { id: number }) => t.id === id);
    }
    expect(Date.now() - Date.parse(listed!.lastUsedAt!)).toBeLessThan(60_000);
    expect(JSON.stringify((await api('GET', '/tokens')).body)).not.toContain(token);

    expect((await api('DELETE', `/tokens/${id}`)).status).toBe(204);
    expect((await api('GET', '/municipalities', undefined, bearer)).status).toBe(401);
    expect((await api('DELETE', `/tokens/${id}`)).status).toBe(409);
    expect((await api('DELETE', '/tokens/9999')).status).toBe(404);
  });

  it('scope an editor token to existing municipalities', async () => {
    await seedRegister();
    expect((await api('POST', '/tokens', { name: 'Redaktör', role: 'editor' })).body.issues).toEqual([{ path: 'municipalities', message: expect.stringMatching(/minst en kommun/) }]);
    expect((await api('POST', '/tokens', { name: '', role: 'viewer' })).body.issues[0].path).toBe('name');
    const editor = await api('POST', '/tokens', { name: 'Bengtsfors import', role: 'editor', municipalities: ['1460'] });
    expect(editor.status).toBe(201);
    const me = await api('GET', '/auth/me', undefined, { headers: { authorization: `Bearer ${editor.body.token}` } });
    expect(me.body).toMatchObject({ role: 'editor', municipalities: ['1460'], via: 'token', name: 'API-nyckel: Bengtsfors import' });
  });

  it('are managed on /api-nycklar: created once in clear text, "aldrig" before first use, revoked with a button', async () => {
    const created = await page('/api-nycklar', form({ name: 'Skript', role: 'viewer' }));
    expect(created.status).toBe(200);
    expect(created.headers.get('cache-control')).toBe('no-store');
    const html = await created.text();
    const token = /value="(svp_[a-z2-7]{32})"/.exec(html)?.[1];
    expect(token).toBeDefined();
    expect(html).toContain('visas bara nu');
    expect(html).toContain('aldrig');
    const list = await (await page('/api-nycklar')).text();
    expect(list).not.toContain(token);
    const id = (await api('GET', '/tokens')).body[0].id;
    const revoked = await page(`/api-nycklar/${id}/aterkalla`, form({}));
    expect(revoked.headers.get('location')).toBe('/api-nycklar?aterkallad');
    expect(await (await page('/api-nycklar?aterkallad')).text()).toContain('Återkallade nycklar');
  });
});

describe('who may', () => {
  it('only administrators reach users and tokens; others get 403, nobody 401 or the login page', async () => {
    await seedRegister();
    const target = await createUser('viewer');
    const routes: [string, string, unknown?][] = [
      ['GET', '/users'], ['POST', '/users', { email: 'x@k.se', name: 'X', role: 'viewer' }], ['GET', `/users/${target.id}`],
      ['PATCH', `/users/${target.id}`, { version: 1, name: 'X' }], ['POST', `/users/${target.id}/invitation`],
      ['GET', '/tokens'], ['POST', '/tokens', { name: 'X', role: 'viewer' }], ['DELETE', '/tokens/1'],
    ];
    for (const [role, municipalities] of [['editor', ['1460']], ['finance', []], ['viewer', []]] as const) {
      const as = await signIn(role, [...municipalities]);
      for (const [method, path, body] of routes) {
        expect((await api(method, path, body, { as })).status, `${role} ${method} ${path}`).toBe(403);
      }
      for (const path of ['/anvandare', '/anvandare/ny', `/anvandare/${target.id}`, '/api-nycklar']) {
        expect((await page(path, { as })).status, `${role} ${path}`).toBe(403);
      }
      expect((await page('/anvandare/ny', form({ name: 'X', email: 'x@k.se', role: 'admin' }, as))).status).toBe(403);
      expect((await page('/konto', { as })).status, `${role} /konto`).toBe(200);
    }
    for (const [method, path, body] of routes) {
      expect((await api(method, path, body, nobody)).status, `nobody ${method} ${path}`).toBe(401);
    }
    expect((await page('/anvandare', { as: '' })).headers.get('location')).toMatch(/^\/logga-in/);
    expect((await page('/konto', { as: '' })).headers.get('location')).toMatch(/^\/logga-in/);
    expect((await api('GET', '/users')).body.length).toBe(2 + 3);
  });

  it('a token has no account: the account routes refuse it', async () => {
    const token = (await api('POST', '/tokens', { name: 'Drift', role: 'viewer' })).body.token;
    const bearer = { headers: { authorization: `Bearer ${token}` } };
    expect((await api('GET', '/account', undefined, bearer)).status).toBe(403);
    expect((await api('POST', '/account/password', { currentPassword: 'x', newPassword: 'y' }, bearer)).status).toBe(403);
    expect((await api('POST', '/account/two-factor', { key: 'x', code: '1' }, bearer)).status).toBe(401);
  });
});

describe('the audit trail', () => {
  it('records every write of this area with its actor, and never a secret', async () => {
    await seedRegister();
    const me = (await api('GET', '/auth/me')).body.user;
    const start = (await auditEvents()).length;
    const { user, token } = await invite({ email: 'spår@kommun.se', name: 'Spår', role: 'editor', municipalities: ['1460'] });
    await api('PATCH', `/users/${user.id}`, { version: 1, municipalities: ['1492'] });
    const link = await api('POST', `/users/${user.id}/invitation`);
    const newToken = (link.body.path as string).split('/').pop()!;
    const accepted = await api('POST', `/invitations/${newToken}/accept`, { password }, nobody);
    await api('POST', '/account/password', { currentPassword: password, newPassword: 'ett nytt långt lösenord' }, { as: cookieOf(accepted.headers) });
    const created = await api('POST', '/tokens', { name: 'Spårnyckel', role: 'viewer' });
    await api('DELETE', `/tokens/${created.body.id}`);
    await api('PATCH', `/users/${user.id}`, { version: 2, active: false });

    const events = (await auditEvents()).slice(start);
    expect(events.map((e) => [e.actor, e.action, e.entity, e.entity_id])).toEqual([
      [me.email, 'create', 'user', String(user.id)],
      [me.email, 'update', 'user', String(user.id)],
      [me.email, 'update', 'user', String(user.id)],
      ['spår@kommun.se', 'update', 'user', String(user.id)],
      ['spår@kommun.se', 'login', 'user', String(user.id)],
      ['spår@kommun.se', 'update', 'user', String(user.id)],
      [me.email, 'create', 'api_token', String(created.body.id)],
      [me.email, 'delete', 'api_token', String(created.body.id)],
      [me.email, 'update', 'user', String(user.id)],
    ]);
    expect(JSON.parse(events[1]!.before!)).toMatchObject({ municipalities: ['1460'] });
    expect(JSON.parse(events[1]!.after!)).toMatchObject({ municipalities: ['1492'], version: 2 });
    const everything = JSON.stringify(events);
    for (const secret of [token, newToken, hashToken(token), created.body.token, hashToken(created.body.token), 'scrypt$', password]) {
      expect(everything).not.toContain(secret);
    }
    expect(everything).not.toMatch(/passwordHash|totpKey|tokenHash/);
  });
});

describe('the pages of this area', () => {
  it('render in Swedish with the strict CSP and without inline scripts or styles', async () => {
    await seedRegister();
    const user = await account('editor', ['1460']);
    await api('POST', '/tokens', { name: 'Export', role: 'viewer' });
    for (const [path, heading] of [
      ['/anvandare', 'Användare'], ['/anvandare/ny', 'Bjud in användare'], [`/anvandare/${user.id}`, 'Test editor'],
      ['/api-nycklar', 'API-nycklar'], ['/konto', 'Mitt konto'], ['/konto/tvastegsverifiering', 'Byt autentiseringsapp'],
    ] as const) {
      const response = await page(path);
      expect(response.status, path).toBe(200);
      const html = await response.text();
      expect(html, path).toContain('<html lang="sv">');
      expect(html, path).toContain(`<h1>${heading}`);
      expect(html, path).not.toMatch(/style=|<script>/);
      expect(response.headers.get('content-security-policy'), path).toContain("script-src 'self'");
    }
    expect(await (await page('/anvandare')).text()).toContain('href="/anvandare"');
  });
});

describe('two administrators deactivating each other at once', () => {
  it('never leave the collaboration without an active administrator', async () => {
    const me = (await api('GET', '/auth/me')).body.user;
    const other = await account('admin');
    const otherCookie = await sessionFor(other.id);
    const results = await Promise.all([
      api('PATCH', `/users/${other.id}`, { version: 1, active: false }),
      api('PATCH', `/users/${me.id}`, { version: me.version, active: false }, { as: otherCookie }),
    ]);
    // The loser is refused by the guard in its batch (409), or — when the winner was quicker —
    // was already signed out as a deactivated account (401).
    const [won, lost] = results.map((r) => r.status).sort();
    expect(won).toBe(200);
    expect([401, 409]).toContain(lost);
    // Read the register itself: the session this test started with may be the one that lost.
    const admins = await env.DB.prepare("SELECT count(*) AS n FROM user WHERE role = 'admin' AND active = 1").first<{ n: number }>();
    expect(admins!.n).toBe(1);
  });
});
