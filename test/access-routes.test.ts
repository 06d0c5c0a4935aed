/**
 * The route-permission walk: every route Hono has registered must declare who may call it
 * with `allow(...)` (worker/access/permissions.ts), and the declaration must be what the
 * route actually enforces. A new route without a declaration, or a new public route, makes
 * this file fail until someone decides about it here.
 */
import { describe, expect, it } from 'vitest';
import type { Actor } from '../worker/env.ts';
import { app } from '../worker/app.ts';
import { permissions, type Permission } from '../worker/access/permissions.ts';
import { api, page, sessionFor, createUser } from './helpers.ts';

type Handler = ((...args: unknown[]) => unknown) & { permission?: Permission; __COMPOSED_HANDLER?: Handler };
type Route = { method: string; path: string; handlers: Handler[] };

/** Deliberately public routes that change something (or start to). */
const publicChanging = [
  // Login, its code step, logout.
  'POST /api/v1/auth/login',
  'POST /api/v1/auth/logout',
  'POST /logga-in',
  'POST /logga-in/kod',
  'POST /logga-ut',
  // Accepting an invitation: the one-time link is the credential.
  'POST /api/v1/invitations/:token/accept',
  'POST /inbjudan/:token',
  // Two-factor enrolment: an administrator has no role until enrolled; the handler checks the session.
  'POST /api/v1/account/two-factor',
  'POST /konto/tvastegsverifiering',
];

/** Deliberately public pages: the login form and its code step, an invitation, enrolment. */
const publicReading = [
  'GET /logga-in',
  'GET /logga-in/kod',
  'GET /api/v1/invitations/:token',
  'GET /inbjudan/:token',
  'GET /konto/tvastegsverifiering',
  // The goals an administrator marks public: value, target, status and trend, for citizens.
  'GET /offentligt/mal',
  'GET /api/v1/public/goals',
  // The change calendar's iCalendar feed: calendar apps cannot sign in, so the personal token in
  // the path (only its hash stored, revocable) is the credential; an unknown token gets 404.
  'GET /kalender/:file',
  // The API description and its reference page: they say what the API accepts and reveal no data
  // (every data route still needs a role), so integrators and their tools can read them first.
  'GET /api/v1/openapi.json',
  'GET /api-dokumentation',
  // Liveness, and the benchmark's trivial baseline (bench/run.ts): answers "ok", reads nothing.
  'GET /ping',
];

/** Public routes that still need a session, which their handler checks. */
const publicNeedingSession = ['POST /api/v1/account/two-factor', 'GET /konto/tvastegsverifiering', 'POST /konto/tvastegsverifiering'];

const changing = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The permission a handler declares; a sub-app with its own error handler wraps handlers. */
const declared = (h: Handler): Permission | undefined => h.permission ?? h.__COMPOSED_HANDLER?.permission;

/** Registered routes grouped by method and path, without the app-wide middleware. */
function routes(): Route[] {
  const byKey = new Map<string, Route>();
  for (const r of app.routes) {
    if (r.method === 'ALL' && r.path === '/*') continue;
    const key = `${r.method} ${r.path}`;
    const route = byKey.get(key) ?? { method: r.method, path: r.path, handlers: [] };
    route.handlers.push(r.handler as Handler);
    byKey.set(key, route);
  }
  return [...byKey.values()];
}

const key = (r: Route) => `${r.method} ${r.path}`;
const permissionOf = (r: Route) => r.handlers.map(declared).find((p) => p !== undefined);

describe('every registered route declares its permission', () => {
  const all = routes();

  it('finds the routes (the walk is not vacuous)', () => {
    expect(all.length).toBeGreaterThan(60);
    const keys = all.map(key);
    for (const expected of ['POST /api/v1/installations', 'PATCH /api/v1/installations/:id', 'GET /matris', 'POST /system/ny', 'POST /api/v1/auth/login']) {
      expect(keys).toContain(expected);
    }
  });

  it('no route, of any method, lacks a handler carrying a permission', () => {
    const undeclared = all.filter((r) => permissionOf(r) === undefined).map(key);
    expect(undeclared, `routes without allow(...): ${undeclared.join(', ')}`).toEqual([]);
  });

  it('the declaration is a known permission and comes first, before the handler that does the work', () => {
    const wrong = all.flatMap((r) => {
      const first = r.handlers[0]!;
      const p = declared(first);
      if (p === undefined) return [`${key(r)}: the first handler is not the allow() guard`];
      if (!(p in permissions)) return [`${key(r)}: unknown permission "${p}"`];
      const more = r.handlers.slice(1).filter((h) => declared(h) !== undefined);
      return more.length ? [`${key(r)}: more than one allow() guard`] : [];
    });
    expect(wrong, wrong.join('\n')).toEqual([]);
  });

  it('only the deliberately public routes that change data are public', () => {
    const publicNow = all.filter((r) => changing.has(r.method) && permissionOf(r) === 'public').map(key).sort();
    expect(publicNow, 'a changing route became public (or a public one went away): decide, then update the list here').toEqual([...publicChanging].sort());
  });

  it('only the deliberately public pages can be read without signing in', () => {
    const publicNow = all.filter((r) => !changing.has(r.method) && permissionOf(r) === 'public').map(key).sort();
    expect(publicNow).toEqual([...publicReading].sort());
  });

  it('nothing under /api/v1 except login, logout, invitations and enrolment is public', () => {
    const publicApi = all.filter((r) => r.path.startsWith('/api/') && permissionOf(r) === 'public').map(key).sort();
    expect(publicApi).toEqual([...publicChanging, ...publicReading].filter((k) => k.includes(' /api/')).sort());
  });
});

