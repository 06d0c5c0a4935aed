import { describe, expect, it } from 'vitest';
import { api, auditEvents, seedRegister, snapshot } from './helpers.ts';

describe('municipalities', () => {
  it('creates, reads, updates and deletes with populations, each write audited', async () => {
    const created = await api('POST', '/municipalities', { code: '1438', name: 'Dals-Ed', populations: [{ year: 2024, population: 4712 }] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ code: '1438', name: 'Dals-Ed', version: 1, populations: [{ year: 2024, population: 4712 }] });

    const patched = await api('PATCH', '/municipalities/1438', {
      version: 1, populations: [{ year: 2023, population: 4700 }, { year: 2024, population: 4712 }],
    });
    expect(patched.status).toBe(200);
    expect(patched.body.version).toBe(2);
    expect((await api('GET', '/municipalities/1438')).body.populations).toEqual([
      { year: 2023, population: 4700 }, { year: 2024, population: 4712 },
    ]);
    expect((await api('GET', '/municipalities')).body.map((m: { code: string }) => m.code)).toEqual(['1438']);

    expect((await api('DELETE', '/municipalities/1438?version=2')).status).toBe(204);
    expect((await api('GET', '/municipalities/1438')).status).toBe(404);
    expect((await auditEvents('municipality')).map((e) => e.action)).toEqual(['create', 'update', 'delete']);
  });

  it('refuses bad input per field in Swedish and writes nothing', async () => {
    const before = await snapshot();
    const response = await api('POST', '/municipalities', { code: '14x', name: '', populations: [{ year: 2024, population: -1 }] });
    expect(response.status).toBe(400);
    expect(response.body.issues).toEqual(expect.arrayContaining([
      { path: 'code', message: expect.stringContaining('fyrsiffriga kommunkod') },
      { path: 'name', message: 'Ange namn.' },
      { path: 'populations.0.population', message: 'Folkmängd får inte vara mindre än 0.' },
    ]));
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a duplicate code and a stale version', async () => {
    await seedRegister();
    const before = await snapshot();
    const duplicate = await api('POST', '/municipalities', { code: '1460', name: 'Annan' });
    expect(duplicate.status).toBe(400);
    expect(duplicate.body.issues[0].path).toBe('code');
    expect((await api('PATCH', '/municipalities/1460', { version: 7, name: 'Bengtsfors kommun' })).status).toBe(409);
    expect((await api('PATCH', '/municipalities/9999', { version: 1, name: 'X' })).status).toBe(404);
    expect(await snapshot()).toEqual(before);
  });

  it('will not delete a municipality that has systems', async () => {
    const r = await seedRegister();
    await api('POST', '/installations', { municipality: '1460', applicationId: r.finance.id, productId: r.raindance.id });
    const response = await api('DELETE', '/municipalities/1460');
    expect(response.status).toBe(409);
    expect(response.body.error).toContain('registrerade system');
  });
});

