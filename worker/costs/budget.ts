/**
 * Budget against outcome (budget mot utfall) for a year. Pure: built from the items with their
 * shares of the outcome (`amountOre`) and of the budget (`budgetOre`), both allocated with
 * the same key and participants, so a municipality's deviation is its share of each item's
 * deviation — to the öre, never rounded again.
 */
import type { CostCategory } from '../../schema/costs.ts';
import type { CostItem } from './cost-queries.ts';

export type BudgetItem = Pick<CostItem, 'id' | 'description' | 'category' | 'amountOre' | 'budgetOre' | 'shares' | 'budgetShares' | 'beneficiaryCode'>;

export type BudgetLine = { budgetOre: number; outcomeOre: number; deviationOre: number };
export type MunicipalityBudget = BudgetLine & { municipality: string; name: string };
export type ItemBudget = BudgetLine & { itemId: number; description: string; category: CostCategory; budgeted: boolean; allocated: boolean };

export type BudgetComparison = {
  year: number;
  /** Allocated items only: what each municipality budgeted and what it pays. */
  municipalities: MunicipalityBudget[];
  items: ItemBudget[];
  total: BudgetLine;
};

const line = (budgetOre: number, outcomeOre: number): BudgetLine => ({ budgetOre, outcomeOre, deviationOre: outcomeOre - budgetOre });

export function budgetVersusOutcome(year: number, items: readonly BudgetItem[], municipalities: readonly { code: string; name: string }[]): BudgetComparison {
  const sums = new Map<string, { budget: number; outcome: number }>(municipalities.map((m) => [m.code, { budget: 0, outcome: 0 }]));
  const add = (code: string, budget: number, outcome: number) => {
    const sum = sums.get(code) ?? { budget: 0, outcome: 0 };
    sum.budget += budget;
    sum.outcome += outcome;
    sums.set(code, sum);
  };
  let budgetTotal = 0;
  let outcomeTotal = 0;
  for (const item of items) {
    if (!item.shares) continue;
    for (const s of item.shares) add(s.municipality, 0, s.amountOre);
    for (const s of item.budgetShares ?? []) add(s.municipality, s.amountOre, 0);
    // A solidarity compensation is credited to its member, in the budget as in the outcome.
    if (item.beneficiaryCode) add(item.beneficiaryCode, -(item.budgetOre ?? 0), -item.amountOre);
    const net = item.beneficiaryCode ? 0 : 1;
    budgetTotal += net * (item.budgetOre ?? 0);
    outcomeTotal += net * item.amountOre;
  }
  const names = new Map(municipalities.map((m) => [m.code, m.name]));
  return {
    year,
    municipalities: [...sums.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([code, sum]) => ({ municipality: code, name: names.get(code) ?? code, ...line(sum.budget, sum.outcome) })),
    items: items.map((i) => ({
      itemId: i.id, description: i.description || `Kostnad ${i.id}`, category: i.category,
      budgeted: i.budgetOre !== null, allocated: i.shares !== null, ...line(i.budgetOre ?? 0, i.amountOre),
    })),
    total: line(budgetTotal, outcomeTotal),
  };
}
