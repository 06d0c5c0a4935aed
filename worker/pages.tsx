import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { AppEnv } from './env.ts';
import type { Failure } from './outcome.ts';
import { Layout, type Section } from '../web/layout.tsx';

/** Render a page inside the layout, with the demo banner where demo data is loaded. */
export function page(c: Context<AppEnv>, title: string, section: Section | undefined, body: Child, status: 200 | 400 | 401 | 403 | 404 | 409 | 410 | 429 | 500 = 200) {
  const actor = c.var.actor;
  const viewer = actor?.role ? { name: c.var.session?.user.name ?? actor.name, role: actor.role } : null;
  return c.html(<Layout title={title} section={section} demo={c.env.DEMO_DATA === '1'} viewer={viewer}>{body}</Layout>, status);
}

export const notFoundPage = (c: Context<AppEnv>) =>
  page(c, 'Sidan finns inte', undefined, (
    <>
      <h1>Sidan finns inte</h1>
      <p>Det du letar efter finns inte, eller har tagits bort.</p>
      <p><a href="/">Till översikten</a></p>
    </>
  ), 404);

export const forbiddenPage = (c: Context<AppEnv>) =>
  page(c, 'Du har inte behörighet', undefined, (
    <>
      <h1>Du har inte behörighet</h1>
      <p>Din roll får inte göra detta. Fråga en administratör i IT-chefsgruppen om du behöver mer behörighet.</p>
      <p><a href="/">Till översikten</a></p>
    </>
  ), 403);

export const errorPage = (c: Context<AppEnv>) =>
  page(c, 'Något gick fel', undefined, (
    <>
      <h1>Något gick fel</h1>
      <p>Ett oväntat fel inträffade. Inget av det du skickade sparades. Försök igen om en stund.</p>
      <p><a href="/">Till översikten</a></p>
    </>
  ), 500);

/** A failed command as a form shows it: field issues at their fields, anything else on top. */
export const formFailure = (outcome: Failure) =>
  outcome.status === 400 ? { issues: outcome.issues, error: outcome.issues.length ? undefined : outcome.error } : { issues: [], error: outcome.error };

/** After Post/Redirect/Get the target page says what happened: the first of `messages` named in the query. */
export const redirectNotice = (c: Context<AppEnv>, messages: Record<string, string>) =>
  Object.keys(messages).map((k) => (c.req.query(k) !== undefined ? messages[k] : '')).find(Boolean);
