import { eq, sql, type SQL } from 'drizzle-orm';
import { governingDocument, governingDocumentInstallation } from '../../schema/documents.ts';
import { auditStatement } from '../audit/events.ts';
import type { Actor, Database } from '../env.ts';
import { forbidden, invalid, notFound, ok, staleVersion, type FieldIssue, type Outcome } from '../outcome.ts';
import { writeBatch } from '../store.ts';
import { validate } from '../validation.ts';
import { deleteVersioned, onlyChanges, updateVersioned } from '../versioned.ts';
import { documentContext, findDocument, type DocumentRow, type GoverningDocument } from './queries.ts';
import { defaultReviewCycle, nextReviewDate } from './review.ts';
import { documentCreate, documentPatch, documentReview } from './schemas.ts';

/*
 * The register of governing documents. Routes declare `allow('register')` (administrators and
 * editors); the scope is checked here: an editor changes the documents of their own
 * municipalities, and a municipality's document covers only that municipality's systems.
 * Documents common to the whole collaboration are for administrators (the IT directors' group).
 */

const entity = 'governing_document';

/** Why this actor may not change documents of this municipality (null: common), or undefined when it may. */
export function documentRefusal(actor: Actor, code: string | null): string | undefined {
  if (actor.role === 'admin') return undefined;
  if (actor.role === 'editor') {
    if (code === null) return 'Bara administratörer (IT-chefsgruppen) får ändra styrdokument som är gemensamma för samverkan.';
    return actor.municipalities.includes(code) ? undefined : 'Du får bara ändra styrdokument i de kommuner du är redaktör för.';
  }
  return 'Din roll får inte ändra styrdokument.';
}

/** What the pages offer this actor, so nobody is shown a form that would only answer 403. */
export function documentAbilities(actor: Actor) {
  return {
    admin: actor.role === 'admin',
    /** May add documents at all (in some municipality). */
    add: actor.role === 'admin' || (actor.role === 'editor' && actor.municipalities.length > 0),
    change: (code: string | null) => documentRefusal(actor, code) === undefined,
  };
}
export type DocumentAbilities = ReturnType<typeof documentAbilities>;

type Dates = { decidedOn: string; lastReviewedOn: string | null; nextReviewOn: string | null };

/** The date rules: nothing decided or reviewed in the future, reviews after the decision, the next review after both. */
function dateIssues(d: Dates, today: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (d.decidedOn > today) issues.push({ path: 'decidedOn', message: 'Beslutsdatumet kan inte ligga i framtiden.' });
  if (d.lastReviewedOn !== null) {
    if (d.lastReviewedOn > today) issues.push({ path: 'lastReviewedOn', message: 'Granskningen kan inte ligga i framtiden.' });
    else if (d.lastReviewedOn < d.decidedOn) issues.push({ path: 'lastReviewedOn', message: 'Granskningen kan inte ligga före beslutet.' });
  }
  if (d.nextReviewOn !== null && d.nextReviewOn <= (d.lastReviewedOn ?? d.decidedOn)) {
    issues.push({ path: 'nextReviewOn', message: d.lastReviewedOn ? 'Nästa granskning måste ligga efter den senaste granskningen.' : 'Nästa granskning måste ligga efter beslutsdatumet.' });
  }
  return issues;
}

/** "Åmåls", but "Bengtsfors" (a name ending in s takes no extra s). */
const genitive = (name: string) => (/[sxz]$/i.test(name) ? name : `${name}s`);

/** Owner, municipality and installations exist; a municipality's document covers only its own systems. */
async function referenceIssues(db: Database, refs: { ownerId: number; municipality: string | null; installationIds: number[] }): Promise<FieldIssue[]> {
  const ctx = await documentContext(db, refs);
  const issues: FieldIssue[] = [];
  if (!ctx.ownerExists) issues.push({ path: 'ownerId', message: 'Personen finns inte i personregistret.' });
  if (refs.municipality !== null && !ctx.municipality) issues.push({ path: 'municipality', message: 'Kommunen finns inte.' });
  const found = new Set(ctx.installations.map((i) => i.id));
  const missing = refs.installationIds.filter((id) => !found.has(id));
  if (missing.length) {
    issues.push({ path: 'installationIds', message: `${missing.length === 1 ? 'Systemet' : 'Systemen'} med id ${missing.join(', ')} finns inte.` });
  } else if (refs.municipality !== null && ctx.municipality) {
    const elsewhere = ctx.installations.filter((i) => i.municipality !== refs.municipality);
    if (elsewhere.length) {
      const names = elsewhere.map((i) => `${i.applicationName} i ${i.municipalityName}`).join(', ');
      issues.push({ path: 'installationIds', message: `Ett styrdokument för ${ctx.municipality.name} kan bara gälla ${genitive(ctx.municipality.name)} system, inte ${names}.` });
    }
  }
  return issues;
}

