/**
 * Bad input and abuse, property-based (fast-check): every route of /api/v1, as Hono has it
 * registered, is fed generated invalid bodies, path parameters, query strings and headers.
 * Whatever arrives: never a 5xx, every 4xx is JSON `{ error }` (with `issues` for 400), and a
 * refused request writes nothing — the full content of every table is the same before and
 * after. Callers without a session, with a bad token or of a role lacking the route's
 * permission are refused everywhere, API tokens of every role included.
 *
 * Bounded: a few runs per route and kind of input, so the file stays well under a minute.
 */
import { env, exports } from 'cloudflare:workers';
import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { demoStatements } from '../schema/demo/sql.ts';
import { app } from '../worker/app.ts';
import { permissions, type Permission } from '../worker/access/permissions.ts';
import { hashToken } from '../worker/access/tokens.ts';
import { operations } from '../worker/openapi/registry.ts';
import type { Actor } from '../worker/env.ts';
import { createUser, origin, sessionFor } from './helpers.ts';

// ---------------------------------------------------------------------------------------------
// The routes

type Handler = { permission?: Permission; __COMPOSED_HANDLER?: { permission?: Permission } };
type Route = { method: string; path: string; permission: Permission };

const declared = (h: Handler) => h.permission ?? h.__COMPOSED_HANDLER?.permission;

/** Every /api/v1 route with the permission its guard declares (test/access-routes.test.ts checks there is one). */
const routes: Route[] = (() => {
  const byKey = new Map<string, Route>();
  for (const r of app.routes) {
    if (!r.path.startsWith('/api/v1/')) continue;
    const key = `${r.method} ${r.path}`;
    const permission = declared(r.handler as Handler);
    const found = byKey.get(key);
    if (found) found.permission ??= permission!;
    else byKey.set(key, { method: r.method, path: r.path, permission: permission! });
  }
  return [...byKey.values()];
})();

const keyOf = (r: Route) => `${r.method} ${r.path}`;
const changing = (r: Route) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(r.method);
const params = (r: Route) => [...r.path.matchAll(/:(\w+)/g)].map((m) => m[1]!);

/** Routes that act on the caller's own session: they get a throwaway account of their own. */
const ownSession = (r: Route) => /^\/api\/v1\/(auth\/logout|account)/.test(r.path);
/** Routes where a refused attempt is recorded on purpose: failed logins and wrong codes (audit + throttle). */
const recordsFailures = (r: Route) => /^\/api\/v1\/(auth|account|invitations)\//.test(r.path);

/** The field names a route's body and query schemas know, from the API description's registry. */
function fieldsOf(schema: unknown): string[] {
  const s = schema as { entries?: Record<string, unknown>; pipe?: unknown[]; options?: unknown[]; wrapped?: unknown } | undefined;
  if (!s) return [];
  if (s.entries) return Object.keys(s.entries);
  if (s.pipe) return fieldsOf(s.pipe[0]);
  if (s.options) return [...new Set(s.options.flatMap(fieldsOf))];
  if (s.wrapped) return fieldsOf(s.wrapped);
  return [];
}
const bodyFields = (r: Route) => fieldsOf(operations[keyOf(r)]?.body);
const queryFields = (r: Route) => fieldsOf(operations[keyOf(r)]?.query);

// ---------------------------------------------------------------------------------------------
// The world: the demo register, and real ids so that bodies reach the rows they would change

let realIds: Record<string, string> = {};
let adminCookie = '';

/** The table behind a path segment, for a real id to put in the path. */
const tableOf: Record<string, string> = {
  tokens: 'api_token', 'business-areas': 'business_area', subareas: 'technical_subarea', applications: 'application',
  products: 'product', installations: 'installation', collaborations: 'collaboration', goals: 'goal', people: 'person',
  'role-assignments': 'role_assignment', reports: 'status_report', actions: 'action_item', 'allocation-keys': 'allocation_key',
  'cost-items': 'cost_item', initiatives: 'initiative', documents: 'governing_document', 'freeze-periods': 'freeze_rule',
  changes: 'planned_change', imports: 'import_batch',
};

/** A 12-hour session: shorter ones are renewed on use, which would be a write of its own. */
const longSession = (userId: number) => sessionFor(userId, true, Date.now() + 12 * 3_600_000);

