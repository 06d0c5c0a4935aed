/**
 * Sessions the Lucia way, two-factor login, throttling, the Origin check, security headers
 * and the audit trail of signing in and out — through the real Worker entry and a real D1.
 */
import { env, exports } from 'cloudflare:workers';
import { generateTOTP } from '@oslojs/otp';
import { describe, expect, it, vi } from 'vitest';
import { recoveryHash } from '../worker/access/totp.ts';
import { sessionLifetimeMs } from '../worker/access/sessions.ts';
import { windowMs } from '../worker/access/throttle.ts';
import { api, auditEvents, createUser, origin, page, seedRegister, sessionFor, signIn, snapshot, testTotpKey, type ApiResponse, account, knownPassword, nobody, sleep } from './helpers.ts';

const password = knownPassword;

const login = (body: Record<string, unknown>, headers: Record<string, string> = {}) => api('POST', '/auth/login', body, { as: '', headers });

/** The Set-Cookie lines of a response. */
const setCookies = (headers: Headers) => headers.getSetCookie();
/** `name=value` of the session cookie a response sets. */
function cookieOf(headers: Headers, name = 'session'): string {
  const line = setCookies(headers).find((l) => l.startsWith(`${name}=`) && !/Max-Age=0/i.test(l));
  if (!line) throw new Error(`no ${name} cookie in ${JSON.stringify(setCookies(headers))}`);
  return line.split(';')[0]!;
}
const tokenOf = (cookie: string) => cookie.slice(cookie.indexOf('=') + 1);

const sha256Hex = async (text: string) =>
  [...new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)))].map((b) => b.toString(16).padStart(2, '0')).join('');

const sessions = async (userId: number) =>
  (await env.DB.prepare('SELECT id, expires_at AS expiresAt, two_factor_verified AS verified FROM session WHERE user_id = ?').bind(userId)
    .all<{ id: string; expiresAt: number; verified: number }>()).results;

/** A TOTP code for the test key; waits for a fresh 30-second step when the current one is nearly over. */
async function totpCode(): Promise<string> {
  const into = Date.now() % 30_000;
  if (into > 20_000) await sleep(30_000 - into + 200);
  return generateTOTP(testTotpKey, 30, 6);
}

/** A request straight to the Worker entry, with exactly the headers given (no Origin added). */
async function raw(method: string, url: string, init: { headers?: Record<string, string>; body?: string } = {}) {
  return exports.default.fetch(new Request(url.startsWith('http') ? url : `${origin}${url}`, { method, headers: init.headers, body: init.body, redirect: 'manual' }));
}

const form = (fields: Record<string, string>, as = '', headers: Record<string, string> = {}) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
  body: new URLSearchParams(fields).toString(),
  as,
});
/** The same form posted with the session of the test's administrator. */
const adminForm = (fields: Record<string, string>) => {
  const { as: _as, ...init } = form(fields);
  return init;
};

