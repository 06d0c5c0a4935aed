import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import { applicationKinds } from '../schema/portfolio.ts';
import { demoToday, installations, municipalities, populationYears } from '../schema/demo/data.ts';
import { demoStatements, isDemoLoadedSql, literal } from '../schema/demo/sql.ts';

// The demo data loads into the empty, migrated database and tells the story the product needs.
// Storage is isolated per test, so every test loads it (a few milliseconds).

const all = async <T>(sql: string) => (await env.DB.prepare(sql).all<T>()).results;

describe('demo data', () => {
  let before: number;

  beforeEach(async () => {
    before = (await env.DB.prepare(isDemoLoadedSql).first<{ n: number }>())!.n;
    await env.DB.batch(demoStatements().map((s) => env.DB.prepare(s)));
  });

  it('loads into an empty database', async () => {
    expect(before).toBe(0);
    expect((await env.DB.prepare(isDemoLoadedSql).first<{ n: number }>())!.n).toBe(5);
    const { n } = (await env.DB.prepare('SELECT count(*) AS n FROM installation').first<{ n: number }>())!;
    expect(n).toBe(installations.length);
  });

  it('has the five Dalsland municipalities with SCB codes and populations', async () => {
    const rows = await all<{ code: string; name: string }>('SELECT code, name FROM municipality ORDER BY code');
    expect(rows).toEqual([
      { code: '1438', name: 'Dals-Ed' },
      { code: '1439', name: 'Färgelanda' },
      { code: '1460', name: 'Bengtsfors' },
      { code: '1461', name: 'Mellerud' },
      { code: '1492', name: 'Åmål' },
    ]);
    const populations = await all<{ municipality_code: string; year: number; population: number }>(
      'SELECT municipality_code, year, population FROM municipality_population ORDER BY municipality_code, year');
    expect(populations).toHaveLength(municipalities.length * populationYears.length);
    for (const p of populations) expect(p.population).toBeGreaterThan(4000);
  });

  it('has applications of every kind, each installed somewhere', async () => {
    const kinds = await all<{ kind: string; n: number }>('SELECT kind, count(*) AS n FROM application GROUP BY kind');
    expect(kinds.map((k) => k.kind).sort()).toEqual([...applicationKinds].sort());
    for (const k of kinds) expect(k.n).toBeGreaterThanOrEqual(5);
    expect(await all('SELECT name FROM application WHERE id NOT IN (SELECT application_id FROM installation)')).toEqual([]);
  });

  it('puts every technical application in a subarea, and every subarea has applications', async () => {
    expect(await all("SELECT name FROM application WHERE kind = 'technical' AND subarea_id IS NULL")).toEqual([]);
    expect(await all("SELECT name FROM application WHERE kind <> 'technical' AND subarea_id IS NOT NULL")).toEqual([]);
    expect(await all('SELECT name FROM technical_subarea s WHERE NOT EXISTS (SELECT 1 FROM application a WHERE a.subarea_id = s.id)')).toEqual([]);
    expect(await all('SELECT name FROM business_area b WHERE NOT EXISTS (SELECT 1 FROM application a WHERE a.business_area_id = b.id)')).toEqual([]);
  });

  it('has applications where municipalities share a product and applications where they differ', async () => {
    const rows = await all<{ application: string; product_id: number; n: number }>(`
      SELECT a.name AS application, i.product_id, count(*) AS n
      FROM installation i JOIN application a ON a.id = i.application_id
      WHERE i.lifecycle <> 'retired'
      GROUP BY a.name, i.product_id`);
    const byApplication = new Map<string, typeof rows>();
    for (const r of rows) byApplication.set(r.application, [...(byApplication.get(r.application) ?? []), r]);
    const sameEverywhere = [...byApplication.values()].filter((g) => g.length === 1 && g[0]!.n === 5);
    const mixed = [...byApplication.values()].filter((g) => g.length >= 2);
    const groupsWithinMixed = mixed.filter((g) => g.some((r) => r.n >= 2));
    expect(sameEverywhere.length).toBeGreaterThanOrEqual(3);
    expect(mixed.length).toBeGreaterThanOrEqual(10);
    expect(groupsWithinMixed.length).toBeGreaterThanOrEqual(5);
  });

  it('keeps money in integer öre, never negative', async () => {
    const bad = await all(`SELECT id FROM installation
      WHERE typeof(licence_cost_ore) <> 'integer' OR typeof(operations_cost_ore) <> 'integer'
         OR licence_cost_ore < 0 OR operations_cost_ore < 0`);
    expect(bad).toEqual([]);
    for (const i of installations) {
      expect(Number.isSafeInteger(i.licenceCostOre) && i.licenceCostOre >= 0).toBe(true);
      expect(Number.isSafeInteger(i.operationsCostOre) && i.operationsCostOre >= 0).toBe(true);
    }
  });

  it('varies lifecycle, contracts and confirmation so every view has something to show', async () => {
    const phases = await all<{ lifecycle: string }>('SELECT DISTINCT lifecycle FROM installation ORDER BY lifecycle');
    expect(phases.map((p) => p.lifecycle)).toEqual(['active', 'planned', 'retired', 'retiring']);
    const contracts = (await env.DB.prepare(`SELECT
        sum(contract_end IS NOT NULL AND contract_end > ?1 AND contract_end <= date(?1, '+12 months')) AS soon,
        sum(contract_end > date(?1, '+12 months')) AS later,
        sum(contract_end IS NULL) AS open,
        sum(confirmed_on IS NULL OR confirmed_on < date(?1, '-12 months')) AS unconfirmed
      FROM installation WHERE lifecycle <> 'retired'`).bind(demoToday).first<Record<string, number>>())!;
    for (const key of ['soon', 'later', 'open', 'unconfirmed']) expect(contracts[key]).toBeGreaterThan(0);
    const perMunicipality = await all<{ n: number }>("SELECT count(*) AS n FROM installation WHERE lifecycle <> 'retired' GROUP BY municipality_code");
    expect(perMunicipality).toHaveLength(5);
    for (const { n } of perMunicipality) expect(n).toBeGreaterThanOrEqual(15);
  });

  it('escapes string literals', () => {
    expect(literal("Kommunens 'bästa' system")).toBe("'Kommunens ''bästa'' system'");
    expect(literal(null)).toBe('NULL');
    expect(literal(true)).toBe('1');
    expect(() => literal(1.5)).toThrow();
  });
});

describe('demo collaborations', () => {
  it('each satisfies the collaboration rules', async () => {
    const { drizzle } = await import('drizzle-orm/d1');
    const schema = await import('../schema/index.ts');
    const { ruleContext, listCollaborations } = await import('../worker/collaboration/queries.ts');
    const { collaborationIssues } = await import('../worker/collaboration/rules.ts');
    const { collaborations } = await import('../schema/demo/data.ts');
    await env.DB.batch(demoStatements().map((statement) => env.DB.prepare(statement)));
    const db = drizzle(env.DB, { schema });
    const stored = await listCollaborations(db);
    expect(stored).toHaveLength(collaborations.length);
    for (const c of stored) {
      const ctx = (await ruleContext(db, c.applicationId, c.ownerId, c.id))!;
      const issues = collaborationIssues({ level: c.level, participants: c.participants, host: c.host, ownerId: c.ownerId, lowestLevel: c.lowestLevel, highestLevel: c.highestLevel, validFrom: c.validFrom, validTo: c.validTo }, ctx);
      expect(issues, c.applicationName).toEqual([]);
    }
  });
});
