import { desc, eq } from 'drizzle-orm';
import * as v from 'valibot';
import { goal, goalAreas, goalTypes, strategy } from '../../schema/goals.ts';
import type { Actor, Database } from '../env.ts';
import { invalid, notFound, ok, type FieldIssue, type Outcome } from '../outcome.ts';
import { bool, fieldIssues, isoDate, requiredText, validate, versionField } from '../validation.ts';
import { insertAudited, onlyChanges, updateVersioned } from '../versioned.ts';
import { goalDefinition } from './definition.ts';
import { goalDetail, type GoalDetail } from './queries.ts';

/**
 * Administrators keep the goals: mark a milestone done, show a goal on the public page,
 * adjust its title, target, deadline or (computed goals) its definition. The definition is
 * validated with `goalDefinition` and refused per path ("definition.condition.level") with
 * nothing written. One versioned update with its audit event (entity `goal`).
 */
export const goalPatch = v.strictObject({
  version: versionField,
  title: v.optional(requiredText('Titeln', 500)),
  /** Milestones: the day it was done; null when it turns out not to be. */
  doneOn: v.optional(v.nullable(isoDate('Datumet då milstolpen blev klar'))),
  public: v.optional(bool('Offentlig')),
  target: v.optional(v.nullable(v.pipe(v.number('Målvärdet måste vara ett tal.'), v.finite('Målvärdet måste vara ett ändligt tal.')))),
  deadline: v.optional(v.nullable(isoDate('Slutdatum'))),
  /** Validated on its own below, so that each problem is reported at its own path. */
  definition: v.optional(v.unknown()),
}, 'Okänt fält.');

type GoalRow = typeof goal.$inferSelect;

/** The definition's own problems, each at `definition.<path>`. */
export function definitionIssues(definition: unknown): FieldIssue[] {
  if (definition === null || definition === undefined) return [{ path: 'definition', message: 'Ett beräknat mål måste ha en definition.' }];
  const parsed = v.safeParse(goalDefinition, definition);
  if (parsed.success) return [];
  return fieldIssues(parsed.issues).map((i) => ({ path: i.path ? `definition.${i.path}` : 'definition', message: i.message }));
}

