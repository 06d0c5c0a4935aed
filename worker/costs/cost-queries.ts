import { and, asc, eq, type SQL } from 'drizzle-orm';
import { collaboration, collaborationParticipant } from '../../schema/collaboration.ts';
import { allocationKey, allocationKeyYear, costItem, type KeyPart } from '../../schema/costs.ts';
import { application, municipality, technicalSubarea } from '../../schema/portfolio.ts';
import type { Database } from '../env.ts';
import { aliased } from '../store.ts';
import type { Share } from './allocation.ts';
import { previewAllocation, readBasisSource, type BasisSource } from './preview.ts';

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
  /** Why the shares cannot be computed (Swedish), or null. */
  problem: string | null;
};

/** The item's shares with its key's parts for its year, computed as the preview does. */
async function withShares(db: Database, row: ItemRowJoined, years: { keyId: number; year: number; parts: KeyPart[] }[], source?: BasisSource): Promise<CostItem> {
  const item = row.item;
  const base = {
    ...item, keyName: row.keyName, subareaName: row.subareaName, collaborationName: row.collaborationApplication, totalOre: item.amountOre,
  };
  const parts = years.find((y) => y.keyId === item.keyId && y.year === item.year)?.parts;
  if (!parts) return { ...base, shares: null, problem: `Fördelningsnyckeln ${row.keyName} har inga delar för ${item.year}.` };
  const preview = await previewAllocation(db, {
    amountOre: item.amountOre, year: item.year, participants: item.participants, key: { parts },
    ...(item.applicationId === null ? {} : { applicationId: item.applicationId }),
  }, source);
  if (preview.ok) return { ...base, shares: preview.value.shares, problem: null };
  const problem = preview.status === 400 && preview.issues.length ? preview.issues.map((i) => i.message).join(' ') : preview.error;
  return { ...base, shares: null, problem };
}

/** Cost items, optionally of one year, each with its shares. */
export async function listItems(db: Database, filter: { year?: number } = {}): Promise<CostItem[]> {
  const [rows, years] = await db.batch([
    itemRows(db, filter.year === undefined ? undefined : eq(costItem.year, filter.year)),
    yearsOf(db, filter.year === undefined ? undefined : eq(allocationKeyYear.year, filter.year)),
  ]);
  // The bases of every item are read once, so the list costs three round trips, not one per item.
  const source = await readBasisSource(db, [...new Set(rows.map((r) => r.item.year))],
    [...new Set(rows.map((r) => r.item.applicationId).filter((a): a is number => a !== null))]);
  return Promise.all(rows.map((row) => withShares(db, row, years, source)));
}

export async function findItem(db: Database, id: number): Promise<CostItem | undefined> {
  const [rows] = await db.batch([itemRows(db, eq(costItem.id, id))]);
  const row = rows[0];
  if (!row) return undefined;
  const years = await yearsOf(db, and(eq(allocationKeyYear.keyId, row.item.keyId), eq(allocationKeyYear.year, row.item.year)));
  return withShares(db, row, years);
}

/** What a cost item's command checks: its references exist, its participants are members — one round trip. */
export async function itemContext(db: Database, refs: { keyId: number; collaborationId: number | null; subareaId: number | null; applicationId: number | null; participants: string[] }) {
  const [key, collab, participants, subarea, app, members] = await db.batch([
    db.select({ id: allocationKey.id }).from(allocationKey).where(eq(allocationKey.id, refs.keyId)),
    db.select({ id: collaboration.id }).from(collaboration).where(eq(collaboration.id, refs.collaborationId ?? 0)),
    db.select({ code: collaborationParticipant.municipalityCode }).from(collaborationParticipant)
      .where(eq(collaborationParticipant.collaborationId, refs.collaborationId ?? 0)).orderBy(asc(collaborationParticipant.municipalityCode)),
    db.select({ id: technicalSubarea.id }).from(technicalSubarea).where(eq(technicalSubarea.id, refs.subareaId ?? 0)),
    db.select({ id: application.id }).from(application).where(eq(application.id, refs.applicationId ?? 0)),
    db.select({ code: municipality.code }).from(municipality).orderBy(asc(municipality.code)),
  ]);
  const known = new Set(members.map((m) => m.code));
  return {
    keyExists: key.length > 0,
    collaborationExists: collab.length > 0,
    collaborationParticipants: participants.map((p) => p.code),
    subareaExists: subarea.length > 0,
    applicationExists: app.length > 0,
    allMembers: members.map((m) => m.code),
    unknownParticipants: refs.participants.filter((code) => !known.has(code)),
  };
}

/** The form's choices: keys, collaborations, subareas, applications, municipalities — one round trip. */
export async function itemFormChoices(db: Database) {
  const [keys, collaborations, subareas, applications, municipalities] = await db.batch([
    db.select({ id: allocationKey.id, name: allocationKey.name }).from(allocationKey).orderBy(asc(allocationKey.name)),
    db.select({ id: collaboration.id, name: aliased(application.name, 'application_name') }).from(collaboration)
      .innerJoin(application, eq(collaboration.applicationId, application.id)).orderBy(asc(application.name)),
    db.select({ id: technicalSubarea.id, name: technicalSubarea.name }).from(technicalSubarea).orderBy(asc(technicalSubarea.name)),
    db.select({ id: application.id, name: application.name }).from(application).orderBy(asc(application.name)),
    db.select({ code: municipality.code, name: municipality.name }).from(municipality).orderBy(asc(municipality.code)),
  ]);
  return { keys, collaborations, subareas, applications, municipalities };
}
export type ItemFormChoices = Awaited<ReturnType<typeof itemFormChoices>>;

