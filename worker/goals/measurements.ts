import { and, asc, desc, eq } from 'drizzle-orm';
import * as v from 'valibot';
import { goal, goalMeasurement } from '../../schema/goals.ts';
import { auditStatement } from '../audit/events.ts';
import type { Actor, Database } from '../env.ts';
import { conflict, invalid, notFound, ok, staleVersion, type Outcome } from '../outcome.ts';
import { nextVersion, requireChange, writeBatch } from '../store.ts';
import { isoDate, text, validate, versionField } from '../validation.ts';

/**
 * Measured goals: a value entered per period (the period's last day, YYYY-MM-DD) with the
 * comment that explains it. One value per period: a second one for the same period is a
 * conflict unless it carries the version of the value it replaces.
 */
export const measurementInput = v.strictObject({
  period: isoDate('Perioden'),
  value: v.pipe(v.number('Värdet måste vara ett tal.'), v.finite('Värdet måste vara ett ändligt tal.')),
  comment: v.optional(text('Kommentaren', 2000)),
  /** The version of the period's value being replaced. */
  version: v.optional(versionField),
}, 'Okänt fält.');

export type Measurement = typeof goalMeasurement.$inferSelect;

/** Only what is entered is audited and returned. */
/** A measurement as its forms and the API show it (with id and version, for changing it). */
export const shown = ({ id, goalId, period, value, comment, actor, version }: Measurement) => ({ id, goalId, period, value, comment, actor, version });
export type MeasurementView = ReturnType<typeof shown>;

/** A value that fits the goal's unit: a share is a fraction 0–1, a quantity not negative. */
function valueIssue(unit: string, value: number): string | undefined {
  if (unit === 'share' && (value < 0 || value > 1)) return 'En andel anges som ett tal mellan 0 och 1, t.ex. 0.91 för 91 %.';
  if (value < 0) return 'Värdet får inte vara negativt.';
  return undefined;
}

/** A goal's measurements, newest period first, with the versions a replacement needs. */
export async function measurementsOf(db: Database, goalId: number): Promise<MeasurementView[]> {
  const rows = await db.select().from(goalMeasurement).where(eq(goalMeasurement.goalId, goalId)).orderBy(desc(goalMeasurement.period));
  return rows.map(shown);
}

export type MeasurementSaved = { measurement: MeasurementView; created: boolean };

/**
 * Add a measured goal's value for a period, or replace the period's value when the input
 * carries its version. The write and its audit event (entity `goal`, the goal's id) go in
 * one batch.
 */
export async function addMeasurement(db: Database, actor: Actor, goalId: number, input: unknown): Promise<Outcome<MeasurementSaved>> {
  const parsed = validate(measurementInput, input);
  if (!parsed.ok) return parsed;
  const { period, value, comment, version } = parsed.value;
  const [[found], [existing]] = await db.batch([
    db.select({ id: goal.id, type: goal.type, unit: goal.unit, title: goal.title }).from(goal).where(eq(goal.id, goalId)),
    db.select().from(goalMeasurement)
      .where(and(eq(goalMeasurement.goalId, goalId), eq(goalMeasurement.period, period))).orderBy(asc(goalMeasurement.id)),
  ]);
  if (!found) return notFound('Målet finns inte.');
  if (found.type !== 'measured') {
    return invalid([], found.type === 'computed'
      ? 'Målet beräknas ur registret och tar inga inmatade värden.'
      : 'Målet är en milstolpe: markera den som klar med ett datum i stället för att mata in värden.');
  }
  const issue = valueIssue(found.unit, value);
  if (issue) return invalid([{ path: 'value', message: issue }]);

  const row = { period, value, comment: comment ?? '' };
  if (!existing) {
    if (version !== undefined) return invalid([{ path: 'version', message: `Det finns inget värde för perioden ${period} att ersätta. Skicka utan version för att lägga till ett.` }]);
    const created = await writeBatch(db, [
      db.insert(goalMeasurement).values({ goalId, ...row, actor: actor.name }).returning(),
      auditStatement(db, actor, { action: 'update', entity: 'goal', entityId: goalId, before: { measurement: null }, after: { measurement: row } }),
    ], (results) => (results[0] as Measurement[])[0]!);
    if (!created.ok) {
      return created.status === 409 ? conflict(`Det finns redan ett värde för perioden ${period}. Läs in det och skicka med dess version för att ersätta det.`) : created;
    }
    return ok({ measurement: shown(created.value), created: true });
  }

  if (version === undefined) {
    return conflict(`Det finns redan ett värde för perioden ${period} (version ${existing.version}). Skicka med dess version för att ersätta det.`);
  }
  if (version !== existing.version) return staleVersion();
  const replaced = await writeBatch(db, [
    db.update(goalMeasurement).set({ ...row, actor: actor.name, ...nextVersion(goalMeasurement.version) })
      .where(and(eq(goalMeasurement.id, existing.id), eq(goalMeasurement.version, existing.version))).returning(),
    requireChange(db),
    auditStatement(db, actor, {
      action: 'update', entity: 'goal', entityId: goalId,
      before: { measurement: { period: existing.period, value: existing.value, comment: existing.comment } }, after: { measurement: row },
    }),
  ], (results) => (results[0] as Measurement[])[0]!);
  return replaced.ok ? ok({ measurement: shown(replaced.value), created: false }) : replaced;
}

