/**
 * The role matrix: each role (and nobody) × own (1460) / other (1492) municipality × each
 * changing route of the portfolio API and the main forms → allowed or refused, and a refused
 * request writes nothing at all.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { api, createUser, page, seedRegister, sessionFor, signIn, snapshot, type ApiResponse } from './helpers.ts';

type Role = 'admin' | 'editor' | 'finance' | 'viewer' | 'anonymous';
type Scope = 'own' | 'other';
const roles: Role[] = ['admin', 'editor', 'finance', 'viewer', 'anonymous'];
const codeOf = { own: '1460', other: '1492' } as const;

/** The register each case starts from, created by an administrator. */
async function world() {
  const r = await seedRegister();
  const ok = (res: ApiResponse) => {
    if (res.status >= 300) throw new Error(`setup failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const school = ok(await api('POST', '/business-areas', { name: 'Skola' }));
  const phones = ok(await api('POST', '/subareas', { name: 'Telefoni' }));
  const installation = {
    own: ok(await api('POST', '/installations', { municipality: '1460', applicationId: r.finance.id, productId: r.raindance.id, users: 10 })),
    other: ok(await api('POST', '/installations', { municipality: '1492', applicationId: r.finance.id, productId: r.raindance.id, users: 20 })),
  };
  return { ...r, school, phones, installation };
}
type World = Awaited<ReturnType<typeof world>>;

/** The session cookie of each role; an editor of Bengtsfors (1460) only. '' is nobody. */
async function sessionOf(role: Role): Promise<string> {
  if (role === 'anonymous') return '';
  if (role === 'editor') return sessionFor((await createUser('editor', ['1460'])).id);
  return signIn(role);
}

/** Every row of every register table and of the audit trail: "nothing written" in full. */
async function dump() {
  const tables = ['municipality', 'municipality_population', 'business_area', 'technical_subarea', 'application', 'product', 'installation', 'audit_event'];
  const results = await env.DB.batch(tables.map((t) => env.DB.prepare(`SELECT * FROM ${t} ORDER BY rowid`)));
  return Object.fromEntries(tables.map((t, i) => [t, results[i]!.results]));
}

type Expectation = 'allowed' | 'refused';
type Operation = {
  name: string;
  method: 'POST' | 'PATCH' | 'DELETE';
  /** Whether the route concerns one municipality (own/other matters) or the shared catalogue. */
  scoped: boolean;
  path: (w: World, code: string) => string;
  body?: (w: World, code: string) => unknown;
  /** Which roles may, per scope. Anonymous is always 401, so it is not listed. */
  allowed: (role: Exclude<Role, 'anonymous'>, scope: Scope) => boolean;
  /** Extra preparation done by the administrator before the snapshot. */
  prepare?: (w: World, code: string) => Promise<void>;
};

const inst = (w: World, code: string) => (code === '1460' ? w.installation.own : w.installation.other);
const adminOnly = (role: string) => role === 'admin';
const ownInstallations = (role: string, scope: Scope) => role === 'admin' || (role === 'editor' && scope === 'own');

const operations: Operation[] = [
  // Installations: administrators everywhere, editors in their own municipality, finance officers costs only.
  {
    name: 'POST /installations', method: 'POST', scoped: true, path: () => '/installations',
    body: (w, code) => ({ municipality: code, applicationId: w.firewall.id, productId: w.unit4.id, users: 3 }),
    allowed: ownInstallations,
  },
  {
    name: 'PATCH /installations/:id (users)', method: 'PATCH', scoped: true, path: (w, code) => `/installations/${inst(w, code).id}`,
    body: (w, code) => ({ version: inst(w, code).version, users: 99 }),
    allowed: ownInstallations,
  },
  {
    name: 'PATCH /installations/:id (cost fields only)', method: 'PATCH', scoped: true, path: (w, code) => `/installations/${inst(w, code).id}`,
    body: (w, code) => ({ version: inst(w, code).version, licenceCostOre: 1_234_500, operationsCostOre: 50_000 }),
    allowed: (role, scope) => ownInstallations(role, scope) || role === 'finance',
  },
  {
    name: 'PATCH /installations/:id (cost and users)', method: 'PATCH', scoped: true, path: (w, code) => `/installations/${inst(w, code).id}`,
    body: (w, code) => ({ version: inst(w, code).version, licenceCostOre: 1_234_500, users: 99 }),
    allowed: ownInstallations,
  },
  {
    name: 'PATCH /installations/:id (product)', method: 'PATCH', scoped: true, path: (w, code) => `/installations/${inst(w, code).id}`,
    body: (w, code) => ({ version: inst(w, code).version, productId: w.unit4.id }),
    allowed: ownInstallations,
  },
  {
    name: 'DELETE /installations/:id', method: 'DELETE', scoped: true, path: (w, code) => `/installations/${inst(w, code).id}?version=${inst(w, code).version}`,
    allowed: ownInstallations,
  },
  // Products: editors may add one the catalogue lacks, only administrators change or remove.
  {
    name: 'POST /products', method: 'POST', scoped: false, path: () => '/products', body: () => ({ vendor: 'Visma', name: 'Proceedo' }),
    allowed: (role) => role === 'admin' || role === 'editor',
  },
  { name: 'PATCH /products/:id', method: 'PATCH', scoped: false, path: (w) => `/products/${w.unit4.id}`, body: (w) => ({ version: w.unit4.version, name: 'ERP X' }), allowed: adminOnly },
  { name: 'DELETE /products/:id', method: 'DELETE', scoped: false, path: (w) => `/products/${w.unit4.id}`, allowed: adminOnly },
  // The catalogue and the member municipalities: administrators only.
  { name: 'POST /applications', method: 'POST', scoped: false, path: () => '/applications', body: () => ({ name: 'Skolplattform', kind: 'general' }), allowed: adminOnly },
  { name: 'PATCH /applications/:id', method: 'PATCH', scoped: false, path: (w) => `/applications/${w.firewall.id}`, body: (w) => ({ version: w.firewall.version, description: 'Ny' }), allowed: adminOnly },
  { name: 'DELETE /applications/:id', method: 'DELETE', scoped: false, path: (w) => `/applications/${w.firewall.id}`, allowed: adminOnly },
  { name: 'POST /municipalities', method: 'POST', scoped: false, path: () => '/municipalities', body: () => ({ code: '1438', name: 'Dals-Ed' }), allowed: adminOnly },
  { name: 'PATCH /municipalities/:code', method: 'PATCH', scoped: true, path: (_w, code) => `/municipalities/${code}`, body: () => ({ version: 1, name: 'Nytt namn' }), allowed: adminOnly },
  {
    name: 'DELETE /municipalities/:code', method: 'DELETE', scoped: true, path: (_w, code) => `/municipalities/${code}`, allowed: adminOnly,
    // A municipality with systems cannot be removed by anyone; make it removable first.
    prepare: async (w, code) => { expect((await api('DELETE', `/installations/${inst(w, code).id}`)).status).toBe(204); },
  },
  { name: 'POST /business-areas', method: 'POST', scoped: false, path: () => '/business-areas', body: () => ({ name: 'Vård' }), allowed: adminOnly },
  { name: 'PATCH /business-areas/:id', method: 'PATCH', scoped: false, path: (w) => `/business-areas/${w.school.id}`, body: (w) => ({ version: w.school.version, name: 'Utbildning' }), allowed: adminOnly },
  { name: 'DELETE /business-areas/:id', method: 'DELETE', scoped: false, path: (w) => `/business-areas/${w.school.id}`, allowed: adminOnly },
  { name: 'POST /subareas', method: 'POST', scoped: false, path: () => '/subareas', body: () => ({ name: 'Servrar' }), allowed: adminOnly },
  { name: 'PATCH /subareas/:id', method: 'PATCH', scoped: false, path: (w) => `/subareas/${w.phones.id}`, body: (w) => ({ version: w.phones.version, name: 'Växel' }), allowed: adminOnly },
  { name: 'DELETE /subareas/:id', method: 'DELETE', scoped: false, path: (w) => `/subareas/${w.phones.id}`, allowed: adminOnly },
];

type Case = { operation: Operation; role: Role; scope: Scope; expected: Expectation | 'unauthenticated' };
const cases: Case[] = operations.flatMap((operation) =>
  (operation.scoped ? (['own', 'other'] as const) : (['own'] as const)).flatMap((scope) =>
    roles.map((role): Case => ({
      operation, role, scope,
      expected: role === 'anonymous' ? 'unauthenticated' : operation.allowed(role, scope) ? 'allowed' : 'refused',
    }))));

const successStatus = { POST: 201, PATCH: 200, DELETE: 204 } as const;

describe('the portfolio API: role × municipality × changing route', () => {
  it('covers every changing route of the portfolio API', () => {
    const covered = new Set(operations.map((o) => `${o.method} ${o.name.split(' ')[1]}`));
    for (const route of ['POST /installations', 'PATCH /installations/:id', 'DELETE /installations/:id', 'POST /applications', 'PATCH /applications/:id',
      'DELETE /applications/:id', 'POST /products', 'PATCH /products/:id', 'DELETE /products/:id', 'POST /municipalities', 'PATCH /municipalities/:code',
      'DELETE /municipalities/:code', 'POST /business-areas', 'PATCH /business-areas/:id', 'DELETE /business-areas/:id', 'POST /subareas',
      'PATCH /subareas/:id', 'DELETE /subareas/:id']) {
      expect(covered, route).toContain(route);
    }
  });

  for (const { operation, role, scope, expected } of cases) {
    it(`${operation.name} as ${role}${operation.scoped ? ` in ${scope === 'own' ? 'own (1460)' : 'other (1492)'}` : ''} → ${expected}`, async () => {
      const w = await world();
      const code = codeOf[scope];
      await operation.prepare?.(w, code);
      const as = await sessionOf(role);
      const before = await snapshot();
      const rows = await dump();
      const response = await api(operation.method, operation.path(w, code), operation.body?.(w, code), { as });

      if (expected === 'allowed') {
        expect(response.status, JSON.stringify(response.body)).toBe(successStatus[operation.method]);
        const after = await snapshot();
        expect(after.audit_event, 'the write left its audit event').toBe(before.audit_event! + 1);
        return;
      }
      expect(response.status, JSON.stringify(response.body)).toBe(expected === 'unauthenticated' ? 401 : 403);
      expect(response.body.error).toEqual(expect.any(String));
      expect(await snapshot()).toEqual(before);
      expect(await dump()).toEqual(rows);
    });
  }
});

describe('allowed roles still get the data answer, not 403, and nothing is written', () => {
  type DataCase = { name: string; role: Role; run: (w: World, as: string) => Promise<ApiResponse>; status: number };
  const dataCases: DataCase[] = [
    { name: 'editor: invalid users in own municipality', role: 'editor', status: 400,
      run: (w, as) => api('PATCH', `/installations/${w.installation.own.id}`, { version: 1, users: -1 }, { as }) },
    { name: 'editor: stale version in own municipality', role: 'editor', status: 409,
      run: (w, as) => api('PATCH', `/installations/${w.installation.own.id}`, { version: 7, users: 5 }, { as }) },
    { name: 'editor: a system that does not exist', role: 'editor', status: 404,
      run: (_w, as) => api('PATCH', '/installations/9999', { version: 1, users: 5 }, { as }) },
    { name: 'editor: registering with a product that does not exist', role: 'editor', status: 400,
      run: (w, as) => api('POST', '/installations', { municipality: '1460', applicationId: w.firewall.id, productId: 9999 }, { as }) },
    { name: 'editor: a second current system of the same application', role: 'editor', status: 400,
      run: (w, as) => api('POST', '/installations', { municipality: '1460', applicationId: w.finance.id, productId: w.unit4.id }, { as }) },
    { name: 'editor: a product whose name is missing', role: 'editor', status: 400,
      run: (_w, as) => api('POST', '/products', { vendor: 'Visma' }, { as }) },
    { name: 'finance: stale version of another municipality’s costs', role: 'finance', status: 409,
      run: (w, as) => api('PATCH', `/installations/${w.installation.other.id}`, { version: 7, licenceCostOre: 100 }, { as }) },
    { name: 'finance: negative cost', role: 'finance', status: 400,
      run: (w, as) => api('PATCH', `/installations/${w.installation.other.id}`, { version: 1, licenceCostOre: -100 }, { as }) },
    { name: 'admin: removing a product in use', role: 'admin', status: 409,
      run: (w, as) => api('DELETE', `/products/${w.raindance.id}`, undefined, { as }) },
    { name: 'admin: removing a municipality with systems', role: 'admin', status: 409,
      run: (_w, as) => api('DELETE', '/municipalities/1460', undefined, { as }) },
  ];

  it.each(dataCases)('$name → $status', async ({ role, run, status }) => {
    const w = await world();
    const as = await sessionOf(role);
    const before = await dump();
    const response = await run(w, as);
    expect(response.status, JSON.stringify(response.body)).toBe(status);
    expect(await dump()).toEqual(before);
  });
});

// ---------------------------------------------------------------------------------------
// The same rules through the pages' forms.

const form = (fields: Record<string, string>, as: string) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
  as,
});

/** The edit form of an installation as the page fills it in, with some fields changed. */
function installationForm(w: World, code: string, changes: Record<string, string> = {}) {
  const i = inst(w, code);
  return {
    version: String(i.version), productId: String(i.productId), productVersion: i.productVersion ?? '', administration: i.administration ?? '',
    lifecycle: i.lifecycle, users: String(i.users ?? ''), licenceCostOre: '0', operationsCostOre: '0', contractEnd: '', noticeMonths: '',
    confirmedOn: '', functionScore: '', competenceRisk: '', criticality: '', confidentialityClass: '', integrityClass: '', availabilityClass: '',
    notes: i.notes ?? '', ...changes,
  };
}

type PageCase = {
  name: string;
  path: (w: World, code: string) => string;
  fields: (w: World, code: string) => Record<string, string>;
  scoped: boolean;
  allowed: (role: Exclude<Role, 'anonymous'>, scope: Scope) => boolean;
};

const pageOperations: PageCase[] = [
  {
    name: 'POST /system/ny', scoped: true, path: () => '/system/ny', allowed: ownInstallations,
    fields: (w, code) => ({ municipality: code, applicationId: String(w.firewall.id), productId: String(w.unit4.id), lifecycle: 'active', users: '4', licenceCostOre: '', operationsCostOre: '' }),
  },
  {
    name: 'POST /system/:id/andra', scoped: true, path: (w, code) => `/system/${inst(w, code).id}/andra`, allowed: ownInstallations,
    fields: (w, code) => installationForm(w, code, { users: '77' }),
  },
  {
    name: 'POST /system/:id/ta-bort', scoped: true, path: (w, code) => `/system/${inst(w, code).id}/ta-bort`, allowed: ownInstallations,
    fields: (w, code) => ({ version: String(inst(w, code).version) }),
  },
  {
    name: 'POST /applikationer/ny', scoped: false, path: () => '/applikationer/ny', allowed: adminOnly,
    fields: () => ({ name: 'Skolplattform', kind: 'general', subareaId: '', businessAreaId: '', description: '' }),
  },
  {
    name: 'POST /produkter/ny', scoped: false, path: () => '/produkter/ny', allowed: (role) => role === 'admin' || role === 'editor',
    fields: () => ({ vendor: 'Visma', name: 'Proceedo' }),
  },
  {
    name: 'POST /produkter/:id/andra', scoped: false, path: (w) => `/produkter/${w.unit4.id}/andra`, allowed: adminOnly,
    fields: (w) => ({ version: String(w.unit4.version), vendor: 'Unit4', name: 'ERP X' }),
  },
  {
    name: 'POST /kommuner/ny', scoped: false, path: () => '/kommuner/ny', allowed: adminOnly,
    fields: () => ({ code: '1438', name: 'Dals-Ed', populations: '2024 4700' }),
  },
  {
    name: 'POST /indelningar/verksamhetsomraden', scoped: false, path: () => '/indelningar/verksamhetsomraden', allowed: adminOnly,
    fields: () => ({ 'verksamhetsomraden-name': 'Vård' }),
  },
];

const pageCases = pageOperations.flatMap((operation) =>
  (operation.scoped ? (['own', 'other'] as const) : (['own'] as const)).flatMap((scope) =>
    roles.map((role) => ({
      operation, role, scope,
      label: `${operation.name} as ${role}${operation.scoped ? ` in ${scope === 'own' ? 'own (1460)' : 'other (1492)'}` : ''}`,
      expected: role === 'anonymous' ? 'login page' : operation.allowed(role, scope) ? 'allowed' : 'refused',
    }))));

describe('the forms: role × municipality', () => {
  for (const { operation, role, scope, expected, label } of pageCases) it(`${label} → ${expected}`, async () => {
    const w = await world();
    const code = codeOf[scope];
    const as = await sessionOf(role);
    const before = await snapshot();
    const rows = await dump();
    const response = await page(operation.path(w, code), form(operation.fields(w, code), as));
    if (expected === 'allowed') {
      expect(response.status, await response.text()).toBe(303);
      expect(response.headers.get('location')).not.toMatch(/^\/logga-in/);
      expect((await snapshot()).audit_event).toBe(before.audit_event! + 1);
      return;
    }
    if (expected === 'login page') {
      expect(response.status).toBe(303);
      expect(response.headers.get('location')).toBe('/logga-in?till=%2F');
    } else {
      expect(response.status).toBe(403);
      const html = await response.text();
      expect(html).toContain('<html lang="sv">');
      expect(html).toMatch(/Du har inte behörighet|får du bara ändra|Du får bara ändra|Din roll får inte/);
    }
    expect(await snapshot()).toEqual(before);
    expect(await dump()).toEqual(rows);
  });

  it('a finance officer changes only the costs through the edit form of any municipality', async () => {
    const w = await world();
    const as = await sessionOf('finance');
    for (const code of ['1460', '1492']) {
      // The finance officer's edit form holds the version and the two costs, nothing else.
      const response = await page(`/system/${inst(w, code).id}/andra`, form({ version: String(inst(w, code).version), licenceCostOre: '12 500', operationsCostOre: '3 000' }, as));
      expect(response.status, `${code}: ${(await response.text()).match(/<h1>[^<]*|class="error-summary"[\s\S]{0,400}/g)}`).toBe(303);
      const saved = (await api('GET', `/installations/${inst(w, code).id}`)).body;
      expect(saved).toMatchObject({ licenceCostOre: 1_250_000, operationsCostOre: 300_000, users: inst(w, code).users });
    }
  });

  it('pages the role cannot use answer 403; the pages it can use answer 200', async () => {
    const w = await world();
    const expectations: [Role, string, number][] = [
      ['viewer', '/system/ny', 403], ['viewer', '/produkter/ny', 403], ['viewer', '/applikationer/ny', 403], ['viewer', `/system/${w.installation.own.id}/andra`, 403],
      ['viewer', '/matris', 200], ['viewer', `/system/${w.installation.other.id}`, 200],
      ['editor', '/system/ny', 200], ['editor', '/produkter/ny', 200], ['editor', '/applikationer/ny', 403], ['editor', '/kommuner/ny', 403],
      ['editor', `/produkter/${w.unit4.id}/andra`, 403], ['editor', `/system/${w.installation.own.id}/andra`, 200],
      ['finance', '/produkter/ny', 403], ['finance', `/system/${w.installation.other.id}/andra`, 200], ['finance', '/kommuner/1460/andra', 403],
      ['admin', '/kommuner/1460/andra', 200], ['admin', '/applikationer/ny', 200],
    ];
    const sessions = new Map<Role, string>();
    const wrong: string[] = [];
    for (const [role, path, status] of expectations) {
      if (!sessions.has(role)) sessions.set(role, await sessionOf(role));
      const response = await page(path, { as: sessions.get(role)! });
      if (response.status !== status) wrong.push(`${role} GET ${path}: ${response.status}, expected ${status}`);
    }
    expect(wrong, wrong.join('\n')).toEqual([]);
  });

  it('every page sends a visitor who is not signed in to the login page, remembering where to return', async () => {
    const w = await world();
    for (const path of ['/', '/matris?typ=common&omrade=1', '/kommuner', '/kommuner/1460', `/applikationer/${w.finance.id}`, '/system/ny?kommun=1460', '/produkter', '/indelningar']) {
      const response = await page(path, { as: '' });
      expect(response.status, path).toBe(303);
      expect(response.headers.get('location'), path).toBe(`/logga-in?till=${encodeURIComponent(path)}`);
    }
  });
});
