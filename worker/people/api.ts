import { Hono, type Context } from 'hono';
import { allow } from '../access/permissions.ts';
import type { AppEnv } from '../env.ts';
import { deleteVersion, failureJson, jsonBody, missing, pathId, query, respond } from '../http.ts';
import type { Outcome } from '../outcome.ts';
import { createPerson, createRoleAssignment, deletePerson, deleteRoleAssignment, updatePerson } from './commands.ts';
import { assignmentJson, assignmentTarget, findPersonWithRoles, findRoleAssignment, listPeople, listRoleAssignments, personJson, vulnerabilityReport, type AssignmentView } from './queries.ts';
import { peopleFilter, roleAssignmentFilter } from './schemas.ts';
import type { Vulnerabilities } from './vulnerability.ts';

type Ctx = Context<AppEnv>;
const db = (c: Ctx) => c.var.db;
const actor = (c: Ctx) => c.var.actor;

const withId = (what: string, run: (c: Ctx, id: number) => Promise<Outcome<unknown>>, status: 200 | 201 = 200) => async (c: Ctx) => {
  const id = pathId(c);
  return respond(c, id === undefined ? missing(what) : await run(c, id), status);
};

/** A role as seen from its holder: what it is and what it is for. */
const roleJson = (a: AssignmentView) => ({
  id: a.id, role: a.role, installationId: a.installationId, collaborationId: a.collaborationId, target: assignmentTarget(a).label, version: a.version,
});

/** The analysis as the API speaks of it: ids and names, not the nested rows the page uses. */
const vulnerabilityJson = (v: Vulnerabilities) => {
  const installationJson = (i: Vulnerabilities['keyRoleDependencies'][number]['installation']) => ({
    id: i.id, municipality: i.municipality, municipalityName: i.municipalityName, applicationId: i.applicationId,
    applicationName: i.applicationName, criticality: i.criticality, competenceRisk: i.competenceRisk, lifecycle: i.lifecycle,
  });
  const holderJson = (h: { person: { id: number; name: string }; roles: string[] }) => ({ personId: h.person.id, name: h.person.name, roles: h.roles });
  return {
    manyRolesThreshold: v.threshold,
    singlePersonDependencies: v.keyRoleDependencies.map((d) => ({ installation: installationJson(d.installation), kind: d.kind, holders: d.holders.map(holderJson) })),
    peopleWithManyRoles: v.busyPeople.map((b) => ({
      person: { id: b.person.id, name: b.person.name, municipality: b.person.municipality, title: b.person.title },
      count: b.assignments.length,
      assignments: b.assignments.map((a) => ({ id: a.id, role: a.role, installationId: a.installationId, collaborationId: a.collaborationId })),
    })),
    competenceDependencies: v.competenceDependencies.map((d) => ({ installation: installationJson(d.installation), holders: d.holders.map(holderJson) })),
  };
};

export const peopleApi = new Hono<AppEnv>()
  .get('/people', allow('read'), async (c) => {
    const filter = query(c, peopleFilter);
    if (!filter.ok) return failureJson(c, filter);
    const { people } = await listPeople(db(c), filter.value);
    return c.json(people.map(({ person, roles }) => ({ ...personJson(person), roles: roles.map(roleJson) })));
  })
  .post('/people', allow('register'), async (c) => {
    const body = await jsonBody(c);
    return respond(c, body.ok ? await createPerson(db(c), actor(c), body.value) : body, 201);
  })
  .get('/people/:id', allow('read'), withId('Personen', async (c, id) => {
    const found = await findPersonWithRoles(db(c), id);
    return found ? { ok: true, value: { ...personJson(found.person), roles: found.roles.map(roleJson) } } : missing('Personen');
  }))
  .patch('/people/:id', allow('register'), withId('Personen', async (c, id) => {
    const body = await jsonBody(c);
    return body.ok ? updatePerson(db(c), actor(c), id, body.value) : body;
  }))
  .delete('/people/:id', allow('register'), withId('Personen', async (c, id) => {
    const version = deleteVersion(c);
    return version.ok ? deletePerson(db(c), actor(c), id, version.value) : version;
  }))

  .get('/role-assignments', allow('read'), async (c) => {
    const filter = query(c, roleAssignmentFilter);
    return filter.ok ? c.json((await listRoleAssignments(db(c), filter.value)).map(assignmentJson)) : failureJson(c, filter);
  })
  .post('/role-assignments', allow('register'), async (c) => {
    const body = await jsonBody(c);
    return respond(c, body.ok ? await createRoleAssignment(db(c), actor(c), body.value) : body, 201);
  })
  .get('/role-assignments/:id', allow('read'), withId('Rolltilldelningen', async (c, id) => {
    const found = await findRoleAssignment(db(c), id);
    return found ? { ok: true, value: assignmentJson(found) } : missing('Rolltilldelningen');
  }))
  .delete('/role-assignments/:id', allow('register'), withId('Rolltilldelningen', async (c, id) => {
    const version = deleteVersion(c);
    return version.ok ? deleteRoleAssignment(db(c), actor(c), id, version.value) : version;
  }))

  .get('/vulnerabilities', allow('read'), async (c) => c.json(vulnerabilityJson(await vulnerabilityReport(db(c)))));
