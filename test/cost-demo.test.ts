import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import { demoStatements } from '../schema/demo/sql.ts';
import { api } from './helpers.ts';

// The demo's costs tell the finance officer's story: a closed year whose statements were
// frozen by the same rules the closing command applies, and an open year with budgets.
describe('demo cost sharing', () => {
  beforeEach(async () => {
    await env.DB.batch(demoStatements().map((s) => env.DB.prepare(s)));
  });

  it('has a closed 2023 whose frozen shares are the ones the allocation gives today', async () => {
    expect((await api('GET', '/cost-years')).body.map((y: { year: number }) => y.year)).toEqual([2023]);
    const frozen = (await api('GET', '/cost-items?year=2023')).body;
    expect(frozen.length).toBe(3);
    // Reopening recomputes from the register: the frozen demo shares must be exactly those.
    expect((await api('POST', '/cost-years/2023/reopen', { reason: 'Kontroll' })).status).toBe(204);
    const computed = (await api('GET', '/cost-items?year=2023')).body;
    expect(computed.map((i: { shares: unknown; budgetShares: unknown }) => [i.shares, i.budgetShares]))
      .toEqual(frozen.map((i: { shares: unknown; budgetShares: unknown }) => [i.shares, i.budgetShares]));
  });

  it('allocates every 2024 item, credits Dals-Ed its compensation and balances to the öre', async () => {
    const items = (await api('GET', '/cost-items?year=2024')).body;
    expect(items.filter((i: { problem: string | null }) => i.problem)).toEqual([]);
    const statements = (await api('GET', '/statements?year=2024')).body;
    expect(statements.unallocated).toEqual([]);
    expect(statements.creditsOre).toBe(-24_000_000);
    const sum = statements.municipalities.reduce((s: number, m: { totalOre: number }) => s + m.totalOre, 0);
    expect(sum).toBe(statements.netOre);
    const dalsEd = statements.municipalities.find((m: { municipality: string }) => m.municipality === '1438');
    expect(dalsEd.lines.some((l: { kind: string; amountOre: number }) => l.kind === 'credit' && l.amountOre === -24_000_000)).toBe(true);
    const budget = (await api('GET', '/budget?year=2024')).body;
    expect(budget.municipalities.reduce((s: number, m: { outcomeOre: number }) => s + m.outcomeOre, 0)).toBe(budget.total.outcomeOre);
  });
});
