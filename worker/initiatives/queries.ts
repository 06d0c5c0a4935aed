import { and, asc, desc, eq, ne, sql, type SQL } from 'drizzle-orm';
import { initiative, initiativeAnswer, initiativeDecision, type InitiativeStage } from '../../schema/initiatives.ts';
import { application, municipality, product } from '../../schema/portfolio.ts';
import type { Database } from '../env.ts';
import type { Results } from '../portfolio/batch.ts';
import { aliased } from '../store.ts';
import { costSummary, daysBetween, finalStage, isStalled } from './gates.ts';

export type InitiativeRow = typeof initiative.$inferSelect;

const rows = (db: Database, where: SQL | undefined) =>
  db.select({
    initiative,
    applicationName: aliased(application.name, 'application_name'),
    sponsorName: aliased(municipality.name, 'sponsor_name'),
    productVendor: aliased(product.vendor, 'product_vendor'),
    productName: aliased(product.name, 'product_name'),
  }).from(initiative)
    .innerJoin(application, eq(initiative.applicationId, application.id))
    .innerJoin(municipality, eq(initiative.sponsorCode, municipality.code))
    .leftJoin(product, eq(initiative.productId, product.id))
    .where(where);

type Row = Awaited<ReturnType<typeof rows>>[number];

function summary(row: Row, today: string) {
  const i = row.initiative;
  return {
    ...i,
    sponsor: i.sponsorCode,
    applicationName: row.applicationName,
    sponsorName: row.sponsorName,
    product: i.productId === null ? null : { id: i.productId, vendor: row.productVendor ?? '', name: row.productName ?? '' },
    daysInStage: daysBetween(i.stageSince, today),
    stalled: isStalled(i.stage, i.stageSince, today),
    costs: costSummary(i),
  };
}
export type InitiativeSummary = ReturnType<typeof summary>;

/** Every initiative, oldest in its stage first — one round trip. */
export async function listInitiatives(db: Database, today: string, filter: { stage?: InitiativeStage } = {}): Promise<InitiativeSummary[]> {
  const found = await rows(db, filter.stage ? eq(initiative.stage, filter.stage) : undefined)
    .orderBy(asc(initiative.stageSince), asc(initiative.id));
  return found.map((r) => summary(r, today));
}

/**
 * Initiatives unchanged in their stage for more than 60 days ("står still"), for the
 * attention list. Approved initiatives are done and never stalled.
 */
export async function stalledInitiatives(db: Database, today: string): Promise<InitiativeSummary[]> {
  return stalledFrom(await stalledInitiativesQuery(db, today), today);
}

/** The query behind `stalledInitiatives`, for a caller reading it in its own batch (the attention list); finish with `stalledFrom`. */
export function stalledInitiativesQuery(db: Database, today: string) {
  const cutoff = new Date(Date.parse(`${today}T00:00:00Z`) - 60 * 86_400_000).toISOString().slice(0, 10);
  return rows(db, and(ne(initiative.stage, finalStage), sql`${initiative.stageSince} < ${cutoff}`))
    .orderBy(asc(initiative.stageSince), asc(initiative.id));
}

export const stalledFrom = (found: Row[], today: string): InitiativeSummary[] =>
  found.map((r) => summary(r, today)).filter((i) => i.stalled);

const answersOf = (db: Database, id: number) =>
  db.select({
    municipality: initiativeAnswer.municipalityCode,
    municipalityName: aliased(municipality.name, 'municipality_name'),
    answer: initiativeAnswer.answer,
    comment: initiativeAnswer.comment,
    answeredBy: initiativeAnswer.answeredBy,
    answeredAt: initiativeAnswer.answeredAt,
    version: initiativeAnswer.version,
  }).from(initiativeAnswer).innerJoin(municipality, eq(initiativeAnswer.municipalityCode, municipality.code))
    .where(eq(initiativeAnswer.initiativeId, id)).orderBy(asc(initiativeAnswer.municipalityCode));

/** The statements behind `findInitiative`, for a page's own batch; `initiativeDetail` shapes their results. */
export const initiativeQueries = (db: Database, id: number) => [
  rows(db, eq(initiative.id, id)),
  answersOf(db, id),
  db.select({
    kind: initiativeDecision.kind, fromStage: initiativeDecision.fromStage, toStage: initiativeDecision.toStage,
    note: initiativeDecision.note, actor: initiativeDecision.actor, at: initiativeDecision.at,
  }).from(initiativeDecision).where(eq(initiativeDecision.initiativeId, id)).orderBy(desc(initiativeDecision.id)),
  db.select({ code: municipality.code, name: municipality.name }).from(municipality).orderBy(asc(municipality.code)),
] as const;

export function initiativeDetail([found, answers, decisions, members]: Results<ReturnType<typeof initiativeQueries>>, today: string) {
  const row = found[0];
  if (!row) return undefined;
  return { ...summary(row, today), answers, decisions, members };
}

/** One initiative with its coordination answers, decision log and the members — one round trip. */
export async function findInitiative(db: Database, id: number, today: string) {
  return initiativeDetail(await db.batch(initiativeQueries(db, id)), today);
}
export type InitiativeDetail = NonNullable<ReturnType<typeof initiativeDetail>>;

/** The statements behind `formChoices`; `choicesView` shapes their results. */
export const formChoiceQueries = (db: Database) => [
  db.select({ id: application.id, name: application.name }).from(application).orderBy(asc(application.name)),
  db.select({ code: municipality.code, name: municipality.name }).from(municipality).orderBy(asc(municipality.code)),
  db.select({ id: product.id, vendor: product.vendor, name: product.name }).from(product).orderBy(asc(product.vendor), asc(product.name)),
] as const;

export const choicesView = ([applications, municipalities, products]: Results<ReturnType<typeof formChoiceQueries>>) =>
  ({ applications, municipalities, products });

/** The choices of the forms: applications, municipalities, products — one round trip. */
export async function formChoices(db: Database) {
  return choicesView(await db.batch(formChoiceQueries(db)));
}
export type FormChoices = ReturnType<typeof choicesView>;
