import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { collaboration, collaborationParticipant } from '../../schema/collaboration.ts';
import { allocationKey, allocationKeyYear, costItem, costShare, costYear, type KeyPart } from '../../schema/costs.ts';
import { application, municipality, technicalSubarea } from '../../schema/portfolio.ts';
import type { Database } from '../env.ts';
import type { Outcome } from '../outcome.ts';
import { aliased } from '../store.ts';
import type { Share } from './allocation.ts';
import { basisQueries, basisSource, previewAllocation, type BasisSource } from './preview.ts';

export type KeyRow = typeof allocationKey.$inferSelect;
export type CostItemRow = typeof costItem.$inferSelect;
export type KeyYear = { year: number; parts: KeyPart[] };

const yearsOf = (db: Database, where: SQL | undefined) =>
  db.select({ keyId: allocationKeyYear.keyId, year: allocationKeyYear.year, parts: allocationKeyYear.parts })
    .from(allocationKeyYear).where(where).orderBy(asc(allocationKeyYear.year));

const withYears = (key: KeyRow, years: { keyId: number; year: number; parts: KeyPart[] }[]) => ({
  ...key,
  years: years.filter((y) => y.keyId === key.id).map(({ year, parts }): KeyYear => ({ year, parts })),
});
export type AllocationKey = ReturnType<typeof withYears>;

/** Every key with its parts per year — one round trip. */
export async function listKeys(db: Database): Promise<AllocationKey[]> {
  const [keys, years] = await db.batch([
    db.select().from(allocationKey).orderBy(asc(allocationKey.name)),
    yearsOf(db, undefined),
  ]);
  return keys.map((k) => withYears(k, years));
}

/** One key with its years and how many cost items use it — one round trip. */
export async function findKey(db: Database, id: number): Promise<(AllocationKey & { usedBy: number }) | undefined> {
  const [keys, years, used] = await db.batch([
    db.select().from(allocationKey).where(eq(allocationKey.id, id)),
    yearsOf(db, eq(allocationKeyYear.keyId, id)),
    db.select({ id: costItem.id }).from(costItem).where(eq(costItem.keyId, id)),
  ]);
  return keys[0] && { ...withYears(keys[0], years), usedBy: used.length };
}

const itemRows = (db: Database, where: SQL | undefined) =>
  db.select({
    item: costItem,
    keyName: aliased(allocationKey.name, 'key_name'),
    subareaName: aliased(technicalSubarea.name, 'subarea_name'),
    collaborationApplication: aliased(application.name, 'collaboration_application'),
  }).from(costItem)
    .innerJoin(allocationKey, eq(costItem.keyId, allocationKey.id))
    .leftJoin(technicalSubarea, eq(costItem.subareaId, technicalSubarea.id))
    .leftJoin(collaboration, eq(costItem.collaborationId, collaboration.id))
    .leftJoin(application, eq(collaboration.applicationId, application.id))
    .where(where)
    .orderBy(asc(costItem.year), asc(costItem.id));

type ItemRowJoined = Awaited<ReturnType<typeof itemRows>>[number];

export type CostItem = CostItemRow & {
  keyName: string;
  subareaName: string | null;
  collaborationName: string | null;
  totalOre: number;
  shares: Share[] | null;
  /** The budget shared with the same key and participants; null when not budgeted or not allocatable. */
  budgetShares: Share[] | null;
  /** The year is closed: the shares are the ones frozen when it was closed. */
  closed: boolean;
  /** Why the shares cannot be computed (Swedish), or null. */
  problem: string | null;
};

type Frozen = { itemId: number; municipality: string; amountOre: number; budgetOre: number | null };

const problemOf = (outcome: Outcome<unknown>) =>
  outcome.ok ? null : outcome.status === 400 && outcome.issues.length ? outcome.issues.map((i) => i.message).join(' ') : outcome.error;

/** The item's shares: frozen ones in a closed year, else computed with its key's parts for its year as the preview does. */
async function withShares(db: Database, row: ItemRowJoined, years: KeyYearRow[], closed: Set<number>, frozen: Frozen[], source?: BasisSource): Promise<CostItem> {
  const item = row.item;
  const base = {
    ...item, keyName: row.keyName, subareaName: row.subareaName, collaborationName: row.collaborationApplication, totalOre: item.amountOre,
    closed: closed.has(item.year),
  };
  if (base.closed) {
    const mine = frozen.filter((f) => f.itemId === item.id);
    const budgetShares = item.budgetOre === null ? null : mine.map((f) => ({ municipality: f.municipality, amountOre: f.budgetOre ?? 0 }));
    return { ...base, shares: mine.map((f) => ({ municipality: f.municipality, amountOre: f.amountOre })), budgetShares, problem: null };
  }
  const parts = years.find((y) => y.keyId === item.keyId && y.year === item.year)?.parts;
  if (!parts) return { ...base, shares: null, budgetShares: null, problem: `Fördelningsnyckeln ${row.keyName} har inga delar för ${item.year}.` };
  const share = (amountOre: number) => previewAllocation(db, {
    amountOre, year: item.year, participants: item.participants, key: { parts },
    ...(item.applicationId === null ? {} : { applicationId: item.applicationId }),
  }, source);
  const preview = await share(item.amountOre);
  if (!preview.ok) return { ...base, shares: null, budgetShares: null, problem: problemOf(preview) };
  const budget = item.budgetOre === null ? null : await share(item.budgetOre);
  return { ...base, shares: preview.value.shares, budgetShares: budget?.ok ? budget.value.shares : null, problem: null };
}