const linkRows = (documentId: number | SQL, installationIds: number[]) =>
  installationIds.map((installationId) => ({ documentId, installationId }));

export async function createDocument(db: Database, actor: Actor, input: unknown, today: string): Promise<Outcome<GoverningDocument>> {
  const parsed = validate(documentCreate, input);
  if (!parsed.ok) return parsed;
  const { installationIds = [], municipality = null, nextReviewOn = null, lastReviewedOn = null, ...value } = parsed.value;
  const refusal = documentRefusal(actor, municipality);
  if (refusal) return forbidden(refusal);
  const issues = [
    ...await referenceIssues(db, { ownerId: value.ownerId, municipality, installationIds }),
    ...dateIssues({ decidedOn: value.decidedOn, lastReviewedOn, nextReviewOn }, today),
  ];
  if (issues.length) return invalid(issues);
  const reviewCycleYears = value.reviewCycleYears ?? defaultReviewCycle[value.type].years;
  const row = {
    type: value.type, title: value.title, ownerId: value.ownerId, municipalityCode: municipality, decidedBy: value.decidedBy,
    decidedOn: value.decidedOn, reviewCycleYears, lastReviewedOn, url: value.url ?? '',
    nextReviewOn: nextReviewOn ?? nextReviewDate({ decidedOn: value.decidedOn, lastReviewedOn, reviewCycleYears }),
    nextReviewExplicit: nextReviewOn !== null,
  };
  // The links find the new document's id in sqlite_sequence, inside the same batch; the audit
  // event follows the INSERT directly, so its entity id is the document's rowid.
  const newId = sql`(SELECT seq FROM sqlite_sequence WHERE name = 'governing_document')`;
  const created = await writeBatch(db, [
    db.insert(governingDocument).values(row).returning(),
    auditStatement(db, actor, { action: 'create', entity, after: { ...row, installationIds } }),
    ...(installationIds.length ? [db.insert(governingDocumentInstallation).values(linkRows(newId, installationIds))] : []),
  ], (results) => (results[0] as DocumentRow[])[0]!);
  if (!created.ok) return created;
  return ok((await findDocument(db, created.value.id, today))!);
}

/** The row and the installations it covers, as read in this request — one round trip. */
async function current(db: Database, id: number) {
  const [[row], links] = await db.batch([
    db.select().from(governingDocument).where(eq(governingDocument.id, id)),
    db.select({ id: governingDocumentInstallation.installationId }).from(governingDocumentInstallation)
      .where(eq(governingDocumentInstallation.documentId, id)),
  ]);
  return row && { row, installationIds: links.map((l) => l.id).sort((a, b) => a - b) };
}

/** Replace the document's links: follow-up statements of its versioned UPDATE. */
const relink = (db: Database, id: number, installationIds: number[]) => [
  db.delete(governingDocumentInstallation).where(eq(governingDocumentInstallation.documentId, id)),
  ...(installationIds.length ? [db.insert(governingDocumentInstallation).values(linkRows(id, installationIds))] : []),
];