describe('applications', () => {
  it('lists with filters, reads one, updates and deletes', async () => {
    const r = await seedRegister();
    const common = await api('GET', '/applications?kind=common');
    expect(common.body.map((a: { name: string }) => a.name)).toEqual(['Ekonomisystem']);
    expect((await api('GET', `/applications?businessArea=${r.economy.id}`)).body).toHaveLength(1);
    expect((await api('GET', `/applications/${r.firewall.id}`)).body).toMatchObject({ kind: 'technical', subareaId: r.network.id });

    const moved = await api('PATCH', `/applications/${r.firewall.id}`, { version: 1, kind: 'general' });
    expect(moved.status).toBe(200);
    // Leaving the technical kind leaves the subarea.
    expect(moved.body).toMatchObject({ kind: 'general', subareaId: null, version: 2 });
    expect((await api('DELETE', `/applications/${r.firewall.id}`)).status).toBe(204);
  });

  it('enforces: technical items belong to a subarea, nothing else does', async () => {
    const r = await seedRegister();
    const before = await snapshot();
    const noSubarea = await api('POST', '/applications', { name: 'Backup', kind: 'technical' });
    expect(noSubarea.status).toBe(400);
    expect(noSubarea.body.issues).toEqual([{ path: 'subareaId', message: expect.stringContaining('delområde') }]);
    const wrongSubarea = await api('POST', '/applications', { name: 'E-post', kind: 'general', subareaId: r.network.id });
    expect(wrongSubarea.status).toBe(400);
    const badKind = await api('POST', '/applications', { name: 'X', kind: 'other', extra: 1 });
    expect(badKind.body.issues.map((i: { path: string }) => i.path).sort()).toEqual(['extra', 'kind']);
    expect(await snapshot()).toEqual(before);
  });

  it('answers 404 for what does not exist and 400 for a bad filter', async () => {
    expect((await api('GET', '/applications/999')).status).toBe(404);
    expect((await api('GET', '/applications/abc')).status).toBe(404);
    expect((await api('PATCH', '/applications/999', { version: 1 })).status).toBe(404);
    expect((await api('DELETE', '/applications/999')).status).toBe(404);
    expect((await api('GET', '/applications?kind=nonsense')).status).toBe(400);
  });

  it('refuses invalid JSON', async () => {
    const response = await api('POST', '/applications', '{"name":');
    expect(response.status).toBe(400);
    expect(response.body.error).toContain('JSON');
  });
});

describe('products', () => {
  it('creates, renames with version check, and refuses duplicates', async () => {
    const r = await seedRegister();
    expect((await api('GET', `/products/${r.unit4.id}`)).body).toMatchObject({ vendor: 'Unit4', name: 'ERP', version: 1 });
    const dup = await api('POST', '/products', { vendor: 'CGI', name: 'Raindance' });
    expect(dup.status).toBe(400);
    const renamed = await api('PATCH', `/products/${r.unit4.id}`, { version: 1, name: 'ERP7' });
    expect(renamed.body).toMatchObject({ name: 'ERP7', version: 2 });
    const stale = await api('PATCH', `/products/${r.unit4.id}`, { version: 1, name: 'ERP8' });
    expect(stale.status).toBe(409);
    expect((await api('GET', `/products/${r.unit4.id}`)).body.name).toBe('ERP7');
    expect((await api('GET', '/products/999')).status).toBe(404);
  });

  it('will not delete a product in use', async () => {
    const r = await seedRegister();
    await api('POST', '/installations', { municipality: '1460', applicationId: r.finance.id, productId: r.raindance.id });
    expect((await api('DELETE', `/products/${r.raindance.id}`)).status).toBe(409);
    expect((await api('DELETE', `/products/${r.unit4.id}?version=1`)).status).toBe(204);
  });
});

describe('business areas and subareas', () => {
  it('create, rename, refuse duplicates, and refuse deleting what is in use', async () => {
    const r = await seedRegister();
    expect((await api('POST', '/business-areas', { name: 'Ekonomi' })).status).toBe(400);
    expect((await api('PATCH', `/subareas/${r.network.id}`, { version: 1, name: 'Nät' })).body.name).toBe('Nät');
    expect((await api('DELETE', `/subareas/${r.network.id}`)).status).toBe(409);
    expect((await api('DELETE', `/business-areas/${r.economy.id}?version=x`)).status).toBe(400);
    expect((await api('GET', '/subareas')).body).toHaveLength(1);
    expect((await api('DELETE', '/business-areas/999')).status).toBe(404);
  });
});

