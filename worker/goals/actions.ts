import { today } from '../clock.ts';
import { eq, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { actionItem, actionItemGoal, actionNote } from '../../schema/goals.ts';
import { auditStatement } from '../audit/events.ts';
import type { Actor, Database } from '../env.ts';
import { invalid, notFound, ok, staleVersion, type FieldIssue, type Outcome } from '../outcome.ts';
import { writeBatch } from '../store.ts';
import { validate } from '../validation.ts';
import { deleteVersioned, onlyChanges, updateVersioned } from '../versioned.ts';
import { actionCreate, actionPatch, noteCreate } from './action-plan.ts';
import { actionContext, findAction, type ActionDetail, type ActionRow } from './action-queries.ts';

/*
 * The action plan's commands, shared by the JSON API and the pages. The routes declare
 * `allow('admin')`: the IT directors' group keeps the plan. Every write goes in one batch
 * with its audit event; changes carry the version they were read at (409 when stale).
 */


/** The id of the activity inserted earlier in the same batch (the goal links' inserts move last_insert_rowid). */
const newActionId = sql`(SELECT seq FROM sqlite_sequence WHERE name = 'action_item')`;

const goalLinkRows = (db: Database, actionId: number | typeof newActionId, goalIds: number[]) =>
  goalIds.map((goalId) => db.insert(actionItemGoal).values({ actionId: actionId as number, goalId }));

const unique = (ids: number[]) => [...new Set(ids)].sort((a, b) => a - b);

/** The person and the goals must exist, and the goals belong to the activity's strategy. */
function referenceIssues(ctx: Awaited<ReturnType<typeof actionContext>>, strategyId: number, ownerId: number | null | undefined, goalIds: number[]): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (ownerId != null && !ctx.ownerExists) issues.push({ path: 'ownerId', message: 'Personen finns inte. Välj någon i personregistret, eller skriv gruppen som ansvarar.' });
  const found = new Map(ctx.goals.map((g) => [g.id, g]));
  const missing = goalIds.filter((g) => !found.has(g));
  if (missing.length) issues.push({ path: 'goalIds', message: `${missing.length === 1 ? 'Målet' : 'Målen'} med id ${missing.join(', ')} finns inte.` });
  const elsewhere = goalIds.map((g) => found.get(g)).filter((g) => g !== undefined && g.strategyId !== strategyId);
  if (elsewhere.length) issues.push({ path: 'goalIds', message: `Målet ”${elsewhere[0]!.title}” hör till en annan strategi än aktiviteten.` });
  return issues;
}

const stored = (a: ActionDetail): ActionRow & { goalIds: number[] } => ({
  id: a.id, strategyId: a.strategyId, title: a.title, description: a.description, due: a.due, ownerId: a.ownerId, ownerText: a.ownerText,
  status: a.status, version: a.version, createdAt: a.createdAt, updatedAt: a.updatedAt, goalIds: a.goalIds,
});

export async function createAction(db: Database, actor: Actor, input: unknown): Promise<Outcome<ActionDetail>> {
  const parsed = validate(actionCreate, input);
  if (!parsed.ok) return parsed;
  const { strategyId: requested, goalIds: rawGoals, ...values } = parsed.value;
  const goalIds = unique(rawGoals ?? []);
  const ctx = await actionContext(db, values.ownerId, goalIds);
  const strategyId = requested ?? ctx.strategies[0]?.id;
  if (strategyId === undefined) return invalid([{ path: 'strategyId', message: 'Det finns ingen strategi att lägga aktiviteten i. Lägg först in strategin.' }]);
  const issues: FieldIssue[] = [];
  if (!ctx.strategies.some((s) => s.id === strategyId)) issues.push({ path: 'strategyId', message: 'Strategin finns inte.' });
  issues.push(...referenceIssues(ctx, strategyId, values.ownerId, goalIds));
  if (issues.length) return invalid(issues);

  const row = {
    strategyId, title: values.title, description: values.description ?? '', due: values.due ?? null,
    ownerId: values.ownerId ?? null, ownerText: values.ownerText ?? '', status: values.status ?? 'planned',
  };
  const created = await writeBatch(db, [
    db.insert(actionItem).values(row).returning(),
    auditStatement(db, actor, { action: 'create', entity: 'action_item', after: { ...row, goalIds } }),
    ...goalLinkRows(db, newActionId, goalIds),
  ], (results) => (results[0] as ActionRow[])[0]!.id);
  if (!created.ok) return created;
  return ok((await findAction(db, created.value, today()))!);
}

export async function updateAction(db: Database, actor: Actor, id: number, input: unknown): Promise<Outcome<ActionDetail>> {
  const parsed = validate(actionPatch, input);
  if (!parsed.ok) return parsed;
  const { version, goalIds: rawGoals, ...patch } = parsed.value;
  const found = await findAction(db, id, today());
  if (!found) return notFound('Aktiviteten finns inte.');
  const before = stored(found);
  // A form posts every field; what counts (for the audit trail and the version) is what changes.
  const set = onlyChanges(before, patch) as Partial<ActionRow>;
  const goalIds = rawGoals === undefined ? undefined : unique(rawGoals);
  const goalsChange = goalIds !== undefined && goalIds.join() !== before.goalIds.join() ? goalIds : undefined;
  if (Object.keys(set).length === 0 && goalsChange === undefined) return version === before.version ? ok(found) : staleVersion();

  const ctx = await actionContext(db, set.ownerId, goalsChange ?? []);
  const issues = referenceIssues(ctx, before.strategyId, set.ownerId, goalsChange ?? []);
  if (issues.length) return invalid(issues);

  const follow: BatchItem<'sqlite'>[] = goalsChange
    ? [db.delete(actionItemGoal).where(eq(actionItemGoal.actionId, id)), ...goalLinkRows(db, id, goalsChange)]
    : [];
  const updated = await updateVersioned(db, actor,
    { table: actionItem, key: actionItem.id, id, entity: 'action_item', before, version },
    set, follow, goalsChange ? { goalIds: goalsChange } : {});
  if (!updated.ok) return updated;
  return ok((await findAction(db, id, today()))!);
}

/** Removes the activity with its goal links and notes; the audit event keeps them. */
export async function deleteAction(db: Database, actor: Actor, id: number, version?: number): Promise<Outcome<void>> {
  const found = await findAction(db, id, today());
  if (!found) return notFound('Aktiviteten finns inte.');
  return deleteVersioned(db, actor, {
    table: actionItem, key: actionItem.id, id, entity: 'action_item', before: { ...stored(found), notes: found.notes }, version,
  });
}

/** A progress note (lägesanteckning): dated, signed by the actor, audited. */
export async function addActionNote(db: Database, actor: Actor, actionId: number, input: unknown): Promise<Outcome<ActionDetail>> {
  const parsed = validate(noteCreate, input);
  if (!parsed.ok) return parsed;
  const [exists] = await db.select({ id: actionItem.id }).from(actionItem).where(eq(actionItem.id, actionId));
  if (!exists) return notFound('Aktiviteten finns inte.');
  const note = { actionId, on: parsed.value.on ?? today(), text: parsed.value.text, actor: actor.name };
  const written = await writeBatch(db, [
    db.insert(actionNote).values(note),
    auditStatement(db, actor, { action: 'create', entity: 'action_note', after: note }),
  ], () => undefined);
  if (!written.ok) return written;
  return ok((await findAction(db, actionId, today()))!);
}
