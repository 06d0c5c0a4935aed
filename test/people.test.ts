/**
 * The people directory, role assignments, "Vem ska jag ringa?" and the vulnerability list:
 * API contract (success, 400 per field with nothing written, 404, 409), editors' scope, the
 * role rules, the pages, the pure vulnerability analysis and the demo data.
 */
import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import { people as demoPeople, roleAssignments as demoAssignments } from '../schema/demo/data.ts';
import { demoStatements as statements } from '../schema/demo/sql.ts';
import { MANY_ROLES_THRESHOLD, vulnerabilities, type VulnerabilityInput, type VulnerabilityInstallation } from '../worker/people/vulnerability.ts';
import { actAs, api, auditEvents, page, seedRegister, signIn, type ApiResponse } from './helpers.ts';

const form = (fields: Record<string, string>) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
});

const created = (r: ApiResponse) => {
  if (r.status !== 201) throw new Error(`setup failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
};

const tables = ['person', 'role_assignment', 'collaboration', 'installation', 'audit_event'];

/** Every row of the tables this area touches: "nothing written" in full. */
async function dump() {
  const results = await env.DB.batch(tables.map((t) => env.DB.prepare(`SELECT * FROM ${t} ORDER BY rowid`)));
  return Object.fromEntries(tables.map((t, i) => [t, results[i]!.results]));
}

/** Two municipalities with Ekonomisystem (both) and Brandvägg (Bengtsfors), and a few people. */
async function world() {
  const r = await seedRegister();
  const finance1460 = created(await api('POST', '/installations', { municipality: '1460', applicationId: r.finance.id, productId: r.raindance.id, criticality: 'critical' }));
  const finance1492 = created(await api('POST', '/installations', { municipality: '1492', applicationId: r.finance.id, productId: r.raindance.id, criticality: 'high' }));
  const firewall1460 = created(await api('POST', '/installations', { municipality: '1460', applicationId: r.firewall.id, productId: r.unit4.id, criticality: 'low' }));
  const anna = created(await api('POST', '/people', { name: 'Anna Berg', email: 'anna.berg@bengtsfors.se', phone: '0531-526 00', municipality: '1460', title: 'Systemförvaltare ekonomi' }));
  const olle = created(await api('POST', '/people', { name: 'Olle Åberg', email: 'olle.aberg@amal.se', municipality: '1492', title: 'IT-tekniker' }));
  const sara = created(await api('POST', '/people', { name: 'Sara Lind', email: 'sara.lind@amal.se', municipality: null, title: 'IT-säkerhetsansvarig' }));
  return { ...r, finance1460, finance1492, firewall1460, anna, olle, sara };
}

/** A collaboration straight into D1: its rules are the collaboration area's, not tested here. */
async function collaborationOf(applicationId: number, ownerId: number | null, codes: string[], endedOn: string | null = null) {
  const row = await env.DB.prepare('INSERT INTO collaboration (application_id, level, host_code, owner_id, ended_on) VALUES (?, 3, ?, ?, ?) RETURNING id')
    .bind(applicationId, codes[0], ownerId, endedOn).first<{ id: number }>();
  for (const code of codes) {
    await env.DB.prepare('INSERT INTO collaboration_participant (collaboration_id, municipality_code, application_id, active) VALUES (?, ?, ?, ?)')
      .bind(row!.id, code, applicationId, endedOn ? 0 : 1).run();
  }
  return row!.id;
}

describe('people API', () => {
  it('creates, reads, lists, changes and deletes a person, each write audited', async () => {
    const w = await world();
    expect(w.anna).toMatchObject({ name: 'Anna Berg', email: 'anna.berg@bengtsfors.se', phone: '0531-526 00', municipality: '1460', title: 'Systemförvaltare ekonomi', version: 1 });
    expect(w.anna).not.toHaveProperty('municipalityCode');
    expect(w.sara.municipality).toBeNull();

    const one = await api('GET', `/people/${w.anna.id}`);
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ id: w.anna.id, name: 'Anna Berg', roles: [] });

    const all = await api('GET', '/people');
    expect(all.body.map((p: { name: string }) => p.name)).toEqual(['Anna Berg', 'Olle Åberg', 'Sara Lind']);
    const inAmal = await api('GET', '/people?municipality=1492');
    expect(inAmal.body.map((p: { name: string }) => p.name)).toEqual(['Olle Åberg']);
    expect((await api('GET', '/people?municipality=abc')).status).toBe(400);

    const changed = await api('PATCH', `/people/${w.anna.id}`, { version: 1, title: 'Systemförvaltare', phone: '', email: 'ANNA.BERG@bengtsfors.se' });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ title: 'Systemförvaltare', phone: '', email: 'anna.berg@bengtsfors.se', version: 2 });

    const stale = await api('PATCH', `/people/${w.anna.id}`, { version: 1, title: 'Något annat' });
    expect(stale.status).toBe(409);
    expect((await api('GET', `/people/${w.anna.id}`)).body.title).toBe('Systemförvaltare');

    expect((await api('DELETE', `/people/${w.anna.id}?version=1`)).status).toBe(409);
    expect((await api('DELETE', `/people/${w.anna.id}?version=2`)).status).toBe(204);
    expect((await api('GET', `/people/${w.anna.id}`)).status).toBe(404);

    const events = await auditEvents('person');
    expect(events.map((e) => e.action)).toEqual(['create', 'create', 'create', 'update', 'delete']);
    expect(JSON.parse(events[3]!.after!)).toMatchObject({ title: 'Systemförvaltare', version: 2 });
  });

  it.each([
    ['name', { name: '' }, 'Ange namn.'],
    ['name', { name: 42 }, 'Namn måste vara text.'],
    ['email', { email: 'inte-en-adress' }, 'Ange en giltig e-postadress'],
    ['phone', { phone: 'ring mig' }, 'Ange telefonnumret med siffror'],
    ['municipality', { municipality: '14' }, 'SCB:s fyrsiffriga kommunkod'],
    ['municipality', { municipality: '9999' }, 'Kommunen finns inte.'],
    ['title', { title: 'x'.repeat(201) }, 'högst 200 tecken'],
    ['nickname', { nickname: 'Anna' }, 'Okänt fält.'],
  ])('refuses a bad %s with 400 and a Swedish message, writing nothing', async (path, patch, message) => {
    await seedRegister();
    const before = await dump();
    const r = await api('POST', '/people', { name: 'Anna Berg', municipality: '1460', ...patch });
    expect(r.status).toBe(400);
    expect(r.body.issues).toContainEqual({ path, message: expect.stringContaining(message) });
    expect(await dump()).toEqual(before);
  });

  it('refuses a second person with the same e-mail address, and a PATCH without version', async () => {
    const w = await world();
    const before = await dump();
    const same = await api('POST', '/people', { name: 'Annan Berg', email: 'anna.berg@bengtsfors.se', municipality: '1460' });
    expect(same.status).toBe(400);
    expect(same.body.issues).toEqual([{ path: 'email', message: 'E-postadressen anna.berg@bengtsfors.se finns redan hos Anna Berg.' }]);
    const noVersion = await api('PATCH', `/people/${w.anna.id}`, { title: 'x' });
    expect(noVersion.status).toBe(400);
    expect(noVersion.body.issues[0].path).toBe('version');
    const badPatch = await api('PATCH', `/people/${w.anna.id}`, { version: 1, email: 'x@' });
    expect(badPatch.status).toBe(400);
    expect(badPatch.body.issues[0].path).toBe('email');
    expect(await dump()).toEqual(before);
  });

  it('answers 404 for people that do not exist', async () => {
    for (const [method, path] of [['GET', '/people/999'], ['PATCH', '/people/999'], ['DELETE', '/people/999'], ['GET', '/people/abc'], ['DELETE', '/role-assignments/999']] as const) {
      const r = await api(method, path, method === 'PATCH' ? { version: 1, name: 'X' } : undefined);
      expect(r.status, `${method} ${path}`).toBe(404);
    }
  });

  it("refuses to delete a collaboration's system owner with 409 and a clear reason, writing nothing", async () => {
    const w = await world();
    await collaborationOf(w.finance.id, w.anna.id, ['1460', '1492']);
    const before = await dump();
    const r = await api('DELETE', `/people/${w.anna.id}`);
    expect(r.status).toBe(409);
    expect(r.body.error).toBe('Anna Berg är systemägare för samverkan kring Ekonomisystem. Utse en annan systemägare för samverkan först.');
    expect(await dump()).toEqual(before);
  });

  it("deletes a person's roles with the person, each leaving an audit event", async () => {
    const w = await world();
    const role = created(await api('POST', '/role-assignments', { personId: w.anna.id, role: 'system_manager', installationId: w.finance1460.id }));
    expect((await api('DELETE', `/people/${w.anna.id}`)).status).toBe(204);
    expect((await api('GET', `/role-assignments?person=${w.anna.id}`)).body).toEqual([]);
    const events = await auditEvents('role_assignment');
    expect(events.map((e) => [e.action, e.entity_id])).toEqual([['create', String(role.id)], ['delete', String(role.id)]]);
    const personDelete = (await auditEvents('person')).at(-1)!;
    expect(JSON.parse(personDelete.before!).roles).toEqual([{ id: role.id, role: 'system_manager', installationId: w.finance1460.id, collaborationId: null }]);
  });
});

describe("editors' scope over people", () => {
  let w: Awaited<ReturnType<typeof world>>;
  beforeEach(async () => {
    w = await world();
    actAs(await signIn('editor', ['1460']));
  });

  it('lets an editor add and change people of their own municipality', async () => {
    const p = await api('POST', '/people', { name: 'Bo Ek', municipality: '1460' });
    expect(p.status).toBe(201);
    expect((await api('PATCH', `/people/${w.anna.id}`, { version: 1, title: 'Ekonomichef' })).status).toBe(200);
    expect((await api('DELETE', `/people/${p.body.id}`)).status).toBe(204);
  });

  it.each([
    ['create in another municipality', 'POST', (): string => '/people', (): unknown => ({ name: 'Bo Ek', municipality: '1492' }), 'Du får bara ändra personer i de kommuner du är redaktör för.'],
    ['create for the whole collaboration', 'POST', (): string => '/people', (): unknown => ({ name: 'Bo Ek', municipality: null }), 'Bara administratörer får ändra personer som arbetar för hela samverkan.'],
    ['change a person of another municipality', 'PATCH', (): string => `/people/${w.olle.id}`, (): unknown => ({ version: 1, title: 'Chef' }), 'Du får bara ändra personer i de kommuner du är redaktör för.'],
    ['move an own person to another municipality', 'PATCH', (): string => `/people/${w.anna.id}`, (): unknown => ({ version: 1, municipality: '1492' }), 'Du får bara ändra personer i de kommuner du är redaktör för.'],
    ['delete a person of another municipality', 'DELETE', (): string => `/people/${w.olle.id}`, (): unknown => undefined, 'Du får bara ändra personer i de kommuner du är redaktör för.'],
    ['delete a collaboration-wide person', 'DELETE', (): string => `/people/${w.sara.id}`, (): unknown => undefined, 'Bara administratörer får ändra personer som arbetar för hela samverkan.'],
  ] as const)('refuses to %s with 403, writing nothing', async (_name, method, path, body, message) => {
    const before = await dump();
    const r = await api(method, path(), body());
    expect(r.status).toBe(403);
    expect(r.body.error).toBe(message);
    expect(await dump()).toEqual(before);
  });

  it('a viewer reads people but changes nothing', async () => {
    actAs(await signIn('viewer'));
    expect((await api('GET', '/people')).status).toBe(200);
    expect((await api('POST', '/people', { name: 'Bo Ek', municipality: '1460' })).status).toBe(403);
    expect((await api('POST', '/role-assignments', { personId: w.anna.id, role: 'system_manager', installationId: w.finance1460.id })).status).toBe(403);
  });
});

describe('role assignments', () => {
  it('gives roles on an installation, a collaboration and the whole collaboration, lists and removes them', async () => {
    const w = await world();
    const collab = await collaborationOf(w.finance.id, w.anna.id, ['1460', '1492']);
    const onSystem = await api('POST', '/role-assignments', { personId: w.anna.id, role: 'system_manager', installationId: w.finance1460.id });
    expect(onSystem.status).toBe(201);
    expect(onSystem.body).toMatchObject({ personId: w.anna.id, role: 'system_manager', installationId: w.finance1460.id, collaborationId: null, version: 1 });
    const onCollab = created(await api('POST', '/role-assignments', { personId: w.olle.id, role: 'application_support', collaborationId: collab }));
    const wide = created(await api('POST', '/role-assignments', { personId: w.sara.id, role: 'security_officer' }));
    expect(wide).toMatchObject({ installationId: null, collaborationId: null });

    const byInstallation = await api('GET', `/role-assignments?installation=${w.finance1460.id}`);
    expect(byInstallation.body).toHaveLength(1);
    expect(byInstallation.body[0]).toMatchObject({ role: 'system_manager', person: { id: w.anna.id, name: 'Anna Berg', email: 'anna.berg@bengtsfors.se', municipality: '1460' } });
    expect((await api('GET', `/role-assignments?collaboration=${collab}`)).body.map((a: { id: number }) => a.id)).toEqual([onCollab.id]);
    expect((await api('GET', `/role-assignments?person=${w.sara.id}`)).body.map((a: { id: number }) => a.id)).toEqual([wide.id]);
    expect((await api('GET', '/role-assignments')).body).toHaveLength(3);
    expect((await api('GET', '/role-assignments?person=abc')).status).toBe(400);

    const person = await api('GET', `/people/${w.anna.id}`);
    expect(person.body.roles).toEqual([expect.objectContaining({ role: 'system_manager', target: 'Ekonomisystem i Bengtsfors' })]);

    expect((await api('DELETE', `/role-assignments/${onSystem.body.id}?version=2`)).status).toBe(409);
    expect((await api('DELETE', `/role-assignments/${onSystem.body.id}?version=1`)).status).toBe(204);
    expect((await api('GET', `/role-assignments?installation=${w.finance1460.id}`)).body).toEqual([]);
    expect((await auditEvents('role_assignment')).map((e) => e.action)).toEqual(['create', 'create', 'create', 'delete']);
  });

  it.each([
    ['an installation role without a target', { role: 'system_manager' }, 'installationId', 'Rollen Systemförvaltare (systemansvarig) gäller ett system eller en samverkan: välj vilket.'],
    ['a system owner without a target', { role: 'system_owner' }, 'installationId', 'Rollen Systemägare gäller ett system eller en samverkan: välj vilket.'],
    ['the IT directors group on an installation', { role: 'it_directors_group', installationId: 'finance1460' }, 'installationId', 'Rollen IT-chefsgruppen gäller hela samverkan: välj varken system eller samverkan.'],
    ['the security officer on a collaboration', { role: 'security_officer', collaborationId: 'collab' }, 'collaborationId', 'Rollen IT-säkerhetsansvarig gäller hela samverkan: välj varken system eller samverkan.'],
    ['both an installation and a collaboration', { role: 'system_manager', installationId: 'finance1460', collaborationId: 'collab' }, 'collaborationId', 'En roll gäller antingen ett system eller en samverkan, inte båda. Välj det ena.'],
    ['an unknown role', { role: 'janitor', installationId: 'finance1460' }, 'role', 'Välj roll:'],
    ['no person', { personId: undefined, role: 'system_manager', installationId: 'finance1460' }, 'personId', 'Uppgiften saknas.'],
    ['a person who does not exist', { personId: 999, role: 'system_manager', installationId: 'finance1460' }, 'personId', 'Personen finns inte.'],
    ['an installation that does not exist', { role: 'system_manager', installationId: 999 }, 'installationId', 'Systemet finns inte.'],
    ['a collaboration that does not exist', { role: 'system_manager', collaborationId: 999 }, 'collaborationId', 'Samverkan finns inte.'],
    ['an ended collaboration', { role: 'system_manager', collaborationId: 'ended' }, 'collaborationId', 'Samverkan är avslutad.'],
  ])('refuses %s with 400, writing nothing', async (_name, spec, path, message) => {
    const w = await world();
    const collab = await collaborationOf(w.finance.id, null, ['1460', '1492']);
    const ended = await collaborationOf(w.firewall.id, null, ['1460'], '2025-12-31');
    const ids: Record<string, number> = { finance1460: w.finance1460.id, collab, ended };
    const body = Object.fromEntries(Object.entries({ personId: w.anna.id, ...spec })
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => [key, typeof value === 'string' && value in ids ? ids[value] : value]));
    const before = await dump();
    const r = await api('POST', '/role-assignments', body);
    expect(r.status).toBe(400);
    expect(r.body.issues).toContainEqual({ path, message: expect.stringContaining(message) });
    expect(await dump()).toEqual(before);
  });

  it('gives the same role to the same person for the same target only once', async () => {
    const w = await world();
    created(await api('POST', '/role-assignments', { personId: w.anna.id, role: 'system_manager', installationId: w.finance1460.id }));
    created(await api('POST', '/role-assignments', { personId: w.sara.id, role: 'security_officer' }));
    const before = await dump();
    const again = await api('POST', '/role-assignments', { personId: w.anna.id, role: 'system_manager', installationId: w.finance1460.id });
    expect(again.status).toBe(400);
    expect(again.body.issues).toEqual([{ path: 'role', message: 'Anna Berg har redan rollen Systemförvaltare (systemansvarig) för det här systemet.' }]);
    const wideAgain = await api('POST', '/role-assignments', { personId: w.sara.id, role: 'security_officer' });
    expect(wideAgain.body.issues).toEqual([{ path: 'role', message: 'Sara Lind har redan rollen IT-säkerhetsansvarig för hela samverkan.' }]);
    expect(await dump()).toEqual(before);
    // Another role, another system or another person is fine.
    expect((await api('POST', '/role-assignments', { personId: w.anna.id, role: 'system_administrator', installationId: w.finance1460.id })).status).toBe(201);
    expect((await api('POST', '/role-assignments', { personId: w.anna.id, role: 'system_manager', installationId: w.finance1492.id })).status).toBe(201);
    expect((await api('POST', '/role-assignments', { personId: w.olle.id, role: 'system_manager', installationId: w.finance1460.id })).status).toBe(201);
  });

  it("lets an editor give and take roles on their municipality's systems only", async () => {
    const w = await world();
    const collab = await collaborationOf(w.finance.id, null, ['1460', '1492']);
    const other = created(await api('POST', '/role-assignments', { personId: w.olle.id, role: 'system_manager', installationId: w.finance1492.id }));
    actAs(await signIn('editor', ['1460']));
    // A person of another municipality may hold a role on an own system (the host's technician, say).
    const own = await api('POST', '/role-assignments', { personId: w.olle.id, role: 'system_administrator', installationId: w.finance1460.id });
    expect(own.status).toBe(201);
    for (const [body, message] of [
      [{ personId: w.anna.id, role: 'system_manager', installationId: w.finance1492.id }, 'Du får bara ge roller för system i de kommuner du är redaktör för.'],
      [{ personId: w.anna.id, role: 'system_manager', collaborationId: collab }, 'Bara administratörer (IT-chefsgruppen) får ge roller för en samverkan eller för hela samverkan.'],
      [{ personId: w.anna.id, role: 'it_directors_group' }, 'Bara administratörer (IT-chefsgruppen) får ge roller för en samverkan eller för hela samverkan.'],
    ] as const) {
      const before = await dump();
      const r = await api('POST', '/role-assignments', body);
      expect(r.status, JSON.stringify(body)).toBe(403);
      expect(r.body.error).toBe(message);
      expect(await dump()).toEqual(before);
    }
    const before = await dump();
    expect((await api('DELETE', `/role-assignments/${other.id}`)).status).toBe(403);
    expect(await dump()).toEqual(before);
    expect((await api('DELETE', `/role-assignments/${own.body.id}`)).status).toBe(204);
  });
});

describe('pages', () => {
  it('list people grouped by municipality with their roles, filterable, linked to the vulnerability list', async () => {
    const w = await world();
    created(await api('POST', '/role-assignments', { personId: w.anna.id, role: 'system_manager', installationId: w.finance1460.id }));
    created(await api('POST', '/role-assignments', { personId: w.anna.id, role: 'system_manager', installationId: w.finance1492.id }));
    const response = await page('/personer');
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('<h1>Personer och roller');
    expect(html).toMatch(/<h2 id="grupp-1460">Bengtsfors/);
    expect(html).toMatch(/<h2 id="grupp-samverkan">Hela samverkan/);
    expect(html).toContain('Systemförvaltare (systemansvarig) (2)');
    expect(html).toContain('href="/sarbarhet"');
    expect(html).toContain('Vad rollerna betyder');
    expect(html).not.toMatch(/style=|<script>/);
    const filtered = await (await page('/personer?kommun=1492')).text();
    expect(filtered).toContain('Olle Åberg');
    expect(filtered).not.toContain('Anna Berg');
    expect(await (await page('/personer?kommun=samverkan')).text()).toContain('Sara Lind');
    expect((await page('/personer?kommun=x')).status).toBe(400);
  });

  it('show an empty directory with a way forward', async () => {
    await seedRegister();
    const html = await (await page('/personer')).text();
    expect(html).toContain('Inga personer är registrerade än.');
    expect(html).toContain('href="/personer/ny"');
  });

  it('add a person through the form, with errors at the field and nothing written', async () => {
    await seedRegister();
    const before = await dump();
    const bad = await page('/personer/ny', form({ name: '', email: 'nej', municipality: '1460', title: '', phone: '' }));
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain('Rätta följande och försök igen');
    expect(html).toMatch(/id="f-name-fel"[^>]*>.*Ange namn\./);
    expect(html).toMatch(/id="f-email-fel"[^>]*>.*Ange en giltig e-postadress/);
    expect(html).toContain('value="nej"');
    expect(await dump()).toEqual(before);
    const good = await page('/personer/ny', form({ name: 'Anna Berg', email: 'anna.berg@bengtsfors.se', municipality: '1460', title: 'IT-chef', phone: '' }));
    expect(good.status).toBe(303);
    expect(good.headers.get('location')).toMatch(/^\/personer\/\d+\?sparat$/);
    const personPage = await (await page(good.headers.get('location')!)).text();
    expect(personPage).toContain('<h1>Anna Berg');
    expect(personPage).toContain('Ändringarna är sparade.');
    expect(personPage).toContain('Anna Berg har inga roller än.');
  });

  it("edit a person on their page, and refuse an editor's person of another municipality", async () => {
    const w = await world();
    const ok = await page(`/personer/${w.anna.id}`, form({ version: '1', name: 'Anna Berg', title: 'Ekonomichef', municipality: '1460', email: 'anna.berg@bengtsfors.se', phone: '' }));
    expect(ok.status).toBe(303);
    expect((await api('GET', `/people/${w.anna.id}`)).body).toMatchObject({ title: 'Ekonomichef', phone: '', version: 2 });
    const stale = await page(`/personer/${w.anna.id}`, form({ version: '1', name: 'Anna Berg', title: 'Chef', municipality: '1460', email: '', phone: '' }));
    expect(stale.status).toBe(409);
    expect(await stale.text()).toContain('Någon annan har ändrat uppgifterna');
    actAs(await signIn('editor', ['1460']));
    const olle = await (await page(`/personer/${w.olle.id}`)).text();
    expect(olle).not.toContain('Ändra uppgifter');
    const before = await dump();
    const refused = await page(`/personer/${w.olle.id}`, form({ version: '1', name: 'Olle', title: '', municipality: '1492', email: '', phone: '' }));
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('Du får bara ändra personer i de kommuner du är redaktör för.');
    expect(await dump()).toEqual(before);
  });

  it('delete a person after confirming, and explain why an owner cannot be deleted', async () => {
    const w = await world();
    await collaborationOf(w.finance.id, w.anna.id, ['1460', '1492']);
    const blocked = await (await page(`/personer/${w.anna.id}/ta-bort`)).text();
    expect(blocked).toContain('Anna Berg är systemägare för samverkan kring Ekonomisystem.');
    expect(blocked).not.toContain('<button type="submit" class="button danger">');
    expect((await page(`/personer/${w.anna.id}/ta-bort`, form({ version: '1' }))).status).toBe(409);
    const gone = await page(`/personer/${w.olle.id}/ta-bort`, form({ version: '1' }));
    expect(gone.status).toBe(303);
    expect(gone.headers.get('location')).toBe('/personer?borttaget');
  });

  it('give and take a role from the installation page', async () => {
    const w = await world();
    const system = await (await page(`/system/${w.finance1460.id}`)).text();
    expect(system).toContain('<h2 id="roller">Roller</h2>');
    expect(system).toContain('Inga roller är registrerade här än.');
    expect(system).toContain('action="/roller/ny"');

    const added = await page('/roller/ny', form({ tillbaka: `/system/${w.finance1460.id}`, installationId: String(w.finance1460.id), personId: String(w.anna.id), role: 'system_manager' }));
    expect(added.status).toBe(303);
    expect(added.headers.get('location')).toBe(`/system/${w.finance1460.id}?sparat`);
    const after = await (await page(`/system/${w.finance1460.id}`)).text();
    expect(after).toContain(`<a href="/personer/${w.anna.id}">Anna Berg</a>`);
    expect(after).toContain('href="mailto:anna.berg@bengtsfors.se"');

    const before = await dump();
    const again = await page('/roller/ny', form({ tillbaka: `/system/${w.finance1460.id}`, installationId: String(w.finance1460.id), personId: String(w.anna.id), role: 'system_manager' }));
    expect(again.status).toBe(400);
    const html = await again.text();
    expect(html).toMatch(/id="f-role-fel"[^>]*>.*Anna Berg har redan rollen/);
    expect(html).toContain(`name="tillbaka" value="/system/${w.finance1460.id}"`);
    const noRole = await page('/roller/ny', form({ tillbaka: 'https://evil.example/', personId: String(w.anna.id), role: '', installationId: '' }));
    expect(noRole.status).toBe(400);
    expect(await noRole.text()).toContain('name="tillbaka" value="/personer"');
    expect(await dump()).toEqual(before);

    const [role] = (await api('GET', `/role-assignments?installation=${w.finance1460.id}`)).body;
    const removed = await page(`/roller/${role.id}/ta-bort`, form({ version: '1', tillbaka: `/system/${w.finance1460.id}` }));
    expect(removed.status).toBe(303);
    expect(removed.headers.get('location')).toBe(`/system/${w.finance1460.id}?borttaget`);
    expect((await api('GET', `/role-assignments?installation=${w.finance1460.id}`)).body).toEqual([]);
  });

  it("give a role from the person's page, and show editors only what they may assign", async () => {
    const w = await world();
    const added = await page('/roller/ny', form({ tillbaka: `/personer/${w.sara.id}`, personId: String(w.sara.id), role: 'security_officer', installationId: '', collaborationId: '' }));
    expect(added.status).toBe(303);
    expect(added.headers.get('location')).toBe(`/personer/${w.sara.id}?sparat`);
    const sara = await (await page(`/personer/${w.sara.id}`)).text();
    expect(sara).toMatch(/<th scope="row">IT-säkerhetsansvarig<\/th>\s*<td>Hela samverkan/);

    actAs(await signIn('editor', ['1460']));
    const anna = await (await page(`/personer/${w.anna.id}`)).text();
    expect(anna).toContain('Bengtsfors – Ekonomisystem');
    expect(anna).not.toContain('Åmål – Ekonomisystem');
    expect(anna).not.toContain('value="it_directors_group"');
    const amalSystem = await (await page(`/system/${w.finance1492.id}`)).text();
    expect(amalSystem).not.toContain('action="/roller/ny"');
    expect((await page('/roller/ny')).status).toBe(200);
  });

  it('answer 404 for people and roles that do not exist', async () => {
    for (const path of ['/personer/999', '/personer/abc', '/personer/999/ta-bort']) {
      expect((await page(path)).status, path).toBe(404);
    }
    expect((await page('/roller/999/ta-bort', form({ version: '1' }))).status).toBe(404);
  });
});

describe('Vem ska jag ringa? on the application page', () => {
  it('lists, per municipality, who holds which role with e-mail and phone', async () => {
    const w = await world();
    created(await api('POST', '/role-assignments', { personId: w.anna.id, role: 'system_manager', installationId: w.finance1460.id }));
    created(await api('POST', '/role-assignments', { personId: w.olle.id, role: 'system_administrator', installationId: w.finance1460.id }));
    created(await api('POST', '/role-assignments', { personId: w.sara.id, role: 'security_officer' }));
    const html = await (await page(`/applikationer/${w.finance.id}`)).text();
    expect(html).toContain('<h2 id="vem-ska-jag-ringa">Vem ska jag ringa?</h2>');
    const section = html.slice(html.indexOf('id="vem-ska-jag-ringa"'));
    expect(section).toMatch(new RegExp(`<th scope="row"><a href="/system/${w.finance1460.id}">Bengtsfors</a></th>\\s*<td>Systemförvaltare \\(systemansvarig\\)</td>\\s*<td><a href="/personer/${w.anna.id}">Anna Berg</a>, Systemförvaltare ekonomi</td>`));
    expect(section).toContain('<a href="mailto:anna.berg@bengtsfors.se">anna.berg@bengtsfors.se</a>');
    expect(section).toContain('<a href="tel:053152600">0531-526 00</a>');
    expect(section).toMatch(/<td>Systemadministratör<\/td>\s*<td><a href="\/personer\/\d+">Olle Åberg<\/a>/);
    expect(section).toMatch(new RegExp(`<a href="/system/${w.finance1492.id}">Åmål</a></th>\\s*<td colspan="3">Inga roller registrerade`));
    expect(section).toContain('<h3>För hela samverkan</h3>');
    expect(section).toContain(`<li>IT-säkerhetsansvarig: <a href="/personer/${w.sara.id}">Sara Lind</a> (<a href="mailto:sara.lind@amal.se">sara.lind@amal.se</a>)</li>`);
  });

  it("shows an active collaboration's system owner and roles first, and not an ended one's", async () => {
    const w = await world();
    const collab = await collaborationOf(w.finance.id, w.sara.id, ['1460', '1492']);
    await collaborationOf(w.firewall.id, w.olle.id, ['1460'], '2025-12-31');
    created(await api('POST', '/role-assignments', { personId: w.olle.id, role: 'application_support', collaborationId: collab }));
    const html = await (await page(`/applikationer/${w.finance.id}`)).text();
    const section = html.slice(html.indexOf('id="vem-ska-jag-ringa"'));
    expect(section).toMatch(new RegExp(`<a href="/samverkan/${collab}">Samverkan, nivå 3 \\(Bengtsfors, Åmål; värd Bengtsfors\\)</a></th>\\s*<td>Systemägare</td>\\s*<td><a href="/personer/${w.sara.id}">Sara Lind</a>`));
    expect(section).toMatch(/<td>Applikationssupport<\/td>\s*<td><a href="\/personer\/\d+">Olle Åberg/);
    expect(section.indexOf('Samverkan, nivå 3')).toBeLessThan(section.indexOf('>Bengtsfors</a></th>'));
    const firewall = await (await page(`/applikationer/${w.firewall.id}`)).text();
    expect(firewall.slice(firewall.indexOf('id="vem-ska-jag-ringa"'))).not.toContain('Samverkan, nivå');
  });

  it('says so when nobody uses the application', async () => {
    const r = await seedRegister();
    const html = await (await page(`/applikationer/${r.firewall.id}`)).text();
    expect(html).toContain('Ingen kommun använder Brandvägg just nu, så det finns ingen att ringa.');
  });
});

describe('vulnerability analysis (pure)', () => {
  const inst = (id: number, over: Partial<VulnerabilityInstallation> = {}): VulnerabilityInstallation => ({
    id, municipality: '1460', municipalityName: 'Bengtsfors', applicationId: id, applicationName: `App ${id}`,
    lifecycle: 'active', criticality: 'critical', competenceRisk: 2, collaborationIds: [], ...over,
  });
  const person = (id: number) => ({ id, name: `Person ${id}`, municipality: '1460', title: '' });
  let next = 0;
  const role = (personId: number, r: VulnerabilityInput['assignments'][number]['role'], target: { installationId?: number; collaborationId?: number } = {}) =>
    ({ id: ++next, personId, role: r, installationId: target.installationId ?? null, collaborationId: target.collaborationId ?? null });

  it('finds critical installations whose key roles one person or nobody holds', () => {
    const result = vulnerabilities({
      people: [person(1), person(2), person(3)],
      installations: [
        inst(1), // one person holds both key roles
        inst(2), // two people: fine
        inst(3), // nobody, though someone else holds a non-key role
        inst(4, { criticality: 'medium' }), // not critical
        inst(5, { lifecycle: 'retired' }), // history
        inst(6, { criticality: 'high', collaborationIds: [9] }), // second key person through the collaboration
        inst(7, { criticality: null }),
      ],
      assignments: [
        role(1, 'system_manager', { installationId: 1 }), role(1, 'system_administrator', { installationId: 1 }),
        role(1, 'system_manager', { installationId: 2 }), role(2, 'system_administrator', { installationId: 2 }),
        role(3, 'system_owner', { installationId: 3 }),
        role(1, 'system_manager', { installationId: 6 }), role(2, 'system_administrator', { collaborationId: 9 }),
      ],
    });
    expect(result.keyRoleDependencies.map((d) => [d.installation.id, d.kind, d.holders.map((h) => [h.person.id, h.roles])])).toEqual([
      [1, 'one', [[1, ['system_manager', 'system_administrator']]]],
      [3, 'nobody', []],
    ]);
  });

  it(`lists people with ${MANY_ROLES_THRESHOLD} roles or more, most first`, () => {
    const many = (personId: number, n: number) => Array.from({ length: n }, (_, i) => role(personId, 'system_administrator', { installationId: 100 + i }));
    const result = vulnerabilities({ people: [person(1), person(2), person(3)], installations: [], assignments: [...many(1, 4), ...many(2, 5), ...many(3, 7)] });
    expect(MANY_ROLES_THRESHOLD).toBe(5);
    expect(result.threshold).toBe(5);
    expect(result.busyPeople.map((b) => [b.person.id, b.assignments.length])).toEqual([[3, 7], [2, 5]]);
    expect(vulnerabilities({ people: [person(1)], installations: [], assignments: many(1, 4) }, 3).busyPeople).toHaveLength(1);
  });

  it('finds installations with competence risk 4–5 where exactly one person holds any role', () => {
    const result = vulnerabilities({
      people: [person(1), person(2)],
      installations: [
        inst(1, { competenceRisk: 5, criticality: 'low' }), // one person
        inst(2, { competenceRisk: 4, criticality: 'low' }), // two people
        inst(3, { competenceRisk: 3, criticality: 'low' }), // low risk
        inst(4, { competenceRisk: 4, criticality: 'low' }), // nobody registered: not a finding here
        inst(5, { competenceRisk: 5, criticality: 'low', lifecycle: 'retired' }),
      ],
      assignments: [
        role(1, 'system_manager', { installationId: 1 }), role(1, 'system_technician', { installationId: 1 }),
        role(1, 'system_manager', { installationId: 2 }), role(2, 'application_support', { installationId: 2 }),
        role(1, 'system_manager', { installationId: 3 }),
      ],
    });
    expect(result.competenceDependencies.map((d) => [d.installation.id, d.holders.map((h) => h.person.id)])).toEqual([[1, [1]]]);
  });

  it('orders findings by municipality and application in Swedish', () => {
    const result = vulnerabilities({
      people: [],
      installations: [
        inst(1, { municipalityName: 'Åmål', applicationName: 'E-post' }),
        inst(2, { municipalityName: 'Bengtsfors', applicationName: 'Ärenden' }),
        inst(3, { municipalityName: 'Bengtsfors', applicationName: 'Ekonomi' }),
      ],
      assignments: [],
    });
    expect(result.keyRoleDependencies.map((d) => d.installation.id)).toEqual([3, 2, 1]);
  });
});

describe('vulnerability page and API', () => {
  it('shows a list to act on, with links to the installation and the person', async () => {
    const w = await world();
    created(await api('POST', '/role-assignments', { personId: w.anna.id, role: 'system_manager', installationId: w.finance1460.id }));
    created(await api('POST', '/role-assignments', { personId: w.anna.id, role: 'system_administrator', installationId: w.finance1460.id }));
    const response = await page('/sarbarhet');
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('<h1>Sårbarhet: enpersonsberoenden');
    expect(html).toMatch(new RegExp(`<a href="/system/${w.finance1460.id}">Ekonomisystem<span class="visually-hidden"> i Bengtsfors</span></a>`));
    expect(html).toMatch(new RegExp(`<a href="/personer/${w.anna.id}">Anna Berg</a> \\(systemförvaltare \\(systemansvarig\\), systemadministratör\\)`));
    expect(html).toContain('Ingen – varken systemförvaltare eller systemadministratör är utsedd'); // Åmål's Ekonomisystem
    expect(html).toContain(`Ingen person har ${MANY_ROLES_THRESHOLD} roller eller fler.`);
    expect(html).not.toMatch(/style=|<script>/);

    const r = await api('GET', '/vulnerabilities');
    expect(r.status).toBe(200);
    expect(r.body.manyRolesThreshold).toBe(5);
    expect(r.body.singlePersonDependencies).toEqual([
      { installation: expect.objectContaining({ id: w.finance1460.id, municipality: '1460', applicationName: 'Ekonomisystem', criticality: 'critical' }), kind: 'one', holders: [{ personId: w.anna.id, name: 'Anna Berg', roles: ['system_manager', 'system_administrator'] }] },
      { installation: expect.objectContaining({ id: w.finance1492.id }), kind: 'nobody', holders: [] },
    ]);
    expect(r.body.peopleWithManyRoles).toEqual([]);
  });

  it('shows empty states when there is nothing to act on', async () => {
    await seedRegister();
    const html = await (await page('/sarbarhet')).text();
    expect(html).toContain('Inga kritiska system hänger på en enda person.');
    expect(html).toContain('Inga system med hög kompetensrisk hänger på en enda person.');
  });
});

describe('demo people and roles', () => {
  it('load with the demo, give every municipality people and the vulnerability list content', async () => {
    await env.DB.batch(statements().map((s) => env.DB.prepare(s)));
    const count = async (sql: string) => (await env.DB.prepare(sql).first<{ n: number }>())!.n;
    expect(await count('SELECT count(*) AS n FROM person')).toBe(demoPeople.length);
    expect(await count('SELECT count(*) AS n FROM role_assignment')).toBe(demoAssignments.length);
    expect(await count('SELECT count(DISTINCT municipality_code) AS n FROM person')).toBe(5);
    expect(await count("SELECT count(*) AS n FROM role_assignment WHERE role = 'it_directors_group' AND installation_id IS NULL AND collaboration_id IS NULL")).toBe(5);
    expect(await count("SELECT count(*) AS n FROM role_assignment WHERE role = 'security_officer' AND installation_id IS NULL AND collaboration_id IS NULL")).toBeGreaterThanOrEqual(1);
    // A good share of the current installations has a systemförvaltare or a systemadministratör.
    const share = await env.DB.prepare(`SELECT
        (SELECT count(*) FROM installation i WHERE lifecycle <> 'retired' AND EXISTS (SELECT 1 FROM role_assignment r WHERE r.installation_id = i.id AND r.role IN ('system_manager', 'system_administrator'))) AS covered,
        (SELECT count(*) FROM installation WHERE lifecycle <> 'retired') AS total`).first<{ covered: number; total: number }>();
    expect(share!.covered / share!.total).toBeGreaterThan(0.5);
    for (const p of demoPeople) expect(p.email).toMatch(/^[a-z-]+\.[a-z-]+@[a-z]+\.se$/);

    const r = await api('GET', '/vulnerabilities');
    expect(r.body.singlePersonDependencies.length).toBeGreaterThanOrEqual(3);
    expect(r.body.singlePersonDependencies.some((d: { kind: string }) => d.kind === 'one')).toBe(true);
    expect(r.body.peopleWithManyRoles.length).toBeGreaterThanOrEqual(1);
    expect(r.body.competenceDependencies.length).toBeGreaterThanOrEqual(1);
    expect((await page('/sarbarhet')).status).toBe(200);
  });
});
