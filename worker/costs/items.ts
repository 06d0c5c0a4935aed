import { eq } from 'drizzle-orm';
import { costItem, type CostCategory } from '../../schema/costs.ts';
import type { Actor, Database } from '../env.ts';
import { conflict, invalid, notFound, ok, type FieldIssue, type Outcome } from '../outcome.ts';
import { validate } from '../validation.ts';
import { deleteVersioned, insertAudited, onlyChanges, updateVersioned } from '../versioned.ts';
import { itemCreate, itemPatch } from './cost-schemas.ts';
import { findItem, itemContext, type CostItem, type CostItemRow } from './cost-queries.ts';
import { closedYearMessage, requireOpenYears } from './years.ts';

type Refs = {
  keyId: number | null; collaborationId: number | null; subareaId: number | null; applicationId: number | null;
  participants?: string[]; category: CostCategory; amountOre: number; beneficiaryCode: string | null;
  /** The years the write touches: the item's year, and its old year when it moves. */
  years: number[];
};

type Resolved = { participants: string[]; keyId: number };

/**
 * Check an item's references and rules; what it will have: the participants given, else the
 * collaboration's, else (a subarea's or a common cost) every member; the key given, else the
 * collaboration's agreed key. A closed year refuses (409).
 */
async function resolve(db: Database, refs: Refs): Promise<Outcome<Resolved>> {
  const issues: FieldIssue[] = [];
  if (refs.collaborationId !== null && refs.subareaId !== null) {
    issues.push({ path: 'subareaId', message: 'En kostnad hör till en samverkan, ett teknikområde eller alla – inte både samverkan och teknikområde.' });
    return invalid(issues);
  }
  const ctx = await itemContext(db, { ...refs, participants: refs.participants ?? [] });
  if (ctx.closedYears.length) return conflict(closedYearMessage(ctx.closedYears[0]!));
  if (refs.keyId !== null && !ctx.keyExists) issues.push({ path: 'keyId', message: 'Fördelningsnyckeln finns inte.' });
  if (refs.collaborationId !== null && !ctx.collaborationExists) issues.push({ path: 'collaborationId', message: 'Samverkan finns inte.' });
  if (refs.subareaId !== null && !ctx.subareaExists) issues.push({ path: 'subareaId', message: 'Teknikområdet finns inte.' });
  if (refs.applicationId !== null && !ctx.applicationExists) issues.push({ path: 'applicationId', message: 'Applikationen finns inte.' });
  if (ctx.unknownParticipants.length) issues.push({ path: 'participants', message: `Det finns ingen kommun med koden ${ctx.unknownParticipants.join(', ')}.` });
  if (issues.length) return invalid(issues);

  const participants = refs.participants ?? (refs.collaborationId !== null ? ctx.collaborationParticipants : ctx.allMembers);
  if (participants.length === 0) {
    issues.push({ path: 'participants', message: refs.collaborationId !== null ? 'Samverkan har inga deltagare; välj kommunerna.' : 'Det finns inga kommuner att fördela på.' });
  }
  const agreed = refs.collaborationId !== null ? ctx.collaborationKey : null;
  const keyId = refs.keyId ?? agreed?.id ?? null;
  if (keyId === null) {
    issues.push({ path: 'keyId', message: refs.collaborationId !== null ? 'Samverkan har ingen avtalad fördelningsnyckel; välj en.' : 'Välj fördelningsnyckel.' });
  }
  issues.push(...solidarityIssues(refs, participants, agreed, keyId));
  if (issues.length) return invalid(issues);
  return ok({ participants: [...participants].sort(), keyId: keyId! });
}

/**
 * Solidarity financing (DESIGN.md, strategy section 9): a member's compensation for
 * replacing a working system early is shared by the collaboration's participants with the
 * collaboration's key, and the member is credited the whole amount.
 */
function solidarityIssues(refs: Refs, participants: string[], agreed: { id: number; name: string } | null, keyId: number | null): FieldIssue[] {
  if (refs.beneficiaryCode === null) return [];
  const issues: FieldIssue[] = [];
  if (refs.category !== 'solidarity') issues.push({ path: 'beneficiaryCode', message: 'Bara solidarisk finansiering har en kompenserad kommun.' });
  if (refs.collaborationId === null) issues.push({ path: 'collaborationId', message: 'Solidarisk finansiering hör till en samverkan; välj vilken.' });
  else if (!participants.includes(refs.beneficiaryCode)) issues.push({ path: 'beneficiaryCode', message: 'Den kompenserade kommunen måste vara en av deltagarna.' });
  if (agreed && keyId !== agreed.id) issues.push({ path: 'keyId', message: `Solidarisk finansiering fördelas med samverkans avtalade nyckel, ${agreed.name}.` });
  if (refs.amountOre <= 0) issues.push({ path: 'amountOre', message: 'Ange ersättningen som ett positivt belopp; den kompenserade kommunen krediteras det.' });
  return issues;
}

export async function createItem(db: Database, actor: Actor, input: unknown): Promise<Outcome<CostItem>> {
  const parsed = validate(itemCreate, input);
  if (!parsed.ok) return parsed;
  const value = parsed.value;
  const refs: Refs = {
    keyId: value.keyId ?? null, collaborationId: value.collaborationId ?? null, subareaId: value.subareaId ?? null,
    applicationId: value.applicationId ?? null, participants: value.participants, category: value.category,
    amountOre: value.amountOre, beneficiaryCode: value.beneficiaryCode ?? null, years: [value.year],
  };
  const resolved = await resolve(db, refs);
  if (!resolved.ok) return resolved;
  const { years: _years, ...columns } = refs;
  const row = { ...value, ...columns, ...resolved.value, budgetOre: value.budgetOre ?? null, description: value.description ?? '' };
  const created = await insertAudited<CostItemRow>(db, actor, costItem, 'cost_item', row, [requireOpenYears(db, [value.year])]);
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
  const years = [...new Set([before.year, merged.year])];
  const resolved = await resolve(db, {
    keyId: merged.keyId, collaborationId: merged.collaborationId, subareaId: merged.subareaId, applicationId: merged.applicationId,
    participants: participants ?? (relinked ? undefined : before.participants), category: merged.category, amountOre: merged.amountOre,
    beneficiaryCode: merged.beneficiaryCode, years,
  });
  if (!resolved.ok) return resolved;
  const set: Partial<CostItemRow> = onlyChanges(before, patch);
  if (resolved.value.participants.join() !== before.participants.join()) set.participants = resolved.value.participants;
  const updated = await updateVersioned(db, actor, { table: costItem, key: costItem.id, id, entity: 'cost_item', before, version }, set, [requireOpenYears(db, years)]);
  if (!updated.ok) return updated;
  return ok((await findItem(db, id))!);
}

export async function deleteItem(db: Database, actor: Actor, id: number, version?: number): Promise<Outcome<void>> {
  const [before] = await db.select().from(costItem).where(eq(costItem.id, id));
  if (!before) return notFound('Kostnaden finns inte.');
  const [closed] = (await itemContext(db, { keyId: null, collaborationId: null, subareaId: null, applicationId: null, participants: [], years: [before.year] })).closedYears;
  return deleteVersioned(db, actor, { table: costItem, key: costItem.id, id, entity: 'cost_item', before, version },
    closed === undefined ? undefined : closedYearMessage(closed), [requireOpenYears(db, [before.year])]);
}
