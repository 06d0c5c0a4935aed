import { today } from '../clock.ts';
import { Hono } from 'hono';
import { allow } from '../access/permissions.ts';
import type { AppEnv } from '../env.ts';
import { failureJson, jsonBody, missing, pathId } from '../http.ts';
import { validate } from '../validation.ts';
import { whatIfSchema } from './what-if.ts';
import { goalBoard, goalDetail, whatIfGoals, type GoalView } from './queries.ts';


/** The list's shape: for shares, `value` and `target` are fractions 0–1. */
const summary = ({ id, key, title, area, type, value, target, unit, status, deadline, comparison, numerator, denominator }: GoalView) =>
  ({ id, key, title, area, type, value, target, unit, status, deadline, comparison, numerator, denominator });

export const goalApi = new Hono<AppEnv>()
  .get('/goals', allow('read'), async (c) => c.json((await goalBoard(c.var.db, c.env.DB, today())).map(summary)))
  // POST because a scenario is a body, but nothing is written.
  .post('/goals/what-if', allow('read'), async (c) => {
    const body = await jsonBody(c);
    const parsed = body.ok ? validate(whatIfSchema, body.value) : body;
    return parsed.ok ? c.json(await whatIfGoals(c.var.db, c.env.DB, parsed.value)) : failureJson(c, parsed);
  })
  .get('/goals/:id', allow('read'), async (c) => {
    const id = pathId(c);
    const detail = id === undefined ? undefined : await goalDetail(c.var.db, c.env.DB, id, today());
    return detail ? c.json(detail) : failureJson(c, missing('Målet'));
  });
