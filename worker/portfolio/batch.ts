import type { BatchItem } from 'drizzle-orm/batch';
import type { Database } from '../env.ts';

type Statements = readonly BatchItem<'sqlite'>[];

/** What one area's statements return, typed as that area's own `db.batch` would return it. */
export type Results<Q extends Statements> = { [K in keyof Q]: Awaited<Q[K]> };

/**
 * Several areas' statements as ONE `db.batch` — one D1 round trip for a whole page — with
 * each area's results handed back in its own tuple, for that area's shaping function.
 */
export async function batchAll<const P extends readonly Statements[]>(db: Database, parts: P): Promise<{ [K in keyof P]: Results<P[K]> }> {
  const all = parts.flat() as unknown as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]];
  const results = (await db.batch(all)) as unknown[];
  let at = 0;
  return parts.map((part) => results.slice(at, (at += part.length))) as { [K in keyof P]: Results<P[K]> };
}
