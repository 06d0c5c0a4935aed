import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import { collaboration, person, roleAssignment } from '../../schema/collaboration.ts';
import { application, installation, municipality } from '../../schema/portfolio.ts';
import { auditStatement } from '../audit/events.ts';
import type { Actor, Database } from '../env.ts';
import { conflict, forbidden, invalid, notFound, ok, staleVersion, type FieldIssue, type Outcome } from '../outcome.ts';
import { requireChange, requireNone, writeBatch } from '../store.ts';
import { validate } from '../validation.ts';
import { deleteVersioned, insertAudited, onlyChanges, updateVersioned } from '../versioned.ts';
import { personJson, type PersonJson, type PersonRow, type RoleAssignmentRow } from './queries.ts';
import { isCollaborationWide, personCreate, personPatch, roleAssignmentCreate, roleLabel } from './schemas.ts';

/*
 * The people directory and role assignments. Routes declare `allow('register')` (administrators
 * and editors); the scope is checked here: an editor changes the people of their own
 * municipalities and the roles on their municipalities' systems; people who work for the
 * whole collaboration, and roles on a collaboration or for the whole collaboration, are for
 * administrators (the IT directors' group).
 */

/** Why this actor may not change people of this municipality (null: the whole collaboration), or undefined when it may. */
export function personRefusal(actor: Actor, code: string | null): string | undefined {
  if (actor.role === 'admin') return undefined;
  if (actor.role === 'editor') {
    if (code === null) return 'Bara administratörer får ändra personer som arbetar för hela samverkan.';
    return actor.municipalities.includes(code) ? undefined : 'Du får bara ändra personer i de kommuner du är redaktör för.';
  }
  return 'Din roll får inte ändra personregistret.';
}

type RoleTarget = { installationMunicipality: string | null } | 'collaboration';

/** Why this actor may not give or take a role on this target, or undefined when it may. */
export function roleRefusal(actor: Actor, target: RoleTarget): string | undefined {
  if (actor.role === 'admin') return undefined;
  if (target === 'collaboration' || target.installationMunicipality === null) {
    return 'Bara administratörer (IT-chefsgruppen) får ge roller för en samverkan eller för hela samverkan.';
  }
  if (actor.role === 'editor') {
    return actor.municipalities.includes(target.installationMunicipality) ? undefined : 'Du får bara ge roller för system i de kommuner du är redaktör för.';
  }
  return 'Din roll får inte ändra roller.';
}

/** What the pages offer this actor, so nobody is shown a form that would only answer 403. */
export function peopleAbilities(actor: Actor) {
  return {
    admin: actor.role === 'admin',
    /** May add people at all (in some municipality). */
    addPeople: actor.role === 'admin' || (actor.role === 'editor' && actor.municipalities.length > 0),
    editPerson: (code: string | null) => personRefusal(actor, code) === undefined,
    assignOnInstallation: (code: string) => roleRefusal(actor, { installationMunicipality: code }) === undefined,
    assignOnCollaboration: actor.role === 'admin',
    /** The municipalities this actor may place people in. */
    municipalities: (all: { code: string; name: string }[]) => all.filter((m) => personRefusal(actor, m.code) === undefined),
  };
}
export type PeopleAbilities = ReturnType<typeof peopleAbilities>;

const count = (rows: unknown[]) => rows.length;

/** The municipality must exist and an e-mail address is one person's. */
async function personIssues(db: Database, p: { municipality?: string | null; email?: string }, except = 0): Promise<FieldIssue[]> {
  const [m, sameEmail] = await db.batch([
    db.select({ code: municipality.code }).from(municipality).where(eq(municipality.code, p.municipality ?? '')),
    db.select({ id: person.id, name: person.name }).from(person).where(and(eq(person.email, p.email ?? ''), ne(person.email, ''), ne(person.id, except))),
  ]);
  const issues: FieldIssue[] = [];
  if (p.municipality != null && !count(m)) issues.push({ path: 'municipality', message: 'Kommunen finns inte.' });
  if (p.email && sameEmail[0]) issues.push({ path: 'email', message: `E-postadressen ${p.email} finns redan hos ${sameEmail[0].name}.` });
  return issues;
}

const toColumns = (p: { municipality?: string | null; [key: string]: unknown }) => {
  const { municipality: code, ...rest } = p;
  return code === undefined ? rest : { ...rest, municipalityCode: code };
};

