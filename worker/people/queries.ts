import { and, eq, inArray, isNull, ne, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { collaboration, collaborationParticipant, person, roleAssignment, roleKinds, type RoleKind } from '../../schema/collaboration.ts';
import { application, installation, municipality } from '../../schema/portfolio.ts';
import type { Database } from '../env.ts';
import type { Results } from '../portfolio/batch.ts';
import { bySwedishName } from '../portfolio/sorting.ts';
import { aliased } from '../store.ts';
import type { RoleAssignmentFilter } from './schemas.ts';
import { collaborationWideRoles } from './schemas.ts';
import { vulnerabilities, type VulnerabilityInstallation } from './vulnerability.ts';
import { installationNames } from '../portfolio/queries.ts';

export type PersonRow = typeof person.$inferSelect;
export type RoleAssignmentRow = typeof roleAssignment.$inferSelect;

/** A person as the API speaks of it: `municipality` is the SCB code, as on installations. */
export const personJson = ({ municipalityCode, ...p }: PersonRow) => ({ ...p, municipality: municipalityCode });
export type PersonJson = ReturnType<typeof personJson>;

const roleOrder = (role: RoleKind) => roleKinds.indexOf(role);

const collaborationApplication = alias(application, 'collaboration_application');

/**
 * Role assignments with the person and what they are for, named. Every column that shares
 * its SQL name with another (name, municipality_code, application_id) is aliased, since a
 * `db.batch` returns rows keyed by column name.
 */
const assignmentColumns = {
  id: roleAssignment.id,
  personId: roleAssignment.personId,
  role: roleAssignment.role,
  installationId: roleAssignment.installationId,
  collaborationId: roleAssignment.collaborationId,
  version: roleAssignment.version,
  createdAt: roleAssignment.createdAt,
  updatedAt: roleAssignment.updatedAt,
  personName: aliased(person.name, 'person_name'),
  personEmail: person.email,
  personPhone: person.phone,
  personTitle: person.title,
  personMunicipality: aliased(person.municipalityCode, 'person_municipality'),
  installationMunicipality: aliased(installation.municipality, 'installation_municipality'),
  installationMunicipalityName: aliased(municipality.name, 'installation_municipality_name'),
  installationApplicationId: aliased(installation.applicationId, 'installation_application_id'),
  installationApplicationName: aliased(application.name, 'installation_application_name'),
  installationLifecycle: installation.lifecycle,
  collaborationApplicationId: aliased(collaboration.applicationId, 'collaboration_application_id'),
  collaborationApplicationName: aliased(collaborationApplication.name, 'collaboration_application_name'),
  collaborationLevel: collaboration.level,
  collaborationEndedOn: collaboration.endedOn,
};

const assignmentView = (db: Database, where: SQL | undefined) =>
  db.select(assignmentColumns).from(roleAssignment)
    .innerJoin(person, eq(roleAssignment.personId, person.id))
    .leftJoin(installation, eq(roleAssignment.installationId, installation.id))
    .leftJoin(municipality, eq(installation.municipality, municipality.code))
    .leftJoin(application, eq(installation.applicationId, application.id))
    .leftJoin(collaboration, eq(roleAssignment.collaborationId, collaboration.id))
    .leftJoin(collaborationApplication, eq(collaboration.applicationId, collaborationApplication.id))
    .where(where);

export type AssignmentView = Awaited<ReturnType<typeof assignmentView>>[number];

const byRoleThenName = (a: AssignmentView, b: AssignmentView) =>
  roleOrder(a.role) - roleOrder(b.role) || a.personName.localeCompare(b.personName, 'sv') || a.id - b.id;

/** What an assignment is for, in words: "Ekonomisystem i Åmål", "samverkan kring E-post", "hela samverkan". */
export function assignmentTarget(a: AssignmentView): { label: string; href?: string } {
  if (a.installationId !== null) {
    return { label: `${a.installationApplicationName ?? 'System'} i ${a.installationMunicipalityName ?? '?'}`, href: `/system/${a.installationId}` };
  }
  if (a.collaborationId !== null) {
    return { label: `Samverkan kring ${a.collaborationApplicationName ?? '?'}`, href: `/samverkan/${a.collaborationId}` };
  }
  return { label: 'Hela samverkan' };
}

/** A role assignment as the API speaks of it, with the person it names. */
export const assignmentJson = (a: AssignmentView) => ({
  id: a.id, personId: a.personId, role: a.role, installationId: a.installationId, collaborationId: a.collaborationId,
  version: a.version, createdAt: a.createdAt, updatedAt: a.updatedAt,
  person: { id: a.personId, name: a.personName, email: a.personEmail, phone: a.personPhone, title: a.personTitle, municipality: a.personMunicipality },
});

const municipalityNames = (db: Database) => db.select({ code: municipality.code, name: municipality.name }).from(municipality);

/** The members, in Swedish order: what the forms choose a municipality from. */
export const listMunicipalityNames = async (db: Database) => (await municipalityNames(db)).sort(bySwedishName);

/** The people directory (optionally one municipality's), each with their roles — one round trip. */
export async function listPeople(db: Database, filter: { municipality?: string | null } = {}) {
  const where = filter.municipality === undefined ? undefined
    : filter.municipality === null ? isNull(person.municipalityCode) : eq(person.municipalityCode, filter.municipality);
  const [people, assignments, municipalities] = await db.batch([
    db.select().from(person).where(where),
    assignmentView(db, where),
    municipalityNames(db),
  ]);
  const rolesOf = new Map<number, AssignmentView[]>();
  for (const a of assignments.sort(byRoleThenName)) rolesOf.set(a.personId, [...(rolesOf.get(a.personId) ?? []), a]);
  return {
    people: people.sort(bySwedishName).map((p) => ({ person: p, roles: rolesOf.get(p.id) ?? [] })),
    municipalities: municipalities.sort(bySwedishName),
  };
}
export type PeopleList = Awaited<ReturnType<typeof listPeople>>;

/** One person with their roles — one round trip. */
export async function findPersonWithRoles(db: Database, id: number) {
  const [[found], roles] = await db.batch([db.select().from(person).where(eq(person.id, id)), assignmentView(db, eq(roleAssignment.personId, id))]);
  return found && { person: found, roles: roles.sort(byRoleThenName) };
}

/** Current installations as the role form offers them: "Åmål – Ekonomisystem". */
const installationChoices = (db: Database, where?: SQL) =>
  db.select({
    id: installation.id,
    municipality: installation.municipality,
    municipalityName: aliased(municipality.name, 'municipality_name'),
    applicationName: aliased(application.name, 'application_name'),
  }).from(installation)
    .innerJoin(municipality, eq(installation.municipality, municipality.code))
    .innerJoin(application, eq(installation.applicationId, application.id))
    .where(and(ne(installation.lifecycle, 'retired'), where));

export type InstallationChoice = Awaited<ReturnType<typeof installationChoices>>[number];

/** Collaborations that have not ended, as the role form offers them. */
const collaborationChoices = (db: Database) =>
  db.select({ id: collaboration.id, level: collaboration.level, applicationName: aliased(application.name, 'application_name') })
    .from(collaboration).innerJoin(application, eq(collaboration.applicationId, application.id))
    .where(isNull(collaboration.endedOn));

export type CollaborationChoice = Awaited<ReturnType<typeof collaborationChoices>>[number];

const byInstallationLabel = (a: InstallationChoice, b: InstallationChoice) =>
  a.municipalityName.localeCompare(b.municipalityName, 'sv') || a.applicationName.localeCompare(b.applicationName, 'sv');

/** A person's page: the person, their roles, and what a role can be given for — one round trip. */
export async function personDetail(db: Database, id: number) {
  const [[found], assignments, municipalities, installations, collaborations, owns] = await db.batch([
    db.select().from(person).where(eq(person.id, id)),
    assignmentView(db, eq(roleAssignment.personId, id)),
    municipalityNames(db),
    installationChoices(db),
    collaborationChoices(db),
    db.select({ id: collaboration.id, applicationName: aliased(application.name, 'application_name'), endedOn: collaboration.endedOn })
      .from(collaboration).innerJoin(application, eq(collaboration.applicationId, application.id)).where(eq(collaboration.ownerId, id)),
  ]);
  if (!found) return undefined;
  return {
    person: found,
    roles: assignments.sort(byRoleThenName),
    /** Collaborations this person is the one system owner of (collaboration.ownerId). */
    owns,
    municipalities: municipalities.sort(bySwedishName),
    installations: installations.sort(byInstallationLabel),
    collaborations: collaborations.sort((a, b) => a.applicationName.localeCompare(b.applicationName, 'sv')),
  };
}
export type PersonDetail = NonNullable<Awaited<ReturnType<typeof personDetail>>>;

const peopleChoices = (db: Database) =>
  db.select({ id: person.id, name: person.name, title: person.title, municipality: person.municipalityCode }).from(person);
export type PersonChoice = Awaited<ReturnType<typeof peopleChoices>>[number];

/** The statements of an installation's "Roller" section, for its page's one batch; shape with `installationRolesOf`. */
export const installationRolesQueries = (db: Database, installationId: number) => [
  assignmentView(db, eq(roleAssignment.installationId, installationId)),
  peopleChoices(db),
  municipalityNames(db),
] as const;

export const installationRolesOf = (installationId: number, [assignments, people, municipalities]: Results<ReturnType<typeof installationRolesQueries>>) =>
  ({ installationId, roles: assignments.sort(byRoleThenName), people: people.sort(bySwedishName), municipalities: municipalities.sort(bySwedishName) });

/** The "Roller" section of an installation's page: its roles and the people who could get one — one round trip. */
export async function installationRoles(db: Database, installationId: number) {
  return installationRolesOf(installationId, await db.batch(installationRolesQueries(db, installationId)));
}
export type InstallationRoles = Awaited<ReturnType<typeof installationRoles>>;

/** What the role form (a page of its own after a failed submit) chooses from — one round trip. */
export async function roleFormChoices(db: Database) {
  const [people, installations, collaborations, municipalities] = await db.batch([
    peopleChoices(db), installationChoices(db), collaborationChoices(db), municipalityNames(db),
  ]);
  return {
    people: people.sort(bySwedishName),
    installations: installations.sort(byInstallationLabel),
    collaborations: collaborations.sort((a, b) => a.applicationName.localeCompare(b.applicationName, 'sv')),
    municipalities: municipalities.sort(bySwedishName),
  };
}
export type RoleFormChoices = Awaited<ReturnType<typeof roleFormChoices>>;

export async function listRoleAssignments(db: Database, filter: RoleAssignmentFilter) {
  const rows = await assignmentView(db, and(
    filter.installation ? eq(roleAssignment.installationId, filter.installation) : undefined,
    filter.collaboration ? eq(roleAssignment.collaborationId, filter.collaboration) : undefined,
    filter.person ? eq(roleAssignment.personId, filter.person) : undefined,
  ));
  return rows.sort(byRoleThenName);
}

export async function findRoleAssignment(db: Database, id: number) {
  return (await assignmentView(db, eq(roleAssignment.id, id)))[0];
}

/** One person to call, as "Vem ska jag ringa?" lists them. */
export type Contact = { personId: number; name: string; title: string; email: string; phone: string; role: RoleKind };

const contactOf = (a: AssignmentView): Contact =>
  ({ personId: a.personId, name: a.personName, title: a.personTitle, email: a.personEmail, phone: a.personPhone, role: a.role });

/**
 * "Vem ska jag ringa?" for an application — one round trip: per municipality with a current
 * installation, who holds which role on it; per active collaboration, its system owner
 * (collaboration.ownerId) and the roles given for it; and the collaboration-wide roles.
 */
export async function whoToCall(db: Database, applicationId: number) {
  return whoToCallOf(await db.batch(whoToCallQueries(db, applicationId)));
}

/** The statements of "Vem ska jag ringa?", for an application page's one batch; shape with `whoToCallOf`. */
export function whoToCallQueries(db: Database, applicationId: number) {
  const owner = alias(person, 'owner');
  const host = alias(municipality, 'host');
  const activeCollaboration = and(eq(collaboration.applicationId, applicationId), isNull(collaboration.endedOn));
  return [
    installationChoices(db, eq(installation.applicationId, applicationId)),
    assignmentView(db, and(eq(installation.applicationId, applicationId), ne(installation.lifecycle, 'retired'))),
    db.select({
      id: collaboration.id,
      level: collaboration.level,
      hostName: aliased(host.name, 'host_name'),
      ownerId: collaboration.ownerId,
      ownerName: aliased(owner.name, 'owner_name'),
      ownerTitle: aliased(owner.title, 'owner_title'),
      ownerEmail: aliased(owner.email, 'owner_email'),
      ownerPhone: aliased(owner.phone, 'owner_phone'),
    }).from(collaboration)
      .innerJoin(host, eq(collaboration.hostCode, host.code))
      .leftJoin(owner, eq(collaboration.ownerId, owner.id))
      .where(activeCollaboration),
    assignmentView(db, activeCollaboration),
    db.select({ collaborationId: collaborationParticipant.collaborationId, code: collaborationParticipant.municipalityCode, name: municipality.name })
      .from(collaborationParticipant)
      .innerJoin(collaboration, eq(collaborationParticipant.collaborationId, collaboration.id))
      .innerJoin(municipality, eq(collaborationParticipant.municipalityCode, municipality.code))
      .where(and(activeCollaboration, eq(collaborationParticipant.active, true))),
    assignmentView(db, and(isNull(roleAssignment.installationId), isNull(roleAssignment.collaborationId), inArray(roleAssignment.role, [...collaborationWideRoles]))),
  ] as const;
}

export function whoToCallOf([installations, installationAssignments, collaborations, collaborationAssignments, participants, wide]: Results<ReturnType<typeof whoToCallQueries>>) {
  const rolesOn = (rows: AssignmentView[], key: (a: AssignmentView) => number | null, id: number) =>
    rows.filter((a) => key(a) === id).sort(byRoleThenName).map(contactOf);
  return {
    municipalities: installations.sort(byInstallationLabel).map((i) => ({
      code: i.municipality, name: i.municipalityName, installationId: i.id,
      contacts: rolesOn(installationAssignments, (a) => a.installationId, i.id),
    })),
    collaborations: collaborations.sort((a, b) => a.id - b.id).map((c) => {
      const contacts = rolesOn(collaborationAssignments, (a) => a.collaborationId, c.id);
      const ownerContact: Contact | undefined = c.ownerId !== null && c.ownerName !== null
        ? { personId: c.ownerId, name: c.ownerName, title: c.ownerTitle ?? '', email: c.ownerEmail ?? '', phone: c.ownerPhone ?? '', role: 'system_owner' }
        : undefined;
      // The owner named on the collaboration comes first; an assignment saying the same is not repeated.
      const rest = contacts.filter((x) => !(ownerContact && x.role === 'system_owner' && x.personId === ownerContact.personId));
      return {
        id: c.id, level: c.level, hostName: c.hostName,
        participants: participants.filter((p) => p.collaborationId === c.id).map((p) => p.name).sort((a, b) => a.localeCompare(b, 'sv')),
        contacts: ownerContact ? [ownerContact, ...rest] : rest,
      };
    }),
    collaborationWide: wide.sort(byRoleThenName).map(contactOf),
  };
}
export type WhoToCall = Awaited<ReturnType<typeof whoToCall>>;

/** Everything the vulnerability analysis needs — one round trip — and the analysis. */
export async function vulnerabilityReport(db: Database) {
  const [installations, assignments, people, participants, municipalities] = await db.batch([
    db.select({
      ...installationNames(),
      lifecycle: installation.lifecycle,
      criticality: installation.criticality,
      competenceRisk: installation.competenceRisk,
    }).from(installation)
      .innerJoin(municipality, eq(installation.municipality, municipality.code))
      .innerJoin(application, eq(installation.applicationId, application.id))
      .where(ne(installation.lifecycle, 'retired')),
    // Roles on retired systems and ended collaborations are history, not load.
    db.select({
      id: roleAssignment.id, personId: roleAssignment.personId, role: roleAssignment.role,
      installationId: roleAssignment.installationId, collaborationId: roleAssignment.collaborationId,
    }).from(roleAssignment)
      .leftJoin(installation, eq(roleAssignment.installationId, installation.id))
      .leftJoin(collaboration, eq(roleAssignment.collaborationId, collaboration.id))
      .where(and(
        or(isNull(roleAssignment.installationId), ne(installation.lifecycle, 'retired')),
        or(isNull(roleAssignment.collaborationId), isNull(collaboration.endedOn)),
      )),
    db.select({ id: person.id, name: person.name, municipality: person.municipalityCode, title: person.title }).from(person),
    db.select({ collaborationId: collaborationParticipant.collaborationId, municipality: collaborationParticipant.municipalityCode, applicationId: collaborationParticipant.applicationId })
      .from(collaborationParticipant)
      .innerJoin(collaboration, eq(collaborationParticipant.collaborationId, collaboration.id))
      .where(and(eq(collaborationParticipant.active, true), isNull(collaboration.endedOn))),
    municipalityNames(db),
  ]);
  const taking = new Map<string, number[]>();
  for (const p of participants) {
    const key = `${p.municipality}|${p.applicationId}`;
    taking.set(key, [...(taking.get(key) ?? []), p.collaborationId]);
  }
  const rows: VulnerabilityInstallation[] = installations.map((i) => ({ ...i, collaborationIds: taking.get(`${i.municipality}|${i.applicationId}`) ?? [] }));
  return { ...vulnerabilities({ installations: rows, assignments, people }), municipalities: municipalities.sort(bySwedishName) };
}
