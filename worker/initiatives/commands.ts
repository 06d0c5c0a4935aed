import { and, eq, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { initiative, initiativeAnswer, initiativeDecision, type ApprovalResult } from '../../schema/initiatives.ts';
import { application, installation, municipality, product } from '../../schema/portfolio.ts';
import { auditStatement } from '../audit/events.ts';
import { collaborationInserts, newCollaborationId } from '../collaboration/commands.ts';
import { ruleContext } from '../collaboration/queries.ts';
import { collaborationCreate } from '../collaboration/schemas.ts';
import type { Actor, Database } from '../env.ts';
import { installationCreate } from '../portfolio/schemas.ts';
import { conflict, forbidden, invalid, notFound, ok, staleVersion, type Outcome } from '../outcome.ts';
import { requireChange, writeBatch } from '../store.ts';
import { validate } from '../validation.ts';
import { onlyChanges, updateVersioned } from '../versioned.ts';
import { planApproval } from './approval.ts';
import { finalStage, gateIssues, nextStage, returnIssues, stageLabel, type GateState } from './gates.ts';
import { findInitiative, type InitiativeDetail, type InitiativeRow } from './queries.ts';
import { answerPut, initiativeAdvance, initiativeCreate, initiativePatch, initiativeReturn } from './schemas.ts';

/** Editors start and move initiatives of their own municipalities; administrators all. */
export const mayMove = (actor: Actor, sponsor: string) =>
  actor.role === 'admin' || (actor.role === 'editor' && actor.municipalities.includes(sponsor));

/** A municipality's answer is given by its editor or an administrator. */
export const mayAnswerFor = (actor: Actor, code: string) =>
  actor.role === 'admin' || (actor.role === 'editor' && actor.municipalities.includes(code));

const moveRefusal = () => forbidden('Du får bara starta och flytta initiativ för de kommuner du är redaktör för.');
const approvedRefusal = () => conflict('Initiativet är godkänt för drift och kan inte längre ändras; ändra systemen i registret i stället.');

/** The id of the initiative inserted earlier in the same batch (later inserts move last_insert_rowid). */
const newInitiativeId = sql`(SELECT seq FROM sqlite_sequence WHERE name = 'initiative')`;

const defined = <T extends object>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

/** The register rows the references point at — one round trip. */
async function references(db: Database, refs: { applicationId: number; sponsor: string; productId: number | null }) {
  const [app, sponsor, prod, members] = await db.batch([
    db.select({ id: application.id }).from(application).where(eq(application.id, refs.applicationId)),
    db.select({ code: municipality.code }).from(municipality).where(eq(municipality.code, refs.sponsor)),
    db.select({ id: product.id }).from(product).where(eq(product.id, refs.productId ?? 0)),
    db.select({ code: municipality.code, name: municipality.name }).from(municipality),
  ]);
  return { applicationExists: app.length > 0, sponsorExists: sponsor.length > 0, productExists: prod.length > 0, members };
}

export async function createInitiative(db: Database, actor: Actor, input: unknown, today: string): Promise<Outcome<InitiativeDetail>> {
  const parsed = validate(initiativeCreate, input);
  if (!parsed.ok) return parsed;
  const { sponsor, ...values } = parsed.value;
  if (!mayMove(actor, sponsor)) return moveRefusal();
  const refs = await references(db, { applicationId: values.applicationId, sponsor, productId: values.productId ?? null });
  const issues = [];
  if (!refs.applicationExists) issues.push({ path: 'applicationId', message: 'Applikationen finns inte i katalogen.' });
  if (!refs.sponsorExists) issues.push({ path: 'sponsor', message: 'Kommunen finns inte.' });
  if (values.productId != null && !refs.productExists) issues.push({ path: 'productId', message: 'Produkten finns inte.' });
  if (issues.length) return invalid(issues);

  // Coordination comes first (strategy 4.4): every other member is asked at the start.
  const asked = refs.members.map((m) => m.code).filter((code) => code !== sponsor).sort();
  const row = { ...defined(values), applicationId: values.applicationId, purpose: values.purpose, sponsorCode: sponsor, stage: 'pre_study' as const, stageSince: today };
  const created = await writeBatch(db, [
    db.insert(initiative).values(row).returning(),
    auditStatement(db, actor, { action: 'create', entity: 'initiative', after: { ...row, asked } }),
    ...asked.map((code) => db.insert(initiativeAnswer).values({ initiativeId: newInitiativeId as unknown as number, municipalityCode: code })),
    db.insert(initiativeDecision).values({
      initiativeId: newInitiativeId as unknown as number, kind: 'start', toStage: 'pre_study', actor: actor.name,
      note: asked.length ? 'Initiativet startade; övriga kommuner tillfrågades om att delta.' : 'Initiativet startade.',
    }),
  ], (results) => (results[0] as { id: number }[])[0]!.id);
  if (!created.ok) return created;
  return ok((await findInitiative(db, created.value, today))!);
}

/** The initiative as stored, with who has been asked and whether its product exists — one round trip. */
async function current(db: Database, id: number) {
  const [found, answers, members] = await db.batch([
    db.select().from(initiative).where(eq(initiative.id, id)),
    db.select({ code: initiativeAnswer.municipalityCode, answer: initiativeAnswer.answer }).from(initiativeAnswer).where(eq(initiativeAnswer.initiativeId, id)),
    db.select({ code: municipality.code, name: municipality.name }).from(municipality),
  ]);
  return found[0] && { row: found[0], answers, members };
}

const storedOnly = (row: InitiativeRow) => {
  const { approvalResult: _a, ...rest } = row;
  return rest;
};

export async function updateInitiative(db: Database, actor: Actor, id: number, input: unknown, today: string): Promise<Outcome<InitiativeDetail>> {
  const parsed = validate(initiativePatch, input);
  if (!parsed.ok) return parsed;
  const { version, ...patch } = parsed.value;
  const found = await current(db, id);
  if (!found) return notFound('Initiativet finns inte.');
  const before = found.row;
  if (!mayMove(actor, before.sponsorCode)) return moveRefusal();
  if (before.stage === finalStage) return approvedRefusal();
  const set = onlyChanges(before, patch);
  if (Object.keys(set).length === 0) return version === before.version ? ok((await findInitiative(db, id, today))!) : staleVersion();
  if (set.productId != null) {
    const refs = await references(db, { applicationId: before.applicationId, sponsor: before.sponsorCode, productId: set.productId });
    if (!refs.productExists) return invalid([{ path: 'productId', message: 'Produkten finns inte.' }]);
  }
  const updated = await updateVersioned(db, actor, { table: initiative, key: initiative.id, id, entity: 'initiative', before: storedOnly(before), version }, set);
  if (!updated.ok) return updated;
  return ok((await findInitiative(db, id, today))!);
}

/**
 * Move to the next stage when its gate is satisfied, saving what the body brings for it.
 * The stage change, its decision-log entry and audit event are one batch; leaving "Avtal"
 * is the approval for operation, which adds the installations and the collaboration to it.
 */
export async function advanceInitiative(db: Database, actor: Actor, id: number, input: unknown, today: string): Promise<Outcome<InitiativeDetail>> {
  const parsed = validate(initiativeAdvance, input);
  if (!parsed.ok) return parsed;
  const { version, toStage, note, ...outcome } = parsed.value;
  const found = await current(db, id);
  if (!found) return notFound('Initiativet finns inte.');
  const before = found.row;
  if (!mayMove(actor, before.sponsorCode)) return moveRefusal();
  if (version !== before.version) return staleVersion();
  const next = nextStage(before.stage);
  if (toStage !== undefined && toStage !== next) {
    return invalid([{ path: 'toStage', message: next
      ? `Initiativet står i steget ${stageLabel[before.stage]}; nästa steg är ${stageLabel[next]}. Ett steg i taget.`
      : 'Initiativet är redan godkänt för drift.' }]);
  }
  const merged = { ...before, ...defined(outcome) } as GateState & InitiativeRow;
  const refs = await references(db, { applicationId: before.applicationId, sponsor: before.sponsorCode, productId: merged.productId });
  const issues = gateIssues(merged, {
    otherMembers: found.members.filter((m) => m.code !== before.sponsorCode),
    asked: found.answers.map((a) => a.code),
    productExists: refs.productExists,
  });
  if (issues.length || !next) return invalid(issues, `Initiativet kan inte gå vidare från ${stageLabel[before.stage]} ännu.`);

  const set: Partial<InitiativeRow> = { ...onlyChanges(before, outcome), stage: next, stageSince: today };
  const follow: BatchItem<'sqlite'>[] = [
    db.insert(initiativeDecision).values({ initiativeId: id, kind: 'advance', fromStage: before.stage, toStage: next, note: note ?? '', actor: actor.name }),
  ];
  if (next === finalStage) {
    const approval = await approvalStatements(db, actor, merged, found.answers, today);
    if (!approval.ok) return approval;
    set.approvedOn = today;
    set.approvalResult = approval.value.result;
    follow.push(...approval.value.statements);
  }
  const updated = await updateVersioned(db, actor, { table: initiative, key: initiative.id, id, entity: 'initiative', before: storedOnly(before), version }, set, follow);
  if (!updated.ok) return updated;
  return ok((await findInitiative(db, id, today))!);
}

/**
 * Approval for operation: a planned installation of the chosen product for the sponsor and
 * every municipality that answered "ska delta" (one that already has the application is
 * skipped and reported), and a level-2 collaboration hosted by the sponsor when two or more
 * are in. Every row is checked by its own area's schema and rules and carries its own audit
 * event; the statements join the stage change's batch, so it all happens or nothing does.
 */
async function approvalStatements(
  db: Database, actor: Actor, initiativeRow: InitiativeRow, answers: { code: string; answer: string | null }[], today: string,
): Promise<Outcome<{ statements: BatchItem<'sqlite'>[]; result: ApprovalResult }>> {
  const productId = initiativeRow.productId!;
  const [ctx, [chosen]] = await Promise.all([
    ruleContext(db, initiativeRow.applicationId, null),
    db.select({ vendor: product.vendor, name: product.name }).from(product).where(eq(product.id, productId)),
  ]);
  if (!ctx || !chosen) return invalid([{ path: 'productId', message: 'Applikationen eller produkten finns inte längre.' }]);
  const plan = planApproval({
    sponsor: initiativeRow.sponsorCode,
    joiners: answers.filter((a) => a.answer === 'join').map((a) => a.code),
    productId,
    productName: chosen.name,
  }, ctx);
  if (plan.issues.length) return invalid(plan.issues, 'Samverkan kan inte startas som initiativet ser ut.');

  const statements: BatchItem<'sqlite'>[] = [];
  const notes = `Infört genom initiativ ${initiativeRow.id} (godkänt för drift ${today}).`;
  for (const code of plan.install) {
    const sponsor = code === initiativeRow.sponsorCode;
    // The portfolio's own schema checks the row exactly as POST /installations would.
    const row = validate(installationCreate, {
      municipality: code, applicationId: initiativeRow.applicationId, productId, lifecycle: 'planned',
      // The driftavtal of the gate is the sponsor's; the others sign their own with their IT unit.
      operatingAgreement: sponsor,
      notes: sponsor ? `${notes} Driftavtal ${initiativeRow.operatingAgreementReference} (${initiativeRow.operatingAgreementDate}).` : notes,
    });
    if (!row.ok) return row;
    statements.push(
      db.insert(installation).values(row.value),
      auditStatement(db, actor, { action: 'create', entity: 'installation', after: row.value }),
    );
  }
  if (plan.collaboration) {
    const draft = plan.collaboration;
    const input = validate(collaborationCreate, {
      applicationId: initiativeRow.applicationId, level: 2, participants: draft.participants, host: draft.host,
      scope: `Införd gemensamt: ${initiativeRow.purpose}`.slice(0, 2000), validFrom: today,
      decisionReference: initiativeRow.decisionReference.slice(0, 200), decisionDate: initiativeRow.decisionDate,
    });
    if (!input.ok) return input;
    const { participants, host, levelChangedOn: _on, levelNote: _note, ...values } = input.value;
    const row = { ...values, hostCode: host, ownerId: null };
    // The collaboration area's own statements, in this approval's batch.
    statements.push(
      ...collaborationInserts(db, actor, row, participants, {
        on: today, note: `Samverkan startade när införandet godkändes för drift (initiativ ${initiativeRow.id}).`,
      }),
      db.update(initiative).set({ collaborationId: newCollaborationId as unknown as number }).where(eq(initiative.id, initiativeRow.id)),
    );
  }
  return ok({ statements, result: { installed: plan.install, skipped: plan.skipped, collaborationNote: plan.collaborationNote } });
}

/** Back to an earlier stage with a reason, logged like every move. */
export async function returnInitiative(db: Database, actor: Actor, id: number, input: unknown, today: string): Promise<Outcome<InitiativeDetail>> {
  const parsed = validate(initiativeReturn, input);
  if (!parsed.ok) return parsed;
  const { version, toStage, reason } = parsed.value;
  const found = await current(db, id);
  if (!found) return notFound('Initiativet finns inte.');
  const before = found.row;
  if (!mayMove(actor, before.sponsorCode)) return moveRefusal();
  if (version !== before.version) return staleVersion();
  const issues = returnIssues(before.stage, toStage, reason);
  if (issues.length) return invalid(issues);
  const updated = await updateVersioned(db, actor, { table: initiative, key: initiative.id, id, entity: 'initiative', before: storedOnly(before), version },
    { stage: toStage, stageSince: today },
    [db.insert(initiativeDecision).values({ initiativeId: id, kind: 'return', fromStage: before.stage, toStage, note: reason, actor: actor.name })]);
  if (!updated.ok) return updated;
  return ok((await findInitiative(db, id, today))!);
}

/**
 * A member's answer (ska delta / kanske / deltar inte) with a comment, on record with who and
 * when; a change is audited with before and after.
 */
export async function answerInitiative(db: Database, actor: Actor, id: number, code: string, input: unknown, today: string): Promise<Outcome<InitiativeDetail>> {
  const parsed = validate(answerPut, input);
  if (!parsed.ok) return parsed;
  const { answer, comment = '', version } = parsed.value;
  const [found, member, existing] = await db.batch([
    db.select({ sponsor: initiative.sponsorCode, stage: initiative.stage }).from(initiative).where(eq(initiative.id, id)),
    db.select({ name: municipality.name }).from(municipality).where(eq(municipality.code, code)),
    db.select().from(initiativeAnswer).where(and(eq(initiativeAnswer.initiativeId, id), eq(initiativeAnswer.municipalityCode, code))),
  ]);
  if (!found[0]) return notFound('Initiativet finns inte.');
  if (!member[0]) return notFound('Kommunen finns inte.');
  if (!mayAnswerFor(actor, code)) return forbidden(`Du får bara svara för de kommuner du är redaktör för, inte för ${member[0].name}.`);
  if (found[0].sponsor === code) return invalid([{ path: 'answer', message: `${member[0].name} driver initiativet och deltar alltid; svaret gäller de övriga kommunerna.` }]);
  if (found[0].stage === finalStage) return approvedRefusal();
  const entityId = `${id}/${code}`;
  const given = { answer, comment, answeredBy: actor.name, answeredAt: sql`strftime('%Y-%m-%dT%H:%M:%fZ','now')` as unknown as string };
  const before = existing[0];
  if (!before) {
    // A member added after the start had not been asked; its answer asks and answers at once.
    const row = { initiativeId: id, municipalityCode: code, ...given };
    const created = await writeBatch(db, [
      db.insert(initiativeAnswer).values(row),
      auditStatement(db, actor, { action: 'create', entity: 'initiative_answer', entityId, after: { initiativeId: id, municipalityCode: code, answer, comment, answeredBy: actor.name } }),
    ], () => undefined);
    if (!created.ok) return created;
    return ok((await findInitiative(db, id, today))!);
  }
  if (version === undefined) return invalid([{ path: 'version', message: 'Ange versionen du läste (version).' }]);
  if (version !== before.version) return staleVersion();
  const written = await writeBatch(db, [
    db.update(initiativeAnswer).set({ ...given, version: before.version + 1, updatedAt: sql`strftime('%Y-%m-%dT%H:%M:%fZ','now')` as unknown as string })
      .where(and(eq(initiativeAnswer.initiativeId, id), eq(initiativeAnswer.municipalityCode, code), eq(initiativeAnswer.version, before.version))),
    requireChange(db),
    auditStatement(db, actor, {
      action: 'update', entity: 'initiative_answer', entityId,
      before: { answer: before.answer, comment: before.comment, answeredBy: before.answeredBy, answeredAt: before.answeredAt, version: before.version },
      after: { answer, comment, answeredBy: actor.name, version: before.version + 1 },
    }),
  ], () => undefined);
  if (!written.ok) return written;
  return ok((await findInitiative(db, id, today))!);
}