export async function createPerson(db: Database, actor: Actor, input: unknown): Promise<Outcome<PersonJson>> {
  const parsed = validate(personCreate, input);
  if (!parsed.ok) return parsed;
  const values = { ...parsed.value, municipality: parsed.value.municipality ?? null };
  const issues = await personIssues(db, values);
  if (issues.length) return invalid(issues);
  const refusal = personRefusal(actor, values.municipality);
  if (refusal) return forbidden(refusal);
  // Another request may add the same e-mail between the check and this write.
  const guards = values.email ? [requireNone(db, sql`SELECT 1 FROM ${person} WHERE ${person.email} = ${values.email}`)] : [];
  const created = await insertAudited<PersonRow>(db, actor, person, 'person', toColumns(values), guards);
  return created.ok ? ok(personJson(created.value)) : created;
}

export async function updatePerson(db: Database, actor: Actor, id: number, input: unknown): Promise<Outcome<PersonJson>> {
  const parsed = validate(personPatch, input);
  if (!parsed.ok) return parsed;
  const { version, ...patch } = parsed.value;
  const [before] = await db.select().from(person).where(eq(person.id, id));
  if (!before) return notFound('Personen finns inte.');
  // A form posts every field; what counts (for permission and the audit trail) is what changes.
  const set = onlyChanges(before, toColumns(patch)) as Partial<PersonRow>;
  const refusal = personRefusal(actor, before.municipalityCode)
    ?? (set.municipalityCode !== undefined ? personRefusal(actor, set.municipalityCode) : undefined);
  if (refusal) return forbidden(refusal);
  if (Object.keys(set).length === 0) return version === before.version ? ok(personJson(before)) : staleVersion();
  const issues = await personIssues(db, { municipality: set.municipalityCode, email: set.email }, id);
  if (issues.length) return invalid(issues);
  const updated = await updateVersioned(db, actor, { table: person, key: person.id, id, entity: 'person', before, version }, set);
  return updated.ok ? ok(personJson(updated.value)) : updated;
}

export async function deletePerson(db: Database, actor: Actor, id: number, version?: number): Promise<Outcome<void>> {
  const [[before], owns, roles] = await db.batch([
    db.select().from(person).where(eq(person.id, id)),
    db.select({ id: collaboration.id, name: application.name }).from(collaboration)
      .innerJoin(application, eq(collaboration.applicationId, application.id)).where(eq(collaboration.ownerId, id)),
    db.select().from(roleAssignment).where(eq(roleAssignment.personId, id)),
  ]);
  if (!before) return notFound('Personen finns inte.');
  const refusal = personRefusal(actor, before.municipalityCode);
  if (refusal) return forbidden(refusal);
  if (version !== undefined && version !== before.version) return staleVersion();
  if (owns.length) {
    const names = owns.map((o) => o.name).join(', ');
    return conflict(`${before.name} är systemägare för samverkan kring ${names}. Utse en annan systemägare för samverkan först.`);
  }
  if (!roles.length) return deleteVersioned(db, actor, { table: person, key: person.id, id, entity: 'person', before, version });
  // The person's roles go with them (ON DELETE CASCADE); each leaves its own audit event too.
  return writeBatch(db, [
    db.delete(person).where(and(eq(person.id, id), eq(person.version, before.version))),
    requireChange(db),
    auditStatement(db, actor, { action: 'delete', entity: 'person', entityId: id, before: { ...before, roles: roles.map((r) => ({ id: r.id, role: r.role, installationId: r.installationId, collaborationId: r.collaborationId })) } }),
    ...roles.map((r) => auditStatement(db, actor, { action: 'delete', entity: 'role_assignment', entityId: r.id, before: r })),
  ], () => undefined);
}

/** The role rules that need no database: which roles take a target, and at most one target. */
function targetIssues(role: RoleAssignmentRow['role'], installationId: number | null, collaborationId: number | null): FieldIssue[] {
  if (installationId !== null && collaborationId !== null) {
    return [{ path: 'collaborationId', message: 'En roll gäller antingen ett system eller en samverkan, inte båda. Välj det ena.' }];
  }
  const wide = isCollaborationWide(role);
  if (wide && (installationId !== null || collaborationId !== null)) {
    return [{ path: installationId !== null ? 'installationId' : 'collaborationId', message: `Rollen ${roleLabel[role]} gäller hela samverkan: välj varken system eller samverkan.` }];
  }
  if (!wide && installationId === null && collaborationId === null) {
    return [{ path: 'installationId', message: `Rollen ${roleLabel[role]} gäller ett system eller en samverkan: välj vilket.` }];
  }
  return [];
}

