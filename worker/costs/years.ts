import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import * as v from 'valibot';
import { costItem, costShare, costYear } from '../../schema/costs.ts';
import { auditStatement } from '../audit/events.ts';
import type { Actor, Database } from '../env.ts';
import { conflict, invalid, ok, type Outcome } from '../outcome.ts';
import { now, requireChange, requireNone, requireThat, writeBatch } from '../store.ts';
import { requiredText, text, validate } from '../validation.ts';
import { listItems } from './cost-queries.ts';

/*
 * Year closing (bokslut). A closed year's items and its keys' parts refuse every change,
 * and its shares are frozen in `cost_share`, so the statements booked stay what they were.
 * Closing: administrators and finance officers. Reopening: administrators only, with a reason.
 * Both are audited (entity `cost_year`: closing creates it, reopening deletes it).
 */

export type ClosedYear = typeof costYear.$inferSelect;

export const closedYearMessage = (year: number) =>
  `År ${year} är stängt (bokslut) och kan inte ändras. En administratör kan öppna året igen.`;

export const listClosedYears = (db: Database): Promise<ClosedYear[]> => db.select().from(costYear).orderBy(asc(costYear.year));

export async function findClosedYear(db: Database, year: number): Promise<ClosedYear | undefined> {
  return (await db.select().from(costYear).where(eq(costYear.year, year)))[0];
}

/** Which of these years are closed — one query. */
export async function closedAmong(db: Database, years: number[]): Promise<number[]> {
  if (years.length === 0) return [];
  return (await db.select({ year: costYear.year }).from(costYear).where(inArray(costYear.year, years))).map((r) => r.year);
}

/**
 * In a write batch: aborts it (the write guard's CHECK) when one of the years was closed
 * after the command checked it — a closing that raced the write.
 */
export const requireOpenYears = (db: Database, years: number[]) =>
  requireNone(db, sql`SELECT 1 FROM ${costYear} WHERE ${inArray(costYear.year, years)}`);

/** In the closing batch: aborts it when the year's items changed since their shares were computed. */
const requireSameItems = (db: Database, year: number, fingerprint: string) =>
  requireThat(db, sql`(SELECT count(*) || ':' || coalesce(sum(${costItem.version}), 0) FROM ${costItem} WHERE ${costItem.year} = ${year}) = ${fingerprint}`);

export const closeInput = v.strictObject({ note: v.optional(text('Anteckning', 2000)) }, 'Okänt fält.');
export const reopenInput = v.strictObject({ reason: requiredText('Skäl', 2000) }, 'Okänt fält.');

/** D1 allows 100 bound parameters per statement: 4 per share row. */
const sharesPerInsert = 25;

const yearIssue = (year: number) =>
  Number.isInteger(year) && year >= 1900 && year <= 2200 ? undefined : invalid([{ path: 'year', message: 'Året ska vara mellan 1900 och 2200.' }]);

export async function closeYear(db: Database, actor: Actor, year: number, input: unknown): Promise<Outcome<ClosedYear>> {
  const badYear = yearIssue(year);
  if (badYear) return badYear;
  const parsed = validate(closeInput, input ?? {});
  if (!parsed.ok) return parsed;
  if (await findClosedYear(db, year)) return conflict(`År ${year} är redan stängt.`);
  const items = await listItems(db, { year });
  const broken = items.filter((i) => !i.shares);
  if (broken.length) {
    return invalid(broken.map((i) => ({ path: 'year', message: `${i.description || `Kostnad ${i.id}`} kan inte fördelas: ${i.problem} Rätta kostnaden innan året stängs.` })));
  }
  const rows = items.flatMap((i) => i.shares!.map((s) => ({
    costItemId: i.id, municipalityCode: s.municipality, amountOre: s.amountOre,
    budgetOre: i.budgetShares?.find((b) => b.municipality === s.municipality)?.amountOre ?? null,
  })));
  const fingerprint = `${items.length}:${items.reduce((sum, i) => sum + i.version, 0)}`;
  const totalOre = items.reduce((sum, i) => sum + i.amountOre, 0);
  const closed = { year, closedBy: actor.name, note: parsed.value.note ?? '' };
  const chunks: BatchItem<'sqlite'>[] = [];
  for (let at = 0; at < rows.length; at += sharesPerInsert) chunks.push(db.insert(costShare).values(rows.slice(at, at + sharesPerInsert)));
  return writeBatch(db, [
    db.insert(costYear).values({ ...closed, closedAt: now as unknown as string }).returning(),
    ...chunks,
    requireSameItems(db, year, fingerprint),
    auditStatement(db, actor, { action: 'create', entity: 'cost_year', entityId: year, after: { ...closed, items: items.length, totalOre } }),
  ], (results) => (results[0] as ClosedYear[])[0]!);
}

export async function reopenYear(db: Database, actor: Actor, year: number, input: unknown): Promise<Outcome<void>> {
  const badYear = yearIssue(year);
  if (badYear) return badYear;
  const parsed = validate(reopenInput, input);
  if (!parsed.ok) return parsed;
  const before = await findClosedYear(db, year);
  if (!before) return conflict(`År ${year} är inte stängt.`);
  return writeBatch(db, [
    db.delete(costShare).where(inArray(costShare.costItemId, db.select({ id: costItem.id }).from(costItem).where(eq(costItem.year, year)))),
    db.delete(costYear).where(eq(costYear.year, year)),
    requireChange(db),
    auditStatement(db, actor, { action: 'delete', entity: 'cost_year', entityId: year, before, after: { reopened: true, reason: parsed.value.reason } }),
  ], () => undefined);
}