beforeEach(async () => {
  await env.DB.batch(demoStatements().map((s) => env.DB.prepare(s)));
  const ids: Record<string, string> = {};
  for (const [segment, table] of Object.entries(tableOf)) {
    const row = await env.DB.prepare(`SELECT min(id) AS id FROM "${table}"`).first<{ id: number | null }>();
    ids[segment] = String(row?.id ?? 1);
  }
  // Not an administrator: a body that happens to deactivate the account must not end the walk.
  ids.users = String((await env.DB.prepare("SELECT id FROM user WHERE email = 'lasare@demo.test'").first<{ id: number }>())!.id);
  realIds = ids;
  adminCookie = await longSession((await createUser('admin')).id);
});

/** The route's path with real ids (`weird` replaces every parameter instead). */
function pathOf(route: Route, weird?: string): string {
  return route.path.replace(/\/:(\w+)(\{[^}]*\})?/g, (_, name: string, _re, offset: number) => {
    if (weird !== undefined) return `/${weird}`;
    if (name === 'code') return '/1460';
    if (name === 'year') return '/2024';
    if (name === 'token') return '/ogiltiginbjudan0000000000000000';
    const segment = route.path.slice(0, offset).split('/').pop()!;
    return `/${realIds[segment] ?? '1'}`;
  });
}

// ---------------------------------------------------------------------------------------------
// Sending, and what every answer must be

type Sent = { method: string; url: string; headers: Record<string, string>; body?: string | undefined };
type Answer = { status: number; contentType: string; text: string };

async function send(request: Sent): Promise<Answer> {
  const response = await exports.default.fetch(new Request(`${origin}${request.url}`, {
    method: request.method, headers: request.headers, body: request.body, redirect: 'manual',
  }));
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', text: await response.text() };
}

/** Every row of every table, as text per table: "nothing written" in full, not just the row counts. */
type Snapshot = Record<string, string>;
let tables: string[] = [];
async function dump(route?: Route): Promise<Snapshot> {
  tables = tables.length ? tables : (await env.DB.prepare(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name <> 'd1_migrations' ORDER BY name",
  ).all<{ name: string }>()).results.map((r) => r.name);
  // Failed logins and wrong codes are recorded on purpose (audit event and throttle).
  const skipFailures = route && recordsFailures(route);
  const results = await env.DB.batch(tables.map((t) => env.DB.prepare(
    skipFailures && t === 'login_throttle' ? 'SELECT 0'
      : skipFailures && t === 'audit_event' ? "SELECT * FROM audit_event WHERE action <> 'login-failed' ORDER BY id"
        : `SELECT * FROM "${t}" ORDER BY rowid`)));
  return Object.fromEntries(tables.map((t, i) => [t, JSON.stringify(results[i]!.results)]));
}

/** Tables of data derived from the rest, which a read may refresh. */
const derivedTables = ['attention_item', 'attention_refresh'];

const changedTables = (before: Snapshot, after: Snapshot) => tables.filter((t) => before[t] !== after[t]);

/**
 * The state after the last refused request, so that the next one needs one dump, not two.
 * Forgotten whenever something may have been written (an accepted request, a new account).
 */
let baseline: { failuresSkipped: boolean; snapshot: Snapshot } | undefined;
const forgetBaseline = () => { baseline = undefined; };
beforeEach(forgetBaseline);

async function before(route: Route): Promise<Snapshot> {
  const failuresSkipped = recordsFailures(route);
  return baseline?.failuresSkipped === failuresSkipped ? baseline.snapshot : dump(route);
}

async function unchangedSince(route: Route, snapshot: Snapshot): Promise<string[]> {
  const after = await dump(route);
  const changed = changedTables(snapshot, after);
  baseline = changed.length ? undefined : { failuresSkipped: recordsFailures(route), snapshot: after };
  return changed;
}

const describeRequest = (r: Sent) =>
  `${r.method} ${r.url} ${JSON.stringify(r.headers)} ${r.body === undefined ? '(no body)' : r.body.length > 300 ? `${r.body.slice(0, 300)}… (${r.body.length} chars)` : r.body}`;

/** Never a 5xx; 4xx as JSON `{ error }` (and `issues` for 400). */
function checkAnswer(request: Sent, answer: Answer) {
  const what = `${describeRequest(request)}\n→ ${answer.status} ${answer.text.slice(0, 300)}`;
  expect(answer.status, what).toBeLessThan(500);
  // A path with `..` in it can resolve to a page outside the API; only the above holds there.
  if (!new URL(request.url, origin).pathname.startsWith('/api/')) return;
  if (answer.status >= 400) {
    expect(answer.contentType, what).toContain('application/json');
    let body: { error?: unknown; issues?: unknown };
    try { body = JSON.parse(answer.text); } catch { throw new Error(`not JSON: ${what}`); }
    expect(typeof body.error === 'string' && body.error.length > 0, what).toBe(true);
    if (answer.status === 400) expect(Array.isArray(body.issues), what).toBe(true);
  }
}

