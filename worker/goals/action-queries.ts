import { asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import { person } from '../../schema/collaboration.ts';
import { actionItem, actionItemGoal, actionNote, goal, strategy } from '../../schema/goals.ts';
import type { Database } from '../env.ts';
import { aliased } from '../store.ts';
import { byDue, dueEnd, isOverdue } from './action-plan.ts';

export type ActionRow = typeof actionItem.$inferSelect;
export type ActionNoteRow = typeof actionNote.$inferSelect;

/**
 * The activity with its owner's and strategy's names. Both names are called `name` in SQL,
 * so they are aliased: a `db.batch` returns rows keyed by column name.
 */
const actionRows = (db: Database, where: SQL | undefined) =>
  db.select({
    action: actionItem,
    ownerName: aliased(person.name, 'owner_name'),
    strategyName: aliased(strategy.name, 'strategy_name'),
  }).from(actionItem)
    .innerJoin(strategy, eq(actionItem.strategyId, strategy.id))
    .leftJoin(person, eq(actionItem.ownerId, person.id))
    .where(where);

const goalLinks = (db: Database, where: SQL | undefined) =>
  db.select({ actionId: actionItemGoal.actionId, goalId: actionItemGoal.goalId, key: goal.key, title: goal.title, sortOrder: goal.sortOrder })
    .from(actionItemGoal)
    .innerJoin(goal, eq(actionItemGoal.goalId, goal.id))
    .innerJoin(actionItem, eq(actionItemGoal.actionId, actionItem.id))
    .where(where)
    .orderBy(asc(goal.sortOrder), asc(goal.id));

/**
 * Each activity's latest note (by day, then by entry). Written out with the table's name,
 * since drizzle leaves columns unqualified in a one-table select and the subquery would
 * otherwise compare its own column with itself.
 */
const latestNotes = (db: Database, strategyId?: number) =>
  db.select().from(actionNote).where(sql.raw(`"action_note"."id" = (SELECT m.id FROM "action_note" m WHERE m.action_id = "action_note"."action_id" ORDER BY m."on" DESC, m.id DESC LIMIT 1)`
    + (strategyId === undefined ? '' : ` AND "action_note"."action_id" IN (SELECT a.id FROM "action_item" a WHERE a.strategy_id = ${Number(strategyId)})`)));

type Row = Awaited<ReturnType<typeof actionRows>>[number];
type Link = Awaited<ReturnType<typeof goalLinks>>[number];

const noteJson = (n: ActionNoteRow) => ({ id: n.id, on: n.on, text: n.text, actor: n.actor });
export type ActionNote = ReturnType<typeof noteJson>;

/** The API's shape: the activity, its owner, linked goals, latest note and whether it is overdue. */
function assemble(row: Row, links: Link[], latest: ActionNoteRow | undefined, today: string) {
  const a = row.action;
  const goals = links.filter((l) => l.actionId === a.id).map((l) => ({ id: l.goalId, key: l.key, title: l.title }));
  return {
    ...a,
    strategyName: row.strategyName,
    /** The last day it should be done by: a quarter's last day, or the date. */
    dueEnd: dueEnd(a.due),
    owner: a.ownerId === null ? null : { id: a.ownerId, name: row.ownerName ?? '' },
    goalIds: goals.map((g) => g.id),
    goals,
    latestNote: latest ? noteJson(latest) : null,
    overdue: isOverdue(a, today),
  };
}

export type Action = ReturnType<typeof assemble>;

/** Every activity (of one strategy, if given), sorted by due — one round trip. */
export async function listActions(db: Database, today: string, filter: { strategy?: number } = {}): Promise<Action[]> {
  const where = filter.strategy === undefined ? undefined : eq(actionItem.strategyId, filter.strategy);
  const [rows, links, notes] = await db.batch([actionRows(db, where), goalLinks(db, where), latestNotes(db, filter.strategy)]);
  const latest = new Map(notes.map((n) => [n.actionId, n]));
  return rows.map((row) => assemble(row, links, latest.get(row.action.id), today)).sort(byDue);
}

/** One activity with all its notes, newest first — one round trip. */
export async function findAction(db: Database, id: number, today: string) {
  const [rows, links, notes] = await db.batch([
    actionRows(db, eq(actionItem.id, id)),
    goalLinks(db, eq(actionItemGoal.actionId, id)),
    db.select().from(actionNote).where(eq(actionNote.actionId, id)).orderBy(desc(actionNote.on), desc(actionNote.id)),
  ]);
  const row = rows[0];
  return row && { ...assemble(row, links, notes[0], today), notes: notes.map(noteJson) };
}
export type ActionDetail = NonNullable<Awaited<ReturnType<typeof findAction>>>;

/** What a change is checked against: the strategies, the named person, the named goals — one round trip. */
export async function actionContext(db: Database, ownerId: number | null | undefined, goalIds: number[]) {
  const [strategies, owner, goals] = await db.batch([
    db.select({ id: strategy.id, name: strategy.name }).from(strategy).orderBy(desc(strategy.id)),
    db.select({ id: person.id }).from(person).where(eq(person.id, ownerId ?? 0)),
    db.select({ id: goal.id, strategyId: goal.strategyId, title: goal.title }).from(goal)
      .where(sql`${goal.id} IN (SELECT value FROM json_each(${JSON.stringify(goalIds)}))`),
  ]);
  return { strategies, ownerExists: owner.length > 0, goals };
}

/** What the form chooses from: people and the goals of every strategy — one round trip. */
export async function actionFormChoices(db: Database) {
  const [people, goals, strategies] = await db.batch([
    db.select({ id: person.id, name: person.name, title: person.title }).from(person),
    db.select({ id: goal.id, strategyId: goal.strategyId, title: goal.title, sortOrder: goal.sortOrder }).from(goal).orderBy(asc(goal.sortOrder), asc(goal.id)),
    db.select({ id: strategy.id, name: strategy.name }).from(strategy).orderBy(desc(strategy.id)),
  ]);
  return {
    people: people.sort((a, b) => a.name.localeCompare(b.name, 'sv')),
    goals,
    strategies,
  };
}
export type ActionFormChoices = Awaited<ReturnType<typeof actionFormChoices>>;
