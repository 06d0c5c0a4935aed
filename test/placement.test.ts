import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { differenceInWords, fairPlacement } from '../worker/planning/placement.ts';
import { api, page, seedRegister, signIn } from './helpers.ts';

describe('fair placement (pure)', () => {
  const placement = fairPlacement({
    municipalities: [{ code: 'C', name: 'Åmål' }, { code: 'A', name: 'Bengtsfors' }, { code: 'B', name: 'Mellerud' }],
    collaborations: [
      { id: 1, hostCode: 'A', ownerMunicipality: 'A', hasOwner: true },
      { id: 2, hostCode: 'A', ownerMunicipality: 'B', hasOwner: true },
      { id: 3, hostCode: 'B', ownerMunicipality: null, hasOwner: true },
      { id: 4, hostCode: 'C', ownerMunicipality: null, hasOwner: false },
    ],
    responsibilities: [{ id: 1, municipality: 'A' }, { id: 2, municipality: 'A' }, { id: 3, municipality: 'B' }, { id: 1, municipality: 'A' }, { id: 4, municipality: null }],
  });

  it('counts each measure per municipality against the even share', () => {
    expect(placement.municipalities.map((m) => m.name)).toEqual(['Bengtsfors', 'Mellerud', 'Åmål']);
    const [a, b, c] = placement.municipalities;
    expect(a!.hosting.count).toBe(2);
    expect(a!.hosting.evenShare).toBeCloseTo(4 / 3, 12);
    expect(a!.hosting.difference).toBeCloseTo(2 / 3, 12);
    expect([a!.ownership.count, b!.ownership.count, c!.ownership.count]).toEqual([1, 1, 0]);
    expect([a!.administration, b!.administration, c!.administration]).toEqual([
      { count: 2, evenShare: 1, difference: 1 }, { count: 1, evenShare: 1, difference: 0 }, { count: 0, evenShare: 1, difference: -1 },
    ]);
    expect(placement.totals).toEqual({
      hosting: { total: 4, evenShare: 4 / 3, unattributed: 0 },
      ownership: { total: 2, evenShare: 2 / 3, unattributed: 1 },
      administration: { total: 3, evenShare: 1, unattributed: 1 },
    });
    expect(placement).toMatchObject({ activeCollaborations: 4, withoutOwner: 1 });
  });

  it('the differences add up to zero', () => {
    for (const m of ['hosting', 'ownership', 'administration'] as const) {
      expect(placement.municipalities.reduce((s, row) => s + row[m].difference, 0)).toBeCloseTo(0, 12);
    }
  });

  it('says the difference in words', () => {
    expect(differenceInWords(2)).toBe('2 över jämn andel');
    expect(differenceInWords(-1.4)).toBe('1,4 under jämn andel');
    expect(differenceInWords(2 / 3)).toBe('0,67 över jämn andel');
    expect(differenceInWords(0)).toBe('jämn andel');
    expect(differenceInWords(1e-12)).toBe('jämn andel');
  });

  it('is all zeros without members or collaborations', () => {
    expect(fairPlacement({ municipalities: [], collaborations: [], responsibilities: [] }).totals.hosting).toEqual({ total: 0, evenShare: 0, unattributed: 0 });
    const lone = fairPlacement({ municipalities: [{ code: 'A', name: 'A' }], collaborations: [], responsibilities: [] });
    expect(lone.municipalities[0]!.hosting).toEqual({ count: 0, evenShare: 0, difference: 0 });
  });
});

const insert = async (sql: string, ...values: unknown[]) =>
  (await env.DB.prepare(`${sql} RETURNING id`).bind(...values).first<{ id: number }>())!.id;

/**
 * Four members. Active: Ekonomisystem at level 3 (Bengtsfors, Åmål; host Åmål; owner from Åmål),
 * E-post at level 2 (Bengtsfors, Mellerud; host Bengtsfors; no owner). Ended: Brandvägg
 * (host Dals-Ed). Administration roles: some count, some do not (see each line).
 */
