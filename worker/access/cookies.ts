import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';

/**
 * HttpOnly, Secure, SameSite=Lax; over HTTPS the name carries the `__Host-` prefix, which
 * pins the cookie to this host and path. (Browsers accept Secure cookies on localhost.)
 */
const cookieName = (c: Context) => (new URL(c.req.url).protocol === 'https:' ? '__Host-session' : 'session');

export function setSessionCookie(c: Context, token: string, expiresAt: number) {
  setCookie(c, cookieName(c), token, { httpOnly: true, secure: true, sameSite: 'Lax', path: '/', expires: new Date(expiresAt) });
}

export const clearSessionCookie = (c: Context) => deleteCookie(c, cookieName(c), { path: '/', secure: true });

export const sessionCookie = (c: Context) => getCookie(c, cookieName(c));
