import { and, eq, isNull, lt, or } from 'drizzle-orm';
import type { MiddlewareHandler } from 'hono';
import { apiToken } from '../../schema/access.ts';
import type { Actor, AppEnv } from '../env.ts';
import { clearSessionCookie, sessionCookie, setSessionCookie } from './cookies.ts';
import { validateSessionToken } from './sessions.ts';
import { hashToken } from './tokens.ts';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Who is calling: an API token (`Authorization: Bearer`), else the session cookie, else
 * nobody. A session still waiting for its two-factor code, or an administrator's session
 * before two-factor login is enrolled, grants no role yet: only the steps that finish it.
 */
export const authenticate: MiddlewareHandler<AppEnv> = async (c, next) => {
  const requestId = c.var.requestId;
  const nobody: Actor = { name: 'anonym', requestId, role: null, userId: null, municipalities: [], via: 'none' };
  c.set('actor', nobody);
  c.set('session', null);

  const authorization = c.req.header('authorization');
  if (authorization !== undefined) {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
    const [row] = token ? await c.var.db.select().from(apiToken).where(and(eq(apiToken.tokenHash, hashToken(token)), isNull(apiToken.revokedAt))) : [];
    if (!row) return c.json({ error: 'API-nyckeln är ogiltig eller återkallad.' }, 401);
    c.set('actor', { name: `API-nyckel: ${row.name}`, requestId, role: row.role, userId: null, municipalities: row.municipalities, via: 'token' });
    // "Last used" to the minute is enough, and keeps most requests free of writes: the row just
    // read says whether a minute has passed; the WHERE keeps concurrent requests from writing twice.
    const now = new Date();
    const minuteAgo = new Date(now.getTime() - 60_000).toISOString();
    if (row.lastUsedAt === null || row.lastUsedAt < minuteAgo) {
      c.executionCtx.waitUntil(c.var.db.update(apiToken).set({ lastUsedAt: now.toISOString() })
        .where(and(eq(apiToken.id, row.id), or(isNull(apiToken.lastUsedAt), lt(apiToken.lastUsedAt, minuteAgo)))).then(() => undefined));
    }
    return next();
  }

  const token = sessionCookie(c);
  if (token) {
    const found = await validateSessionToken(c.var.db, token);
    if (!found) {
      clearSessionCookie(c);
    } else {
      if (found.renewed) setSessionCookie(c, token, found.expiresAt);
      c.set('session', found);
      const u = found.user;
      const complete = (found.twoFactorVerified || !u.twoFactorEnrolled) && (u.role !== 'admin' || u.twoFactorEnrolled);
      c.set('actor', complete
        ? { name: u.email, requestId, role: u.role, userId: u.id, municipalities: u.municipalities, via: 'session', sessionId: found.id }
        : { ...nobody, name: u.email, userId: u.id, sessionId: found.id });
    }
  }
  return next();
};

/**
 * A changing request that a browser could send on its own must come from a page of this
 * site: with a session cookie it must carry our Origin (forms, fetch and XHR all send it),
 * and a foreign Origin is refused even without one (no login CSRF). Scripts that send a
 * bearer token, or log in without any cookie or Origin, are not browsers.
 */
export const sameOrigin: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (safeMethods.has(c.req.method) || c.req.header('authorization') !== undefined) return next();
  const origin = c.req.header('origin');
  const hasCookie = (c.req.header('cookie') ?? '').length > 0;
  if ((origin !== undefined || hasCookie) && origin !== new URL(c.req.url).origin) {
    const message = 'Begäran kom inte från Samverkansplattformens egna sidor och avvisades.';
    return c.req.path.startsWith('/api/') ? c.json({ error: message }, 403) : c.text(message, 403);
  }
  return next();
};
