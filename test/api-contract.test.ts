import { describe, expect, it } from 'vitest';
import { api, seedRegister, snapshot } from './helpers.ts';

type Register = Awaited<ReturnType<typeof seedRegister>>;

/** Every changeable resource of /api/v1 with a valid and an invalid change. */
const resources: { name: string; item: (r: Register) => Promise<string>; change: object; bad: object; missing: string }[] = [
  { name: 'municipalities', item: async () => '/municipalities/1460', change: { name: 'Bengtsfors kommun' }, bad: { name: '' }, missing: '/municipalities/9999' },
  { name: 'business-areas', item: async (r) => `/business-areas/${r.economy.id}`, change: { name: 'Ekonomi och upphandling' }, bad: { name: 42 }, missing: '/business-areas/999' },
  { name: 'subareas', item: async (r) => `/subareas/${r.network.id}`, change: { name: 'Nät' }, bad: { name: ' ' }, missing: '/subareas/999' },
  { name: 'applications', item: async (r) => `/applications/${r.finance.id}`, change: { description: 'Redovisning och budget' }, bad: { kind: 'nytt' }, missing: '/applications/999' },
  { name: 'products', item: async (r) => `/products/${r.unit4.id}`, change: { name: 'ERP 7' }, bad: { vendor: '' }, missing: '/products/999' },
  {
    name: 'installations',
    item: async (r) => `/installations/${(await api('POST', '/installations', { municipality: '1460', applicationId: r.finance.id, productId: r.raindance.id })).body.id}`,
    change: { users: 12 }, bad: { users: -1 }, missing: '/installations/999',
  },
];

describe.each(resources)('$name', ({ item, change, bad, missing }) => {
  it('PATCH with the version read succeeds and bumps the version', async () => {
    const path = await item(await seedRegister());
    const response = await api('PATCH', path, { version: 1, ...change });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ ...change, version: 2 });
    expect((await api('GET', path)).body).toMatchObject({ ...change, version: 2 });
  });

  it('PATCH with bad input gets 400 per field and writes nothing', async () => {
    const path = await item(await seedRegister());
    const before = await snapshot();
    const response = await api('PATCH', path, { version: 1, ...bad });
    expect(response.status).toBe(400);
    expect(response.body.issues.length).toBeGreaterThan(0);
    expect(response.body.issues.every((i: { path: string; message: string }) => i.path && /[a-zåäö]/i.test(i.message))).toBe(true);
    expect(await snapshot()).toEqual(before);
  });

  it('PATCH without a version gets 400, with a stale one 409, and nothing is written', async () => {
    const path = await item(await seedRegister());
    const before = await snapshot();
    expect((await api('PATCH', path, change)).body.issues).toEqual([{ path: 'version', message: expect.any(String) }]);
    expect((await api('PATCH', path, { version: 5, ...change })).status).toBe(409);
    expect(await snapshot()).toEqual(before);
  });

  it('unknown ids get 404 on PATCH and DELETE', async () => {
    await seedRegister();
    expect((await api('PATCH', missing, { version: 1, ...change })).status).toBe(404);
    expect((await api('DELETE', missing)).status).toBe(404);
    expect((await api('GET', missing)).status).toBe(404);
  });
});
