import { max } from 'drizzle-orm';
import type { Context } from 'hono';
import { costItem } from '../../schema/costs.ts';
import type { AppEnv } from '../env.ts';

type Ctx = Context<AppEnv>;

/** The year a form starts from: `?ar=`, else this year. */
export const formYear = (c: Ctx) => {
  const text = c.req.query('ar') ?? '';
  return /^\d{4}$/.test(text) ? Number(text) : new Date().getUTCFullYear();
};

/**
 * The year a cost page shows: `?ar=`, else the latest year with costs (in January the new
 * year is still empty, and the year just ended is the one people look at), else this year.
 */
export async function pageYear(c: Ctx): Promise<number> {
  const text = c.req.query('ar') ?? '';
  if (/^\d{4}$/.test(text)) return Number(text);
  const [latest] = await c.var.db.select({ year: max(costItem.year) }).from(costItem);
  return latest?.year ?? new Date().getUTCFullYear();
}