export async function updateDocument(db: Database, actor: Actor, id: number, input: unknown, today: string): Promise<Outcome<GoverningDocument>> {
  const parsed = validate(documentPatch, input);
  if (!parsed.ok) return parsed;
  const { version, installationIds, municipality, nextReviewOn, ...patch } = parsed.value;
  const found = await current(db, id);
  if (!found) return notFound('Styrdokumentet finns inte.');
  const before = found.row;
  const code = municipality === undefined ? before.municipalityCode : municipality;
  const refusal = documentRefusal(actor, before.municipalityCode) ?? (code !== before.municipalityCode ? documentRefusal(actor, code) : undefined);
  if (refusal) return forbidden(refusal);

  const merged = { ...before, ...onlyChanges(before, patch), municipalityCode: code };
  const explicit = nextReviewOn === undefined ? before.nextReviewExplicit : nextReviewOn !== null;
  const next = explicit ? nextReviewOn ?? before.nextReviewOn : nextReviewDate(merged);
  const links = installationIds === undefined ? found.installationIds : [...installationIds].sort((a, b) => a - b);
  const issues = [
    ...await referenceIssues(db, { ownerId: merged.ownerId, municipality: code, installationIds: links }),
    // An explicit date is checked as given; a computed one always lies after its base.
    ...dateIssues({ decidedOn: merged.decidedOn, lastReviewedOn: merged.lastReviewedOn, nextReviewOn: explicit ? next : null }, today),
  ];
  if (issues.length) return invalid(issues);

  const set: Partial<DocumentRow> = onlyChanges(before, { ...patch, municipalityCode: code, nextReviewOn: next, nextReviewExplicit: explicit });
  const linksChanged = links.join() !== found.installationIds.join();
  if (Object.keys(set).length === 0 && !linksChanged) return version === before.version ? ok((await findDocument(db, id, today))!) : staleVersion();
  const updated = await updateVersioned<DocumentRow & { installationIds: number[] }>(db, actor,
    { table: governingDocument, key: governingDocument.id, id, entity, before: { ...before, installationIds: found.installationIds }, version },
    set, linksChanged ? relink(db, id, links) : [], { installationIds: links });
  if (!updated.ok) return updated;
  return ok((await findDocument(db, id, today))!);
}

/** "Mark as reviewed": the last review is set, the next one follows from it and the cycle (unless given). */
export async function reviewDocument(db: Database, actor: Actor, id: number, input: unknown, today: string): Promise<Outcome<GoverningDocument>> {
  const parsed = validate(documentReview, input);
  if (!parsed.ok) return parsed;
  const found = await current(db, id);
  if (!found) return notFound('Styrdokumentet finns inte.');
  const before = found.row;
  const refusal = documentRefusal(actor, before.municipalityCode);
  if (refusal) return forbidden(refusal);
  const reviewedOn = parsed.value.reviewedOn ?? today;
  const issues: FieldIssue[] = [];
  if (reviewedOn > today) issues.push({ path: 'reviewedOn', message: 'Granskningen kan inte ligga i framtiden.' });
  else if (reviewedOn < before.decidedOn) issues.push({ path: 'reviewedOn', message: `Granskningen kan inte ligga före beslutet (${before.decidedOn}).` });
  const explicit = parsed.value.nextReviewOn ?? null;
  if (explicit !== null && explicit <= reviewedOn) issues.push({ path: 'nextReviewOn', message: 'Nästa granskning måste ligga efter granskningen.' });
  if (issues.length) return invalid(issues);
  const set: Partial<DocumentRow> = {
    lastReviewedOn: reviewedOn,
    nextReviewOn: explicit ?? nextReviewDate({ decidedOn: before.decidedOn, lastReviewedOn: reviewedOn, reviewCycleYears: before.reviewCycleYears }),
    nextReviewExplicit: explicit !== null,
  };
  const updated = await updateVersioned(db, actor,
    { table: governingDocument, key: governingDocument.id, id, entity, before, version: parsed.value.version ?? before.version }, set);
  if (!updated.ok) return updated;
  return ok((await findDocument(db, id, today))!);
}

export async function deleteDocument(db: Database, actor: Actor, id: number, version?: number): Promise<Outcome<void>> {
  const found = await current(db, id);
  if (!found) return notFound('Styrdokumentet finns inte.');
  const refusal = documentRefusal(actor, found.row.municipalityCode);
  if (refusal) return forbidden(refusal);
  // The links go with the document (ON DELETE CASCADE); the event records which they were.
  const before = { ...found.row, installationIds: found.installationIds };
  return deleteVersioned(db, actor, { table: governingDocument, key: governingDocument.id, id, entity, before, version });
}