/**
 * Send, check the answer, and unless the request was accepted (2xx: a valid-by-chance input,
 * or a route that takes no input, may legitimately write) check that nothing was written.
 */
async function probe(route: Route, request: Sent, stats: Stats): Promise<Answer> {
  const snapshot = await before(route);
  const answer = await send(request);
  checkAnswer(request, answer);
  // Reading never writes, accepted or not (but for derived data, below).
  if (answer.status >= 200 && answer.status < 300 && request.method !== 'GET') {
    stats.accepted++;
    forgetBaseline();
    return answer;
  }
  const accepted = answer.status < 300;
  stats[accepted ? 'accepted' : 'refused']++;
  // A read may bring derived data up to date (the attention list is recomputed when stale).
  const changed = (await unchangedSince(route, snapshot)).filter((t) => !(accepted && derivedTables.includes(t)));
  if (changed.length) throw new Error(`a refused request (${answer.status}) wrote to ${changed.join(', ')}: ${describeRequest(request)}`);
  return answer;
}

type Stats = { accepted: number; refused: number };


/** The admin's cookie and our Origin, or a throwaway account for routes that end their own session. */
async function credentials(route: Route): Promise<Record<string, string>> {
  if (!ownSession(route)) return { cookie: adminCookie, origin };
  forgetBaseline();
  return { cookie: await longSession((await createUser('admin')).id), origin };
}

// ---------------------------------------------------------------------------------------------
// Generated input

const hugeString = fc.constantFrom('A'.repeat(200_000), 'å'.repeat(70_000), '😀'.repeat(40_000), '\u0000'.repeat(1000));
const deepArray = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
const deepObject = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);

/** A value of a JSON type that is wrong for most fields, or absurd for all. */
const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 1.5, -0, 1e308, -1e308, 2 ** 53 + 1, '', ' ', '0', 'null', 'true', '1e3', '2024-02-30', '9999-99-99',
    "' OR 1=1 --", '"; DROP TABLE installation; --', '<script>alert(1)</script>', '../../etc/passwd', '\u202e\u0000', [], {}, [null], { __proto__: null }),
  fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.string({ maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }),
  hugeString,
);

/** A JSON body (as text) that should not pass: any JSON, known fields with wrong values, unknown fields. */
const badBody = (fields: string[]): fc.Arbitrary<string> => fc.oneof(
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
  fields.length
    ? fc.tuple(fc.subarray(fields, { minLength: 1 }), fc.array(wrongValue, { minLength: fields.length, maxLength: fields.length }))
      .map(([keys, values]) => JSON.stringify(Object.fromEntries(keys.map((k, i) => [k, values[i]]))))
    : fc.constant('{"x":1}'),
  fc.tuple(fc.subarray(fields), fc.string({ minLength: 1, maxLength: 12 }).filter((k) => !fields.includes(k)), fc.jsonValue({ maxDepth: 2 }))
    .map(([keys, unknown, value]) => JSON.stringify({ ...Object.fromEntries(keys.map((k) => [k, 'x'])), [unknown]: value })),
  fc.constantFrom('', ' ', 'null', '[]', '""', '0', '{', '{"a":', '}{', 'undefined', 'NaN', '{"version":NaN}', '1e999', '\u0000', '\ufeff{}',
    '{"__proto__":{"role":"admin","isAdmin":true}}', '{"constructor":{"prototype":{"role":"admin"}}}', '{"a":1,"a":2}',
    deepArray(5000), deepObject(2000), `{"name":${deepArray(3000)}}`, `"${'x'.repeat(1_000_000)}"`),
  fc.string({ maxLength: 200 }),
  fields.length ? fc.tuple(fc.constantFrom(...fields), hugeString).map(([k, v]) => JSON.stringify({ [k]: v })) : fc.constant('[]'),
);

