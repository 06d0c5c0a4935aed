import { eq } from 'drizzle-orm';
import * as v from 'valibot';
import { goal } from '../../schema/goals.ts';
import type { Actor, Database } from '../env.ts';
import { invalid, notFound, ok, type FieldIssue, type Outcome } from '../outcome.ts';
import { bool, fieldIssues, isoDate, requiredText, validate, versionField } from '../validation.ts';
import { onlyChanges, updateVersioned } from '../versioned.ts';
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
