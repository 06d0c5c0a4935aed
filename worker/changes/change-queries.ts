import { and, asc, eq, gte, isNull, lte, or, type SQL } from 'drizzle-orm';
import { user } from '../../schema/access.ts';
import { calendarLink, freezeRule, plannedChange, type Environment } from '../../schema/changes.ts';
import { application, installation, municipality, product } from '../../schema/portfolio.ts';
import type { Database } from '../env.ts';
import { aliased } from '../store.ts';
import type { Results } from '../portfolio/batch.ts';
import { activeCalendarLinkQuery } from './calendar-links.ts';
import { clearance, type ChangeFreeze, type Clearance } from './change-clearance.ts';
import { freezesDuring, nextOccurrence, type FreezeDefinition, type Occurrence } from './freeze-calendar.ts';

export type FreezeRuleRow = typeof freezeRule.$inferSelect;
export type ChangeRow = typeof plannedChange.$inferSelect;
export type FreezeRuleDefinition = FreezeDefinition & { id: number };

/** A stored rule as the freeze arithmetic takes it (the check constraints guarantee its kind's columns). */
export function definition(row: FreezeRuleRow): FreezeRuleDefinition {
  const base = { id: row.id, name: row.name, scope: row.scope };
  switch (row.kind) {
    case 'weeks': return { ...base, kind: 'weeks', fromWeek: row.fromWeek!, toWeek: row.toWeek! };
    case 'yearly': return { ...base, kind: 'yearly', fromMonthDay: row.fromMonthDay!, toMonthDay: row.toMonthDay! };
    case 'window': return { ...base, kind: 'window', fromDate: row.fromDate!, toDate: row.toDate! };
  }
}

export type FreezeRule = FreezeRuleRow & { nextPeriod: Occurrence | null };

const withNext = (row: FreezeRuleRow, today: string): FreezeRule => ({ ...row, nextPeriod: nextOccurrence(definition(row), today) ?? null });

const rulesQuery = (db: Database) => db.select().from(freezeRule).orderBy(asc(freezeRule.name));

export async function listFreezeRules(db: Database, today: string): Promise<FreezeRule[]> {
  return (await rulesQuery(db)).map((r) => withNext(r, today));
}

export async function findFreezeRule(db: Database, id: number, today: string): Promise<FreezeRule | undefined> {
  const [row] = await db.select().from(freezeRule).where(eq(freezeRule.id, id));
  return row && withNext(row, today);
}

/** The freezes that apply to a change: its environment's, overlapping its days. */
export function changeFreezes(rules: FreezeRuleDefinition[], environment: Environment, startsOn: string, endsOn: string | null): ChangeFreeze[] {
  return freezesDuring(rules, environment, startsOn, endsOn ?? startsOn)
    .map(({ from, to, rule }) => ({ from, to, ruleId: rule.id, name: rule.name, scope: rule.scope }));
}

export type PlannedChange = ChangeRow & {
  municipalityName: string | null;
  installationLabel: string | null;
  freezes: ChangeFreeze[];
  clearance: Clearance;
};

const changeRows = (db: Database, where: SQL | undefined) =>
  db.select({
    change: plannedChange,
    municipalityName: aliased(municipality.name, 'municipality_name'),
    applicationName: aliased(application.name, 'application_name'),
    installationMunicipality: aliased(installation.municipality, 'installation_municipality'),
  }).from(plannedChange)
    .leftJoin(municipality, eq(plannedChange.municipality, municipality.code))
    .leftJoin(installation, eq(plannedChange.installationId, installation.id))
    .leftJoin(application, eq(installation.applicationId, application.id))
    .where(where)
    .orderBy(asc(plannedChange.startsOn), asc(plannedChange.id));

type Joined = Awaited<ReturnType<typeof changeRows>>[number];

function toChange(row: Joined, rules: FreezeRuleDefinition[]): PlannedChange {
  const c = row.change;
  const freezes = changeFreezes(rules, c.environment, c.startsOn, c.endsOn);
  return {
    ...c,
    municipalityName: row.municipalityName,
    installationLabel: row.applicationName ? `${row.applicationName}${row.municipalityName ? ` i ${row.municipalityName}` : ''}` : null,
    freezes,
    clearance: clearance(c.riskClass, c.exceptionStatus, freezes),
  };
}

type ChangeFilter = { from?: string; to?: string; environment?: Environment };

const changesWhere = (filter: ChangeFilter) => and(
  filter.to ? lte(plannedChange.startsOn, filter.to) : undefined,
  filter.from ? or(gte(plannedChange.startsOn, filter.from), gte(plannedChange.endsOn, filter.from)) : undefined,
  filter.environment ? eq(plannedChange.environment, filter.environment) : undefined,
);

