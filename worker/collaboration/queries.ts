import { and, asc, desc, eq, inArray, isNull, ne, type SQL } from 'drizzle-orm';
import {
  collaboration, collaborationLevelEvent, collaborationParticipant, person,
} from '../../schema/collaboration.ts';
import { allocationKey } from '../../schema/costs.ts';
import { application, installation, municipality, product } from '../../schema/portfolio.ts';
import type { Database } from '../env.ts';
import type { Results } from '../portfolio/batch.ts';
import { aliased } from '../store.ts';
import type { RuleContext } from './rules.ts';

export type CollaborationRow = typeof collaboration.$inferSelect;

const rows = (db: Database, where: SQL | undefined) =>
  db.select({
    collaboration,
    applicationName: aliased(application.name, 'application_name'),
    ownerName: aliased(person.name, 'owner_name'),
    allocationKeyName: aliased(allocationKey.name, 'allocation_key_name'),
  }).from(collaboration)
    .innerJoin(application, eq(collaboration.applicationId, application.id))
    .leftJoin(person, eq(collaboration.ownerId, person.id))
    .leftJoin(allocationKey, eq(collaboration.allocationKeyId, allocationKey.id))
    .where(where);

const participantsOf = (db: Database, ids: SQL | undefined) =>
  db.select({ collaborationId: collaborationParticipant.collaborationId, code: collaborationParticipant.municipalityCode })
    .from(collaborationParticipant).where(ids).orderBy(asc(collaborationParticipant.municipalityCode));

type Row = Awaited<ReturnType<typeof rows>>[number];

/** The API's shape: the collaboration, its participants' SCB codes, its owner and terms. */
function assemble(row: Row, participants: { collaborationId: number; code: string }[]) {
  const { collaboration: c } = row;
  return {
    ...c,
    applicationName: row.applicationName,
    participants: participants.filter((p) => p.collaborationId === c.id).map((p) => p.code),
    host: c.hostCode,
    owner: c.ownerId === null ? null : { id: c.ownerId, name: row.ownerName },
    allocationKey: c.allocationKeyId === null ? null : { id: c.allocationKeyId, name: row.allocationKeyName ?? '' },
    active: c.endedOn === null,
  };
}

export type Collaboration = ReturnType<typeof assemble>;

/** The statements behind `listCollaborations`, for a page's own batch; `collaborationList` shapes their results. */
export const collaborationListQueries = (db: Database, filter: { application?: number } = {}) => [
  rows(db, filter.application ? eq(collaboration.applicationId, filter.application) : undefined),
  participantsOf(db, filter.application ? eq(collaborationParticipant.applicationId, filter.application) : undefined),
] as const;

type ListResults = [Row[], { collaborationId: number; code: string }[]];

export const collaborationList = ([found, participants]: readonly [...ListResults]) =>
  found.map((row) => assemble(row, participants))
    .sort((a, b) => Number(b.active) - Number(a.active) || a.applicationName.localeCompare(b.applicationName, 'sv'));

/** Collaborations, optionally of one application — one round trip. */
export async function listCollaborations(db: Database, filter: { application?: number } = {}) {
  return collaborationList(await db.batch(collaborationListQueries(db, filter)));
}

/** The statements behind `findCollaboration`; `collaborationDetail` shapes their results. */
export const collaborationQueries = (db: Database, id: number) => [
  rows(db, eq(collaboration.id, id)),
  participantsOf(db, eq(collaborationParticipant.collaborationId, id)),
  db.select({ level: collaborationLevelEvent.level, on: collaborationLevelEvent.on, note: collaborationLevelEvent.note, actor: collaborationLevelEvent.actor })
    .from(collaborationLevelEvent).where(eq(collaborationLevelEvent.collaborationId, id))
    .orderBy(asc(collaborationLevelEvent.on), asc(collaborationLevelEvent.id)),
] as const;

type History = { level: number; on: string; note: string; actor: string }[];