/** What the goal's type allows: a definition only for computed goals, a done date only for milestones, a target that fits the unit. */
function typeIssues(row: GoalRow, patch: v.InferOutput<typeof goalPatch>, today: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (patch.definition !== undefined) {
    if (row.type !== 'computed') issues.push({ path: 'definition', message: 'Bara mål som beräknas ur registret har en definition.' });
    else issues.push(...definitionIssues(patch.definition));
  }
  if (patch.doneOn !== undefined && patch.doneOn !== null) {
    if (row.type !== 'milestone') issues.push({ path: 'doneOn', message: 'Bara milstolpar markeras som klara med ett datum.' });
    else if (patch.doneOn > today) issues.push({ path: 'doneOn', message: 'Datumet då milstolpen blev klar kan inte ligga i framtiden.' });
  }
  if (patch.target !== undefined) {
    if (row.type === 'milestone') {
      if (patch.target !== null) issues.push({ path: 'target', message: 'En milstolpe har inget målvärde: den är klar ett visst datum.' });
    } else if (patch.target === null) {
      issues.push({ path: 'target', message: 'Ange ett målvärde.' });
    } else if (row.unit === 'share' && (patch.target < 0 || patch.target > 1)) {
      issues.push({ path: 'target', message: 'Målvärdet för en andel anges som ett tal mellan 0 och 1, t.ex. 0.5 för 50 %.' });
    } else if (patch.target < 0) {
      issues.push({ path: 'target', message: 'Målvärdet får inte vara negativt.' });
    }
  }
  return issues;
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export async function updateGoal(db: Database, d1: D1Database, actor: Actor, id: number, input: unknown, today: string): Promise<Outcome<GoalDetail>> {
  const parsed = validate(goalPatch, input);
  const [row] = await db.select().from(goal).where(eq(goal.id, id));
  if (!row) return notFound('Målet finns inte.');
  // The definition's problems are reported together with the other fields'.
  if (!parsed.ok) {
    const definition = (input as { definition?: unknown } | null)?.definition;
    const extra = parsed.status === 400 && definition !== undefined && row.type === 'computed' && input !== null && typeof input === 'object'
      ? definitionIssues(definition) : [];
    return parsed.status === 400 ? invalid([...parsed.issues.filter((i) => !i.path.startsWith('definition')), ...extra]) : parsed;
  }
  const { version, definition, ...patch } = parsed.value;
  const issues = typeIssues(row, parsed.value, today);
  if (issues.length) return invalid(issues);

  const set = onlyChanges(row, patch) as Partial<GoalRow>;
  if (definition !== undefined && !sameJson(definition, row.definition)) set.definition = v.parse(goalDefinition, definition);
  const updated = await updateVersioned(db, actor, { table: goal, key: goal.id, id, entity: 'goal', before: row, version }, set);
  if (!updated.ok) return updated;
  return ok((await goalDetail(db, d1, id, today))!);
}

export const goalCreate = v.strictObject({
  strategyId: v.optional(v.pipe(v.number('Strategin anges med sitt id.'), v.integer('Strategin anges med sitt id.'))),
  key: v.optional(v.nullable(v.pipe(v.string('Nyckeln ska vara text.'), v.regex(/^[a-z0-9-]{2,60}$/, 'Nyckeln består av små bokstäver a–z, siffror och bindestreck.')))),
  title: requiredText('Titeln', 500),
  description: v.optional(v.pipe(v.string('Beskrivningen ska vara text.'), v.maxLength(4000, 'Beskrivningen får vara högst 4000 tecken.'))),
  area: v.picklist(goalAreas, 'Välj målområde: collaboration, applications, technical_platform, information_security, organisation, financing eller competence.'),
  type: v.picklist(goalTypes, 'Välj typ: computed, measured eller milestone.'),
  unit: v.picklist(['share', 'number', 'done'], 'Välj enhet: share, number eller done.'),
  target: v.optional(v.nullable(v.pipe(v.number('Målvärdet måste vara ett tal.'), v.finite('Målvärdet måste vara ett ändligt tal.')))),
  comparison: v.optional(v.picklist(['atLeast', 'above'], 'Jämförelsen är atLeast eller above.')),
  deadline: v.optional(v.nullable(isoDate('Slutdatum'))),
  public: v.optional(bool('Offentlig')),
  definition: v.optional(v.unknown()),
}, 'Okänt fält.');

/** A new goal in a strategy (the newest one unless named); a computed goal needs a valid definition. */
export async function createGoal(db: Database, d1: D1Database, actor: Actor, input: unknown, today: string): Promise<Outcome<GoalDetail>> {
  const parsed = validate(goalCreate, input);
  const definition = (input as { definition?: unknown } | null)?.definition;
  const type = (input as { type?: unknown } | null)?.type;
  const extra = type === 'computed' ? definitionIssues(definition) : definition !== undefined ? [{ path: 'definition', message: 'Bara mål som beräknas ur registret har en definition.' }] : [];
  if (!parsed.ok) return parsed.status === 400 ? invalid([...parsed.issues.filter((i) => !i.path.startsWith('definition')), ...extra]) : parsed;
  const g = parsed.value;
  const issues = [...extra];
  if (g.type === 'milestone' ? g.unit !== 'done' : g.unit === 'done') issues.push({ path: 'unit', message: 'En milstolpe har enheten done, andra mål share eller number.' });
  if (g.type !== 'milestone' && (g.target === undefined || g.target === null)) issues.push({ path: 'target', message: 'Ange ett målvärde.' });
  if (g.unit === 'share' && g.target != null && (g.target < 0 || g.target > 1)) issues.push({ path: 'target', message: 'Målvärdet för en andel anges som ett tal mellan 0 och 1, t.ex. 0.5 för 50 %.' });
  const [strategies, taken] = await db.batch([
    db.select({ id: strategy.id }).from(strategy).orderBy(desc(strategy.periodFrom)),
    db.select({ id: goal.id, strategyId: goal.strategyId }).from(goal).where(eq(goal.key, g.key ?? '')),
  ]);
  const strategyId = g.strategyId ?? strategies[0]?.id;
  if (strategyId === undefined || !strategies.some((s) => s.id === strategyId)) issues.push({ path: 'strategyId', message: 'Strategin finns inte.' });
  if (g.key && taken.some((t) => t.strategyId === strategyId)) issues.push({ path: 'key', message: `Strategin har redan ett mål med nyckeln ${g.key}.` });
  if (issues.length) return invalid(issues);
  const created = await insertAudited<{ id: number }>(db, actor, goal, 'goal', {
    strategyId, key: g.key ?? null, title: g.title, description: g.description ?? '', area: g.area, type: g.type, unit: g.unit,
    target: g.target ?? null, comparison: g.comparison ?? 'atLeast', deadline: g.deadline ?? null, public: g.public ?? false,
    definition: g.type === 'computed' ? v.parse(goalDefinition, definition) : null, sortOrder: 1000,
  });
  if (!created.ok) return created;
  return ok((await goalDetail(db, d1, created.value.id, today))!);
}

export const strategyCreate = v.strictObject({
  name: requiredText('Namnet', 200),
  periodFrom: isoDate('Periodens början'),
  periodTo: isoDate('Periodens slut'),
}, 'Okänt fält.');

/** A new strategy period; its goals are added with POST /api/v1/goals. */
export async function createStrategy(db: Database, actor: Actor, input: unknown): Promise<Outcome<typeof strategy.$inferSelect>> {
  const parsed = validate(strategyCreate, input);
  if (!parsed.ok) return parsed;
  if (parsed.value.periodTo < parsed.value.periodFrom) return invalid([{ path: 'periodTo', message: 'Perioden kan inte sluta innan den börjar.' }]);
  return insertAudited(db, actor, strategy, 'strategy', parsed.value);
}