export async function createRoleAssignment(db: Database, actor: Actor, input: unknown): Promise<Outcome<RoleAssignmentRow>> {
  const parsed = validate(roleAssignmentCreate, input);
  if (!parsed.ok) return parsed;
  const { personId, role } = parsed.value;
  const installationId = parsed.value.installationId ?? null;
  const collaborationId = parsed.value.collaborationId ?? null;
  const rules = targetIssues(role, installationId, collaborationId);
  if (rules.length) return invalid(rules);
  const [[who], [system], [shared], same] = await db.batch([
    db.select({ id: person.id, name: person.name }).from(person).where(eq(person.id, personId)),
    db.select({ municipality: installation.municipality, lifecycle: installation.lifecycle }).from(installation).where(eq(installation.id, installationId ?? 0)),
    db.select({ endedOn: collaboration.endedOn }).from(collaboration).where(eq(collaboration.id, collaborationId ?? 0)),
    db.select({ id: roleAssignment.id }).from(roleAssignment).where(and(
      eq(roleAssignment.personId, personId),
      eq(roleAssignment.role, role),
      installationId === null ? isNull(roleAssignment.installationId) : eq(roleAssignment.installationId, installationId),
      collaborationId === null ? isNull(roleAssignment.collaborationId) : eq(roleAssignment.collaborationId, collaborationId),
    )),
  ]);
  const issues: FieldIssue[] = [];
  if (!who) issues.push({ path: 'personId', message: 'Personen finns inte.' });
  if (installationId !== null && !system) issues.push({ path: 'installationId', message: 'Systemet finns inte.' });
  if (installationId !== null && system?.lifecycle === 'retired') issues.push({ path: 'installationId', message: 'Systemet är avvecklat; ge rollen för det system som används i stället.' });
  if (collaborationId !== null && !shared) issues.push({ path: 'collaborationId', message: 'Samverkan finns inte.' });
  if (collaborationId !== null && shared?.endedOn) issues.push({ path: 'collaborationId', message: 'Samverkan är avslutad.' });
  if (issues.length) return invalid(issues);
  const refusal = roleRefusal(actor, installationId !== null ? { installationMunicipality: system!.municipality } : collaborationId !== null ? 'collaboration' : { installationMunicipality: null });
  if (refusal) return forbidden(refusal);
  if (same.length) {
    const where = installationId !== null ? 'för det här systemet' : collaborationId !== null ? 'för den här samverkan' : 'för hela samverkan';
    return invalid([{ path: 'role', message: `${who!.name} har redan rollen ${roleLabel[role]} ${where}.` }]);
  }
  // The same role may be given by another request between the check and this write.
  const sameRole = and(
    eq(roleAssignment.personId, personId), eq(roleAssignment.role, role),
    installationId === null ? isNull(roleAssignment.installationId) : eq(roleAssignment.installationId, installationId),
    collaborationId === null ? isNull(roleAssignment.collaborationId) : eq(roleAssignment.collaborationId, collaborationId),
  );
  return insertAudited<RoleAssignmentRow>(db, actor, roleAssignment, 'role_assignment', { personId, role, installationId, collaborationId },
    [requireNone(db, sql`SELECT 1 FROM ${roleAssignment} WHERE ${sameRole}`)]);
}

export async function deleteRoleAssignment(db: Database, actor: Actor, id: number, version?: number): Promise<Outcome<void>> {
  const [[before], [system]] = await db.batch([
    db.select().from(roleAssignment).where(eq(roleAssignment.id, id)),
    db.select({ municipality: installation.municipality }).from(roleAssignment)
      .innerJoin(installation, eq(roleAssignment.installationId, installation.id)).where(eq(roleAssignment.id, id)),
  ]);
  if (!before) return notFound('Rolltilldelningen finns inte.');
  const refusal = roleRefusal(actor, before.installationId !== null ? { installationMunicipality: system?.municipality ?? null } : before.collaborationId !== null ? 'collaboration' : { installationMunicipality: null });
  if (refusal) return forbidden(refusal);
  return deleteVersioned(db, actor, { table: roleAssignment, key: roleAssignment.id, id, entity: 'role_assignment', before, version });
}
