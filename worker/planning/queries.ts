import { and, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { collaboration, collaborationParticipant, person, roleAssignment } from '../../schema/collaboration.ts';
import { application, installation, municipality, product } from '../../schema/portfolio.ts';
import type { Database } from '../env.ts';
import { aliased } from '../store.ts';
import { administrationRoles, type PlacementSource } from './placement.ts';
import type { PrioritySource } from './priorities.ts';

/** What the priority list is ranked from — one round trip. */
export async function prioritySource(db: Database): Promise<PrioritySource> {
  const [municipalities, applications, installations, participants] = await db.batch([
    db.select({ code: municipality.code, name: municipality.name }).from(municipality),
    db.select({ id: application.id, name: application.name, kind: application.kind }).from(application),
    db.select({
      municipality: installation.municipality,
      applicationId: installation.applicationId,
      lifecycle: installation.lifecycle,
      contractEnd: installation.contractEnd,
      noticeMonths: installation.noticeMonths,
      functionScore: installation.functionScore,
      competenceRisk: installation.competenceRisk,
      product: { id: aliased(product.id, 'product_id_'), vendor: product.vendor, name: aliased(product.name, 'product_name') },
    }).from(installation)
      .innerJoin(product, eq(installation.productId, product.id))
      .where(ne(installation.lifecycle, 'retired')),
    db.select({
      collaborationId: aliased(collaboration.id, 'collaboration_id_'),
      applicationId: aliased(collaboration.applicationId, 'collaboration_application_id'),
      level: collaboration.level,
      municipality: aliased(collaborationParticipant.municipalityCode, 'participant_code'),
    }).from(collaborationParticipant)
      .innerJoin(collaboration, eq(collaborationParticipant.collaborationId, collaboration.id))
      .where(and(isNull(collaboration.endedOn), eq(collaborationParticipant.active, true))),
  ]);
  return { municipalities, applications, installations, participants };
}

const owner = alias(person, 'owner');
const holder = alias(person, 'holder');

/** An installation takes part in an active collaboration: its municipality is an active participant of one for its application. */
const inActiveCollaboration = sql`EXISTS (
  SELECT 1 FROM ${collaborationParticipant} p JOIN ${collaboration} c ON c.id = p.collaboration_id
  WHERE p.active = 1 AND c.ended_on IS NULL
    AND p.application_id = ${installation.applicationId} AND p.municipality_code = ${installation.municipality})`;

/** What fair placement is counted from — one round trip. */
export async function placementSource(db: Database): Promise<PlacementSource> {
  const [municipalities, collaborations, onCollaborations, onInstallations] = await db.batch([
    db.select({ code: municipality.code, name: municipality.name }).from(municipality),
    db.select({
      id: collaboration.id,
      hostCode: collaboration.hostCode,
      ownerId: collaboration.ownerId,
      ownerMunicipality: aliased(owner.municipalityCode, 'owner_municipality'),
    }).from(collaboration)
      .leftJoin(owner, eq(collaboration.ownerId, owner.id))
      .where(isNull(collaboration.endedOn)),
    db.select({ id: aliased(roleAssignment.id, 'assignment_id'), municipality: aliased(holder.municipalityCode, 'holder_municipality') })
      .from(roleAssignment)
      .innerJoin(holder, eq(roleAssignment.personId, holder.id))
      .innerJoin(collaboration, eq(roleAssignment.collaborationId, collaboration.id))
      .where(and(inArray(roleAssignment.role, [...administrationRoles]), isNull(collaboration.endedOn))),
    db.select({ id: aliased(roleAssignment.id, 'assignment_id'), municipality: aliased(holder.municipalityCode, 'holder_municipality') })
      .from(roleAssignment)
      .innerJoin(holder, eq(roleAssignment.personId, holder.id))
      .innerJoin(installation, eq(roleAssignment.installationId, installation.id))
      .where(and(inArray(roleAssignment.role, [...administrationRoles]), ne(installation.lifecycle, 'retired'), inActiveCollaboration)),
  ]);
  return {
    municipalities,
    collaborations: collaborations.map((c) => ({ id: c.id, hostCode: c.hostCode, ownerMunicipality: c.ownerMunicipality ?? null, hasOwner: c.ownerId !== null })),
    responsibilities: [...onCollaborations, ...onInstallations],
  };
}
