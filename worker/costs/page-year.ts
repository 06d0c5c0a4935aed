import type { Context } from 'hono';
import type { AppEnv } from '../env.ts';

type Ctx = Context<AppEnv>;

/** The year a form starts from: `?ar=`, else this year. */
export const formYear = (c: Ctx) => {
  const text = c.req.query('ar') ?? '';
  return /^\d{4}$/.test(text) ? Number(text) : new Date().getUTCFullYear();
};

/** A year, or the latest year with costs — resolved by the query that reads the items (no round trip of its own). */
export type CostYear = number | 'latest';

/**
 * The year a cost page shows: `?ar=`, else the latest year with costs (in January the new
 * year is still empty, and the year just ended is the one people look at), else this year.
 */
export function pageYear(c: Ctx): CostYear {
  const text = c.req.query('ar') ?? '';
  return /^\d{4}$/.test(text) ? Number(text) : 'latest';
}
