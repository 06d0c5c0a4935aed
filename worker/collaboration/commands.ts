import { today } from '../clock.ts';
import { and, eq, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { collaboration, collaborationLevelEvent, collaborationParticipant } from '../../schema/collaboration.ts';
import { allocationKey } from '../../schema/costs.ts';
import { auditStatement } from '../audit/events.ts';
import type { Actor, Database } from '../env.ts';
import { invalid, notFound, ok, type FieldIssue, type Outcome } from '../outcome.ts';
import { writeBatch } from '../store.ts';
import { validate } from '../validation.ts';
import { deleteVersioned, onlyChanges, updateVersioned } from '../versioned.ts';
import { findCollaboration, ruleContext, type CollaborationDetail } from './queries.ts';
import { collaborationIssues, type CollaborationDraft } from './rules.ts';
import { collaborationCreate, collaborationPatch, type CollaborationCreate } from './schemas.ts';


/** The id of the collaboration inserted earlier in the same batch (participants' inserts move last_insert_rowid). */
export const newCollaborationId = sql`(SELECT seq FROM sqlite_sequence WHERE name = 'collaboration')`;

const participantRows = (db: Database, collaborationId: number | typeof newCollaborationId, applicationId: number, codes: string[]) =>
  [...new Set(codes)].map((code) =>
    db.insert(collaborationParticipant).values({ collaborationId: collaborationId as number, municipalityCode: code, applicationId }));

const draftOf = (c: Omit<CollaborationDraft, 'ownerId' | 'lowestLevel' | 'highestLevel' | 'validFrom' | 'validTo'> & Partial<CollaborationDraft>): CollaborationDraft => ({
  level: c.level, participants: c.participants, host: c.host, ownerId: c.ownerId ?? null,
  lowestLevel: c.lowestLevel ?? null, highestLevel: c.highestLevel ?? null, validFrom: c.validFrom ?? null, validTo: c.validTo ?? null,
});

/** The agreed key must exist (a missing one would only surface as a foreign-key failure). */
async function keyIssues(db: Database, keyId: number | null | undefined): Promise<FieldIssue[]> {
  if (keyId === null || keyId === undefined) return [];
  const found = await db.select({ id: allocationKey.id }).from(allocationKey).where(eq(allocationKey.id, keyId));
  return found.length ? [] : [{ path: 'allocationKeyId', message: 'Fördelningsnyckeln finns inte.' }];
}

type NewCollaboration = Omit<CollaborationCreate, 'participants' | 'host' | 'levelChangedOn' | 'levelNote'> & { hostCode: string; ownerId: number | null };

/**
 * The statements that start a collaboration — its row (returning it), its audit event, its
 * participants and the first level event — for a write batch; other commands (approving a new
 * system for operation) put them in their own batch. Later statements refer to it as
 * `newCollaborationId`.
 */
export function collaborationInserts(db: Database, actor: Actor, row: NewCollaboration, participants: string[], firstLevel: { on: string; note: string }) {
  return [
    db.insert(collaboration).values(row).returning(),
    auditStatement(db, actor, { action: 'create', entity: 'collaboration', after: { ...row, participants } }),
    ...participantRows(db, newCollaborationId, row.applicationId, participants),
    db.insert(collaborationLevelEvent).values({ collaborationId: newCollaborationId as unknown as number, level: row.level, on: firstLevel.on, note: firstLevel.note, actor: actor.name }),
  ] as const;
}

export async function createCollaboration(db: Database, actor: Actor, input: unknown): Promise<Outcome<CollaborationDetail>> {
  const parsed = validate(collaborationCreate, input);
  if (!parsed.ok) return parsed;
  const { levelChangedOn, levelNote, participants, host, ...values } = parsed.value;
  const draft = draftOf({ ...values, participants, host });
  const ctx = await ruleContext(db, values.applicationId, draft.ownerId);
  if (!ctx) return invalid([{ path: 'applicationId', message: 'Applikationen finns inte.' }]);
  const issues = [...collaborationIssues(draft, ctx), ...await keyIssues(db, values.allocationKeyId)];
  if (issues.length) return invalid(issues);

  const row = { ...values, hostCode: host, ownerId: draft.ownerId };
  const created = await writeBatch(db, [
    ...collaborationInserts(db, actor, row, participants, { on: levelChangedOn ?? values.validFrom ?? today(), note: levelNote ?? 'Samverkan startade.' }),
  ], (results) => (results[0] as { id: number }[])[0]!.id);
  if (!created.ok) return created;
  return ok((await findCollaboration(db, created.value))!);
}

export async function updateCollaboration(db: Database, actor: Actor, id: number, input: unknown): Promise<Outcome<CollaborationDetail>> {
  const parsed = validate(collaborationPatch, input);
  if (!parsed.ok) return parsed;
  const { version, levelChangedOn, levelNote, participants, host, ...patch } = parsed.value;
  const before = await findCollaboration(db, id);
  if (!before) return notFound('Samverkan finns inte.');
  const { history: _history, applicationName: _name, owner: _owner, active: _active, participants: beforeParticipants, host: _host, allocationKey: _key, ...stored } = before;
  const set = onlyChanges(stored, { ...patch, ...(host === undefined ? {} : { hostCode: host }) });
  const newParticipants = participants && [...new Set(participants)].sort();
  const participantsChange = newParticipants && newParticipants.join() !== beforeParticipants.join() ? newParticipants : undefined;
  const ending = set.endedOn !== undefined && set.endedOn !== null;

  const merged = { ...stored, ...set };
  if (merged.endedOn === null) {
    const ctx = await ruleContext(db, before.applicationId, merged.ownerId, id);
    if (!ctx) return notFound('Applikationen finns inte.');
    const issues = collaborationIssues(draftOf({ ...merged, participants: participantsChange ?? beforeParticipants, host: merged.hostCode }), ctx);
    if (issues.length) return invalid(issues);
  }

  const keyProblems = await keyIssues(db, set.allocationKeyId);
  if (keyProblems.length) return invalid(keyProblems);

  const follow: BatchItem<'sqlite'>[] = [];
  if (participantsChange) {
    follow.push(db.delete(collaborationParticipant).where(eq(collaborationParticipant.collaborationId, id)));
    follow.push(...participantRows(db, id, before.applicationId, participantsChange));
  }
  if (ending || set.endedOn === null) {
    // Ended collaborations keep their participants as history but free them for another one.
    follow.push(db.update(collaborationParticipant).set({ active: !ending }).where(eq(collaborationParticipant.collaborationId, id)));
  }
  if (set.level !== undefined) {
    follow.push(db.insert(collaborationLevelEvent).values({ collaborationId: id, level: set.level, on: levelChangedOn ?? today(), note: levelNote ?? '', actor: actor.name }));
  }
  const updated = await updateVersioned(db, actor,
    { table: collaboration, key: collaboration.id, id, entity: 'collaboration', before: { ...stored, participants: beforeParticipants }, version },
    set, follow, participantsChange ? { participants: participantsChange } : {});
  if (!updated.ok) return updated;
  return ok((await findCollaboration(db, id))!);
}

export async function deleteCollaboration(db: Database, actor: Actor, id: number, version?: number): Promise<Outcome<void>> {
  const [before] = await db.select().from(collaboration).where(and(eq(collaboration.id, id)));
  if (!before) return notFound('Samverkan finns inte.');
  return deleteVersioned(db, actor, { table: collaboration, key: collaboration.id, id, entity: 'collaboration', before, version });
}
