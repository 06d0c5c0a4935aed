import { Hono, type Context } from 'hono';
import { actionLabel, entityName, swedishTime } from '../../web/audit/changes.tsx';
import { AuditLogPage } from '../../web/audit/log.tsx';
import { allow } from '../access/permissions.ts';
import type { AppEnv } from '../env.ts';
import { failureJson, query } from '../http.ts';
import { page } from '../pages.tsx';
import { validate } from '../validation.ts';
import { toCsv } from './csv.ts';
import { auditEvents, auditLog, type AuditEntry } from './queries.ts';
import { auditFilter, auditQuery, fromPageParams, pageParams, type AuditAction } from './schemas.ts';

type Ctx = Context<AppEnv>;

/** Events per page of `/logg`, and at most per CSV file (newest first; a narrower period reaches further back). */
const pageLimit = 100;
const csvLimit = 10_000;

/** The URL of the next, older page: this one with the cursor moved. */
function nextLink(c: Ctx, param: string, next: number | undefined) {
  if (next === undefined) return;
  const url = new URL(c.req.url);
  url.searchParams.set(param, String(next));
  c.header('Link', `<${url.href}>; rel="next"`);
}

const json = (value: unknown) => (value === null || value === undefined ? '' : JSON.stringify(value));

export const csvHeader = ['tid', 'vem', 'händelse', 'vad', 'id', 'före', 'efter', 'begäran'] as const;

/** The log as Swedish Excel opens it: local time, Swedish words, before/after as JSON. */
export const auditCsv = (events: AuditEntry[]) =>
  toCsv(csvHeader, events.map((e) => [
    swedishTime(e.at), e.actor, actionLabel[e.action as AuditAction] ?? e.action, entityName(e.entity), e.entityId, json(e.before), json(e.after), e.requestId,
  ]));

/** The form's text by query parameter, as typed. */
const typed = (c: Ctx) => Object.fromEntries(Object.values(pageParams).map((p) => [p, c.req.query(p) ?? '']));

const toParam = (path: string) => (path in pageParams && path !== 'before' ? pageParams[path as keyof typeof pageParams] : '');

/**
 * Spårbarhet: the audit trail, read-only for every role. There is no route that changes or
 * removes an event, and the database refuses it too (schema/migrations/0002).
 */
export const auditRoutes = new Hono<AppEnv>()
  /**
   * `GET /api/v1/audit?entity=&entityId=&actor=&from=&to=&limit=&before=`: events newest
   * first, `limit` (default 200, at most 1000) at a time; `from`/`to` are whole UTC days.
   * When older events remain, `Link: <…&before=<id>>; rel="next"` points at them.
   */
  .get('/api/v1/audit', allow('read'), async (c) => {
    const filter = query(c, auditFilter);
    if (!filter.ok) return failureJson(c, filter);
    const { events, next } = await auditEvents(c.var.db, { ...auditQuery(filter.value, 'UTC'), accounts: c.var.actor.role === 'admin' });
    nextLink(c, 'before', next);
    return c.json(events.map(({ label: _label, ...event }) => event));
  })

  .get('/logg', allow('read'), async (c) => {
    const filter = validate(auditFilter, fromPageParams(c.req.query()));
    if (!filter.ok) {
      const issues = filter.status === 400 ? filter.issues.map((i) => ({ ...i, path: toParam(i.path) })) : [];
      return page(c, 'Ändringslogg', '/logg', <AuditLogPage log={undefined} filter={{}} values={typed(c)} issues={issues} csvLimit={csvLimit} />, 400);
    }
    const log = await auditLog(c.var.db, { ...auditQuery(filter.value, 'Europe/Stockholm', pageLimit), accounts: c.var.actor.role === 'admin' });
    return page(c, 'Ändringslogg', '/logg', <AuditLogPage log={log} filter={filter.value} values={typed(c)} csvLimit={csvLimit} />);
  })

  /** The same filters as `/logg`, as a file; `Link: rel="next"` when older events remain. */
  .get('/logg.csv', allow('read'), async (c) => {
    const filter = validate(auditFilter, fromPageParams(c.req.query()));
    if (!filter.ok) {
      const messages = filter.status === 400 ? filter.issues.map((i) => i.message).join(' ') : filter.error;
      return c.text(`Filtret gick inte att förstå: ${messages}`, 400);
    }
    const { events, next } = await auditEvents(c.var.db, { ...auditQuery(filter.value, 'Europe/Stockholm', csvLimit), accounts: c.var.actor.role === 'admin' });
    nextLink(c, pageParams.before, next);
    const day = new Date().toISOString().slice(0, 10);
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="andringslogg-${day}.csv"`);
    c.header('Cache-Control', 'no-store');
    return c.body(auditCsv(events));
  });
