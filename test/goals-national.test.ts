import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import { nationalData, nationalStatements } from '../schema/demo/national.ts';
import { app } from '../worker/app.ts';
import type { GoalDefinition } from '../worker/goals/definition.ts';
import { breakdownQuery, figuresQuery, membersQuery } from '../worker/goals/engine.ts';
import { countedFetch } from '../worker/instrumentation.ts';
import { api, createUser, sessionFor } from './helpers.ts';

// The goal pages on a national-style register (schema/demo/national.ts, at a test's size):
// the figures agree with a count by hand, every query reads through indexes (D1 builds no
// automatic ones), and each page costs the session lookup plus one D1 round trip.

const today = new Date().toISOString().slice(0, 10);
const data = nationalData({ municipalities: 40, installationsPerMunicipality: 30, applications: 80, today });

type Row = Record<string, any>;
const all = async (query: string) => (await env.DB.prepare(query).all<Row>()).results;

/** The goal's figures and per-member breakdown counted in plain JavaScript over the rows as stored. */
async function byHand(def: GoalDefinition) {
  const [installations = [], applications = [], municipalities = [], collaborations = [], participants = []] = await Promise.all(
    ['installation', 'application', 'municipality', 'collaboration', 'collaboration_participant'].map((t) => all(`SELECT * FROM ${t}`)),
  );
  const kindOf = new Map(applications.map((a) => [a.id, a.kind]));
  const inUse = installations.filter((i) => i.lifecycle === 'active' || i.lifecycle === 'retiring');
  const perMember = new Map<string, { numerator: number; denominator: number }>(municipalities.map((m) => [m.code, { numerator: 0, denominator: 0 }]));
  if (def.population === 'installations') {
    const flag = { traceability: 'traceability', operatingAgreement: 'operating_agreement', twoFactor: 'two_factor', singleSignOn: 'single_sign_on' }[def.condition.field];
    const population = inUse.filter((i) => (!def.kinds || def.kinds.includes(kindOf.get(i.application_id)))
      && (!def.confidentialityAtLeast || (i.confidentiality_class !== null && i.confidentiality_class >= def.confidentialityAtLeast)));
    let numerator = 0, denominator = 0;
    for (const i of population) {
      const w = def.weight === 'users' ? i.users : 1;
      numerator += w * i[flag]; denominator += w;
      perMember.get(i.municipality_code)!.numerator += w * i[flag];
      perMember.get(i.municipality_code)!.denominator += w;
    }
    return { numerator, denominator, members: population.length, counted: population.filter((i) => i[flag]).length, perMember };
  }
  const current = collaborations.filter((c) => c.ended_on === null);
  const ok = new Map<number, boolean>();
  for (const a of applications.filter((x) => def.kinds.includes(x.kind))) {
    const used = inUse.filter((i) => i.application_id === a.id);
    if (!used.length) continue;
    ok.set(a.id, def.condition.type === 'levelAtLeast'
      ? current.some((c) => c.application_id === a.id && c.level >= (def.condition as { level: number }).level)
      : new Set(used.map((i) => i.municipality_code)).size === municipalities.length && new Set(used.map((i) => i.product_id)).size === 1);
  }
  for (const i of inUse.filter((x) => ok.has(x.application_id))) {
    const own = def.condition.type === 'levelAtLeast'
      ? participants.some((p) => p.application_id === i.application_id && p.municipality_code === i.municipality_code && p.active
        && current.some((c) => c.id === p.collaboration_id && c.level >= (def.condition as { level: number }).level))
      : ok.get(i.application_id)!;
    perMember.get(i.municipality_code)!.denominator++;
    if (own) perMember.get(i.municipality_code)!.numerator++;
  }
  const counted = [...ok.values()].filter(Boolean).length;
  return { numerator: counted, denominator: ok.size, members: ok.size, counted, perMember };
}

