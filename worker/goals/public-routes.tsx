import { Hono } from 'hono';
import { PublicGoalsPage } from '../../web/goals/public.tsx';
import { allow } from '../access/permissions.ts';
import type { AppEnv, Database } from '../env.ts';
import { today } from '../clock.ts';
import { runAll } from './engine.ts';
import { goalBoard, type GoalView } from './queries.ts';
import { statusLabel } from './status.ts';

/**
 * Open to the public: the goals an administrator has marked public, without login — title,
 * value, target, status and trend, nothing else. No numerators, no lists of systems, no
 * links into the register.
 */

/**
 * The trend from the snapshots of the public goals: every day while a goal has at most 62
 * of them, else the last of each month, so the page stays small over a strategy's years.
 */
const trendQuery = {
  text: `SELECT goal_id, "on", value FROM (
      SELECT s.goal_id AS goal_id, s."on" AS "on", s.value AS value,
        count(*) OVER (PARTITION BY s.goal_id) AS n,
        row_number() OVER (PARTITION BY s.goal_id, substr(s."on", 1, 7) ORDER BY s."on" DESC) AS latest_in_month
      FROM goal_snapshot s JOIN goal g ON g.id = s.goal_id
      WHERE g.public = 1)
    WHERE n <= 62 OR latest_in_month = 1
    ORDER BY goal_id, "on"`,
  params: [],
};

const shown = (g: GoalView, trend: { on: string; value: number | null }[]) => ({
  id: g.id, key: g.key, title: g.title, area: g.area, type: g.type, unit: g.unit,
  value: g.value, target: g.target, comparison: g.comparison, deadline: g.deadline, doneOn: g.doneOn,
  status: g.status, statusLabel: statusLabel[g.status], trend,
});
export type PublicGoal = ReturnType<typeof shown>;

export async function publicGoals(db: Database, d1: D1Database, day: string) {
  const [goals, [trend]] = await Promise.all([
    goalBoard(db, d1, day, true),
    runAll<{ goal_id: number; on: string; value: number | null }>(d1, [trendQuery]),
  ]);
  return {
    strategy: goals[0]?.strategy,
    goals: goals.map((g) => shown(g, trend!.filter((t) => t.goal_id === g.id).map(({ on, value }) => ({ on, value })))),
  };
}

export const publicGoalApi = new Hono<AppEnv>()
  .get('/public/goals', allow('public'), async (c) => c.json((await publicGoals(c.var.db, c.env.DB, today())).goals));

export const publicGoalPages = new Hono<AppEnv>()
  .get('/offentligt/mal', allow('public'), async (c) => {
    const day = today();
    const { goals, strategy } = await publicGoals(c.var.db, c.env.DB, day);
    return c.html(<PublicGoalsPage goals={goals} strategy={strategy} today={day} demo={c.env.DEMO_DATA === '1'} />);
  });