describe('login through the JSON API', () => {
  it('signs in with the right password and sets an HttpOnly, Secure, SameSite=Lax session cookie for the whole site', async () => {
    await seedRegister();
    const user = await account('editor', ['1460']);
    const response = await login({ email: user.email.toUpperCase(), password });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body.user).toMatchObject({ id: user.id, email: user.email, role: 'editor' });
    expect(Date.parse(response.body.expiresAt) - Date.now()).toBeGreaterThan(sessionLifetimeMs - 60_000);

    const [line, ...others] = setCookies(response.headers);
    expect(others).toEqual([]);
    const attributes = line!.split(';').map((a) => a.trim());
    expect(attributes[0]).toMatch(/^session=[a-z2-7]{32}$/);
    expect(attributes).toEqual(expect.arrayContaining(['HttpOnly', 'Secure', 'SameSite=Lax', 'Path=/']));
    expect(line).not.toMatch(/Domain=/i);
    const expires = attributes.find((a) => a.startsWith('Expires='));
    expect(Math.abs(Date.parse(expires!.slice('Expires='.length)) - Date.parse(response.body.expiresAt))).toBeLessThan(2_000);

    const me = await api('GET', '/auth/me', undefined, { as: attributes[0] });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ name: user.email, role: 'editor', municipalities: ['1460'], via: 'session' });
  });

  it('over HTTPS the cookie is named with the __Host- prefix, and only that name is honoured there', async () => {
    const user = await account('viewer');
    const response = await exports.default.fetch(new Request('https://samverkan.example/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://samverkan.example' },
      body: JSON.stringify({ email: user.email, password }),
    }));
    expect(response.status).toBe(200);
    const line = setCookies(response.headers)[0]!;
    expect(line).toMatch(/^__Host-session=[a-z2-7]{32};/);
    expect(line).toMatch(/; Path=\/(;|$)/);
    expect(line).toMatch(/; Secure(;|$)/);
    expect(line).toMatch(/; HttpOnly(;|$)/);
    expect(line).toMatch(/; SameSite=Lax(;|$)/);
    expect(line).not.toMatch(/Domain=/i);
    const token = tokenOf(line.split(';')[0]!);

    const me = (cookie: string, url: string) => exports.default.fetch(new Request(url, { headers: { cookie } }));
    expect((await me(`__Host-session=${token}`, 'https://samverkan.example/api/v1/auth/me')).status).toBe(200);
    expect((await me(`session=${token}`, 'https://samverkan.example/api/v1/auth/me')).status).toBe(401);
  });

  it('stores only the SHA-256 of the token', async () => {
    const user = await account('viewer');
    const response = await login({ email: user.email, password });
    const token = tokenOf(cookieOf(response.headers));
    const rows = await env.DB.prepare('SELECT * FROM session WHERE user_id = ?').bind(user.id).all<Record<string, unknown>>();
    expect(rows.results).toHaveLength(1);
    const row = rows.results[0]!;
    expect(row.id).toBe(await sha256Hex(token));
    expect(JSON.stringify(row)).not.toContain(token);
  });

  it('refuses a wrong password, an unknown account and a deactivated one alike, with no cookie', async () => {
    const user = await account('viewer');
    const off = await account('viewer');
    await env.DB.prepare('UPDATE user SET active = 0 WHERE id = ?').bind(off.id).run();
    for (const body of [{ email: user.email, password: 'fel lösenord helt och hållet' }, { email: 'ingen@test.example', password }, { email: off.email, password }]) {
      const response = await login(body);
      expect(response.status, body.email).toBe(401);
      expect(response.body.error).toBe('Fel e-postadress eller lösenord, eller så är kontot avstängt.');
      expect(setCookies(response.headers).filter((l) => !/Max-Age=0/.test(l))).toEqual([]);
    }
    expect(await sessions(user.id)).toEqual([]);
    expect(await sessions(off.id)).toEqual([]);
  }, 20_000);

  it('answers 400 with Swedish field messages when the input is incomplete', async () => {
    const response = await login({ email: 'x@test.example' });
    expect(response.status).toBe(400);
    expect(response.body.issues).toEqual([{ path: 'password', message: expect.stringMatching(/^(Ange ditt lösenord|Uppgiften saknas)\.$/) }]);
    expect(setCookies(response.headers)).toEqual([]);
  });
});

describe('session lifetime', () => {
  it('refuses an expired session and deletes it', async () => {
    const user = await createUser('viewer');
    const cookie = await sessionFor(user.id, true, Date.now() - 1_000);
    const response = await api('GET', '/auth/me', undefined, { as: cookie });
    expect(response.status).toBe(401);
    expect(setCookies(response.headers).some((l) => /^session=;/.test(l) && /Max-Age=0/.test(l))).toBe(true);
    expect(await sessions(user.id)).toEqual([]);
    const pageResponse = await page('/matris', { as: cookie });
    expect(pageResponse.status).toBe(303);
    expect(pageResponse.headers.get('location')).toBe('/logga-in?till=%2Fmatris');
  });

  it('slides a session forward when less than half its life is left, with a fresh cookie', async () => {
    const user = await createUser('viewer');
    const old = Date.now() + 2 * 3_600_000;
    const cookie = await sessionFor(user.id, true, old);
    const response = await api('GET', '/auth/me', undefined, { as: cookie });
    expect(response.status).toBe(200);
    const [row] = await sessions(user.id);
    expect(row!.expiresAt).toBeGreaterThan(old);
    expect(Math.abs(row!.expiresAt - (Date.now() + sessionLifetimeMs))).toBeLessThan(5_000);
    const line = setCookies(response.headers).find((l) => l.startsWith(`${cookie};`));
    expect(line, JSON.stringify(setCookies(response.headers))).toBeDefined();
    expect(line).toMatch(/HttpOnly/);
    expect(Math.abs(Date.parse(/Expires=([^;]+)/.exec(line!)![1]!) - row!.expiresAt)).toBeLessThan(2_000);
  });

  it('leaves a session with more than half its life alone: same expiry, no new cookie', async () => {
    const user = await createUser('viewer');
    const expiresAt = Date.now() + sessionLifetimeMs - 3_600_000;
    const cookie = await sessionFor(user.id, true, expiresAt);
    const response = await api('GET', '/auth/me', undefined, { as: cookie });
    expect(response.status).toBe(200);
    expect(setCookies(response.headers)).toEqual([]);
    expect((await sessions(user.id))[0]!.expiresAt).toBe(expiresAt);
  });

  it('ends the sessions of a deactivated account at their next request', async () => {
    const user = await createUser('editor');
    const cookie = await sessionFor(user.id);
    await env.DB.prepare('UPDATE user SET active = 0 WHERE id = ?').bind(user.id).run();
    expect((await api('GET', '/auth/me', undefined, { as: cookie })).status).toBe(401);
    expect(await sessions(user.id)).toEqual([]);
  });
});