export function collaborationDetail([found, participants, history]: readonly [...ListResults, History]) {
  const row = found[0];
  return row && { ...assemble(row, participants), history: [...history].reverse() };
}

/** One collaboration with its level history, newest first — one round trip. */
export async function findCollaboration(db: Database, id: number) {
  return collaborationDetail(await db.batch(collaborationQueries(db, id)));
}
export type CollaborationDetail = NonNullable<ReturnType<typeof collaborationDetail>>;

/** What the rules read: names, the application's installations, who is busy elsewhere — one round trip. */
export async function ruleContext(db: Database, applicationId: number, ownerId: number | null, except = 0): Promise<RuleContext | undefined> {
  const [app, members, installed, elsewhere, owner] = await db.batch([
    db.select({ name: application.name }).from(application).where(eq(application.id, applicationId)),
    db.select({ code: municipality.code, name: municipality.name }).from(municipality),
    db.select({ municipality: installation.municipality, productId: installation.productId, productName: aliased(product.name, 'product_name') })
      .from(installation).innerJoin(product, eq(installation.productId, product.id))
      .where(and(eq(installation.applicationId, applicationId), ne(installation.lifecycle, 'retired'))),
    db.select({ code: collaborationParticipant.municipalityCode }).from(collaborationParticipant)
      .where(and(eq(collaborationParticipant.applicationId, applicationId), eq(collaborationParticipant.active, true), ne(collaborationParticipant.collaborationId, except))),
    db.select({ id: person.id }).from(person).where(eq(person.id, ownerId ?? 0)),
  ]);
  if (!app[0]) return undefined;
  return {
    applicationName: app[0].name,
    municipalities: new Map(members.map((m) => [m.code, m.name])),
    installations: installed,
    elsewhere: elsewhere.map((e) => e.code),
    ownerExists: owner.length > 0,
  };
}

/** The level of every installation taking part in an active collaboration, for the matrix. */
export const activeLevels = (db: Database, applicationIds?: number[]) =>
  db.select({
    applicationId: collaborationParticipant.applicationId,
    municipality: collaborationParticipant.municipalityCode,
    level: collaboration.level,
    collaborationId: collaboration.id,
  }).from(collaborationParticipant)
    .innerJoin(collaboration, eq(collaborationParticipant.collaborationId, collaboration.id))
    .where(and(
      eq(collaborationParticipant.active, true),
      isNull(collaboration.endedOn),
      applicationIds ? inArray(collaborationParticipant.applicationId, applicationIds) : undefined,
    ));

/** An application's collaborations with their level histories, for its page — one round trip. */
export async function applicationCollaborations(db: Database, applicationId: number) {
  return applicationCollaborationsOf(await db.batch(applicationCollaborationsQueries(db, applicationId)));
}

/** The statements behind `applicationCollaborations`, for the application page's one batch. */
export const applicationCollaborationsQueries = (db: Database, applicationId: number) => [
  rows(db, eq(collaboration.applicationId, applicationId)),
  participantsOf(db, eq(collaborationParticipant.applicationId, applicationId)),
  db.select({
    collaborationId: collaborationLevelEvent.collaborationId, level: collaborationLevelEvent.level,
    on: collaborationLevelEvent.on, note: collaborationLevelEvent.note, actor: collaborationLevelEvent.actor,
  }).from(collaborationLevelEvent)
    .innerJoin(collaboration, eq(collaborationLevelEvent.collaborationId, collaboration.id))
    .where(eq(collaboration.applicationId, applicationId))
    .orderBy(desc(collaborationLevelEvent.on), desc(collaborationLevelEvent.id)),
] as const;

export function applicationCollaborationsOf([found, participants, history]: Results<ReturnType<typeof applicationCollaborationsQueries>>) {
  return found.map((row) => ({
    ...assemble(row, participants),
    history: history.filter((h) => h.collaborationId === row.collaboration.id).map(({ collaborationId: _c, ...h }) => h),
  })).sort((a, b) => Number(b.active) - Number(a.active) || b.id - a.id);
}