type KeyYearRow = { keyId: number; year: number; parts: KeyPart[] };

/**
 * Items matching `where`, each with its shares, and the members — one round trip: the items,
 * their keys' parts for their years, which of those years are closed, the frozen shares, and
 * the bases (population, users, licences) of the open items, found by subqueries.
 */
const itemQueries = (db: Database, where: SQL | undefined, year?: SQL) => {
  const open = sql`${where ?? sql`1`} AND ${costItem.year} NOT IN (SELECT ${costYear.year} FROM ${costYear})`;
  return [
    itemRows(db, where),
    db.selectDistinct({ keyId: allocationKeyYear.keyId, year: allocationKeyYear.year, parts: allocationKeyYear.parts }).from(allocationKeyYear)
      .innerJoin(costItem, and(eq(costItem.keyId, allocationKeyYear.keyId), eq(costItem.year, allocationKeyYear.year))).where(where),
    db.selectDistinct({ year: costYear.year }).from(costYear).innerJoin(costItem, eq(costItem.year, costYear.year)).where(where),
    db.select({ itemId: costShare.costItemId, municipality: costShare.municipalityCode, amountOre: costShare.amountOre, budgetOre: costShare.budgetOre })
      .from(costShare).innerJoin(costItem, eq(costShare.costItemId, costItem.id)).where(where)
      .orderBy(asc(costShare.costItemId), asc(costShare.municipalityCode)),
    db.select().from(costYear).where(year ? sql`${costYear.year} = ${year}` : sql`0`),
    ...basisQueries(db, sql`SELECT ${costItem.year} FROM ${costItem} WHERE ${open}`, sql`SELECT ${costItem.applicationId} FROM ${costItem} WHERE ${open}`),
  ] as const;
};

type ItemResults = { [K in keyof ReturnType<typeof itemQueries>]: Awaited<ReturnType<typeof itemQueries>[K]> };

/** The items with their shares, from `itemQueries`' results (allocating open items is pure). */
async function shapeItems(db: Database, [rows, years, closedYears, frozen, yearClosed, ...basis]: ItemResults): Promise<YearItems> {
  const closed = new Set(closedYears.map((y) => y.year));
  // The bases of every open item were read once, not once per item.
  const source = basisSource(basis as unknown as Parameters<typeof basisSource>[0]);
  const items = await Promise.all(rows.map((row) => withShares(db, row, years, closed, frozen, source)));
  return { items, municipalities: source.municipalities, closed: yearClosed[0], year: items[0]?.year };
}

const loadItems = async (db: Database, where: SQL | undefined, year?: SQL) =>
  shapeItems(db, await db.batch(itemQueries(db, where, year)) as unknown as ItemResults);

type YearItems = {
  items: CostItem[];
  municipalities: { code: string; name: string }[];
  /** The year's closing, when a year was asked for and it is closed. */
  closed: typeof costYear.$inferSelect | undefined;
  /** The items' year, when there are items. */
  year: number | undefined;
};

/** A year, or 'latest': the latest year with costs, found by the same statement. */
const yearOf = (year: number | 'latest') => (year === 'latest' ? sql`(SELECT max(${costItem.year}) FROM ${costItem})` : sql`${year}`);

/**
 * Cost items of a year, each with its shares, with every member and the year's closing, for
 * pages; `year` is the year asked for, or the latest with costs (this year when there are none).
 */
export async function yearItems(db: Database, year: number | 'latest', concerning?: string): Promise<YearItems & { year: number }> {
  // One municipality's statement needs only the items it shares or is credited: at national
  // size that spares allocating thousands of items it has no part in.
  const theirs = concerning === undefined ? sql`1`
    : sql`(EXISTS (SELECT 1 FROM json_each(${costItem.participants}) WHERE value = ${concerning}) OR ${costItem.beneficiaryCode} = ${concerning})`;
  const found = await loadItems(db, sql`${costItem.year} = ${yearOf(year)} AND ${theirs}`, yearOf(year));
  return { ...found, year: year === 'latest' ? found.year ?? new Date().getUTCFullYear() : year };
}

