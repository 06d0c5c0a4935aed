import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { applicationCreate, installationCreate, municipalityCreate, productCreate } from '../worker/portfolio/schemas.ts';
import { collaborationCreate } from '../worker/collaboration/schemas.ts';
import { collaborationIssues, type RuleContext } from '../worker/collaboration/rules.ts';
import { itemCreate, keyCreate } from '../worker/costs/cost-schemas.ts';
import { personCreate, roleAssignmentCreate } from '../worker/people/schemas.ts';
import { goalCreate } from '../worker/goals/goal-admin.ts';
import { goalDefinition } from '../worker/goals/definition.ts';
import { insertRows, nationalData, nationalStatements, type NationalData } from '../schema/demo/national.ts';
import { api, page } from './helpers.ts';

// The national benchmark data set (schema/demo/national.ts), at a test's size: every object
// passes the API's own valibot schemas and rules, and the SQL loads and serves pages.

const today = '2026-11-25';
const small = () => nationalData({ municipalities: 20, installationsPerMunicipality: 60, applications: 120, today });

/** The issues of one object against a schema, with where it came from, for a readable failure. */
function issuesOf(label: string, schema: v.GenericSchema, objects: object[], strip: string[] = ['id']): string[] {
  return objects.flatMap((o, i) => {
    const input = Object.fromEntries(Object.entries(o).filter(([k]) => !strip.includes(k)));
    const result = v.safeParse(schema, input);
    return result.success ? [] : [`${label} ${i}: ${result.issues.map((x) => `${v.getDotPath(x)}: ${x.message}`).join('; ')}`];
  });
}

