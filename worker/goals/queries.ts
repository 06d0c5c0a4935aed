import { asc, desc, eq, gte, sql, type SQL } from 'drizzle-orm';
import * as v from 'valibot';
import { goal, goalMeasurement, goalSnapshot, strategy } from '../../schema/goals.ts';
import type { Database } from '../env.ts';
import { goalDefinition, type GoalDefinition } from './definition.ts';
import { breakdownQuery, evaluation, figuresQuery, memberCounts, membersQuery, runAll, type Evaluation, type FiguresRow, type Query } from './engine.ts';
import { goalStatus, type GoalStatus } from './status.ts';
import { underScenario, type WhatIf } from './what-if.ts';
import { shown as shownMeasurement } from './measurements.ts';

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
 * Per isolate: each computed goal's definition as last read. The next request sends the SQL
 * compiled from it in the same batch as the goal rows themselves, and takes those figures
 * only for goals whose definition read in that very batch is the same; a goal that is new
 * or changed is evaluated in a second round trip (an isolate's first request, the one after
 * a definition changes). The register is always read fresh: only the SQL text is reused.
 */
const known = new Map<number, { json: string; def: GoalDefinition; public: boolean }>();

/** The computed goals among `rows` with their valid definitions, remembered for the next request. */
function remember(rows: GoalRow[], complete: boolean) {
  const computed: { g: GoalRow; def: GoalDefinition; json: string }[] = [];
  for (const g of rows) {
    const def = g.type === 'computed' ? definitionOf(g) : undefined;
    if (!def) { known.delete(g.id); continue; }
    const json = JSON.stringify(g.definition);
    known.set(g.id, { json, def, public: g.public });
    computed.push({ g, def, json });
  }
  if (complete) {
    const read = new Set(rows.map((g) => g.id));
    for (const id of known.keys()) if (!read.has(id)) known.delete(id);
  }
  return computed;
}

/**
 * A `Query` as a drizzle select from it, so it goes in the same `db.batch` as the typed
 * selects (drizzle's D1 batch cannot bind a raw statement's parameters). The subquery's own
 * ORDER BY gives the order: SQLite reads a FROM subquery in its order when the outer select
 * neither sorts, groups nor joins.
 */
function statement<T extends Record<string, SQL>>(db: Database, q: Query, columns: T) {
  const [head, ...rest] = q.text.split('?');
  return db.select(columns).from(sql.join([sql.raw(`(${head!}`), ...rest.flatMap((part, i) => [sql`${q.params[i]}`, sql.raw(part)]), sql.raw(')')]));
}

const column = <T>(name: string) => sql<T>`${sql.raw(name)}`;
const figuresColumns = {
  subarea_id: column<number | null>('subarea_id'), subarea_name: column<string | null>('subarea_name'),
  numerator: column<number>('numerator'), denominator: column<number>('denominator'), members: column<number>('members'), counted: column<number>('counted'),
};
const breakdownColumns = { code: column<string>('code'), name: column<string>('name'), numerator: column<number>('numerator'), denominator: column<number>('denominator') };
const memberColumns = (def: GoalDefinition) => ({
  id: column<number>('id'), name: column<string>('name'), ok: column<number>('ok'),
  ...(def.population === 'applications'
    ? { subarea_id: column<number | null>('subarea_id'), subarea_name: column<string | null>('subarea_name') }
    : { municipality: column<string>('municipality'), municipality_name: column<string>('municipality_name'), w: column<number>('w') }),
});

/**
 * Every goal with its value now — computed goals evaluated in SQL — and its status. One
 * round trip: the goals with their recent history and every computed goal's figures (see
 * `known`; a second only for a goal this isolate has not seen as it is now).
 */