/** Path parameters that cannot be a real id: wrong form, out of range, other scripts, traversal, injection. */
const weirdParam: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('-1', '0', '00', '1.5', '1e3', '0x10', '+1', ' 1', '9007199254740993', '99999999999999999999', '1'.repeat(400),
    'abc', 'NaN', 'Infinity', 'null', 'undefined', 'ö', '😀', '١٢٣', '１２', '..', '.', '%2e%2e', '..%2F..%2Fetc%2Fpasswd', '%00', '%E0%A4%A',
    '%ZZ', '%', "1'%20OR%20'1'%3D'1", '1%3B%20DROP%20TABLE%20user', '%3Cscript%3E', '1%0D%0ASet-Cookie:%20a%3Db', '1,2', '1;2', '%20'),
  fc.string({ minLength: 1, maxLength: 30 }).filter((s) => !/^[1-9]\d{0,15}$/.test(s)).map(encodeURIComponent),
  fc.integer({ min: -(2 ** 31), max: 0 }).map(String),
  fc.bigInt({ min: 10n ** 16n, max: 10n ** 30n }).map(String),
);

/** A query string of known and unknown keys with odd values, some of it not even well formed. */
const badQuery = (fields: string[]): fc.Arbitrary<string> => fc.oneof(
  fc.array(fc.tuple(fields.length ? fc.oneof(fc.constantFrom(...fields), fc.string({ maxLength: 8 })) : fc.string({ maxLength: 8 }),
    fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('-1', '0', '1e9', '99999999999999999999', '2024-13-45', "' OR 1=1 --", 'x'.repeat(20_000), '')),
  ), { minLength: 1, maxLength: 4 }).map((pairs) => new URLSearchParams(pairs).toString()),
  fc.constantFrom('%ZZ=1', 'a=%E0%A4%A', '&&&', '=x', 'year[]=1', 'year=1&year=2', 'year=2024&year=abc', '__proto__=x', 'constructor[prototype][x]=1',
    fields.map((f) => `${f}=%00`).join('&') || 'x=%00', fields.map((f) => `${f}[]=1`).join('&') || 'x[]=1'),
);

const runs = { body: 6, param: 4, query: 3 } as const;
const withQuery = (url: string, q: string) => `${url}${url.includes('?') ? '&' : '?'}${q}`;

/** DELETE takes no body; with a real id only an invalid `?version=` keeps the attempt a refusal. */
const deleteRefusal = (route: Route) => (route.method === 'DELETE' ? '?version=abc' : '');

// ---------------------------------------------------------------------------------------------

