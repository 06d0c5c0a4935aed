import { Hono } from 'hono';
import { GoalBoardPage } from '../../web/goals/board.tsx';
import { GoalPage } from '../../web/goals/detail.tsx';
import { allow } from '../access/permissions.ts';
import type { AppEnv } from '../env.ts';
import { pathId } from '../http.ts';
import { notFoundPage, page } from '../pages.tsx';
import { today } from './api.ts';
import { goalBoard, goalDetail } from './queries.ts';

export const goalPages = new Hono<AppEnv>()
  .get('/mal', allow('read'), async (c) =>
    page(c, 'Mål', '/mal', <GoalBoardPage goals={await goalBoard(c.var.db, c.env.DB, today())} admin={c.var.actor.role === 'admin'} />))
  .get('/mal/:id{[0-9]+}', allow('read'), async (c) => {
    const id = pathId(c);
    const goal = id === undefined ? undefined : await goalDetail(c.var.db, c.env.DB, id, today());
    return goal ? page(c, goal.title, '/mal', <GoalPage g={goal} admin={c.var.actor.role === 'admin'} />) : notFoundPage(c);
  });