describe('logout', () => {
  it('ends this session only, and clears the cookie', async () => {
    const user = await createUser('viewer');
    const here = await sessionFor(user.id);
    const elsewhere = await sessionFor(user.id);
    const response = await api('POST', '/auth/logout', undefined, { as: here });
    expect(response.status).toBe(204);
    expect(setCookies(response.headers).some((l) => /^session=;/.test(l) && /Max-Age=0/.test(l))).toBe(true);
    expect((await api('GET', '/auth/me', undefined, { as: here })).status).toBe(401);
    expect((await api('GET', '/auth/me', undefined, { as: elsewhere })).status).toBe(200);
    expect(await sessions(user.id)).toHaveLength(1);
  });

  it('logout everywhere ends every session of the user, and no one else’s', async () => {
    const user = await createUser('editor');
    const other = await createUser('editor');
    const mine = [await sessionFor(user.id), await sessionFor(user.id), await sessionFor(user.id, false)];
    const theirs = await sessionFor(other.id);
    expect((await api('POST', '/auth/logout-everywhere', undefined, { as: mine[0] })).status).toBe(204);
    expect(await sessions(user.id)).toEqual([]);
    for (const cookie of mine) expect((await api('GET', '/auth/me', undefined, { as: cookie })).status).toBe(401);
    expect((await api('GET', '/auth/me', undefined, { as: theirs })).status).toBe(200);
  });

  it('logout everywhere needs a signed-in caller', async () => {
    expect((await api('POST', '/auth/logout-everywhere', undefined, nobody)).status).toBe(401);
  });

  it('the page’s logout button ends the session and says so on the login page', async () => {
    const user = await createUser('viewer');
    const cookie = await sessionFor(user.id);
    const response = await page('/logga-ut', form({}, cookie));
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/logga-in?utloggad');
    expect(await sessions(user.id)).toEqual([]);
    const loginPage = await page('/logga-in?utloggad', { as: cookie });
    expect(loginPage.status).toBe(200);
    expect(await loginPage.text()).toContain('Du är utloggad.');
  });
});