async function world() {
  const r = await seedRegister();
  await api('POST', '/municipalities', { code: '1461', name: 'Mellerud' });
  await api('POST', '/municipalities', { code: '1438', name: 'Dals-Ed' });
  const mail = (await api('POST', '/applications', { name: 'E-post', kind: 'general' })).body;
  const exchange = (await api('POST', '/products', { vendor: 'Microsoft', name: 'Exchange' })).body;
  const installed: Record<string, number> = {};
  for (const [code, app, product] of [
    ['1460', r.finance.id, r.raindance.id], ['1492', r.finance.id, r.raindance.id],
    ['1460', mail.id, exchange.id], ['1461', mail.id, exchange.id], ['1438', mail.id, exchange.id],
    ['1461', r.firewall.id, exchange.id], ['1438', r.firewall.id, exchange.id],
  ] as const) {
    const created = await api('POST', '/installations', { municipality: code, applicationId: app, productId: product });
    expect(created.status).toBe(201);
    installed[`${code}:${app}`] = created.body.id;
  }
  const person = (name: string, code: string | null) => insert('INSERT INTO person (name, municipality_code) VALUES (?, ?)', name, code);
  const owner = await person('Olle Ägare', '1492');
  const bengtsfors = await person('Bea Admin', '1460');
  const mellerud = await person('Mats Drift', '1461');
  const dalsEd = await person('Dora Tekniker', '1438');
  const shared = await person('Gunnel Gemensam', null);

  const finance = await api('POST', '/collaborations', { applicationId: r.finance.id, level: 3, participants: ['1460', '1492'], host: '1492', ownerId: owner });
  expect(finance.status).toBe(201);
  const email = await api('POST', '/collaborations', { applicationId: mail.id, level: 2, participants: ['1460', '1461'], host: '1460' });
  expect(email.status).toBe(201);
  const ended = await insert("INSERT INTO collaboration (application_id, level, host_code, owner_id, ended_on) VALUES (?, 2, '1438', ?, '2026-01-01')", r.firewall.id, dalsEd);
  await env.DB.prepare("INSERT INTO collaboration_participant (collaboration_id, municipality_code, application_id, active) VALUES (?, '1438', ?, 0), (?, '1461', ?, 0)")
    .bind(ended, r.firewall.id, ended, r.firewall.id).run();

  const role = (personId: number, kind: string, target: { installation?: number; collaboration?: number }) =>
    insert('INSERT INTO role_assignment (person_id, role, installation_id, collaboration_id) VALUES (?, ?, ?, ?)', personId, kind, target.installation ?? null, target.collaboration ?? null);
  await role(bengtsfors, 'system_administrator', { collaboration: finance.body.id }); // counts: Bengtsfors
  await role(bengtsfors, 'system_owner', { collaboration: finance.body.id }); // not an administration role
  await role(mellerud, 'operations_manager', { installation: installed[`1461:${mail.id}`] }); // counts: Mellerud (installation in E-post)
  await role(mellerud, 'system_technician', { installation: installed[`1461:${r.firewall.id}`] }); // not: Brandvägg's collaboration ended
  await role(dalsEd, 'system_administrator', { installation: installed[`1438:${mail.id}`] }); // not: Dals-Ed is no participant of E-post
  await role(dalsEd, 'system_technician', { collaboration: ended }); // not: ended
  await role(shared, 'system_technician', { collaboration: email.body.id }); // belongs to no member: unattributed
  return r;
}

describe('GET /api/v1/placement', () => {
  it('counts hosting, ownership and administration over active collaborations only', async () => {
    await world();
    const response = await api('GET', '/placement');
    expect(response.status).toBe(200);
    const rows = Object.fromEntries(response.body.municipalities.map((m: any) => [m.name, [m.hosting.count, m.ownership.count, m.administration.count]]));
    expect(response.body.municipalities.map((m: any) => m.name)).toEqual(['Bengtsfors', 'Dals-Ed', 'Mellerud', 'Åmål']);
    expect(rows).toEqual({ Bengtsfors: [1, 0, 1], 'Dals-Ed': [0, 0, 0], Mellerud: [0, 0, 1], Åmål: [1, 1, 0] });
    expect(response.body.totals).toEqual({
      hosting: { total: 2, evenShare: 0.5, unattributed: 0 },
      ownership: { total: 1, evenShare: 0.25, unattributed: 0 },
      administration: { total: 2, evenShare: 0.5, unattributed: 1 },
    });
    expect(response.body).toMatchObject({ activeCollaborations: 2, withoutOwner: 1 });
    expect(response.body.municipalities[0].hosting).toEqual({ count: 1, evenShare: 0.5, difference: 0.5 });
  });

  it('is for signed-in users', async () => {
    expect((await api('GET', '/placement', undefined, { as: '' })).status).toBe(401);
    expect((await api('GET', '/placement', undefined, { as: await signIn('viewer') })).status).toBe(200);
  });
});

describe('/samverkan/fordelning', () => {
  it('renders a chart per measure and the table, the difference in words', async () => {
    await world();
    const response = await page('/samverkan/fordelning');
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toMatch(/<h1>Rättvis fördelning/);
    expect(html).not.toMatch(/style=|<script>/);
    expect(html.match(/<figure class="chart">/g)).toHaveLength(3);
    expect(html.match(/aria-describedby="placement-table"/g)).toHaveLength(3);
    expect(html).toContain('id="placement-table"');
    expect(html).toContain('0,5 över jämn andel');
    expect(html).toContain('0,25 under jämn andel');
    expect(html).toContain('jämn andel 0,5');
    expect(html).toContain('1 av dem har ingen systemägare.');
    expect(html).toContain('Förvaltningsansvar: 1 hör inte till någon kommun');
  });

  it('has an empty state without active collaborations', async () => {
    await seedRegister();
    const html = await (await page('/samverkan/fordelning')).text();
    expect(html).toContain('Det finns ingen aktiv samverkan ännu');
    expect(html).not.toContain('<figure');
  });
});