/** A concrete URL for a route pattern: ids that do not exist, so an allowed call writes nothing. */
const concrete = (path: string) =>
  path.replace(/:code(\{[^}]*\})?/g, '9999').replace(/:(\w+)(\{[^}]*\})?/g, '999999').replace(/\/\*$/, '/x');

/** `as: ''` is "no cookie": the helpers treat an explicit `as: undefined` as the default administrator. */
async function call(route: Route, as: string): Promise<{ status: number; location: string | null; guardRefused: boolean }> {
  const url = concrete(route.path);
  const api_ = url.startsWith('/api/');
  const headers: Record<string, string> = {};
  if (changing.has(route.method)) headers['content-type'] = api_ ? 'application/json' : 'application/x-www-form-urlencoded';
  const body = changing.has(route.method) ? (api_ ? '{}' : '') : undefined;
  if (api_) {
    const r = await api(route.method, url.slice('/api/v1'.length), body, { as, headers });
    return { status: r.status, location: null, guardRefused: r.status === 403 && r.body?.error === 'Din roll får inte göra detta.' };
  }
  const response = await page(url, { method: route.method, body, headers, as });
  const text = await response.text();
  return { status: response.status, location: response.headers.get('location'), guardRefused: response.status === 403 && text.includes('<h1>Du har inte behörighet</h1>') };
}

type Role = 'admin' | 'editor' | 'finance' | 'viewer';
const actorOf = (role: Role): Actor => ({ name: role, requestId: 'test', role, userId: 1, municipalities: ['1460'], via: 'session' });

describe('every route enforces what it declares', () => {
  it('a caller who is not signed in gets 401 from the API and the login page from the pages', async () => {
    const wrong: string[] = [];
    for (const route of routes()) {
      const p = permissionOf(route);
      if (p === undefined || (p === 'public' && !publicNeedingSession.includes(key(route)))) continue;
      const r = await call(route, '');
      if (route.path.startsWith('/api/')) {
        if (r.status !== 401) wrong.push(`${key(route)}: ${r.status}, expected 401`);
      } else if (r.status !== 303 || !r.location?.startsWith('/logga-in')) {
        wrong.push(`${key(route)}: ${r.status} ${r.location}, expected 303 to /logga-in…`);
      } else if (p !== 'public' && !r.location.startsWith('/logga-in?till=')) {
        wrong.push(`${key(route)}: ${r.location}, expected /logga-in?till=…`);
      }
    }
    expect(wrong, wrong.join('\n')).toEqual([]);
  });

  it.each(['viewer', 'finance', 'editor', 'admin'] as const)('a signed-in %s is refused by the guard exactly where its role lacks the permission', async (role) => {
    expect((await api('POST', '/municipalities', { code: '1460', name: 'Bengtsfors', populations: [] })).status).toBe(201);
    const user = await createUser(role, role === 'editor' ? ['1460'] : []);
    const wrong: string[] = [];
    for (const route of routes()) {
      const p = permissionOf(route);
      if (p === undefined) continue;
      // A fresh session per call: logout routes end the one they are called with.
      const r = await call(route, await sessionFor(user.id));
      const allowed = permissions[p](actorOf(role));
      if (!allowed && !r.guardRefused) wrong.push(`${key(route)} (${p}): ${r.status}, expected the guard's 403`);
      if (allowed && (r.guardRefused || r.status === 401)) wrong.push(`${key(route)} (${p}): ${r.status}, expected the route to run`);
    }
    expect(wrong, wrong.join('\n')).toEqual([]);
  }, 60_000);
});