export async function goalBoard(db: Database, d1: D1Database, today: string, onlyPublic = false): Promise<GoalView[]> {
  const since = ninetyDaysBefore(today);
  const guessed = [...known].filter(([, k]) => !onlyPublic || k.public);
  const [goals, strategies, measurements, snapshots, ...guessedFigures] = await db.batch([
    db.select().from(goal).where(onlyPublic ? eq(goal.public, true) : undefined).orderBy(asc(goal.sortOrder), asc(goal.id)),
    db.select().from(strategy),
    db.select().from(goalMeasurement).orderBy(desc(goalMeasurement.period)),
    db.select().from(goalSnapshot).where(gte(goalSnapshot.on, since)).orderBy(asc(goalSnapshot.on)),
    ...guessed.map(([, k]) => statement(db, figuresQuery(k.def), figuresColumns)),
  ]);
  const sent = new Map(guessed.map(([id, k], i) => [id, { json: k.json, rows: guessedFigures[i] as FiguresRow[] }]));
  if (onlyPublic) for (const [id, k] of known) if (!goals.some((g) => g.id === id)) k.public = false;
  const computed = remember(goals, !onlyPublic);
  const missing = computed.filter((x) => sent.get(x.g.id)?.json !== x.json);
  const late = await runAll<FiguresRow>(d1, missing.map((x) => figuresQuery(x.def)));
  const figures = new Map([...sent].map(([id, s]) => [id, s.rows]));
  missing.forEach((x, i) => figures.set(x.g.id, late[i]!));
  const evaluated = new Map(computed.map((x) => [x.g.id, evaluation(x.def, figures.get(x.g.id)!)]));
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

/**
 * A goal's queries for its page: the figures, the per-member breakdown, and who is in the
 * population — all of them, or the first `limit` that count and the first `limit` that do not.
 */
function detailQueries(def: GoalDefinition, limit: number | undefined): Query[] {
  const members = limit === undefined ? [membersQuery(def)] : [membersQuery(def, { ok: true, limit }), membersQuery(def, { ok: false, limit })];
  return [figuresQuery(def), breakdownQuery(def), ...members];
}

const detailStatements = (db: Database, def: GoalDefinition, limit: number | undefined) =>
  detailQueries(def, limit).map((q, i) => statement(db, q, i === 0 ? figuresColumns : i === 1 ? breakdownColumns : memberColumns(def)));

/**
 * One goal with the "why": who is in the population and who counts, the same per member, the
 * whole history. One round trip (see `known`). `members` caps each of the two member lists
 * ("counts", "does not count"); `memberCounts` says how many there are in all.
 */
export async function goalDetail(db: Database, d1: D1Database, id: number, today: string, options: { members?: number; measurementRecords?: boolean } = {}) {
  const guessed = known.get(id);
  const [[g], strategies, measurements, snapshots, ...guessedRows] = await db.batch([
    db.select().from(goal).where(eq(goal.id, id)),
    db.select().from(strategy),
    db.select().from(goalMeasurement).where(eq(goalMeasurement.goalId, id)).orderBy(desc(goalMeasurement.period)),
    db.select().from(goalSnapshot).where(eq(goalSnapshot.goalId, id)).orderBy(asc(goalSnapshot.on)),
    ...(guessed ? detailStatements(db, guessed.def, options.members) : []),
  ]);
  if (!g) { known.delete(id); return undefined; }
  const [computed] = remember([g], false);
  const def = computed?.def;
  const [figures = [], breakdown = [], ...members] = !computed ? []
    : guessed?.json === computed.json ? guessedRows as Record<string, unknown>[][]
    : await runAll(d1, detailQueries(computed.def, options.members));
  const evaluated = def ? evaluation(def, figures as FiguresRow[]) : undefined;
  const goalView = view(g, strategies.find((s) => s.id === g.strategyId), evaluated, measurements, snapshots, today);
  return {
    ...goalView,
    definition: def ?? null,
    members: (members.flat() as Member[]).map((m) => ({ ...m, ok: Boolean(m.ok) })),
    memberCounts: memberCounts(figures as FiguresRow[]),
    breakdown: (breakdown as BreakdownRow[]).map((b) => ({ ...b, value: b.denominator > 0 ? b.numerator / b.denominator : null })),
    measurements: measurements.map(({ period, value, comment, actor }) => ({ period, value, comment, actor })),
    fullHistory: snapshots.map(({ on, value }) => ({ on, value })),
    // The admin page edits measurements: it needs their ids and versions, read in this same batch.
    ...(options.measurementRecords ? { measurementRecords: measurements.map(shownMeasurement) } : {}),
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
  const results = await runAll<FiguresRow>(d1, goals.flatMap((x) => [figuresQuery(x.def), underScenario(scenario, figuresQuery(x.def))]));
  return goals.map(({ g, def }, i) => ({
    id: g.id, key: g.key, title: g.title, area: g.area, unit: g.unit, target: g.target, comparison: g.comparison,
    before: evaluation(def, results[2 * i]!), after: evaluation(def, results[2 * i + 1]!),
  }));
}