describe('installations', () => {
  it('registers a municipality’s use of an application with all its facts', async () => {
    const r = await seedRegister();
    const response = await api('POST', '/installations', {
      municipality: '1460', applicationId: r.finance.id, productId: r.raindance.id, productVersion: '2024.1',
      administration: 'Kommunstyrelseförvaltningen', lifecycle: 'active', users: 120,
      licenceCostOre: 18_500_000, operationsCostOre: 4_200_050, contractEnd: '2027-06-30', noticeMonths: 6,
      confirmedOn: '2026-10-01', functionScore: 4, competenceRisk: 2, criticality: 'high',
      confidentialityClass: 2, integrityClass: 3, availabilityClass: 2,
      singleSignOn: true, twoFactor: false, traceability: true, operatingAgreement: true,
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ municipality: '1460', applicationId: r.finance.id, productId: r.raindance.id, operationsCostOre: 4_200_050, singleSignOn: true, version: 1 });

    const listed = await api('GET', `/installations?municipality=1460&application=${r.finance.id}`);
    expect(listed.body).toHaveLength(1);
    expect((await api('GET', '/installations?municipality=1492')).body).toHaveLength(0);
    expect((await api('GET', '/installations?municipality=abc')).status).toBe(400);

    const [event] = await auditEvents('installation');
    expect(event).toMatchObject({ action: 'create', entity_id: String(response.body.id), actor: expect.stringMatching(/^admin\d+@test.example$/) });
    expect(JSON.parse(event!.after!)).toMatchObject({ users: 120 });
  });

  it('refuses references that do not exist and a second current installation', async () => {
    const r = await seedRegister();
    await api('POST', '/installations', { municipality: '1460', applicationId: r.finance.id, productId: r.raindance.id });
    const before = await snapshot();
    const missing = await api('POST', '/installations', { municipality: '1461', applicationId: 999, productId: 999 });
    expect(missing.status).toBe(400);
    expect(missing.body.issues.map((i: { path: string }) => i.path).sort()).toEqual(['applicationId', 'municipality', 'productId']);
    const second = await api('POST', '/installations', { municipality: '1460', applicationId: r.finance.id, productId: r.unit4.id });
    expect(second.status).toBe(400);
    expect(second.body.issues[0].message).toContain('redan');
    const badValues = await api('POST', '/installations', {
      municipality: '1492', applicationId: r.finance.id, productId: r.unit4.id,
      licenceCostOre: 10.5, functionScore: 9, contractEnd: '2027-02-30', lifecycle: 'gone', singleSignOn: 'ja',
    });
    expect(badValues.status).toBe(400);
    expect(badValues.body.issues.map((i: { path: string }) => i.path).sort())
      .toEqual(['contractEnd', 'functionScore', 'licenceCostOre', 'lifecycle', 'singleSignOn']);
    expect(await snapshot()).toEqual(before);
  });

  it('names a missing field as missing, not as unknown', async () => {
    const response = await api('POST', '/installations', { applicationId: 1, productId: 1, colour: 'blå' });
    expect(response.status).toBe(400);
    expect(response.body.issues).toEqual(expect.arrayContaining([
      { path: 'municipality', message: 'Uppgiften saknas.' },
      { path: 'colour', message: 'Okänt fält.' },
    ]));
  });

  it('retiring frees the place for a new installation; the retired one stays as history', async () => {
    const r = await seedRegister();
    const old = (await api('POST', '/installations', { municipality: '1460', applicationId: r.finance.id, productId: r.raindance.id })).body;
    expect((await api('PATCH', `/installations/${old.id}`, { version: 1, lifecycle: 'retired' })).status).toBe(200);
    expect((await api('POST', '/installations', { municipality: '1460', applicationId: r.finance.id, productId: r.unit4.id })).status).toBe(201);
    // Bringing the old one back would make two current installations.
    expect((await api('PATCH', `/installations/${old.id}`, { version: 2, lifecycle: 'active' })).status).toBe(400);
  });

  it('gets 409 for a stale version and leaves no audit event', async () => {
    const r = await seedRegister();
    const inst = (await api('POST', '/installations', { municipality: '1460', applicationId: r.finance.id, productId: r.raindance.id })).body;
    expect((await api('PATCH', `/installations/${inst.id}`, { version: 1, users: 10 })).status).toBe(200);
    const before = await snapshot();
    const stale = await api('PATCH', `/installations/${inst.id}`, { version: 1, users: 99 });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toContain('ändrat');
    expect(await snapshot()).toEqual(before);
    expect((await api('GET', `/installations/${inst.id}`)).body.users).toBe(10);
    expect((await api('DELETE', `/installations/${inst.id}?version=1`)).status).toBe(409);
    expect((await api('DELETE', `/installations/${inst.id}?version=2`)).status).toBe(204);
    expect((await api('GET', `/installations/${inst.id}`)).status).toBe(404);
    expect((await api('PATCH', `/installations/${inst.id}`, { version: 2 })).status).toBe(404);
  });

  it('records before and after of an update', async () => {
    const r = await seedRegister();
    const inst = (await api('POST', '/installations', { municipality: '1460', applicationId: r.finance.id, productId: r.raindance.id, users: 5 })).body;
    await api('PATCH', `/installations/${inst.id}`, { version: 1, users: 6 });
    const update = (await auditEvents('installation')).find((e) => e.action === 'update')!;
    expect(JSON.parse(update.before!)).toMatchObject({ users: 5, version: 1 });
    expect(JSON.parse(update.after!)).toMatchObject({ users: 6, version: 2 });
  });
});