/** Cost items, optionally of one year, each with its shares. */
export const listItems = async (db: Database, filter: { year?: number } = {}): Promise<CostItem[]> =>
  (await (filter.year === undefined ? loadItems(db, undefined) : yearItems(db, filter.year))).items;

export async function findItem(db: Database, id: number): Promise<CostItem | undefined> {
  return (await loadItems(db, eq(costItem.id, id))).items[0];
}

/** What a cost item's command checks: its references exist, its participants are members, the year is open — one round trip. */
export async function itemContext(db: Database, refs: { keyId: number | null; collaborationId: number | null; subareaId: number | null; applicationId: number | null; participants: string[]; years: number[] }) {
  const [key, collab, participants, subarea, app, members, closed] = await db.batch([
    db.select({ id: allocationKey.id }).from(allocationKey).where(eq(allocationKey.id, refs.keyId ?? 0)),
    db.select({ id: collaboration.id, keyId: collaboration.allocationKeyId, keyName: aliased(allocationKey.name, 'key_name') }).from(collaboration)
      .leftJoin(allocationKey, eq(collaboration.allocationKeyId, allocationKey.id)).where(eq(collaboration.id, refs.collaborationId ?? 0)),
    db.select({ code: collaborationParticipant.municipalityCode }).from(collaborationParticipant)
      .where(eq(collaborationParticipant.collaborationId, refs.collaborationId ?? 0)).orderBy(asc(collaborationParticipant.municipalityCode)),
    db.select({ id: technicalSubarea.id }).from(technicalSubarea).where(eq(technicalSubarea.id, refs.subareaId ?? 0)),
    db.select({ id: application.id }).from(application).where(eq(application.id, refs.applicationId ?? 0)),
    db.select({ code: municipality.code }).from(municipality).orderBy(asc(municipality.code)),
    db.select({ year: costYear.year }).from(costYear).where(inArray(costYear.year, refs.years.length ? refs.years : [0])),
  ]);
  const known = new Set(members.map((m) => m.code));
  return {
    keyExists: key.length > 0,
    collaborationExists: collab.length > 0,
    /** The collaboration's agreed key, when it has one. */
    collaborationKey: collab[0]?.keyId == null ? null : { id: collab[0].keyId, name: collab[0].keyName ?? '' },
    collaborationParticipants: participants.map((p) => p.code),
    subareaExists: subarea.length > 0,
    applicationExists: app.length > 0,
    allMembers: members.map((m) => m.code),
    unknownParticipants: refs.participants.filter((code) => !known.has(code)),
    closedYears: closed.map((c) => c.year),
  };
}

/** An item and the form's choices for editing it — one round trip. */
export async function itemForEditing(db: Database, id: number): Promise<{ item: CostItem | undefined; choices: ItemFormChoices }> {
  const items = itemQueries(db, eq(costItem.id, id));
  const results = await db.batch([...items, ...choiceQueries(db)]);
  const found = await shapeItems(db, results.slice(0, items.length) as unknown as ItemResults);
  return { item: found.items[0], choices: shapeChoices(results.slice(items.length) as unknown as ChoiceResults) };
}

const choiceQueries = (db: Database) => [
    db.select({ id: allocationKey.id, name: allocationKey.name }).from(allocationKey).orderBy(asc(allocationKey.name)),
    db.select({ id: collaboration.id, name: aliased(application.name, 'application_name') }).from(collaboration)
      .innerJoin(application, eq(collaboration.applicationId, application.id)).orderBy(asc(application.name)),
    db.select({ id: technicalSubarea.id, name: technicalSubarea.name }).from(technicalSubarea).orderBy(asc(technicalSubarea.name)),
    db.select({ id: application.id, name: application.name }).from(application).orderBy(asc(application.name)),
    db.select({ code: municipality.code, name: municipality.name }).from(municipality).orderBy(asc(municipality.code)),
] as const;

type ChoiceResults = { [K in keyof ReturnType<typeof choiceQueries>]: Awaited<ReturnType<typeof choiceQueries>[K]> };
const shapeChoices = ([keys, collaborations, subareas, applications, municipalities]: ChoiceResults) =>
  ({ keys, collaborations, subareas, applications, municipalities });

/** The form's choices: keys, collaborations, subareas, applications, municipalities — one round trip. */
export const itemFormChoices = async (db: Database) => shapeChoices(await db.batch(choiceQueries(db)) as unknown as ChoiceResults);
export type ItemFormChoices = ReturnType<typeof shapeChoices>;

