import { and, asc, eq, sql } from 'drizzle-orm';
import { attentionItem, attentionRefresh } from '../../schema/attention.ts';
import type { Database } from '../env.ts';
import type { Results } from '../portfolio/batch.ts';
import { countItems, kindCounts, windowOf, type AttentionWindow, type KindCounts } from './paging.ts';
import { attentionFactsQueries, attentionListOf, filterWhere, toItem, type AttentionFilter, type AttentionList } from './queries.ts';
import type { AttentionItem } from './rules.ts';

/** What `/att-hantera` shows: how many items of each kind there are, and the window of each it shows. */
export type AttentionPageData = { refresh: AttentionList['refresh']; counts: KindCounts; items: AttentionItem[]; window: AttentionWindow };

/**
 * The page's statements, for its one batch: when the list was computed, the count of each
 * kind, only the shown window of each kind (ranked within its kind in the list's order), and
 * the facts to compute the list from — which read nothing once it has been computed.
 */
export function attentionPageQueries(db: Database, today: string, filter: AttentionFilter, window: AttentionWindow) {
  const where = filterWhere(filter);
  const ranked = sql`SELECT ${attentionItem.id} AS id,
    row_number() OVER (PARTITION BY ${attentionItem.kind} ORDER BY ${attentionItem.position}) AS rank
    FROM ${attentionItem} WHERE ${where ?? sql`1`}`;
  return [
    db.select().from(attentionRefresh).where(eq(attentionRefresh.id, 1)),
    db.select({ kind: attentionItem.kind, n: sql<number>`count(*)`.as('n') }).from(attentionItem).where(where).groupBy(attentionItem.kind),
    db.select().from(attentionItem)
      .where(and(where, sql`${attentionItem.id} IN (SELECT id FROM (${ranked}) WHERE rank > ${window.offset} AND rank <= ${window.offset + window.size})`))
      .orderBy(asc(attentionItem.position)),
    ...attentionFactsQueries(db, today, sql`NOT EXISTS (SELECT 1 FROM ${attentionRefresh})`),
  ] as const;
}

/** What `attentionPageQueries` read; computes and stores the list first when it never was (a write round trip). */
export async function attentionPageOf(
  db: Database, today: string, filter: AttentionFilter, window: AttentionWindow,
  [refresh, counts, rows, ...facts]: Results<ReturnType<typeof attentionPageQueries>>,
): Promise<AttentionPageData> {
  const found = refresh[0];
  if (found) {
    const { id: _, ...stored } = found;
    return { refresh: stored, counts: kindCounts(counts), items: rows.map(toItem), window };
  }
  const fresh = await attentionListOf(db, today, filter, [refresh, [], ...facts]);
  return { refresh: fresh.refresh, counts: countItems(fresh.items), items: windowOf(fresh.items, window), window };
}