describe('comparison matrix', () => {
  it('shows each municipality’s product per application, shared products grouped', async () => {
    const r = await seedRegister();
    await api('POST', '/municipalities', { code: '1461', name: 'Mellerud' });
    await api('POST', '/installations', { municipality: '1460', applicationId: r.finance.id, productId: r.raindance.id });
    const amal = (await api('POST', '/installations', { municipality: '1492', applicationId: r.finance.id, productId: r.raindance.id })).body;
    await api('POST', '/installations', { municipality: '1461', applicationId: r.finance.id, productId: r.unit4.id });
    await api('POST', '/installations', { municipality: '1460', applicationId: r.firewall.id, productId: r.unit4.id });

    const matrix = (await api('GET', '/portfolio/matrix')).body;
    expect(matrix.municipalities).toEqual([
      { code: '1460', name: 'Bengtsfors' }, { code: '1461', name: 'Mellerud' }, { code: '1492', name: 'Åmål' },
    ]);
    const finance = matrix.rows.find((row: any) => row.application.id === r.finance.id);
    expect(finance.cells['1492']).toMatchObject({ installationId: amal.id, product: { id: r.raindance.id, vendor: 'CGI', name: 'Raindance' }, group: 'A' });
    expect(finance.cells['1460'].group).toBe('A');
    expect(finance.cells['1461'].group).toBeNull();
    const firewall = matrix.rows.find((row: any) => row.application.id === r.firewall.id);
    expect(firewall.cells['1492']).toBeNull();

    const technical = (await api('GET', '/portfolio/matrix?kind=technical')).body;
    expect(technical.rows.map((row: any) => row.application.name)).toEqual(['Brandvägg']);
    expect((await api('GET', '/portfolio/matrix?kind=x')).status).toBe(400);
  });
});

describe('concurrent editing', () => {
  it('lets exactly one of several writers with the same version win; the rest get 409 and leave no event', async () => {
    const r = await seedRegister();
    const inst = (await api('POST', '/installations', { municipality: '1460', applicationId: r.finance.id, productId: r.raindance.id })).body;
    const results = await Promise.all([1, 2, 3, 4, 5].map((users) => api('PATCH', `/installations/${inst.id}`, { version: 1, users })));
    const statuses = results.map((x) => x.status).sort();
    expect(statuses).toEqual([200, 409, 409, 409, 409]);
    const winner = results.find((x) => x.status === 200)!.body;
    expect((await api('GET', `/installations/${inst.id}`)).body).toMatchObject({ users: winner.users, version: 2 });
    expect((await auditEvents('installation')).filter((e) => e.action === 'update')).toHaveLength(1);
  });
});
