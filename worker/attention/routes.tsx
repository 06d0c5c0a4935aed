import { Hono, type Context } from 'hono';
import * as v from 'valibot';
import { attentionKinds } from '../../schema/attention.ts';
import { municipality } from '../../schema/portfolio.ts';
import type { AttentionPageFilter } from '../../web/attention/list.tsx';
import { AttentionPage } from '../../web/attention/page.tsx';
import { allow } from '../access/permissions.ts';
import { today } from '../clock.ts';
import type { AppEnv, Database } from '../env.ts';
import { failureJson, query } from '../http.ts';
import { page, redirectNotice } from '../pages.tsx';
import { batchAll } from '../portfolio/batch.ts';
import { bySwedishName } from '../portfolio/sorting.ts';
import { municipalityCode } from '../validation.ts';
import { attentionPageOf, attentionPageQueries } from './page-queries.ts';
import { attentionWindow } from './paging.ts';
import { attentionList, refreshAttention, type AttentionFilter, type AttentionList } from './queries.ts';

/** The members' names, for the filter: a statement for the page's own batch. */
const municipalityNames = (db: Database) => db.select({ code: municipality.code, name: municipality.name }).from(municipality);

type Ctx = Context<AppEnv>;

/** `GET /api/v1/attention?municipality=1460&kind=notice_deadline`. */
export const attentionFilter = v.object({
  municipality: v.optional(municipalityCode('Kommun')),
  kind: v.optional(v.picklist(attentionKinds, `Slag (kind) ska vara ett av ${attentionKinds.join(', ')}.`)),
});

const json = (list: AttentionList) => ({
  computedAt: list.refresh?.computedAt ?? null,
  computedFor: list.refresh?.computedFor ?? null,
  computedBy: list.refresh?.computedBy ?? null,
  items: list.items,
});

/**
 * The attention list: every role reads it; administrators recompute it now (the cron does
 * every night). The refresh is not audited — it changes no fact (worker/attention/queries.ts).
 */
export const attentionApi = new Hono<AppEnv>()
  .get('/attention', allow('read'), async (c) => {
    const filter = query(c, attentionFilter);
    return filter.ok ? c.json(json(await attentionList(c.var.db, today(), filter.value))) : failureJson(c, filter);
  })
  .post('/attention/refresh', allow('admin'), async (c) => c.json(json(await refreshAttention(c.var.db, today(), c.var.actor.name))));

/**
 * The page filter (`?kommun=1460&typ=contract_ending`) as the API's, by the same schema. A filter
 * that cannot be understood shows everything and says so.
 */
export function attentionPageFilter(c: Ctx): { filter: AttentionFilter; shown: AttentionPageFilter; error?: string } {
  const raw = { municipality: c.req.query('kommun') || undefined, kind: c.req.query('typ') || undefined };
  const parsed = v.safeParse(attentionFilter, raw);
  if (!parsed.success) return { filter: {}, shown: { kommun: '', typ: '' }, error: 'Filtret i adressen gick inte att förstå; hela listan visas.' };
  return { filter: parsed.output, shown: { kommun: parsed.output.municipality ?? '', typ: parsed.output.kind ?? '' } };
}

/** `?sida=` of the page: a whole number from 1; anything else shows the first page and says so. */
const pageNumber = v.pipe(v.string(), v.regex(/^[1-9]\d{0,5}$/), v.transform(Number));

export const attentionPages = new Hono<AppEnv>()
  .get('/att-hantera', allow('read'), async (c) => {
    const { filter, shown, error: filterError } = attentionPageFilter(c);
    const asked = c.req.query('sida');
    const parsed = asked === undefined ? undefined : v.safeParse(pageNumber, asked);
    const error = filterError ?? (parsed && !parsed.success ? 'Sidnumret i adressen gick inte att förstå; första sidan visas.' : undefined);
    const window = attentionWindow(filter.kind !== undefined, parsed?.success ? parsed.output : 1);
    const db = c.var.db;
    const day = today();
    // One round trip (and a write on the very first view, when the list is computed and stored).
    const [found, [members]] = await batchAll(db, [attentionPageQueries(db, day, filter, window), [municipalityNames(db)]] as const);
    const data = await attentionPageOf(db, day, filter, window, found);
    return page(c, 'Att hantera', '/', (
      <AttentionPage data={data} filter={shown} admin={c.var.actor.role === 'admin'} error={error}
        municipalities={members.sort(bySwedishName).map((m) => ({ value: m.code, label: m.name }))}
        notice={redirectNotice(c, { uppdaterad: 'Listan är uppdaterad.' })} />
    ), error ? 400 : 200);
  })
  .post('/att-hantera/uppdatera', allow('admin'), async (c) => {
    await refreshAttention(c.var.db, today(), c.var.actor.name);
    return c.redirect('/att-hantera?uppdaterad', 303);
  });