describe('national data set', () => {
  let d: NationalData;
  beforeAll(() => { d = small(); });

  it('is deterministic and of the asked size', () => {
    expect(small()).toEqual(d);
    expect(d.municipalities).toHaveLength(20);
    const perMember = d.installations.filter((i) => i.lifecycle !== 'retired').length / 20;
    expect(perMember).toBeGreaterThan(50);
    expect(perMember).toBeLessThan(70);
    expect(nationalData({ municipalities: 20, installationsPerMunicipality: 60, applications: 120, today, seed: 'other' }).installations).not.toEqual(d.installations);
  });

  it('has the national spread at full size: 290 members from ~2 400 to ~990 000 inhabitants, ~150 systems each, hundreds of collaborations', () => {
    const full = nationalData({ today });
    const populations = full.municipalities.map((m) => m.populations.at(-1)!.population).sort((a, b) => a - b);
    expect(full.municipalities).toHaveLength(290);
    expect(new Set(full.municipalities.map((m) => m.code)).size).toBe(290);
    expect(new Set(full.municipalities.map((m) => m.name)).size).toBe(290);
    expect(populations[0]).toBeGreaterThanOrEqual(2_400);
    expect(populations.at(-1)).toBeGreaterThan(900_000);
    expect(populations[145]).toBeGreaterThan(8_000);
    expect(populations[145]).toBeLessThan(30_000);
    expect(full.installations.length).toBeGreaterThan(40_000);
    expect(full.applications.length).toBe(300);
    expect(full.collaborations.length).toBeGreaterThan(300);
    expect(new Set(full.collaborations.map((c) => c.level))).toEqual(new Set([2, 3, 4, 5]));
    expect(full.costItems.length).toBeGreaterThan(2_000);
    // Codes are SCB-style but clash with no real county (01–25) and not with the Dalsland demo.
    for (const m of full.municipalities) expect(Number(m.code.slice(0, 2))).toBeGreaterThanOrEqual(30);
  });

  it('passes the API\'s own schemas: municipalities, catalogue, products, installations, people, roles', () => {
    expect(issuesOf('municipality', municipalityCreate, d.municipalities, ['county'])).toEqual([]);
    expect(issuesOf('application', applicationCreate, d.applications)).toEqual([]);
    expect(issuesOf('product', productCreate, d.products)).toEqual([]);
    expect(issuesOf('installation', installationCreate, d.installations)).toEqual([]);
    expect(issuesOf('person', personCreate, d.people)).toEqual([]);
    expect(issuesOf('role assignment', roleAssignmentCreate, d.roleAssignments)).toEqual([]);
  });

  it('passes the schemas and rules of collaborations: members have the application, level 2 one product, owners from level 3, one per application', () => {
    expect(issuesOf('collaboration', collaborationCreate, d.collaborations, ['id', 'history'])).toEqual([]);
    const names = new Map(d.municipalities.map((m) => [m.code, m.name]));
    const problems = d.collaborations.flatMap((c) => {
      const ctx: RuleContext = {
        applicationName: d.applications[c.applicationId - 1]!.name,
        municipalities: names,
        installations: d.installations.filter((i) => i.applicationId === c.applicationId && i.lifecycle !== 'retired')
          .map((i) => ({ municipality: i.municipality, productId: i.productId, productName: String(i.productId) })),
        elsewhere: d.collaborations.filter((o) => o.id !== c.id && o.applicationId === c.applicationId).flatMap((o) => o.participants),
        ownerExists: c.ownerId === null || d.people.some((p) => p.id === c.ownerId),
      };
      const issues = collaborationIssues({
        level: c.level, participants: c.participants, host: c.host, ownerId: c.ownerId, lowestLevel: c.lowestLevel ?? null,
        highestLevel: c.highestLevel ?? null, validFrom: c.validFrom ?? null, validTo: c.validTo ?? null,
      }, ctx);
      return issues.map((i) => `collaboration ${c.id}: ${i.message}`);
    });
    expect(problems).toEqual([]);
    expect(d.collaborations.length).toBeGreaterThan(10);
    // Each collaboration's history ends at its current level.
    for (const c of d.collaborations) expect(c.history.at(-1)!.level).toBe(c.level);
  });

  it('passes the schemas of keys, cost items and goals; the closed year\'s frozen shares add up to every item', () => {
    for (const year of d.populationYears) {
      expect(issuesOf('key', keyCreate, d.allocationKeys.map((k) => ({ name: k.name, description: k.description, year, parts: k.parts })))).toEqual([]);
    }
    expect(issuesOf('cost item', itemCreate, d.costItems)).toEqual([]);
    for (const i of d.costItems.filter((x) => x.beneficiaryCode)) {
      const c = d.collaborations.find((x) => x.id === i.collaborationId)!;
      expect(i.category).toBe('solidarity');
      expect(c.participants).toContain(i.beneficiaryCode);
      expect(i.keyId).toBe(c.allocationKeyId);
    }
    const closed = d.costItems.filter((i) => i.year === d.closedYear);
    expect(closed.length).toBeGreaterThan(0);
    for (const item of closed) {
      const shares = d.costShares.filter((s) => s.costItemId === item.id);
      expect(shares.map((s) => s.municipality).sort()).toEqual([...item.participants].sort());
      expect(shares.reduce((s, x) => s + x.amountOre, 0)).toBe(item.amountOre);
    }
    expect(issuesOf('goal', goalCreate, d.goals)).toEqual([]);
    for (const g of d.goals.filter((x) => x.type === 'computed')) expect(v.safeParse(goalDefinition, g.definition).success).toBe(true);
    // A year of daily history for every goal, ending yesterday.
    expect(d.goalSnapshots.length).toBe(d.goals.length * 365);
    expect(d.goalSnapshots.map((s) => s.on).sort().at(-1)).toBe('2026-11-24');
  });

  it('splits the SQL into multi-row statements below D1\'s 100 kB limit', () => {
    const rows = Array.from({ length: 5_000 }, (_, i) => [i, `namn ${i} med 'citat'`, null, true]);
    const statements = insertRows('t', ['a', 'b', 'c', 'd'], rows);
    expect(statements.length).toBeGreaterThan(1);
    for (const s of statements) expect(s.length).toBeLessThan(100_000);
    expect(statements.join(' ').match(/\(\d+, '/g)).toHaveLength(5_000);
    expect(statements[0]).toContain("(0, 'namn 0 med ''citat''', NULL, 1)");
  });

  describe('loaded into D1', () => {
    beforeAll(() => { d = small(); });
    const load = async () => { await env.DB.batch(nationalStatements(d).map((s) => env.DB.prepare(s))); };

    it('loads every row into the empty, migrated database', async () => {
      await load();
      const count = async (table: string) => (await env.DB.prepare(`SELECT count(*) AS n FROM "${table}"`).first<{ n: number }>())!.n;
      expect(await count('municipality')).toBe(d.municipalities.length);
      expect(await count('installation')).toBe(d.installations.length);
      expect(await count('collaboration_participant')).toBe(d.collaborations.reduce((s, c) => s + c.participants.length, 0));
      expect(await count('cost_item')).toBe(d.costItems.length);
      expect(await count('cost_share')).toBe(d.costShares.length);
      expect(await count('goal_snapshot')).toBe(d.goalSnapshots.length);
    });

    it('serves the API and the pages: installations, goals with their history, the matrix, a statement', async () => {
      await load();
      const installations = await api('GET', `/installations?municipality=${d.municipalities[0]!.code}`);
      expect(installations.status).toBe(200);
      expect(installations.body.length).toBe(d.installations.filter((i) => i.municipality === d.municipalities[0]!.code).length);
      const goals = await api('GET', '/goals');
      expect(goals.status).toBe(200);
      expect(goals.body).toHaveLength(d.goals.length);
      const matrix = await page('/matris');
      expect(matrix.status).toBe(200);
      expect(await matrix.text()).toContain(d.applications[0]!.name);
      const goal = await page(`/mal/${d.goals[0]!.id}`);
      expect(goal.status).toBe(200);
      const member = d.collaborations[0]!.participants[0]!;
      const statement = await page(`/kostnader/fakturaunderlag/${member}?ar=${d.openYear}`);
      expect(statement.status).toBe(200);
      expect(await statement.text()).toContain(d.municipalities.find((m) => m.code === member)!.name);
      const closed = await page(`/kostnader/fakturaunderlag/${member}?ar=${d.closedYear}`);
      expect(closed.status).toBe(200);
    });

    it('takes new cost items through the API exactly as generated', async () => {
      await load();
      const sample = d.costItems.filter((i) => i.year === d.openYear).filter((_, i) => i % 25 === 0);
      expect(sample.length).toBeGreaterThan(3);
      for (const { id: _, ...item } of sample) {
        const created = await api('POST', '/cost-items', item);
        expect(created.status, JSON.stringify(created.body)).toBe(201);
      }
    });
  });
});