describe('every /api/v1 route under bad input', () => {
  it('finds the routes (the walk is not vacuous)', () => {
    expect(routes.length).toBeGreaterThan(120);
    expect(routes.filter((r) => !r.permission)).toEqual([]);
    expect(routes.filter(changing).filter((r) => bodyFields(r).length > 0).length).toBeGreaterThan(40);
  });

  it('generated bodies: no 5xx, JSON errors, nothing written when refused', async () => {
    const stats = { accepted: 0, refused: 0 };
    for (const route of routes.filter((r) => changing(r) && r.method !== 'DELETE')) {
      await fc.assert(fc.asyncProperty(badBody(bodyFields(route)), fc.constantFrom('application/json', 'application/json; charset=utf-8'),
        async (body, contentType) => {
          await probe(route, { method: route.method, url: pathOf(route), headers: { ...(await credentials(route)), 'content-type': contentType }, body }, stats);
        }), { numRuns: runs.body });
    }
    // Most generated bodies are refused; a few may be valid by chance (or the route takes none).
    expect(stats.refused).toBeGreaterThan(stats.accepted * 5);
  }, 120_000);

  it('weird path parameters: no 5xx, JSON errors, nothing written when refused', async () => {
    const stats = { accepted: 0, refused: 0 };
    const unexpected: string[] = [];
    for (const route of routes.filter((r) => params(r).length > 0)) {
      await fc.assert(fc.asyncProperty(weirdParam, async (weird) => {
        const body = changing(route) && route.method !== 'DELETE' ? '{}' : undefined;
        const headers = { ...(await credentials(route)), ...(body === undefined ? {} : { 'content-type': 'application/json' }) };
        const url = pathOf(route, weird);
        const answer = await probe(route, { method: route.method, url, headers, body }, stats);
        // Only a parameter like `.` or `%2e%2e`, which the URL resolves away to another route, may be accepted.
        const resolvedAway = new URL(url, origin).pathname.split('/').length !== route.path.split('/').length;
        if (answer.status < 300 && !resolvedAway) unexpected.push(`${route.method} ${url}: ${answer.status}`);
      }), { numRuns: runs.param });
    }
    expect(unexpected).toEqual([]);
  }, 120_000);

  it('odd query strings: no 5xx, JSON errors, nothing written when refused', async () => {
    const stats = { accepted: 0, refused: 0 };
    for (const route of routes) {
      await fc.assert(fc.asyncProperty(badQuery(queryFields(route)), async (q) => {
        const body = changing(route) && route.method !== 'DELETE' ? '{"x":1}' : undefined;
        const headers = { ...(await credentials(route)), ...(body === undefined ? {} : { 'content-type': 'application/json' }) };
        await probe(route, { method: route.method, url: withQuery(pathOf(route) + deleteRefusal(route), q), headers, body }, stats);
      }), { numRuns: runs.query });
    }
  }, 120_000);

  it('wrong headers: garbage credentials, foreign Origin, missing Origin, wrong content type', async () => {
    const stats = { accepted: 0, refused: 0 };
    const wrong: string[] = [];
    for (const route of routes) {
      const url = pathOf(route) + deleteRefusal(route);
      const body = changing(route) && route.method !== 'DELETE' ? '{"x":1}' : undefined;
      const json: Record<string, string> = body === undefined ? {} : { 'content-type': 'application/json' };
      const expectStatus = async (headers: Record<string, string>, status: number, why: string) => {
        const request = { method: route.method, url, headers: { ...json, ...headers }, body };
        const answer = await send(request);
        checkAnswer(request, answer);
        if (answer.status !== status) wrong.push(`${keyOf(route)} ${why}: ${answer.status}, expected ${status}`);
      };
      // These are all refused before any handler runs: one look at the tables per route is enough.
      const snapshot = await before(route);
      // A token that is not one is refused on every route, public ones included.
      for (const authorization of ['Basic YWRtaW46YWRtaW4=', `Bearer svp_${'x'.repeat(10_000)}`]) {
        await expectStatus({ authorization, origin }, 401, `Authorization: ${authorization.slice(0, 20)}`);
      }
      if (changing(route)) {
        // A browser on another site, with or without the session cookie: refused before anything runs.
        await expectStatus({ cookie: adminCookie, origin: 'https://angripare.example' }, 403, 'foreign Origin with cookie');
        await expectStatus({ origin: 'https://angripare.example' }, 403, 'foreign Origin without cookie');
        await expectStatus({ cookie: adminCookie, origin: 'null' }, 403, 'Origin null');
        await expectStatus({ cookie: adminCookie }, 403, 'cookie without Origin');
      }
      // A session cookie that is not one: the API answers as to nobody.
      if (route.permission !== 'public') await expectStatus({ cookie: 'session=ogiltig; __Host-session=ogiltig', origin }, 401, 'garbage session cookie');
      const changed = await unchangedSince(route, snapshot);
      if (changed.length) wrong.push(`${keyOf(route)}: refused requests wrote to ${changed.join(', ')}`);

      // A body that is not declared JSON: refused, or read as JSON anyway; never a 5xx or a half write.
      if (body !== undefined) {
        for (const contentType of ['text/plain']) {
          await probe(route, { method: route.method, url, headers: { ...(await credentials(route)), 'content-type': contentType }, body }, stats);
        }
      }
    }
    expect(wrong, wrong.join('\n')).toEqual([]);
  }, 120_000);
});

// ---------------------------------------------------------------------------------------------

type Role = 'admin' | 'editor' | 'finance' | 'viewer';
const roles: Role[] = ['admin', 'editor', 'finance', 'viewer'];
const actorOf = (role: Role): Actor => ({ name: role, requestId: 'test', role, userId: null, municipalities: ['1460'], via: 'token' });

/** An API token straight into D1, as `POST /api/v1/tokens` would store it. */
async function tokenFor(role: Role, revoked = false): Promise<string> {
  const token = `svp_test${role}${crypto.randomUUID().replaceAll('-', '')}`;
  await env.DB.prepare('INSERT INTO api_token (name, token_hash, role, municipalities, created_by, revoked_at) VALUES (?, ?, ?, ?, ?, ?)')
    .bind(`Test ${role}`, hashToken(token), role, JSON.stringify(role === 'editor' ? ['1460'] : []), 'test', revoked ? '2026-01-01T00:00:00Z' : null).run();
  return token;
}

