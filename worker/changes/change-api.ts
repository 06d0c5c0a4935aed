import { Hono } from 'hono';
import { allow } from '../access/permissions.ts';
import { today } from '../clock.ts';
import type { AppEnv } from '../env.ts';
import { deleteVersion, failureJson, jsonBody, missing, pathId, query, respond } from '../http.ts';
import { activeCalendarLink, createCalendarLink, revokeCalendarLink } from './calendar-links.ts';
import { definition, findChange, findFreezeRule, listChanges, listFreezeRules } from './change-queries.ts';
import { changeListQuery, freezeCheckQuery } from './change-schemas.ts';
import { freezeCheck } from './freeze-calendar.ts';
import { createFreezeRule, deleteFreezeRule, updateFreezeRule } from './freeze-rules.ts';
import { createChange, decideException, deleteChange, updateChange } from './planned-changes.ts';
import { freezeRule } from '../../schema/changes.ts';

/**
 * The change calendar's API. Everyone reads; editors plan changes for their municipalities
 * (`changes`, scope checked by the command); the IT directors' group (`admin`) sets freeze
 * periods and decides freeze exceptions.
 */
export const changeApi = new Hono<AppEnv>()
  .get('/freeze-periods', allow('read'), async (c) => c.json(await listFreezeRules(c.var.db, today())))
  .post('/freeze-periods', allow('admin'), async (c) => {
    const body = await jsonBody(c);
    return respond(c, body.ok ? await createFreezeRule(c.var.db, c.var.actor, body.value, today()) : body, 201);
  })
  .get('/freeze-periods/:id', allow('read'), async (c) => {
    const id = pathId(c);
    const found = id === undefined ? undefined : await findFreezeRule(c.var.db, id, today());
    return found ? c.json(found) : failureJson(c, missing('Frysperioden'));
  })
  .patch('/freeze-periods/:id', allow('admin'), async (c) => {
    const id = pathId(c);
    if (id === undefined) return failureJson(c, missing('Frysperioden'));
    const body = await jsonBody(c);
    return respond(c, body.ok ? await updateFreezeRule(c.var.db, c.var.actor, id, body.value, today()) : body);
  })
  .delete('/freeze-periods/:id', allow('admin'), async (c) => {
    const id = pathId(c);
    if (id === undefined) return failureJson(c, missing('Frysperioden'));
    const version = deleteVersion(c);
    return respond(c, version.ok ? await deleteFreezeRule(c.var.db, c.var.actor, id, version.value) : version);
  })
  /** `{ frozen, periods: [{ name, from, to }] }`: every freeze for education, the whole environment's for administration. */
  .get('/changes/freeze-check', allow('read'), async (c) => {
    const q = query(c, freezeCheckQuery);
    if (!q.ok) return failureJson(c, q);
    const rules = (await c.var.db.select().from(freezeRule)).map(definition);
    const check = freezeCheck(rules, q.value.date, q.value.environment);
    return c.json({ frozen: check.frozen, periods: check.periods.map((p) => ({ name: p.rule.name, from: p.from, to: p.to })) });
  })
  .get('/changes', allow('read'), async (c) => {
    const q = query(c, changeListQuery);
    return q.ok ? c.json((await listChanges(c.var.db, q.value)).changes) : failureJson(c, q);
  })
  .post('/changes', allow('changes'), async (c) => {
    const body = await jsonBody(c);
    return respond(c, body.ok ? await createChange(c.var.db, c.var.actor, body.value) : body, 201);
  })
  .get('/changes/:id{[0-9]+}', allow('read'), async (c) => {
    const id = pathId(c);
    const found = id === undefined ? undefined : await findChange(c.var.db, id);
    return found ? c.json(found) : failureJson(c, missing('Ändringen'));
  })
  .patch('/changes/:id{[0-9]+}', allow('changes'), async (c) => {
    const id = pathId(c);
    if (id === undefined) return failureJson(c, missing('Ändringen'));
    const body = await jsonBody(c);
    return respond(c, body.ok ? await updateChange(c.var.db, c.var.actor, id, body.value) : body);
  })
  .delete('/changes/:id{[0-9]+}', allow('changes'), async (c) => {
    const id = pathId(c);
    if (id === undefined) return failureJson(c, missing('Ändringen'));
    const version = deleteVersion(c);
    return respond(c, version.ok ? await deleteChange(c.var.db, c.var.actor, id, version.value) : version);
  })
  /** Only the IT directors' group grants (or rejects) an exception from a freeze. */
  .post('/changes/:id{[0-9]+}/exception-decision', allow('admin'), async (c) => {
    const id = pathId(c);
    if (id === undefined) return failureJson(c, missing('Ändringen'));
    const body = await jsonBody(c);
    return respond(c, body.ok ? await decideException(c.var.db, c.var.actor, id, body.value) : body);
  })
  /** The caller's own calendar link: `GET` tells whether there is one, `POST` makes a new one (token shown once), `DELETE` revokes it. */
  .get('/calendar-link', allow('read'), async (c) => {
    const link = await activeCalendarLink(c.var.db, c.var.actor.userId);
    return link ? c.json(link) : failureJson(c, missing('Kalenderlänken'));
  })
  .post('/calendar-link', allow('read'), async (c) => {
    const created = await createCalendarLink(c.var.db, c.var.actor);
    return respond(c, created.ok ? { ok: true, value: { ...created.value, url: new URL(created.value.path, c.req.url).toString() } } : created, 201);
  })
  .delete('/calendar-link', allow('read'), async (c) => respond(c, await revokeCalendarLink(c.var.db, c.var.actor)));
