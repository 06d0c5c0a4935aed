import { sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { goalSnapshot } from '../../schema/goals.ts';
import { auditStatement } from '../audit/events.ts';
import type { Actor, Database } from '../env.ts';
import { goalBoard } from './queries.ts';

/**
 * History: every goal's value as it was on a day, the series behind trends and status.
 * The cron trigger (worker/index.ts `scheduled`) takes one a day; an administrator can take
 * one now. A second snapshot the same day replaces the first.
 */

/** Who writes the daily snapshot in the audit trail. */
export const scheduledActor = (requestId: string): Actor => ({
  name: 'schemalagd ögonblicksbild', requestId, role: null, userId: null, municipalities: [], via: 'none',
});

/** D1 binds at most 100 parameters per statement; a snapshot row has five. */
const rowsPerStatement = 20;

export type SnapshotTaken = { on: string; goals: number; replaced: number };

/**
 * Store every goal's current value (value, numerator, denominator) for `today`: one upsert
 * per 20 goals and one audit event (entity `goal_snapshot`, id = the day), in one batch.
 * Three round trips: the goals with their recent history, the computed figures, the write.
 */
export async function takeSnapshot(db: Database, d1: D1Database, today: string, actor: Actor = scheduledActor(`snapshot-${today}`)): Promise<SnapshotTaken> {
  const board = await goalBoard(db, d1, today);
  const rows = board.map((g) => ({ goalId: g.id, on: today, value: g.value, numerator: g.numerator, denominator: g.denominator }));
  // What today's earlier snapshot said, for the audit trail (goalBoard reads the last 90 days).
  const earlier = board.flatMap((g) => g.history.filter((h) => h.on === today).map((h) => ({ goalId: g.id, value: h.value })));
  const upserts: BatchItem<'sqlite'>[] = [];
  for (let i = 0; i < rows.length; i += rowsPerStatement) {
    upserts.push(db.insert(goalSnapshot).values(rows.slice(i, i + rowsPerStatement)).onConflictDoUpdate({
      target: [goalSnapshot.goalId, goalSnapshot.on],
      set: { value: sql`excluded.value`, numerator: sql`excluded.numerator`, denominator: sql`excluded.denominator` },
    }));
  }
  await db.batch([
    auditStatement(db, actor, {
      action: 'create', entity: 'goal_snapshot', entityId: today,
      before: earlier.length ? { on: today, goals: earlier } : null,
      after: { on: today, goals: rows.map(({ goalId, value, numerator, denominator }) => ({ goalId, value, numerator, denominator })) },
    }),
    ...upserts,
  ]);
  return { on: today, goals: rows.length, replaced: earlier.length };
}

/** Today as the cron trigger saw it (UTC; at 02:15 UTC it is the same day in Sweden). */
export const dayOf = (time: number | Date) => new Date(time).toISOString().slice(0, 10);