/** Ids that do not exist, so a call that gets past the guard changes nothing. */
const missingPath = (route: Route) =>
  route.path.replace(/:code(\{[^}]*\})?/g, '9999').replace(/:year(\{[^}]*\})?/g, '1999').replace(/:(\w+)(\{[^}]*\})?/g, '999999');

describe('callers without the right are refused everywhere', () => {
  it('without credentials: 401 on every route but the public ones, whatever the body', async () => {
    const wrong: string[] = [];
    for (const route of routes.filter((r) => r.permission !== 'public')) {
      const snapshot = await before(route);
      for (const body of changing(route) && route.method !== 'DELETE' ? ['{}', '{"version":1}', 'not json'] : [undefined]) {
        const request: Sent = { method: route.method, url: pathOf(route), headers: body === undefined ? {} : { 'content-type': 'application/json' }, body };
        const answer = await send(request);
        checkAnswer(request, answer);
        if (answer.status !== 401) wrong.push(`${keyOf(route)}: ${answer.status}, expected 401`);
      }
      const changed = await unchangedSince(route, snapshot);
      if (changed.length) wrong.push(`${keyOf(route)}: wrote to ${changed.join(', ')} without credentials`);
    }
    expect(wrong, wrong.join('\n')).toEqual([]);
  }, 60_000);

  it('a revoked API token: 401 on every route', async () => {
    const token = await tokenFor('admin', true);
    const wrong: string[] = [];
    for (const route of routes) {
      const body = changing(route) && route.method !== 'DELETE' ? '{}' : undefined;
      const answer = await send({ method: route.method, url: pathOf(route), headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) }, body });
      if (answer.status !== 401) wrong.push(`${keyOf(route)}: ${answer.status}`);
    }
    expect(wrong, wrong.join('\n')).toEqual([]);
  }, 60_000);

  it.each(roles)('an API token of a %s is refused by the guard exactly where its role lacks the permission', async (role) => {
    const token = await tokenFor(role);
    const wrong: string[] = [];
    for (const route of routes) {
      const body = changing(route) && route.method !== 'DELETE' ? '{}' : undefined;
      const request: Sent = { method: route.method, url: missingPath(route), headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) }, body };
      const answer = await send(request);
      checkAnswer(request, answer);
      const guardRefused = answer.status === 403 && JSON.parse(answer.text).error === 'Din roll får inte göra detta.';
      const allowed = permissions[route.permission](actorOf(role));
      if (!allowed && !guardRefused) wrong.push(`${keyOf(route)} (${route.permission}): ${answer.status}, expected the guard's 403`);
      // Routes for the caller's own account need its session: a token gets their 401 or 403.
      const sessionOnly = operations[keyOf(route)]?.session === true;
      if (allowed && (guardRefused || (answer.status === 401 && !sessionOnly))) wrong.push(`${keyOf(route)} (${route.permission}): ${answer.status} ${answer.text}, expected the route to run`);
    }
    expect(wrong, wrong.join('\n')).toEqual([]);
  }, 60_000);

  it('an editor token changes nothing in another municipality, and nothing is written', async () => {
    const token = await tokenFor('editor');
    const other = (await env.DB.prepare("SELECT id, version FROM installation WHERE municipality_code = '1492' ORDER BY id").first<{ id: number; version: number }>())!;
    const own = (await env.DB.prepare("SELECT id, version FROM installation WHERE municipality_code = '1460' ORDER BY id").first<{ id: number; version: number }>())!;
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const snapshot = await dump();
    const refused = [
      await send({ method: 'PATCH', url: `/api/v1/installations/${other.id}`, headers, body: JSON.stringify({ version: other.version, users: 1 }) }),
      await send({ method: 'DELETE', url: `/api/v1/installations/${other.id}`, headers }),
      await send({ method: 'POST', url: '/api/v1/people', headers, body: JSON.stringify({ name: 'Inkräktare', municipality: '1492' }) }),
    ];
    expect(refused.map((r) => r.status)).toEqual([403, 403, 403]);
    // "Last used" of the token may move; nothing else.
    const strip = (s: Snapshot) => ({ ...s, api_token: s.api_token!.replace(/"last_used_at":("[^"]*"|null)/g, '') });
    expect(changedTables(strip(snapshot), strip(await dump()))).toEqual([]);
    expect((await send({ method: 'PATCH', url: `/api/v1/installations/${own.id}`, headers, body: JSON.stringify({ version: own.version, users: 1 }) })).status).toBe(200);
  });
});
