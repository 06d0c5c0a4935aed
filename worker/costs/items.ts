import { eq } from 'drizzle-orm';
import { costItem } from '../../schema/costs.ts';
import type { Actor, Database } from '../env.ts';
import { invalid, notFound, ok, type FieldIssue, type Outcome } from '../outcome.ts';
import { validate } from '../validation.ts';
import { deleteVersioned, insertAudited, onlyChanges, updateVersioned } from '../versioned.ts';
import { itemCreate, itemPatch } from './cost-schemas.ts';
import { findItem, itemContext, type CostItem, type CostItemRow } from './cost-queries.ts';

type Refs = { keyId: number; collaborationId: number | null; subareaId: number | null; applicationId: number | null; participants?: string[] };

/**
 * Check an item's references; the participants it will have: the given ones, else the
 * collaboration's, else (a subarea's or a common cost) every member.
 */
async function resolve(db: Database, refs: Refs): Promise<Outcome<string[]>> {
  const issues: FieldIssue[] = [];
  if (refs.collaborationId !== null && refs.subareaId !== null) {
    issues.push({ path: 'subareaId', message: 'En kostnad hör till en samverkan, ett teknikområde eller alla – inte både samverkan och teknikområde.' });
    return invalid(issues);
  }
  const ctx = await itemContext(db, { ...refs, participants: refs.participants ?? [] });
  if (!ctx.keyExists) issues.push({ path: 'keyId', message: 'Fördelningsnyckeln finns inte.' });
  if (refs.collaborationId !== null && !ctx.collaborationExists) issues.push({ path: 'collaborationId', message: 'Samverkan finns inte.' });
  if (refs.subareaId !== null && !ctx.subareaExists) issues.push({ path: 'subareaId', message: 'Teknikområdet finns inte.' });
  if (refs.applicationId !== null && !ctx.applicationExists) issues.push({ path: 'applicationId', message: 'Applikationen finns inte.' });
  if (ctx.unknownParticipants.length) issues.push({ path: 'participants', message: `Det finns ingen kommun med koden ${ctx.unknownParticipants.join(', ')}.` });
  if (issues.length) return invalid(issues);
  const participants = refs.participants ?? (refs.collaborationId !== null ? ctx.collaborationParticipants : ctx.allMembers);
  if (participants.length === 0) {
    return invalid([{ path: 'participants', message: refs.collaborationId !== null ? 'Samverkan har inga deltagare; välj kommunerna.' : 'Det finns inga kommuner att fördela på.' }]);
  }
  return ok([...participants].sort());
}

export async function createItem(db: Database, actor: Actor, input: unknown): Promise<Outcome<CostItem>> {
  const parsed = validate(itemCreate, input);
  if (!parsed.ok) return parsed;
  const value = parsed.value;
  const refs = {
    keyId: value.keyId, collaborationId: value.collaborationId ?? null, subareaId: value.subareaId ?? null,
    applicationId: value.applicationId ?? null, participants: value.participants,
  };
  const participants = await resolve(db, refs);
  if (!participants.ok) return participants;
  const row = { ...value, ...refs, description: value.description ?? '', participants: participants.value };
  const created = await insertAudited<CostItemRow>(db, actor, costItem, 'cost_item', row);
  if (!created.ok) return created;
  return ok((await findItem(db, created.value.id))!);
}

export async function updateItem(db: Database, actor: Actor, id: number, input: unknown): Promise<Outcome<CostItem>> {
  const parsed = validate(itemPatch, input);
  if (!parsed.ok) return parsed;
  const { version, participants, ...patch } = parsed.value;
  const [before] = await db.select().from(costItem).where(eq(costItem.id, id));
  if (!before) return notFound('Kostnaden finns inte.');
  const merged = { ...before, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) } as CostItemRow;
  // A new link without participants given takes that link's default participants.
  const relinked = merged.collaborationId !== before.collaborationId || merged.subareaId !== before.subareaId;
  const resolved = await resolve(db, {
    keyId: merged.keyId, collaborationId: merged.collaborationId, subareaId: merged.subareaId, applicationId: merged.applicationId,
    participants: participants ?? (relinked ? undefined : before.participants),
  });
  if (!resolved.ok) return resolved;
  const set: Partial<CostItemRow> = onlyChanges(before, patch);
  if (resolved.value.join() !== before.participants.join()) set.participants = resolved.value;
  const updated = await updateVersioned(db, actor, { table: costItem, key: costItem.id, id, entity: 'cost_item', before, version }, set);
  if (!updated.ok) return updated;
  return ok((await findItem(db, id))!);
}

export async function deleteItem(db: Database, actor: Actor, id: number, version?: number): Promise<Outcome<void>> {
  const [before] = await db.select().from(costItem).where(eq(costItem.id, id));
  if (!before) return notFound('Kostnaden finns inte.');
  return deleteVersioned(db, actor, { table: costItem, key: costItem.id, id, entity: 'cost_item', before, version });
}