describe('two-factor login', () => {
  it('the API refuses an administrator without a code, accepts a valid one, and never the same code twice', async () => {
    const admin = await account('admin');
    const without = await login({ email: admin.email, password });
    expect(without.status).toBe(401);
    expect(without.body.error).toMatch(/koden/i);
    expect(await sessions(admin.id)).toEqual([]);

    const code = await totpCode();
    const first = await login({ email: admin.email, password, code });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect((await api('GET', '/auth/me', undefined, { as: cookieOf(first.headers) })).body).toMatchObject({ role: 'admin' });

    const replay = await login({ email: admin.email, password, code });
    expect(replay.status).toBe(401);
    expect(replay.body.error).toBe('Koden stämmer inte, eller har redan använts.');
    expect(await sessions(admin.id)).toHaveLength(1);
  }, 45_000);

  it('a code is never accepted twice, not even in the next 30-second step while it is still within the grace period', async () => {
    const admin = await account('admin');
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const start = (Math.floor(Date.now() / 30_000) + 1) * 30_000 + 1_000;
      vi.setSystemTime(start);
      const code = generateTOTP(testTotpKey, 30, 6);
      expect((await login({ email: admin.email, password, code })).status).toBe(200);
      // The Worker runs on the same (fake) clock as this test.
      expect((await sessions(admin.id)).map((s) => s.expiresAt)).toEqual([start + sessionLifetimeMs]);
      // 30 seconds later the code is one step old: still accepted for clock drift, but it has been used.
      vi.setSystemTime(start + 30_000);
      const replay = await login({ email: admin.email, password, code });
      expect(replay.status, 'the same code was accepted again in the next step (RFC 6238 §5.2: must not)').toBe(401);
    } finally {
      vi.useRealTimers();
    }
  }, 20_000);

  it('a wrong code is refused', async () => {
    const admin = await account('admin');
    const code = await totpCode();
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    const response = await login({ email: admin.email, password, code: wrong });
    expect(response.status).toBe(401);
    expect(await sessions(admin.id)).toEqual([]);
  }, 45_000);

  it('the login page asks for the code in a second step, and only then signs in', async () => {
    const admin = await account('admin');
    const step1 = await page('/logga-in?till=%2Fmatris%3Ftyp%3Dcommon', form({ email: admin.email, password }));
    expect(step1.status).toBe(303);
    expect(step1.headers.get('location')).toBe('/logga-in/kod?till=%2Fmatris%3Ftyp%3Dcommon');
    const cookie = cookieOf(step1.headers);
    expect((await sessions(admin.id)).map((s) => s.verified)).toEqual([0]);

    // Half signed in: no role yet, every page leads back to the code step.
    expect((await api('GET', '/auth/me', undefined, { as: cookie })).status).toBe(401);
    const blocked = await page('/kommuner', { as: cookie });
    expect(blocked.status).toBe(303);
    expect(blocked.headers.get('location')).toBe('/logga-in/kod?till=%2Fkommuner');
    const codePage = await page('/logga-in/kod?till=%2Fmatris%3Ftyp%3Dcommon', { as: cookie });
    expect(codePage.status).toBe(200);
    const html = await codePage.text();
    expect(html).toContain('<h1>Tvåstegsverifiering');
    expect(html).toContain('autocomplete="one-time-code"');

    const wrong = await page('/logga-in/kod?till=%2Fmatris', form({ code: '000000' }, cookie));
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toContain('Koden stämmer inte, eller har redan använts.');

    const step2 = await page('/logga-in/kod?till=%2Fmatris%3Ftyp%3Dcommon', form({ code: await totpCode() }, cookie));
    expect(step2.status).toBe(303);
    expect(step2.headers.get('location')).toBe('/matris?typ=common');
    expect((await sessions(admin.id)).map((s) => s.verified)).toEqual([1]);
    expect((await page('/matris?typ=common', { as: cookie })).status).toBe(200);
  }, 45_000);

  it('the login page never sends anyone to another site after login', async () => {
    const user = await account('viewer');
    for (const next of ['https://evil.example/', '//evil.example/', '/\\evil.example']) {
      const response = await page(`/logga-in?till=${encodeURIComponent(next)}`, form({ email: user.email, password }));
      expect(response.status, next).toBe(303);
      expect(response.headers.get('location'), next).toBe('/');
    }
  }, 20_000);

  it('an account without two-factor login goes straight from the password to the page', async () => {
    await seedRegister();
    const editor = await account('editor', ['1460']);
    const response = await page('/logga-in?till=%2Fsystem%2Fny', form({ email: editor.email, password }));
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/system/ny');
    expect((await page('/system/ny', { as: cookieOf(response.headers) })).status).toBe(200);
  });

  it('an administrator without two-factor login enrolled is not an administrator yet', async () => {
    const admin = await account('admin', [], false);
    const response = await login({ email: admin.email, password });
    const cookie = cookieOf(response.headers);
    expect((await api('POST', '/products', { vendor: 'X', name: 'Y' }, { as: cookie })).status).toBe(401);
    const front = await page('/', { as: cookie });
    expect(front.status).toBe(303);
    expect(front.headers.get('location')).toBe('/konto/tvastegsverifiering');
  });

  it('a recovery code works once, in the API and in the code step', async () => {
    const admin = await account('admin');
    await env.DB.batch(['abcd-efgh-jkmn', 'pqrs-tuvw-xyz2'].map((code) =>
      env.DB.prepare('INSERT INTO recovery_code (user_id, code_hash) VALUES (?, ?)').bind(admin.id, recoveryHash(code))));

    const first = await login({ email: admin.email, password, code: 'ABCD-EFGH-JKMN' });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    const used = await env.DB.prepare('SELECT used_at FROM recovery_code WHERE user_id = ? AND code_hash = ?').bind(admin.id, recoveryHash('abcd-efgh-jkmn')).first<{ used_at: string | null }>();
    expect(used!.used_at).not.toBeNull();
    expect((await login({ email: admin.email, password, code: 'abcd-efgh-jkmn' })).status).toBe(401);

    const step1 = await page('/logga-in', form({ email: admin.email, password }));
    const cookie = cookieOf(step1.headers);
    const step2 = await page('/logga-in/kod', form({ code: 'pqrs tuvw xyz2' }, cookie));
    expect(step2.status).toBe(303);
    expect((await api('GET', '/auth/me', undefined, { as: cookie })).body.role).toBe('admin');
    const again = await page('/logga-in', form({ email: admin.email, password }));
    expect((await page('/logga-in/kod', form({ code: 'pqrs-tuvw-xyz2' }, cookieOf(again.headers)))).status).toBe(401);
  }, 30_000);
});

