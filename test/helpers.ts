import { env, exports } from 'cloudflare:workers';

export type ApiResponse = { status: number; body: any; headers: Headers };

export const origin = 'http://localhost';

/** The session cookie requests carry; the setup signs in an administrator before each test. */
let cookie: string | undefined;
export const actAs = (sessionCookie: string | undefined) => { cookie = sessionCookie; };

/** What a browser adds: the session cookie and, on changing requests, its Origin. */
function browserHeaders(method: string, extra: HeadersInit = {}, as: string | undefined): Headers {
  const headers = new Headers(extra);
  if (as && !headers.has('cookie') && !headers.has('authorization')) headers.set('cookie', as);
  if (!['GET', 'HEAD'].includes(method) && !headers.has('origin')) headers.set('origin', origin);
  return headers;
}

/** Call the real Worker entry, as a client of `/api/v1` would. */
export async function api(method: string, path: string, body?: unknown, init: { headers?: HeadersInit; as?: string } = {}): Promise<ApiResponse> {
  const headers = browserHeaders(method, init.headers, 'as' in init ? init.as : cookie);
  if (body !== undefined) headers.set('content-type', 'application/json');
  const response = await exports.default.fetch(new Request(`${origin}/api/v1${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  }));
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers };
}

export async function page(path: string, init: RequestInit & { as?: string } = {}) {
  const method = init.method ?? 'GET';
  const headers = browserHeaders(method, init.headers, 'as' in init ? init.as : cookie);
  return exports.default.fetch(new Request(`${origin}${path}`, { redirect: 'manual', ...init, headers }));
}

/** RFC 6238's test key, "12345678901234567890": the demo administrator uses it too. */
export const testTotpKey = new TextEncoder().encode('12345678901234567890');

let users = 0;

/** A user straight into D1 (no invitation, no scrypt), for tests about what roles may do. */
export async function createUser(role: 'admin' | 'editor' | 'finance' | 'viewer', municipalities: string[] = [], options: { passwordHash?: string; totp?: boolean } = {}) {
  const email = `${role}${++users}@test.example`;
  const totp = options.totp ?? role === 'admin';
  const row = await env.DB.prepare('INSERT INTO user (email, name, role, password_hash, totp_key) VALUES (?, ?, ?, ?, ?) RETURNING id')
    .bind(email, `Test ${role}`, role, options.passwordHash ?? null, totp ? testTotpKey : null).first<{ id: number }>();
  for (const code of municipalities) {
    await env.DB.prepare('INSERT INTO user_municipality (user_id, municipality_code) VALUES (?, ?)').bind(row!.id, code).run();
  }
  return { id: row!.id, email };
}

/** A session for a user, as the login would create it; returns the Cookie header value. */
export async function sessionFor(userId: number, twoFactorVerified = true, expiresAt = Date.now() + 3_600_000) {
  const token = `test-${crypto.randomUUID()}`;
  const { hashToken } = await import('../worker/access/tokens.ts');
  await env.DB.prepare('INSERT INTO session (id, user_id, expires_at, two_factor_verified) VALUES (?, ?, ?, ?)')
    .bind(hashToken(token), userId, expiresAt, twoFactorVerified ? 1 : 0).run();
  return `session=${token}`;
}

/** Signed in with a role (and, for an editor, the municipalities it may change). */
export async function signIn(role: 'admin' | 'editor' | 'finance' | 'viewer', municipalities: string[] = []) {
  return sessionFor((await createUser(role, municipalities)).id);
}

const tables = ['municipality', 'municipality_population', 'business_area', 'technical_subarea', 'application', 'product', 'installation', 'audit_event'];

/** Row counts of every table: "nothing was written" is the same snapshot before and after. */
export async function snapshot(): Promise<Record<string, number>> {
  const results = await env.DB.batch(tables.map((t) => env.DB.prepare(`SELECT count(*) AS n FROM ${t}`)));
  return Object.fromEntries(tables.map((t, i) => [t, (results[i]!.results[0] as { n: number }).n]));
}

export async function auditEvents(entity?: string) {
  const statement = entity
    ? env.DB.prepare('SELECT * FROM audit_event WHERE entity = ? ORDER BY id').bind(entity)
    : env.DB.prepare('SELECT * FROM audit_event ORDER BY id');
  return (await statement.all<Record<string, string>>()).results;
}

/** A small register: two municipalities, an area, a subarea, applications and products. */
export async function seedRegister() {
  const ok = (r: ApiResponse) => {
    if (r.status !== 201) throw new Error(`seed failed: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const bengtsfors = ok(await api('POST', '/municipalities', { code: '1460', name: 'Bengtsfors', populations: [{ year: 2024, population: 9260 }] }));
  const amal = ok(await api('POST', '/municipalities', { code: '1492', name: 'Åmål', populations: [{ year: 2024, population: 12020 }] }));
  const economy = ok(await api('POST', '/business-areas', { name: 'Ekonomi' }));
  const network = ok(await api('POST', '/subareas', { name: 'Nät och kommunikation' }));
  const finance = ok(await api('POST', '/applications', { name: 'Ekonomisystem', kind: 'common', businessAreaId: economy.id }));
  const firewall = ok(await api('POST', '/applications', { name: 'Brandvägg', kind: 'technical', subareaId: network.id }));
  const raindance = ok(await api('POST', '/products', { vendor: 'CGI', name: 'Raindance' }));
  const unit4 = ok(await api('POST', '/products', { vendor: 'Unit4', name: 'ERP' }));
  return { bengtsfors, amal, economy, network, finance, firewall, raindance, unit4 };
}

/** The password of `account(...)` users; its scrypt hash is made once per test file. */
export const knownPassword = 'blåbär och lingon i skogen';
let knownHash: Promise<string> | undefined;

/** A user who can really sign in with `knownPassword`. */
export async function account(role: 'admin' | 'editor' | 'finance' | 'viewer', municipalities: string[] = [], totp?: boolean) {
  const { hashPassword } = await import('../worker/access/password.ts');
  knownHash ??= hashPassword(knownPassword);
  return createUser(role, municipalities, { passwordHash: await knownHash, totp });
}

export const nobody = { as: '' } as const;
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
