import { asc, desc, eq, gte } from 'drizzle-orm';
import * as v from 'valibot';
import { goal, goalMeasurement, goalSnapshot, strategy } from '../../schema/goals.ts';
import type { Database } from '../env.ts';
import { goalDefinition, type GoalDefinition } from './definition.ts';
import { breakdownQuery, evaluation, figuresQuery, membersQuery, runAll, type Evaluation } from './engine.ts';
import { goalStatus, type GoalStatus } from './status.ts';
import { underScenario, type WhatIf } from './what-if.ts';

type GoalRow = typeof goal.$inferSelect;

const ninetyDaysBefore = (today: string) => new Date(Date.parse(`${today}T00:00:00Z`) - 90 * 86_400_000).toISOString().slice(0, 10);

/** A stored definition that no longer validates is shown as unevaluated, not as a crash. */
const definitionOf = (row: GoalRow): GoalDefinition | undefined => {
  const parsed = v.safeParse(goalDefinition, row.definition);
  return parsed.success ? parsed.output : undefined;
};

export type GoalView = Pick<GoalRow, 'id' | 'key' | 'title' | 'description' | 'area' | 'type' | 'unit' | 'target' | 'comparison' | 'deadline' | 'doneOn' | 'public' | 'version'> & {
  strategy: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  status: GoalStatus;
  subareas?: Evaluation['subareas'];
  history: { on: string; value: number | null }[];
};

/**
 * Every goal with its value now — computed goals evaluated in SQL — and its status. Two
 * round trips: the goals with their recent history, then all computed figures at once.
 */
export async function goalBoard(db: Database, d1: D1Database, today: string, onlyPublic = false): Promise<GoalView[]> {
  const since = ninetyDaysBefore(today);
  const [goals, strategies, measurements, snapshots] = await db.batch([
    db.select().from(goal).where(onlyPublic ? eq(goal.public, true) : undefined).orderBy(asc(goal.sortOrder), asc(goal.id)),
    db.select().from(strategy),
    db.select().from(goalMeasurement).orderBy(desc(goalMeasurement.period)),
    db.select().from(goalSnapshot).where(gte(goalSnapshot.on, since)).orderBy(asc(goalSnapshot.on)),
  ]);
  const computed = goals.map((g) => ({ g, def: g.type === 'computed' ? definitionOf(g) : undefined })).filter((x) => x.def);
  const figures = await runAll<{ subarea_id: number | null; subarea_name: string | null; numerator: number; denominator: number }>(d1, computed.map((x) => figuresQuery(x.def!)));
  const evaluated = new Map(computed.map((x, i) => [x.g.id, evaluation(x.def!, figures[i]!)]));
  return goals.map((g) => view(g, strategies.find((s) => s.id === g.strategyId), evaluated.get(g.id), measurements.filter((m) => m.goalId === g.id), snapshots.filter((s) => s.goalId === g.id), today));
}

function view(
  g: GoalRow, s: typeof strategy.$inferSelect | undefined, evaluated: Evaluation | undefined,
  measurements: (typeof goalMeasurement.$inferSelect)[], snapshots: { on: string; value: number | null }[], today: string,
): GoalView {
  // Only computed goals have a numerator and denominator; measured goals show their latest value.
  const none = { numerator: null, denominator: null };
  const figures: { value: number | null; numerator: number | null; denominator: number | null } = g.type === 'computed'
    ? evaluated ?? { value: null, ...none }
    : g.type === 'measured'
      ? { value: measurements[0]?.value ?? null, ...none }
      : { value: g.doneOn ? 1 : 0, ...none };
  const history = snapshots.map((h) => ({ on: h.on, value: h.value }));
  return {
    id: g.id, key: g.key, title: g.title, description: g.description, area: g.area, type: g.type, unit: g.unit, target: g.target,
    comparison: g.comparison, deadline: g.deadline, doneOn: g.doneOn, public: g.public, version: g.version,
    strategy: s?.name ?? '',
    value: figures.value, numerator: figures.numerator, denominator: figures.denominator,
    subareas: evaluated?.subareas,
    status: goalStatus({ type: g.type, value: figures.value, target: g.target, comparison: g.comparison, deadline: g.deadline, doneOn: g.doneOn, start: s?.periodFrom ?? today, today, history }),
    history,
  };
}

export type Member = { id: number; name: string; ok: number; w?: number; municipality?: string; subarea_name?: string | null };
export type BreakdownRow = { code: string; name: string; numerator: number; denominator: number };

/** One goal with the "why": who is in the population and who counts, the same per member, the whole history. */
export async function goalDetail(db: Database, d1: D1Database, id: number, today: string) {
  const [[g], strategies, measurements, snapshots] = await db.batch([
    db.select().from(goal).where(eq(goal.id, id)),
    db.select().from(strategy),
    db.select().from(goalMeasurement).where(eq(goalMeasurement.goalId, id)).orderBy(desc(goalMeasurement.period)),
    db.select().from(goalSnapshot).where(eq(goalSnapshot.goalId, id)).orderBy(asc(goalSnapshot.on)),
  ]);
  if (!g) return undefined;
  const def = g.type === 'computed' ? definitionOf(g) : undefined;
  const [figures, members, breakdown] = def
    ? await runAll(d1, [figuresQuery(def), membersQuery(def), breakdownQuery(def)])
    : [[], [], []];
  const evaluated = def ? evaluation(def, figures as never) : undefined;
  const goalView = view(g, strategies.find((s) => s.id === g.strategyId), evaluated, measurements, snapshots, today);
  return {
    ...goalView,
    definition: def ?? null,
    members: (members as Member[]).map((m) => ({ ...m, ok: Boolean(m.ok) })),
    breakdown: (breakdown as BreakdownRow[]).map((b) => ({ ...b, value: b.denominator > 0 ? b.numerator / b.denominator : null })),
    measurements: measurements.map(({ period, value, comment, actor }) => ({ period, value, comment, actor })),
    fullHistory: snapshots.map(({ on, value }) => ({ on, value })),
  };
}
export type GoalDetail = NonNullable<Awaited<ReturnType<typeof goalDetail>>>;

export type WhatIfRow = {
  id: number; key: string | null; title: string; area: GoalRow['area']; unit: GoalRow['unit']; target: number | null; comparison: GoalRow['comparison'];
  before: Evaluation; after: Evaluation;
};

/** Every computed goal now and as if the scenario were true — both in one D1 round trip, nothing written. */
export async function whatIfGoals(db: Database, d1: D1Database, scenario: WhatIf): Promise<WhatIfRow[]> {
  const goals = (await db.select().from(goal).where(eq(goal.type, 'computed')).orderBy(asc(goal.sortOrder), asc(goal.id)))
    .map((g) => ({ g, def: definitionOf(g) })).filter((x): x is { g: GoalRow; def: GoalDefinition } => x.def !== undefined);
  type Row = { subarea_id: number | null; subarea_name: string | null; numerator: number; denominator: number };
  const results = await runAll<Row>(d1, goals.flatMap((x) => [figuresQuery(x.def), underScenario(scenario, figuresQuery(x.def))]));
  return goals.map(({ g, def }, i) => ({
    id: g.id, key: g.key, title: g.title, area: g.area, unit: g.unit, target: g.target, comparison: g.comparison,
    before: evaluation(def, results[2 * i]!), after: evaluation(def, results[2 * i + 1]!),
  }));
}
