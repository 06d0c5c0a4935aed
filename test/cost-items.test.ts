import { describe, expect, it } from 'vitest';
import { api, auditEvents, page, seedRegister, signIn } from './helpers.ts';

const equalKey = async (year = 2024) => {
  const r = await api('POST', '/allocation-keys', { name: 'Lika delar', year, parts: [{ basis: 'equal', weight: 1 }] });
  expect(r.status).toBe(201);
  return r.body;
};

describe('allocation keys', () => {
  it('creates, reads, sets a year, deletes, with audit and versions', async () => {
    const key = await equalKey();
    expect(key.years).toEqual([{ year: 2024, parts: [{ basis: 'equal', weight: 1 }] }]);
    const patched = await api('PATCH', `/allocation-keys/${key.id}`, { version: 1, year: 2025, parts: [{ basis: 'equal', weight: 40 }, { basis: 'population', weight: 60 }] });
    expect(patched.status).toBe(200);
    expect(patched.body.version).toBe(2);
    expect(patched.body.years.map((y: { year: number }) => y.year)).toEqual([2024, 2025]);
    expect((await api('PATCH', `/allocation-keys/${key.id}`, { version: 1, name: 'X' })).status).toBe(409);
    expect((await api('GET', '/allocation-keys')).body).toHaveLength(1);
    expect((await api('DELETE', `/allocation-keys/${key.id}?version=2`)).status).toBe(204);
    expect((await api('GET', `/allocation-keys/${key.id}`)).status).toBe(404);
    expect((await auditEvents('allocation_key')).map((e) => e.action)).toEqual(['create', 'update', 'delete']);
  });

  it('refuses invalid parts with Swedish messages per field', async () => {
    const r = await api('POST', '/allocation-keys', { name: '', year: 2024, parts: [{ basis: 'dice', weight: 0 }] });
    expect(r.status).toBe(400);
    const paths = r.body.issues.map((i: { path: string }) => i.path);
    expect(paths).toContain('name');
    expect(paths).toContain('parts.0.basis');
    expect((await api('GET', '/allocation-keys')).body).toEqual([]);
  });
});

describe('cost items', () => {
  it('creates an item whose shares sum to its amount; edits; deletes', async () => {
    await seedRegister();
    const key = await equalKey();
    const created = await api('POST', '/cost-items', { year: 2024, amountOre: 100_001, category: 'network', description: 'Nätet', keyId: key.id });
    expect(created.status).toBe(201);
    // Common to all: every member takes part.
    expect(created.body.participants).toEqual(['1460', '1492']);
    expect(created.body.shares).toEqual([{ municipality: '1460', amountOre: 50_001 }, { municipality: '1492', amountOre: 50_000 }]);
    expect(created.body.shares.reduce((s: number, x: { amountOre: number }) => s + x.amountOre, 0)).toBe(100_001);
    const patched = await api('PATCH', `/cost-items/${created.body.id}`, { version: 1, amountOre: 300 });
    expect(patched.status).toBe(200);
    expect(patched.body.shares.map((s: { amountOre: number }) => s.amountOre)).toEqual([150, 150]);
    expect((await api('PATCH', `/cost-items/${created.body.id}`, { version: 1, amountOre: 5 })).status).toBe(409);
    expect((await api('GET', '/cost-items?year=2024')).body).toHaveLength(1);
    expect((await api('GET', '/cost-items?year=2023')).body).toHaveLength(0);
    expect((await api('DELETE', `/allocation-keys/${key.id}`)).status).toBe(409);
    expect((await api('DELETE', `/cost-items/${created.body.id}?version=2`)).status).toBe(204);
    expect((await api('GET', `/cost-items/${created.body.id}`)).status).toBe(404);
  });

  it('shares a credit as negative amounts', async () => {
    await seedRegister();
    const key = await equalKey();
    const r = await api('POST', '/cost-items', { year: 2024, amountOre: -1001, category: 'solidarity', keyId: key.id });
    expect(r.status).toBe(201);
    expect(r.body.shares.map((s: { amountOre: number }) => s.amountOre)).toEqual([-501, -500]);
  });

  it('shows a problem when the key has no parts for the year', async () => {
    await seedRegister();
    const key = await equalKey(2023);
    const r = await api('POST', '/cost-items', { year: 2024, amountOre: 100, category: 'licence', keyId: key.id });
    expect(r.status).toBe(201);
    expect(r.body.shares).toBeNull();
    expect(r.body.problem).toContain('2024');
  });

  it('defaults the participants to the collaboration\'s', async () => {
    const reg = await seedRegister();
    await api('POST', '/municipalities', { code: '1438', name: 'Dals-Ed', populations: [] });
    for (const code of ['1460', '1492']) {
      expect((await api('POST', '/installations', { municipality: code, applicationId: reg.finance.id, productId: reg.raindance.id })).status).toBe(201);
    }
    const collab = await api('POST', '/collaborations', { applicationId: reg.finance.id, level: 2, participants: ['1460', '1492'], host: '1460' });
    expect(collab.status).toBe(201);
    const key = await equalKey();
    const r = await api('POST', '/cost-items', { year: 2024, amountOre: 1000, category: 'operations', keyId: key.id, collaborationId: collab.body.id });
    expect(r.status).toBe(201);
    expect(r.body.participants).toEqual(['1460', '1492']);
    expect(r.body.collaborationName).toBe('Ekonomisystem');
  });

  it('refuses invalid input per field, writing nothing', async () => {
    await seedRegister();
    const r = await api('POST', '/cost-items', { year: 24, amountOre: 1.5, category: 'party', keyId: 0 });
    expect(r.status).toBe(400);
    expect(r.body.issues.map((i: { path: string }) => i.path).sort()).toEqual(['amountOre', 'category', 'keyId', 'year']);
    const missingKey = await api('POST', '/cost-items', { year: 2024, amountOre: 1, category: 'training', keyId: 999, participants: ['9999'] });
    expect(missingKey.status).toBe(400);
    expect(missingKey.body.issues.map((i: { path: string }) => i.path).sort()).toEqual(['keyId', 'participants']);
    expect((await api('GET', '/cost-items')).body).toEqual([]);
    expect(await auditEvents('cost_item')).toEqual([]);
  });

  it('lets finance officers change, refuses editors and viewers', async () => {
    await seedRegister();
    const key = await equalKey();
    const body = { year: 2024, amountOre: 100, category: 'training', keyId: key.id };
    for (const role of ['editor', 'viewer'] as const) {
      const as = await signIn(role, role === 'editor' ? ['1460'] : []);
      expect((await api('POST', '/cost-items', body, { as })).status).toBe(403);
      expect((await api('POST', '/allocation-keys', { name: 'X' }, { as })).status).toBe(403);
      expect((await api('GET', '/cost-items', undefined, { as })).status).toBe(200);
    }
    const finance = await signIn('finance');
    expect((await api('POST', '/cost-items', body, { as: finance })).status).toBe(201);
  });

  it('lists the year on /kostnader with its total and a link to the calculator', async () => {
    await seedRegister();
    const key = await equalKey();
    await api('POST', '/cost-items', { year: 2024, amountOre: 123_400, category: 'network', description: 'Stadsnät', keyId: key.id });
    const html = await (await page('/kostnader?ar=2024')).text();
    expect(html).toContain('Stadsnät');
    expect(html).toMatch(/1\s234,00 kr/);
    expect(html).toContain('href="/kostnader/kalkylator"');
    expect((await page('/kostnader/nycklar')).status).toBe(200);
  });
});
