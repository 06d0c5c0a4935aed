import { and, asc, eq, isNotNull, isNull, ne, or, sql, type SQL } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { attentionItem, attentionRefresh, type AttentionKind } from '../../schema/attention.ts';
import { freezeRule } from '../../schema/changes.ts';
import { collaboration, collaborationParticipant, roleAssignment } from '../../schema/collaboration.ts';
import { application, installation, municipality, product } from '../../schema/portfolio.ts';
import { definition } from '../changes/change-queries.ts';
import { attentionDocuments, overdueDocumentsQuery } from '../documents/queries.ts';
import type { Database } from '../env.ts';
import { stalledFrom, stalledInitiativesQuery } from '../initiatives/queries.ts';
import type { Results } from '../portfolio/batch.ts';
import { aliased } from '../store.ts';
import { attentionItems, type AttentionFacts, type AttentionItem } from './rules.ts';
import { installationNames } from '../portfolio/queries.ts';

/** Who computed the list, as `attention_refresh.computed_by` says it. */
export const computedByCron = 'schemalagd uppdatering';
export const computedOnFirstView = 'första visningen';

/**
 * Everything the rules look at, in one round trip (one D1 batch, so one consistent picture):
 * the current installations, who owns them, the collaborations' shared owners, the overdue
 * documents and stalled initiatives (the documents' and initiatives' own queries), the freeze
 * rules, and whether the register has any municipality at all.
 */
export async function attentionFacts(db: Database, today: string): Promise<AttentionFacts & { municipalities: number }> {
  return attentionFactsOf(await db.batch(attentionFactsQueries(db, today)), today);
}

/**
 * The statements behind `attentionFacts`. With `onlyIf`, they read nothing unless it holds:
 * the overview reads the facts in its one batch but needs them only on the first view ever.
 * (The stalled initiatives, the initiatives' own query, are read regardless: a handful of rows.)
 */
export const attentionFactsQueries = (db: Database, today: string, onlyIf?: SQL) => [
  db.select({ n: sql<number>`count(*)` }).from(municipality).where(onlyIf),
  db.select({
    ...installationNames(),
    vendor: product.vendor,
    productName: aliased(product.name, 'product_name'),
    contractEnd: installation.contractEnd,
    noticeMonths: installation.noticeMonths,
    confirmedOn: installation.confirmedOn,
  }).from(installation)
    .innerJoin(application, eq(installation.applicationId, application.id))
    .innerJoin(municipality, eq(installation.municipality, municipality.code))
    .innerJoin(product, eq(installation.productId, product.id))
    .where(and(ne(installation.lifecycle, 'retired'), onlyIf)),
  db.selectDistinct({ installationId: roleAssignment.installationId }).from(roleAssignment)
    .where(and(eq(roleAssignment.role, 'system_owner'), isNotNull(roleAssignment.installationId), onlyIf)),
  // From level 3 a collaboration has one system owner for all (collaboration.owner_id, or a systemägare role on it).
  db.selectDistinct({ applicationId: collaborationParticipant.applicationId, municipality: collaborationParticipant.municipalityCode })
    .from(collaborationParticipant)
    .innerJoin(collaboration, eq(collaborationParticipant.collaborationId, collaboration.id))
    .where(and(
      eq(collaborationParticipant.active, true),
      isNull(collaboration.endedOn),
      or(
        isNotNull(collaboration.ownerId),
        sql`EXISTS (SELECT 1 FROM ${roleAssignment} WHERE ${roleAssignment.collaborationId} = ${collaboration.id} AND ${roleAssignment.role} = 'system_owner')`,
      ),
      onlyIf,
    )),
  overdueDocumentsQuery(db, today, onlyIf),
  db.select().from(freezeRule).where(onlyIf),
  stalledInitiativesQuery(db, today),
] as const;

type FactResults = Results<ReturnType<typeof attentionFactsQueries>>;

const attentionFactsOf = ([[members], installations, owned, shared, documents, rules, initiatives]: FactResults, today: string) => ({
  municipalities: members?.n ?? 0,
  installations,
  ownedInstallations: owned.flatMap((o) => (o.installationId === null ? [] : [o.installationId])),
  sharedOwners: shared,
  overdueDocuments: attentionDocuments(documents, today),
  freezeRules: rules.map(definition),
  stalledInitiatives: stalledFrom(initiatives, today),
});

export type AttentionRefresh = typeof attentionRefresh.$inferSelect;
export type AttentionList = { refresh: Omit<AttentionRefresh, 'id'> | null; items: AttentionItem[] };

/** D1 binds at most 100 parameters per statement; an item row has eleven. */
const rowsPerStatement = 9;

/**
 * Compute the list for `today` and store it in place of the last one: the deletion, the
 * rows and the refresh's time in one batch, so a reader sees the old list or the new one,
 * never half. Two round trips: the facts, the write.
 *
 * Not in the audit trail: the list changes no fact — it is recomputed from facts that are
 * audited themselves, every day — and `attention_refresh` keeps who computed it and when.
 *
 * An empty register (no municipality) stores nothing: there is nothing to attend to, and an
 * empty deployment must stay empty for a backup to be restored into it.
 */