describe('throttling', () => {
  it('five wrong passwords lock the account with 429 and Retry-After, the right password included, until the window passes', async () => {
    const user = await account('viewer');
    for (let i = 0; i < 5; i++) expect((await login({ email: user.email, password: `fel lösenord nummer ${i}` })).status).toBe(401);

    const locked = await login({ email: user.email, password });
    expect(locked.status).toBe(429);
    const retryAfter = Number(locked.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(windowMs / 1000);
    expect(locked.body.error).toMatch(/^För många misslyckade inloggningar\. Försök igen om \d+ minuter\.$/);
    expect(await sessions(user.id)).toEqual([]);

    // The page answers the same way.
    const lockedPage = await page('/logga-in', form({ email: user.email, password }));
    expect(lockedPage.status).toBe(429);
    expect(Number(lockedPage.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await lockedPage.text()).toContain('För många misslyckade inloggningar');

    // Another account from the same address is not locked.
    const other = await account('viewer');
    expect((await login({ email: other.email, password })).status).toBe(200);

    // Fifteen minutes later the right password works and the count starts over.
    await env.DB.prepare('UPDATE login_throttle SET window_starts_at = window_starts_at - ?').bind(windowMs + 1_000).run();
    const later = await login({ email: user.email, password });
    expect(later.status).toBe(200);
    expect(await env.DB.prepare('SELECT * FROM login_throttle WHERE key = ?').bind(`konto:${user.email}`).first()).toBeNull();
  }, 60_000);

  it('an address with thirty failures is locked for every account; other addresses are not', async () => {
    const user = await account('viewer');
    await env.DB.prepare('INSERT INTO login_throttle (key, failures, window_starts_at) VALUES (?, 30, ?)').bind('adress:198.51.100.7', Date.now()).run();
    const locked = await login({ email: user.email, password }, { 'cf-connecting-ip': '198.51.100.7' });
    expect(locked.status).toBe(429);
    expect(locked.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await login({ email: user.email, password }, { 'cf-connecting-ip': '198.51.100.8' })).status).toBe(200);
  }, 20_000);
});

describe('the Origin check', () => {
  it('refuses a cookie-authenticated change without Origin or from another origin, and writes nothing', async () => {
    const r = await seedRegister();
    const inst = (await api('POST', '/installations', { municipality: '1460', applicationId: r.finance.id, productId: r.raindance.id })).body;
    const cookie = await signIn('admin');
    const json = { cookie, 'content-type': 'application/json' };
    const before = await snapshot();
    const requests: [string, string, Record<string, string>, string?][] = [];
    for (const foreign of [undefined, 'https://evil.example', 'null', 'http://localhost:8787', 'https://localhost']) {
      const o: Record<string, string> = foreign === undefined ? {} : { origin: foreign };
      requests.push(
        ['POST', '/api/v1/products', { ...json, ...o }, JSON.stringify({ vendor: 'Ond', name: 'Avsikt' })],
        ['PATCH', `/api/v1/installations/${inst.id}`, { ...json, ...o }, JSON.stringify({ version: 1, users: 666 })],
        ['DELETE', `/api/v1/installations/${inst.id}`, { cookie, ...o }],
        ['POST', '/system/ny', { cookie, 'content-type': 'application/x-www-form-urlencoded', ...o },
          new URLSearchParams({ municipality: '1460', applicationId: String(r.firewall.id), productId: String(r.unit4.id), lifecycle: 'active' }).toString()],
        ['POST', '/api/v1/auth/logout-everywhere', { cookie, ...o }],
      );
    }
    for (const [method, url, headers, body] of requests) {
      const response = await raw(method, url, { headers, body });
      expect(response.status, `${method} ${url} origin=${headers.origin}`).toBe(403);
      expect(await response.text()).toContain('Begäran kom inte från Samverkansplattformens egna sidor och avvisades.');
    }
    expect(await snapshot()).toEqual(before);
    expect((await api('GET', '/auth/me', undefined, { as: cookie })).status).toBe(200);

    // The same request from our own pages goes through.
    const ok = await raw('POST', '/api/v1/products', { headers: { ...json, origin }, body: JSON.stringify({ vendor: 'God', name: 'Avsikt' }) });
    expect(ok.status).toBe(201);
  });

  it('refuses a login posted from another site (login CSRF), but lets a script without cookie or Origin sign in', async () => {
    const user = await account('viewer');
    const body = JSON.stringify({ email: user.email, password });
    const json = { 'content-type': 'application/json' };
    expect((await raw('POST', '/api/v1/auth/login', { headers: { ...json, origin: 'https://evil.example' }, body })).status).toBe(403);
    expect((await raw('POST', '/api/v1/auth/login', { headers: { ...json, origin: 'null' }, body })).status).toBe(403);
    expect((await page('/logga-in', form({ email: user.email, password }, '', { origin: 'https://evil.example' }))).status).toBe(403);
    // A browser that has a cookie always sends it, so a cookie without Origin is not a script.
    expect((await raw('POST', '/api/v1/auth/login', { headers: { ...json, cookie: 'session=gammal' }, body })).status).toBe(403);
    expect(await sessions(user.id)).toEqual([]);
    // curl and scripts: no cookie, no Origin.
    expect((await raw('POST', '/api/v1/auth/login', { headers: json, body })).status).toBe(200);
  }, 20_000);

  it('does not apply to a request with a Bearer token, which a browser never sends on its own', async () => {
    await seedRegister();
    const token = 'integrationstoken-for-test-0123456789';
    const { hashToken } = await import('../worker/access/tokens.ts');
    await env.DB.prepare("INSERT INTO api_token (name, token_hash, role, municipalities, created_by) VALUES ('Ekonomisystemet', ?, 'admin', '[]', 'test')")
      .bind(hashToken(token)).run();
    const bearer = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const noOrigin = await raw('POST', '/api/v1/products', { headers: bearer, body: JSON.stringify({ vendor: 'A', name: 'B' }) });
    expect(noOrigin.status).toBe(201);
    const foreign = await raw('POST', '/api/v1/products', { headers: { ...bearer, origin: 'https://evil.example' }, body: JSON.stringify({ vendor: 'C', name: 'D' }) });
    expect(foreign.status).toBe(201);
    const [event] = (await auditEvents('product')).slice(-1);
    expect(event!.actor).toBe('API-nyckel: Ekonomisystemet');

    // A wrong or revoked token is refused, Origin or not.
    await env.DB.prepare("UPDATE api_token SET revoked_at = '2026-01-01T00:00:00Z'").run();
    const before = await snapshot();
    const revoked = await raw('POST', '/api/v1/products', { headers: bearer, body: JSON.stringify({ vendor: 'E', name: 'F' }) });
    expect(revoked.status).toBe(401);
    expect(await snapshot()).toEqual(before);
  });
});

describe('security headers', () => {
  const check = (what: string, headers: Headers) => {
    const csp = headers.get('content-security-policy') ?? '';
    expect(csp, what).toContain("default-src 'self'");
    expect(csp, what).toContain("script-src 'self'");
    expect(csp, what).toContain("style-src 'self'");
    expect(csp, what).toContain("frame-ancestors 'none'");
    expect(csp, what).not.toContain('unsafe-inline');
    expect(csp, what).not.toContain('unsafe-eval');
    expect(headers.get('strict-transport-security'), what).toMatch(/max-age=(\d{7,}|1[5-9]\d{6})/);
    expect(headers.get('x-content-type-options'), what).toBe('nosniff');
    expect(headers.get('referrer-policy'), what).toBe('strict-origin-when-cross-origin');
  };

  it('are on pages, API answers, redirects and refusals alike', async () => {
    check('page', (await page('/matris')).headers);
    check('login page', (await page('/logga-in', { as: '' })).headers);
    check('redirect to login', (await page('/', { as: '' })).headers);
    check('404 page', (await page('/finns-inte')).headers);
    check('API', (await api('GET', '/municipalities')).headers);
    check('API 401', (await api('GET', '/municipalities', undefined, nobody)).headers);
    check('API 400', (await api('POST', '/products', {})).headers);
    check('Origin refusal', (await raw('POST', '/api/v1/products', { headers: { 'content-type': 'application/json' }, body: '{}' })).headers);
  });
});

describe('the audit trail of access', () => {
  it('records a login, a failed login and a logout, with who, the request id and no password', async () => {
    const user = await account('viewer');
    const failed = await login({ email: user.email, password: 'inte rätt lösenord alls' });
    const ok = await login({ email: user.email, password });
    const cookie = cookieOf(ok.headers);
    const out = await api('POST', '/auth/logout', undefined, { as: cookie });
    const unknown = await login({ email: 'okand@test.example', password });

    const events = await auditEvents('user');
    expect(events.map((e) => [e.action, e.actor, e.entity_id])).toEqual([
      ['login-failed', user.email, String(user.id)],
      ['login', user.email, String(user.id)],
      ['logout', user.email, String(user.id)],
      ['login-failed', 'okand@test.example', 'okand@test.example'],
    ]);
    expect(events.map((e) => e.request_id)).toEqual([failed, ok, out, unknown].map((r) => r.headers.get('x-request-id')));
    expect(JSON.stringify(events)).not.toContain(password);
    expect(JSON.stringify(events)).not.toContain('inte rätt lösenord alls');
    expect(JSON.stringify(events)).not.toContain(tokenOf(cookie));
  }, 30_000);

  it('records a failed two-factor code', async () => {
    const admin = await account('admin');
    const step1 = await page('/logga-in', form({ email: admin.email, password }));
    await page('/logga-in/kod', form({ code: '000000' }, cookieOf(step1.headers)));
    // The login itself is recorded only when the code step completes it.
    expect((await auditEvents('user')).map((e) => e.action)).toEqual(['login-failed']);
  });

  it('a write that fails validation, conflicts or is refused leaves no event; a write that succeeds leaves one', async () => {
    const r = await seedRegister();
    const inst = (await api('POST', '/installations', { municipality: '1460', applicationId: r.finance.id, productId: r.raindance.id })).body;
    await api('PATCH', `/installations/${inst.id}`, { version: 1, users: 5 });
    const events = (await auditEvents()).length;
    const viewer = await signIn('viewer');
    const editorOfAmal = await sessionFor((await createUser('editor', ['1492'])).id);

    const attempts: [string, () => Promise<ApiResponse | Response>, number][] = [
      ['invalid POST', () => api('POST', '/installations', { municipality: '1460', applicationId: r.firewall.id, productId: r.unit4.id, users: -1 }), 400],
      ['invalid PATCH', () => api('PATCH', `/installations/${inst.id}`, { version: 2, functionScore: 9 }), 400],
      ['stale PATCH', () => api('PATCH', `/installations/${inst.id}`, { version: 1, users: 6 }), 409],
      ['stale DELETE', () => api('DELETE', `/installations/${inst.id}?version=1`), 409],
      ['DELETE in use', () => api('DELETE', `/products/${r.raindance.id}`), 409],
      ['duplicate name', () => api('POST', '/business-areas', { name: 'Ekonomi' }), 400],
      ['refused role', () => api('POST', '/products', { vendor: 'X', name: 'Y' }, { as: viewer }), 403],
      ['refused municipality', () => api('PATCH', `/installations/${inst.id}`, { version: 2, users: 6 }, { as: editorOfAmal }), 403],
      ['invalid form', () => page('/system/ny', adminForm({ municipality: '1460', applicationId: String(r.firewall.id), productId: '', users: 'många' })), 400],
      ['stale form', () => page(`/system/${inst.id}/ta-bort`, adminForm({ version: '1' })), 409],
    ];
    for (const [name, attempt, status] of attempts) {
      const response = await attempt();
      expect(response.status, name).toBe(status);
      expect((await auditEvents()).length, name).toBe(events);
    }
    expect((await api('PATCH', `/installations/${inst.id}`, { version: 2, users: 6 })).status).toBe(200);
    expect((await auditEvents()).length).toBe(events + 1);
  });
});
