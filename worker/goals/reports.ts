import { desc, eq } from 'drizzle-orm';
import * as v from 'valibot';
import { goalAreas, statusReport, strategy } from '../../schema/goals.ts';
import type { Actor, Database } from '../env.ts';
import { conflict, notFound, type Outcome } from '../outcome.ts';
import { isoDate, requiredText, text, validate, versionField } from '../validation.ts';
import { insertAudited, updateVersioned } from '../versioned.ts';
import { listActions } from './action-queries.ts';
import { goalBoard, type GoalView } from './queries.ts';

/**
 * A status report (lägesrapport) to management, twice a year. Its goals, trends and action
 * plan are copied into the report when it is made, so a report from June stays as it was;
 * the analysis per goal area can be written until the report is issued.
 */
const analysis = v.optional(v.strictObject(Object.fromEntries(goalAreas.map((a) => [a, v.optional(text('Analys', 8000))])) as Record<(typeof goalAreas)[number], v.OptionalSchema<ReturnType<typeof text>, undefined>>, 'Okänt område.'));

export const reportCreate = v.strictObject({
  reportDate: isoDate('Rapportdatum'),
  title: requiredText('Rubrik', 200),
  analysis,
}, 'Okänt fält.');

export const reportPatch = v.strictObject({
  version: versionField,
  title: v.optional(requiredText('Rubrik', 200)),
  analysis,
  /** Issuing locks the report for good. */
  issued: v.optional(v.literal(true, 'Ange issued: true för att utfärda rapporten.')),
}, 'Okänt fält.');

export type ReportContent = {
  strategy: string;
  goals: Pick<GoalView, 'id' | 'key' | 'title' | 'area' | 'type' | 'unit' | 'value' | 'target' | 'comparison' | 'deadline' | 'status' | 'numerator' | 'denominator' | 'history'>[];
  actions: { title: string; due: string | null; status: string; overdue: boolean; owner: string | null; latestNote: string | null }[];
};

/** The goals and the action plan as they are now, to be frozen into a report. */
export async function reportContent(db: Database, d1: D1Database, today: string): Promise<ReportContent> {
  const [goals, actions, [current]] = await Promise.all([
    goalBoard(db, d1, today),
    listActions(db, today),
    db.select().from(strategy).orderBy(desc(strategy.periodFrom)).limit(1),
  ]);
  return {
    strategy: current?.name ?? '',
    goals: goals.map(({ id, key, title, area, type, unit, value, target, comparison, deadline, status, numerator, denominator, history }) =>
      ({ id, key, title, area, type, unit, value, target, comparison, deadline, status, numerator, denominator, history })),
    actions: actions.map((a) => ({ title: a.title, due: a.due, status: a.status, overdue: a.overdue, owner: a.owner?.name ?? (a.ownerText || null), latestNote: a.latestNote?.text ?? null })),
  };
}

export type Report = Omit<typeof statusReport.$inferSelect, 'content' | 'analysis'> & { content: ReportContent; analysis: Partial<Record<(typeof goalAreas)[number], string>> };

export async function createReport(db: Database, d1: D1Database, actor: Actor, input: unknown, today: string): Promise<Outcome<Report>> {
  const parsed = validate(reportCreate, input);
  if (!parsed.ok) return parsed;
  const [current] = await db.select().from(strategy).orderBy(desc(strategy.periodFrom)).limit(1);
  if (!current) return { ok: false, status: 400, error: 'Det finns ingen strategi att rapportera om.', issues: [] };
  const content = await reportContent(db, d1, today);
  return insertAudited<Report>(db, actor, statusReport, 'status_report', {
    strategyId: current.id, reportDate: parsed.value.reportDate, title: parsed.value.title, content, analysis: parsed.value.analysis ?? {},
  });
}

export async function updateReport(db: Database, actor: Actor, id: number, input: unknown): Promise<Outcome<Report>> {
  const parsed = validate(reportPatch, input);
  if (!parsed.ok) return parsed;
  const [before] = await db.select().from(statusReport).where(eq(statusReport.id, id));
  if (!before) return notFound('Rapporten finns inte.');
  if (before.issuedAt) return conflict('Rapporten är utfärdad och kan inte ändras längre.');
  const { version, issued, analysis: text, title } = parsed.value;
  const set = {
    ...(title === undefined ? {} : { title }),
    ...(text === undefined ? {} : { analysis: { ...(before.analysis as object), ...text } }),
    ...(issued ? { issuedAt: new Date().toISOString() } : {}),
  };
  return updateVersioned(db, actor, { table: statusReport, key: statusReport.id, id, entity: 'status_report', before, version }, set) as Promise<Outcome<Report>>;
}

export const listReports = (db: Database) =>
  db.select({ id: statusReport.id, reportDate: statusReport.reportDate, title: statusReport.title, issuedAt: statusReport.issuedAt })
    .from(statusReport).orderBy(desc(statusReport.reportDate), desc(statusReport.id));

export async function findReport(db: Database, id: number): Promise<Report | undefined> {
  return (await db.select().from(statusReport).where(eq(statusReport.id, id)))[0] as Report | undefined;
}