export async function refreshAttention(db: Database, today: string, computedBy: string, now = new Date()): Promise<AttentionList> {
  return storeAttention(db, today, computedBy, await attentionFacts(db, today), now);
}

/** The write half of `refreshAttention`, from facts already read. */
async function storeAttention(db: Database, today: string, computedBy: string, facts: AttentionFacts & { municipalities: number }, now = new Date()): Promise<AttentionList> {
  const items = attentionItems(facts, today);
  const refresh = { computedAt: now.toISOString(), computedFor: today, computedBy, itemCount: items.length };
  if (facts.municipalities === 0) return { refresh: null, items };
  const rows = items.map((item, position) => ({
    position, kind: item.kind, urgency: item.urgency, dueOn: item.dueOn, municipalityCode: item.municipality,
    municipalityName: item.municipalityName, subject: item.subject, detail: item.detail, href: item.href,
    entity: item.entity, entityId: item.entityId,
  }));
  const inserts: BatchItem<'sqlite'>[] = [];
  for (let i = 0; i < rows.length; i += rowsPerStatement) inserts.push(db.insert(attentionItem).values(rows.slice(i, i + rowsPerStatement)));
  await db.batch([
    db.delete(attentionItem),
    ...inserts,
    db.insert(attentionRefresh).values({ id: 1, ...refresh }).onConflictDoUpdate({ target: attentionRefresh.id, set: refresh }),
  ]);
  return { refresh, items };
}

export type AttentionFilter = { municipality?: string; kind?: AttentionKind };

export function filterWhere(filter: AttentionFilter): SQL | undefined {
  return and(
    // A municipality's list includes what concerns everyone (freezes, common documents).
    filter.municipality ? or(eq(attentionItem.municipalityCode, filter.municipality), isNull(attentionItem.municipalityCode)) : undefined,
    filter.kind ? eq(attentionItem.kind, filter.kind) : undefined,
  );
}

export const toItem = (row: typeof attentionItem.$inferSelect): AttentionItem => ({
  kind: row.kind, urgency: row.urgency, dueOn: row.dueOn, municipality: row.municipalityCode, municipalityName: row.municipalityName,
  subject: row.subject, detail: row.detail, href: row.href, entity: row.entity, entityId: row.entityId,
});

/** The stored list (filtered) and when it was computed — one round trip; `refresh` null when it never was. */
export async function storedAttention(db: Database, filter: AttentionFilter = {}): Promise<AttentionList> {
  return storedAttentionOf(await db.batch(storedAttentionQueries(db, filter)));
}

const storedAttentionQueries = (db: Database, filter: AttentionFilter) => [
  db.select().from(attentionRefresh).where(eq(attentionRefresh.id, 1)),
  db.select().from(attentionItem).where(filterWhere(filter)).orderBy(asc(attentionItem.position)),
] as const;

function storedAttentionOf([refresh, rows]: Results<ReturnType<typeof storedAttentionQueries>>): AttentionList {
  const found = refresh[0];
  return { refresh: found ? { computedAt: found.computedAt, computedFor: found.computedFor, computedBy: found.computedBy, itemCount: found.itemCount } : null, items: rows.map(toItem) };
}

const matches = (filter: AttentionFilter) => (item: AttentionItem) =>
  (!filter.municipality || item.municipality === null || item.municipality === filter.municipality) && (!filter.kind || item.kind === filter.kind);

/**
 * The list the overview and the API show: the stored one. When it has never been computed
 * (a fresh deployment before its first cron run, the demo) it is computed now and stored,
 * once, rather than computed on every view until the cron comes — the next views read the
 * table like any other day. One round trip, and the write when that first fill happens.
 */
export async function attentionList(db: Database, today: string, filter: AttentionFilter = {}): Promise<AttentionList> {
  return attentionListOf(db, today, filter, await db.batch(attentionListQueries(db, today, filter)));
}

/**
 * The statements behind `attentionList`, for a page's one batch: the stored list, and the
 * facts to compute it from — which read nothing once it has been computed.
 */
export const attentionListQueries = (db: Database, today: string, filter: AttentionFilter = {}) => [
  ...storedAttentionQueries(db, filter),
  ...attentionFactsQueries(db, today, sql`NOT EXISTS (SELECT 1 FROM ${attentionRefresh})`),
] as const;

/** What `attentionListQueries` read as the list; stores it first when it was never computed (a write round trip). */
export async function attentionListOf(
  db: Database, today: string, filter: AttentionFilter,
  [refresh, rows, ...facts]: Results<ReturnType<typeof attentionListQueries>>,
): Promise<AttentionList> {
  const stored = storedAttentionOf([refresh, rows]);
  if (stored.refresh) return stored;
  const fresh = await storeAttention(db, today, computedOnFirstView, attentionFactsOf(facts, today));
  return { refresh: fresh.refresh, items: fresh.items.filter(matches(filter)) };
}
