import { Hono } from 'hono';
import * as v from 'valibot';
import { allow } from '../access/permissions.ts';
import type { AppEnv } from '../env.ts';
import { deleteVersion, failureJson, jsonBody, missing, pathId, query, respond } from '../http.ts';
import { id } from '../validation.ts';
import { createCollaboration, deleteCollaboration, updateCollaboration } from './commands.ts';
import { findCollaboration, listCollaborations } from './queries.ts';

export const listFilter = v.object({
  application: v.optional(v.pipe(v.string(), v.toNumber('Applikation måste vara ett id.'), id('Applikation'))),
});

/** Collaborations are decided by the IT directors' group: administrators change them. */
export const collaborationApi = new Hono<AppEnv>()
  .get('/collaborations', allow('read'), async (c) => {
    const filter = query(c, listFilter);
    return filter.ok ? c.json(await listCollaborations(c.var.db, filter.value)) : failureJson(c, filter);
  })
  .post('/collaborations', allow('admin'), async (c) => {
    const body = await jsonBody(c);
    return respond(c, body.ok ? await createCollaboration(c.var.db, c.var.actor, body.value) : body, 201);
  })
  .get('/collaborations/:id', allow('read'), async (c) => {
    const found = pathId(c);
    const detail = found === undefined ? undefined : await findCollaboration(c.var.db, found);
    return detail ? c.json(detail) : failureJson(c, missing('Samverkan'));
  })
  .patch('/collaborations/:id', allow('admin'), async (c) => {
    const found = pathId(c);
    if (found === undefined) return failureJson(c, missing('Samverkan'));
    const body = await jsonBody(c);
    return respond(c, body.ok ? await updateCollaboration(c.var.db, c.var.actor, found, body.value) : body);
  })
  .delete('/collaborations/:id', allow('admin'), async (c) => {
    const found = pathId(c);
    if (found === undefined) return failureJson(c, missing('Samverkan'));
    const version = deleteVersion(c);
    return respond(c, version.ok ? await deleteCollaboration(c.var.db, c.var.actor, found, version.value) : version);
  });
