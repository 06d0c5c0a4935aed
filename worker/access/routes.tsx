import { Hono, type Context } from 'hono';
import { getConnInfo } from 'hono/cloudflare-workers';
import { CodePage, LoginPage } from '../../web/access/login.tsx';
import { auditStatement } from '../audit/events.ts';
import type { AppEnv } from '../env.ts';
import { failureJson, jsonBody } from '../http.ts';
import { page } from '../pages.tsx';
import { clearSessionCookie, sessionCookie, setSessionCookie } from './cookies.ts';
import { login, verifyLoginCode } from './login.ts';
import { allow } from './permissions.ts';
import { endAllSessions, endSession } from './sessions.ts';

type Ctx = Context<AppEnv>;

/** The caller's address, for throttling: Cloudflare's header in production, the socket locally. */
export function clientAddress(c: Ctx): string {
  return c.req.header('cf-connecting-ip') ?? (() => { try { return getConnInfo(c).remote.address; } catch { return undefined; } })() ?? 'okänd';
}

/** Only a path on this site is a place to return to after login (no open redirect). */
export function returnPath(c: Ctx): string {
  const next = c.req.query('till') ?? '/';
  return /^\/(?!\/)[^\s\\]*$/.test(next) ? next : '/';
}

async function signOut(c: Ctx, everywhere: boolean) {
  const actor = c.var.actor;
  const session = c.var.session;
  if (session) {
    await c.var.db.batch([
      everywhere ? endAllSessions(c.var.db, session.user.id) : endSession(c.var.db, session.id),
      auditStatement(c.var.db, actor, { action: 'logout', entity: 'user', entityId: session.user.id, after: { everywhere } }),
    ]);
  }
  clearSessionCookie(c);
}

export const authApi = new Hono<AppEnv>()
  .post('/auth/login', allow('public'), async (c) => {
    const body = await jsonBody(c);
    if (!body.ok) return failureJson(c, body);
    const outcome = await login(c.var.db, c.var.actor, body.value, clientAddress(c), false);
    if (!outcome.ok) return failureJson(c, outcome);
    setSessionCookie(c, outcome.value.token, outcome.value.expiresAt);
    return c.json({ user: outcome.value.user, expiresAt: new Date(outcome.value.expiresAt).toISOString() });
  })
  .post('/auth/logout', allow('public'), async (c) => {
    await signOut(c, false);
    return c.body(null, 204);
  })
  .post('/auth/logout-everywhere', allow('signedIn'), async (c) => {
    await signOut(c, true);
    return c.body(null, 204);
  })
  .get('/auth/me', allow('signedIn'), (c) => {
    const { name, role, municipalities, via } = c.var.actor;
    return c.json({ name, role, municipalities, via, user: c.var.session?.user ?? null });
  });

export const authPages = new Hono<AppEnv>()
  .get('/logga-in', allow('public'), (c) => {
    if (c.var.actor.role) return c.redirect(returnPath(c), 303);
    return page(c, 'Logga in', undefined, <LoginPage next={returnPath(c)} notice={c.req.query('utloggad') !== undefined ? 'Du är utloggad.' : undefined} />);
  })
  .post('/logga-in', allow('public'), async (c) => {
    const form = await c.req.parseBody();
    const email = typeof form.email === 'string' ? form.email : '';
    const outcome = await login(c.var.db, c.var.actor, { email, password: typeof form.password === 'string' ? form.password : '' }, clientAddress(c), true);
    if (!outcome.ok) {
      if (outcome.status === 429) c.header('Retry-After', String(outcome.retryAfter));
      const issues = outcome.status === 400 ? outcome.issues : [];
      return page(c, 'Logga in', undefined, <LoginPage next={returnPath(c)} email={email} issues={issues} error={issues.length ? undefined : outcome.error} />, outcome.status);
    }
    setSessionCookie(c, outcome.value.token, outcome.value.expiresAt);
    const next = returnPath(c);
    return c.redirect(outcome.value.twoFactorPending ? `/logga-in/kod?till=${encodeURIComponent(next)}` : next, 303);
  })
  .get('/logga-in/kod', allow('public'), (c) => {
    if (!c.var.session) return c.redirect('/logga-in', 303);
    if (c.var.actor.role) return c.redirect(returnPath(c), 303);
    return page(c, 'Tvåstegsverifiering', undefined, <CodePage next={returnPath(c)} />);
  })
  .post('/logga-in/kod', allow('public'), async (c) => {
    const session = c.var.session;
    if (!session) return c.redirect('/logga-in', 303);
    const form = await c.req.parseBody();
    const outcome = await verifyLoginCode(c.var.db, c.var.actor, session.id, session.user.id, { code: typeof form.code === 'string' ? form.code : '' }, clientAddress(c));
    if (outcome.ok) {
      const token = sessionCookie(c);
      if (token) setSessionCookie(c, token, outcome.value.expiresAt);
      return c.redirect(returnPath(c), 303);
    }
    if (outcome.status === 429) c.header('Retry-After', String(outcome.retryAfter));
    const issues = outcome.status === 400 ? outcome.issues : [{ path: 'code', message: outcome.error }];
    return page(c, 'Tvåstegsverifiering', undefined, <CodePage next={returnPath(c)} issues={issues} />, outcome.status);
  })
  .post('/logga-ut', allow('public'), async (c) => {
    await signOut(c, false);
    return c.redirect('/logga-in?utloggad', 303);
  });