describe('goals at national size', () => {
  let cookie: string;
  beforeEach(async () => {
    await env.DB.batch(nationalStatements(data).map((s) => env.DB.prepare(s)));
    // Eleven hours left: no renewal write on these requests.
    cookie = await sessionFor((await createUser('admin')).id, true, Date.now() + 11 * 3_600_000);
  });

  const computed = () => data.goals.filter((g) => g.definition !== null) as ((typeof data.goals)[number] & { definition: GoalDefinition })[];

  /** A page as a signed-in browser gets it, with what it cost in D1 round trips. */
  const counted = async (path: string) => {
    const ctx = createExecutionContext();
    const response = await countedFetch(app.fetch, new Request(`http://localhost${path}`, { headers: { cookie } }), env, ctx);
    await waitOnExecutionContext(ctx);
    return { status: response.status, html: await response.text(), roundTrips: Number(response.headers.get('X-D1-Round-Trips')) };
  };

  it('count what a count by hand counts, overall and per member', async () => {
    const board = (await api('GET', '/goals')).body as { id: number; numerator: number; denominator: number }[];
    for (const g of computed()) {
      const expected = await byHand(g.definition);
      expect(board.find((b) => b.id === g.id), g.key!).toMatchObject({ numerator: expected.numerator, denominator: expected.denominator });
      const detail = (await api('GET', `/goals/${g.id}`)).body;
      if (!g.definition.population || g.definition.population === 'installations' || !g.definition.perSubarea) {
        expect(detail.memberCounts, g.key!).toEqual({ members: expected.members, counted: expected.counted });
      }
      expect(detail.members, g.key!).toHaveLength(expected.members);
      expect(detail.members.filter((m: { ok: boolean }) => m.ok), g.key!).toHaveLength(expected.counted);
      expect(Object.fromEntries(detail.breakdown.map((b: Row) => [b.code, { numerator: b.numerator, denominator: b.denominator }])), g.key!)
        .toEqual(Object.fromEntries(expected.perMember));
    }
    expect(computed().length).toBeGreaterThanOrEqual(9);
  });

  it('read installations only through indexes: no table scan, no automatic index', async () => {
    for (const g of computed()) {
      const queries = [figuresQuery(g.definition), breakdownQuery(g.definition), membersQuery(g.definition, { ok: true, limit: 50 }), membersQuery(g.definition)];
      for (const q of queries) {
        const plan = (await env.DB.prepare(`EXPLAIN QUERY PLAN ${q.text}`).bind(...q.params).all<{ detail: string }>()).results.map((r) => r.detail);
        expect(plan.filter((line) => /^SCAN (i|installation)\b/.test(line) && !line.includes('COVERING INDEX')), `${g.key}: ${plan.join(' / ')}`).toEqual([]);
        expect(plan.filter((line) => /^(SCAN|SEARCH) (i|installation|a|application|m|municipality|c|collaboration|p|collaboration_participant) USING AUTOMATIC/.test(line)), g.key!).toEqual([]);
      }
    }
  });

  it('cost the session lookup and one D1 round trip per page, and a changed definition shows on the next request', async () => {
    await counted('/mal');
    const board = await counted('/mal');
    expect([board.status, board.roundTrips]).toEqual([200, 2]);
    for (const g of data.goals) {
      const detail = await counted(`/mal/${g.id}`);
      expect([detail.status, detail.roundTrips], g.key!).toEqual([200, 2]);
    }

    // The operating-agreement goal narrowed to general applications: the very next dashboard counts it anew.
    const target = computed().find((g) => g.key === 'operating-agreement')!;
    const narrowed: GoalDefinition = { population: 'installations', kinds: ['general'], condition: { type: 'flag', field: 'operatingAgreement' }, weight: 'count' };
    const before = await byHand(target.definition);
    const after = await byHand(narrowed);
    expect(after.denominator).not.toBe(before.denominator);
    const row = (await env.DB.prepare('SELECT version FROM goal WHERE id = ?').bind(target.id).first<{ version: number }>())!;
    expect((await api('PATCH', `/goals/${target.id}`, { version: row.version, definition: narrowed })).status).toBe(200);
    const changed = await counted('/mal');
    expect(changed.html).toContain(`(${after.numerator} av ${after.denominator})`);
    expect(changed.html).not.toContain(`(${before.numerator} av ${before.denominator})`);
    expect((await counted('/mal')).roundTrips).toBe(2);
    const page = await counted(`/mal/${target.id}`);
    expect(page.html).toContain(`${after.counted}`);
    expect(page.roundTrips).toBe(2);

    // The register changes: figures are always read fresh, so the same request shows it.
    const installation = (await env.DB.prepare(`SELECT i.id, i.operating_agreement AS flag FROM installation i JOIN application a ON a.id = i.application_id
      WHERE a.kind = 'general' AND i.lifecycle = 'active' LIMIT 1`).first<{ id: number; flag: number }>())!;
    await env.DB.prepare('UPDATE installation SET operating_agreement = ? WHERE id = ?').bind(1 - installation.flag, installation.id).run();
    const moved = await counted('/mal');
    expect(moved.html).toContain(`(${after.numerator + (installation.flag ? -1 : 1)} av ${after.denominator})`);
    expect(moved.roundTrips).toBe(2);
  });

  it('list the first 50 that count and do not on a goal\'s page, all on asking, and chart how the members spread', async () => {
    const goal = computed().find((g) => g.key === 'operating-agreement')!;
    const expected = await byHand(goal.definition);
    expect(expected.counted).toBeGreaterThan(50);
    expect(expected.members - expected.counted).toBeGreaterThan(50);
    const items = (html: string) => (html.match(/<li class="(ok|not)">/g) ?? []).length;
    const page = await counted(`/mal/${goal.id}`);
    expect(items(page.html)).toBe(100);
    expect(page.html).toContain(`Uppfyller (${expected.counted.toLocaleString('sv-SE')})`);
    expect(page.html).toContain(`href="/mal/${goal.id}?visa=alla#why-heading"`);
    // 40 members: one bar per band of ten percent, not one per member; the table names them all.
    expect(page.html).toContain('Kommunerna efter andel');
    expect((page.html.match(/<th scope="row"><a href="\/kommuner\//g) ?? []).length).toBe(40);
    const everything = await counted(`/mal/${goal.id}?visa=alla`);
    expect(items(everything.html)).toBe(expected.members);
    expect(everything.html).not.toContain('?visa=alla#');
  });
});