/** Changes touching [from, to] (either end open), with their freezes — one round trip. */
export async function listChanges(db: Database, filter: ChangeFilter = {}) {
  const [rules, rows] = await db.batch([rulesQuery(db), changeRows(db, changesWhere(filter))]);
  const definitions = rules.map(definition);
  return { rules, changes: rows.map((r) => toChange(r, definitions)) };
}

/**
 * The calendar page's statements: the rules, the changes of the shown weeks, the first
 * `upcoming` changes from `today`, and the viewer's calendar link — for one batch with the
 * rules read once; `calendarView` shapes the results.
 */
export const calendarQueries = (db: Database, weeks: { from: string; to: string }, today: string, upcoming: number, userId: number | null) => [
  rulesQuery(db),
  changeRows(db, changesWhere(weeks)),
  changeRows(db, changesWhere({ from: today })).limit(upcoming),
  activeCalendarLinkQuery(db, userId),
] as const;

export function calendarView([rules, inWeeks, upcoming, links]: Results<ReturnType<typeof calendarQueries>>) {
  const definitions = rules.map(definition);
  return {
    rules: definitions,
    monthChanges: inWeeks.map((r) => toChange(r, definitions)),
    upcoming: upcoming.map((r) => toChange(r, definitions)),
    link: links[0],
  };
}

export async function findChange(db: Database, id: number): Promise<PlannedChange | undefined> {
  const [rules, rows] = await db.batch([rulesQuery(db), changeRows(db, eq(plannedChange.id, id))]);
  return rows[0] && toChange(rows[0], rules.map(definition));
}

/** What a change's command checks — the freeze rules, its municipality and its system — in one round trip. */
export async function changeContext(db: Database, refs: { municipality: string | null; installationId: number | null }) {
  const [rules, muni, inst] = await db.batch([
    rulesQuery(db),
    db.select({ code: municipality.code }).from(municipality).where(eq(municipality.code, refs.municipality ?? '')),
    db.select({ municipality: installation.municipality }).from(installation).where(eq(installation.id, refs.installationId ?? 0)),
  ]);
  return { rules: rules.map(definition), municipalityExists: muni.length > 0, installationMunicipality: inst[0]?.municipality };
}

/** The change form's choices: municipalities and current systems — one round trip. */
export async function changeFormChoices(db: Database) {
  const [municipalities, installations] = await db.batch([
    db.select({ code: municipality.code, name: municipality.name }).from(municipality).orderBy(asc(municipality.name)),
    db.select({
      id: installation.id, municipality: installation.municipality,
      applicationName: aliased(application.name, 'application_name'), municipalityName: aliased(municipality.name, 'municipality_name'),
    }).from(installation)
      .innerJoin(application, eq(installation.applicationId, application.id))
      .innerJoin(municipality, eq(installation.municipality, municipality.code))
      .where(or(eq(installation.lifecycle, 'active'), eq(installation.lifecycle, 'planned'), eq(installation.lifecycle, 'retiring')))
      .orderBy(asc(municipality.name), asc(application.name)),
  ]);
  return { municipalities, installations };
}
export type ChangeFormChoices = Awaited<ReturnType<typeof changeFormChoices>>;

/**
 * Everything the calendar feed shows, read in one round trip together with the link's
 * check: an unknown or revoked token (or a deactivated account) gets nothing.
 */
export async function feedData(db: Database, tokenHash: string, range: { from: string; to: string }) {
  const [links, rules, rows, contracts] = await db.batch([
    db.select({ id: calendarLink.id }).from(calendarLink).innerJoin(user, eq(calendarLink.userId, user.id))
      .where(and(eq(calendarLink.tokenHash, tokenHash), isNull(calendarLink.revokedAt), eq(user.active, true))),
    rulesQuery(db),
    changeRows(db, and(lte(plannedChange.startsOn, range.to), or(gte(plannedChange.startsOn, range.from), gte(plannedChange.endsOn, range.from)))),
    db.select({
      installationId: installation.id, contractEnd: installation.contractEnd, noticeMonths: installation.noticeMonths,
      applicationName: aliased(application.name, 'application_name'), municipalityName: aliased(municipality.name, 'municipality_name'),
      vendor: product.vendor, productName: aliased(product.name, 'product_name'),
    }).from(installation)
      .innerJoin(application, eq(installation.applicationId, application.id))
      .innerJoin(municipality, eq(installation.municipality, municipality.code))
      .innerJoin(product, eq(installation.productId, product.id))
      .where(and(or(eq(installation.lifecycle, 'active'), eq(installation.lifecycle, 'retiring'), eq(installation.lifecycle, 'planned')), gte(installation.contractEnd, range.from))),
  ]);
  const definitions = rules.map(definition);
  return { linkId: links[0]?.id, rules: definitions, changes: rows.map((r) => toChange(r, definitions)), contracts };
}
