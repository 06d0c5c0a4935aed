import { Hono, type Context } from 'hono';
import * as v from 'valibot';
import { attentionKinds } from '../../schema/attention.ts';
import type { AttentionPageFilter } from '../../web/attention/list.tsx';
import { AttentionPage } from '../../web/attention/page.tsx';
import { allow } from '../access/permissions.ts';
import { today } from '../clock.ts';
import type { AppEnv } from '../env.ts';
import { failureJson, query } from '../http.ts';
import { page, redirectNotice } from '../pages.tsx';
import { listMunicipalityNames } from '../people/queries.ts';
import { municipalityCode } from '../validation.ts';
import { attentionList, refreshAttention, type AttentionFilter, type AttentionList } from './queries.ts';

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

export const attentionPages = new Hono<AppEnv>()
  .get('/att-hantera', allow('read'), async (c) => {
    const { filter, shown, error } = attentionPageFilter(c);
    const [list, municipalities] = await Promise.all([attentionList(c.var.db, today(), filter), listMunicipalityNames(c.var.db)]);
    return page(c, 'Att hantera', '/', (
      <AttentionPage list={list} filter={shown} admin={c.var.actor.role === 'admin'} error={error}
        municipalities={municipalities.map((m) => ({ value: m.code, label: m.name }))}
        notice={redirectNotice(c, { uppdaterad: 'Listan är uppdaterad.' })} />
    ), error ? 400 : 200);
  })
  .post('/att-hantera/uppdatera', allow('admin'), async (c) => {
    await refreshAttention(c.var.db, today(), c.var.actor.name);
    return c.redirect('/att-hantera?uppdaterad', 303);
  });
