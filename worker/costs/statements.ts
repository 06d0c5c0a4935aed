/**
 * Statements (fakturaunderlag): what each municipality pays for a year, line by line.
 * Pure: built from the cost items of a year with their shares already computed
 * (`listItems` in cost-queries.ts), so a statement never rounds again — its lines are the
 * items' shares to the öre, and the statements add up to the allocatable items' total.
 */
import type { CostCategory } from '../../schema/costs.ts';
import { kronorText } from '../spreadsheet.ts';
import type { CostItem } from './cost-queries.ts';

export type StatementLine = {
  itemId: number;
  /** A share of a cost, or the credit of a solidarity compensation to the member it compensates. */
  kind: 'share' | 'credit';
  description: string;
  category: CostCategory;
  keyName: string;
  /** The municipality's share of the item in percent, two decimals (share ÷ item amount). */
  sharePercent: number;
  amountOre: number;
};

export type Statement = { municipality: string; name: string; totalOre: number; lines: StatementLine[] };

export type Unallocated = { itemId: number; description: string; problem: string };

export type YearStatements = {
  year: number;
  /** The year's total of the allocatable items (items with shares). */
  totalOre: number;
  /** Solidarity compensations credited back to members (zero or negative). */
  creditsOre: number;
  /** What the statements add up to: the total less the credits. */
  netOre: number;
  municipalities: Statement[];
  unallocated: Unallocated[];
};

/** What a statement needs of an item: a `CostItem` fits. */
export type StatementItem = Pick<CostItem, 'id' | 'description' | 'category' | 'keyName' | 'amountOre' | 'shares' | 'problem' | 'beneficiaryCode'>;

/**
 * The share in percent with two decimals, rounded half away from zero in integer
 * arithmetic on hundredths of a percent: 1 of 3 öre → 33.33, 2 of 3 → 66.67.
 */
export function sharePercent(amountOre: number, itemOre: number): number {
  if (itemOre === 0) return 0;
  const sign = Math.sign(amountOre) * Math.sign(itemOre);
  const a = BigInt(Math.abs(amountOre)) * 10_000n;
  const b = BigInt(Math.abs(itemOre));
  const hundredths = (a * 2n + b) / (b * 2n);
  return (sign * Number(hundredths)) / 100 || 0;
}

/** 33.33 → "33,33" (Swedish decimal comma, always two decimals). */
export const percentText = (value: number) => value.toFixed(2).replace('.', ',');

/** Öre as kronor for a spreadsheet: 123456 → "1234,56", −5 → "-0,05" (no thousands separator). */
export const kronorDecimal = kronorText;

const itemLabel = (item: StatementItem) => item.description || `Kostnad ${item.id}`;

/**
 * One statement per municipality: every registered municipality (with or without lines) and
 * any code that appears in a share; sorted by code. Items without shares are not allocated
 * and listed apart with their problem.
 */
export function buildStatements(year: number, items: readonly StatementItem[], municipalities: readonly { code: string; name: string }[]): YearStatements {
  const byCode = new Map<string, Statement>();
  for (const m of municipalities) byCode.set(m.code, { municipality: m.code, name: m.name, totalOre: 0, lines: [] });
  const unallocated: Unallocated[] = [];
  const statementOf = (code: string) => {
    let statement = byCode.get(code);
    if (!statement) {
      statement = { municipality: code, name: code, totalOre: 0, lines: [] };
      byCode.set(code, statement);
    }
    return statement;
  };
  let totalOre = 0;
  let creditsOre = 0;
  for (const item of items) {
    if (!item.shares) {
      unallocated.push({ itemId: item.id, description: itemLabel(item), problem: item.problem ?? 'Kostnaden kan inte fördelas.' });
      continue;
    }
    totalOre += item.amountOre;
    for (const share of item.shares) {
      const statement = statementOf(share.municipality);
      statement.lines.push({
        itemId: item.id, kind: 'share', description: itemLabel(item), category: item.category, keyName: item.keyName,
        sharePercent: sharePercent(share.amountOre, item.amountOre), amountOre: share.amountOre,
      });
      statement.totalOre += share.amountOre;
    }
    if (item.beneficiaryCode) {
      const statement = statementOf(item.beneficiaryCode);
      statement.lines.push({
        itemId: item.id, kind: 'credit', description: `Ersättning: ${itemLabel(item)}`, category: item.category, keyName: item.keyName,
        sharePercent: -100, amountOre: -item.amountOre,
      });
      statement.totalOre -= item.amountOre;
      creditsOre -= item.amountOre;
    }
  }
  const statements = [...byCode.values()].sort((a, b) => (a.municipality < b.municipality ? -1 : a.municipality > b.municipality ? 1 : 0));
  return { year, totalOre, creditsOre, netOre: totalOre + creditsOre, municipalities: statements, unallocated };
}

/** The check: the statements' totals add up to the year's allocatable items less the credits, to the öre. */
export const statementsBalance = (s: YearStatements) =>
  s.municipalities.reduce((sum, m) => sum + m.totalOre, 0) === s.netOre;
