import { read, utils } from '@e965/xlsx';
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { budgetVersusOutcome } from '../worker/costs/budget.ts';
import { actAs, api, auditEvents, page, seedRegister, signIn } from './helpers.ts';

const key = async (name: string, basis: 'equal' | 'population', years = [2024]) => {
  const r = await api('POST', '/allocation-keys', { name, year: years[0], parts: [{ basis, weight: 1 }] });
  expect(r.status).toBe(201);
  for (const year of years.slice(1)) {
    const current = (await api('GET', `/allocation-keys/${r.body.id}`)).body;
    expect((await api('PATCH', `/allocation-keys/${r.body.id}`, { version: current.version, year, parts: [{ basis, weight: 1 }] })).status).toBe(200);
  }
  return r.body.id as number;
};

const item = async (body: Record<string, unknown>) => {
  const r = await api('POST', '/cost-items', { year: 2024, ...body });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body as { id: number; version: number };
};

const count = async (table: string) => (await env.DB.prepare(`SELECT count(*) AS n FROM "${table}"`).first<{ n: number }>())!.n;

/** Bengtsfors 9 260 and Åmål 12 020 inhabitants (2024) share "Löner" 100,00 kr by population: 4 352 and 5 648 öre. */
async function seedYear() {
  await seedRegister();
  const population = await key('Invånare', 'population', [2024, 2025]);
  const payroll = await item({ amountOre: 10_000, budgetOre: 9_000, category: 'operations', description: 'Löner', keyId: population });
  return { population, payroll };
}

describe('year closing (bokslut)', () => {
  it('freezes the shares: a later population figure does not change a closed year; reopening recomputes', async () => {
    const { payroll } = await seedYear();
    const closed = await api('POST', '/cost-years/2024/close', { note: 'Bokslut enligt KS' });
    expect(closed.status).toBe(201);
    expect(closed.body).toMatchObject({ year: 2024, note: 'Bokslut enligt KS' });
    expect((await api('GET', '/cost-years')).body.map((y: { year: number }) => y.year)).toEqual([2024]);
    expect(await count('cost_share')).toBe(2);

    // Statistics are revised after the year was booked.
    await env.DB.prepare("UPDATE municipality_population SET population = 20000 WHERE municipality_code = '1460' AND year = 2024").run();
    const frozen = await api('GET', `/cost-items/${payroll.id}`);
    expect(frozen.body.closed).toBe(true);
    expect(frozen.body.shares).toEqual([{ municipality: '1460', amountOre: 4352 }, { municipality: '1492', amountOre: 5648 }]);
    expect((await api('GET', '/statements/1460?year=2024')).body.totalOre).toBe(4352);

    // Finance officers close but do not reopen; an administrator reopens with a reason.
    actAs(await signIn('finance'));
    expect((await api('POST', '/cost-years/2024/reopen', { reason: 'Fel i underlaget' })).status).toBe(403);
    actAs(await signIn('admin'));
    const noReason = await api('POST', '/cost-years/2024/reopen', {});
    expect(noReason.status).toBe(400);
    expect(noReason.body.issues[0].path).toBe('reason');
    expect((await api('POST', '/cost-years/2024/reopen', { reason: 'Fel i underlaget' })).status).toBe(204);
    expect(await count('cost_share')).toBe(0);
    // 10 000 × 20 000 / 32 020 = 6 246,09… → 6 246; Åmål 3 754.
    expect((await api('GET', `/cost-items/${payroll.id}`)).body.shares).toEqual([{ municipality: '1460', amountOre: 6246 }, { municipality: '1492', amountOre: 3754 }]);

    const events = await auditEvents('cost_year');
    expect(events.map((e) => e.action)).toEqual(['create', 'delete']);
    expect(events.every((e) => e.entity_id === '2024')).toBe(true);
    expect(JSON.parse(events[1]!.after!)).toMatchObject({ reopened: true, reason: 'Fel i underlaget' });
  });

  it('refuses every change to a closed year\'s items and keys, writing nothing', async () => {
    const { population, payroll } = await seedYear();
    expect((await api('POST', '/cost-years/2024/close')).status).toBe(201);
    const before = await count('audit_event');

    const created = await api('POST', '/cost-items', { year: 2024, amountOre: 100, category: 'network', keyId: population });
    expect(created.status).toBe(409);
    expect(created.body.error).toContain('2024 är stängt');
    expect((await api('PATCH', `/cost-items/${payroll.id}`, { version: payroll.version, amountOre: 1 })).status).toBe(409);
    // Moving an item out of a closed year changes that year too.
    expect((await api('PATCH', `/cost-items/${payroll.id}`, { version: payroll.version, year: 2025 })).status).toBe(409);
    expect((await api('DELETE', `/cost-items/${payroll.id}?version=${payroll.version}`)).status).toBe(409);
    const keyNow = (await api('GET', `/allocation-keys/${population}`)).body;
    const keyChange = await api('PATCH', `/allocation-keys/${population}`, { version: keyNow.version, year: 2024, parts: [{ basis: 'equal', weight: 1 }] });
    expect(keyChange.status).toBe(409);
    expect(keyChange.body.error).toContain('2024');
    expect((await api('PATCH', `/allocation-keys/${population}`, { version: keyNow.version, year: 2024, parts: null })).status).toBe(409);
    expect(await count('audit_event')).toBe(before);
    expect((await api('GET', `/cost-items/${payroll.id}`)).body.amountOre).toBe(10_000);

    // Another year of the same key, and its name, still change.
    expect((await api('PATCH', `/allocation-keys/${population}`, { version: keyNow.version, year: 2025, parts: [{ basis: 'equal', weight: 1 }] })).status).toBe(200);
    expect((await api('PATCH', `/allocation-keys/${population}`, { version: keyNow.version + 1, name: 'Invånarantal' })).status).toBe(200);
    expect((await api('POST', '/cost-items', { year: 2025, amountOre: 100, category: 'network', keyId: population })).status).toBe(201);
    expect((await api('POST', '/cost-years/2024/close')).status).toBe(409);
  });

  it('refuses to close a year with a cost that cannot be allocated, and lets only finance and administrators close', async () => {
    await seedYear();
    const stale = await key('Gammal', 'equal', [2023]);
    await item({ amountOre: 500, category: 'licence', description: 'Licenser', keyId: stale });
    const r = await api('POST', '/cost-years/2024/close');
    expect(r.status).toBe(400);
    expect(r.body.issues[0].message).toContain('Licenser');
    expect(await count('cost_year')).toBe(0);
    expect(await count('cost_share')).toBe(0);
    for (const role of ['editor', 'viewer'] as const) {
      actAs(await signIn(role, ['1460']));
      expect((await api('POST', '/cost-years/2024/close')).status).toBe(403);
    }
    expect((await api('POST', '/cost-years/2024/close', undefined, { as: '' })).status).toBe(401);
    actAs(await signIn('finance'));
    expect((await api('POST', '/cost-years/24/close')).status).toBe(400);
  });

  it('closes and reopens from the cost page', async () => {
    await seedYear();
    const closing = await page('/kostnader/ar/2024/stang', { method: 'POST', body: new URLSearchParams({ note: '' }) });
    expect(closing.status).toBe(303);
    const html = await (await page('/kostnader?ar=2024')).text();
    expect(html).toContain('Stängt');
    expect(html).toContain('action="/kostnader/ar/2024/oppna"');
    expect(html).not.toContain('href="/kostnader/ny?ar=2024"');
    actAs(await signIn('finance'));
    expect(await (await page('/kostnader?ar=2024')).text()).not.toContain('action="/kostnader/ar/2024/oppna"');
    expect((await page('/kostnader/ar/2024/oppna', { method: 'POST', body: new URLSearchParams({ reason: 'x' }) })).status).toBe(403);
    actAs(await signIn('admin'));
    const refused = await page('/kostnader/ar/2024/oppna', { method: 'POST', body: new URLSearchParams({ reason: '' }) });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('Ange skäl');
    expect((await page('/kostnader/ar/2024/oppna', { method: 'POST', body: new URLSearchParams({ reason: 'Rättelse' }) })).status).toBe(303);
    expect(await (await page('/kostnader?ar=2024')).text()).toContain('Öppet.');
  });
});

describe('solidarity financing', () => {
  async function collaborationWithKey() {
    const reg = await seedRegister();
    for (const code of ['1460', '1492']) {
      expect((await api('POST', '/installations', { municipality: code, applicationId: reg.finance.id, productId: reg.raindance.id })).status).toBe(201);
    }
    const equal = await key('Lika delar', 'equal');
    const collab = await api('POST', '/collaborations', { applicationId: reg.finance.id, level: 2, participants: ['1460', '1492'], host: '1460', allocationKeyId: equal });
    expect(collab.status).toBe(201);
    expect(collab.body.allocationKey).toEqual({ id: equal, name: 'Lika delar' });
    return { reg, equal, collaborationId: collab.body.id as number };
  }

  it('shares the compensation by the collaboration\'s key and credits the member; statements balance', async () => {
    const { collaborationId } = await collaborationWithKey();
    // No key given: the collaboration's agreed key is used.
    const compensation = await item({ amountOre: 300_001, category: 'solidarity', description: 'Förtida byte av ekonomisystem', collaborationId, beneficiaryCode: '1492' });
    const running = await item({ amountOre: 1000, category: 'operations', description: 'Drift', collaborationId });
    const statements = (await api('GET', '/statements?year=2024')).body;
    expect(statements.totalOre).toBe(301_001);
    expect(statements.creditsOre).toBe(-300_001);
    expect(statements.netOre).toBe(1000);
    const [bengtsfors, amal] = statements.municipalities;
    // 300 001 öre equally: 150 001 (tie → lowest code) and 150 000; Åmål is credited the whole amount.
    expect(bengtsfors.totalOre).toBe(150_001 + 500);
    expect(amal.lines.map((l: { kind: string; amountOre: number }) => [l.kind, l.amountOre])).toEqual([['share', 150_000], ['credit', -300_001], ['share', 500]]);
    expect(amal.totalOre).toBe(150_000 - 300_001 + 500);
    expect(bengtsfors.totalOre + amal.totalOre).toBe(statements.netOre);
    expect(amal.lines[1].description).toBe('Ersättning: Förtida byte av ekonomisystem');
    expect(running.id).toBeGreaterThan(compensation.id);

    const html = await (await page('/kostnader/fakturaunderlag/1492?ar=2024')).text();
    expect(html).toContain('Ersättning: Förtida byte av ekonomisystem');
    expect(html).toMatch(/<td>Kreditering<\/td><td class="num">–<\/td><td class="num">−3\s000,01\skr<\/td>/);
  });

  it('refuses a compensation that breaks the rules, per field', async () => {
    const { collaborationId, equal } = await collaborationWithKey();
    const population = await key('Invånare', 'population');
    const cases: [Record<string, unknown>, string][] = [
      [{ amountOre: 100, category: 'operations', collaborationId, beneficiaryCode: '1492' }, 'beneficiaryCode'],
      [{ amountOre: 100, category: 'solidarity', keyId: equal, beneficiaryCode: '1492' }, 'collaborationId'],
      [{ amountOre: 100, category: 'solidarity', collaborationId, participants: ['1460'], beneficiaryCode: '1492' }, 'beneficiaryCode'],
      [{ amountOre: 100, category: 'solidarity', collaborationId, keyId: population, beneficiaryCode: '1492' }, 'keyId'],
      [{ amountOre: -100, category: 'solidarity', collaborationId, beneficiaryCode: '1492' }, 'amountOre'],
    ];
    for (const [body, path] of cases) {
      const r = await api('POST', '/cost-items', { year: 2024, ...body });
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.issues.map((i: { path: string }) => i.path)).toContain(path);
    }
    expect(await count('cost_item')).toBe(0);
    // Without a key of its own, a common cost needs one.
    const noKey = await api('POST', '/cost-items', { year: 2024, amountOre: 100, category: 'network' });
    expect(noKey.status).toBe(400);
    expect(noKey.body.issues[0]).toEqual({ path: 'keyId', message: 'Välj fördelningsnyckel.' });
  });
});

describe('budget against outcome', () => {
  it('allocates budget and outcome with the same key: hand-checked per municipality and item', async () => {
    await seedYear();
    const equal = await key('Lika delar', 'equal');
    await item({ amountOre: 2001, category: 'network', description: 'Nätet', keyId: equal });
    const r = await api('GET', '/budget?year=2024');
    expect(r.status).toBe(200);
    // Löner: budget 9 000 by population → 3 917 (9 000 × 9 260 / 21 280 = 3 916,35…) and 5 083; outcome 4 352 and 5 648.
    // Nätet: not budgeted; outcome 2 001 equally → 1 001 and 1 000.
    expect(r.body.municipalities).toEqual([
      { municipality: '1460', name: 'Bengtsfors', budgetOre: 3916, outcomeOre: 4352 + 1001, deviationOre: 4352 + 1001 - 3916 },
      { municipality: '1492', name: 'Åmål', budgetOre: 5084, outcomeOre: 5648 + 1000, deviationOre: 5648 + 1000 - 5084 },
    ]);
    expect(r.body.total).toEqual({ budgetOre: 9000, outcomeOre: 12_001, deviationOre: 3001 });
    expect(r.body.items.map((i: { description: string; budgeted: boolean; deviationOre: number }) => [i.description, i.budgeted, i.deviationOre]))
      .toEqual([['Löner', true, 1000], ['Nätet', false, 2001]]);
    expect((await api('GET', '/budget?year=24')).status).toBe(400);

    const html = await (await page('/kostnader/budget?ar=2024')).text();
    expect(html).toContain('<caption>Budget och utfall per kommun 2024</caption>');
    expect(html).toContain('Ej budgeterad');
    expect(html).toContain('+30,01 kr');
    const book = read(new Uint8Array(await (await page('/kostnader/budget.xlsx?ar=2024')).arrayBuffer()));
    const rows = utils.sheet_to_json<unknown[]>(book.Sheets[book.SheetNames[0]!]!, { header: 1 });
    expect(rows[1]).toEqual(['1460', 'Bengtsfors', 39.16, 53.53, 14.37]);
  });

  it('nets a solidarity compensation and sums the municipalities to the total (pure)', () => {
    const result = budgetVersusOutcome(2024, [
      { id: 1, description: 'Ersättning', category: 'solidarity', amountOre: 301, budgetOre: 300, beneficiaryCode: '2',
        shares: [{ municipality: '1', amountOre: 151 }, { municipality: '2', amountOre: 150 }], budgetShares: [{ municipality: '1', amountOre: 150 }, { municipality: '2', amountOre: 150 }] },
      { id: 2, description: 'Drift', category: 'operations', amountOre: 10, budgetOre: null, beneficiaryCode: null,
        shares: [{ municipality: '1', amountOre: 5 }, { municipality: '2', amountOre: 5 }], budgetShares: null },
    ], [{ code: '1', name: 'A' }, { code: '2', name: 'B' }]);
    expect(result.municipalities).toEqual([
      { municipality: '1', name: 'A', budgetOre: 150, outcomeOre: 156, deviationOre: 6 },
      { municipality: '2', name: 'B', budgetOre: -150, outcomeOre: -146, deviationOre: 4 },
    ]);
    expect(result.total).toEqual({ budgetOre: 0, outcomeOre: 10, deviationOre: 10 });
    expect(result.municipalities.reduce((s, m) => s + m.outcomeOre, 0)).toBe(result.total.outcomeOre);
  });
});

describe('statement export to Excel', () => {
  it('writes a municipality\'s statement and the year\'s workbook that a parser reads back with the same figures', async () => {
    await seedYear();
    const response = await page('/kostnader/fakturaunderlag/1492.xlsx?ar=2024');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(response.headers.get('content-disposition')).toContain('fakturaunderlag-1492-2024.xlsx');
    const book = read(new Uint8Array(await response.arrayBuffer()));
    expect(book.SheetNames).toEqual(['Åmål']);
    const rows = utils.sheet_to_json<unknown[]>(book.Sheets['Åmål']!, { header: 1 });
    expect(rows[0]).toEqual(['kommunkod', 'kommun', 'år', 'kostnad', 'kategori', 'fördelningsnyckel', 'andel (%)', 'belopp (kr)']);
    expect(rows[1]).toEqual(['1492', 'Åmål', 2024, 'Löner', 'Drift', 'Invånare', 0.5648, 56.48]);
    expect((rows[2] as unknown[]).slice(0, 4)).toEqual(['1492', 'Åmål', 2024, 'Summa']);
    expect((rows[2] as unknown[])[7]).toBe(56.48);

    const all = read(new Uint8Array(await (await page('/kostnader/fakturaunderlag.xlsx?ar=2024')).arrayBuffer()));
    expect(all.SheetNames).toEqual(['Fakturaunderlag 2024', 'Bengtsfors', 'Åmål']);
    const summary = utils.sheet_to_json<unknown[]>(all.Sheets['Fakturaunderlag 2024']!, { header: 1 });
    expect(summary.slice(1, 3)).toEqual([['1460', 'Bengtsfors', 2024, 1, 43.52], ['1492', 'Åmål', 2024, 1, 56.48]]);
    expect((summary[3] as unknown[])[1]).toBe('Summa');
    expect((summary[3] as unknown[])[4]).toBe(100);
    expect((await page('/kostnader/fakturaunderlag/9999.xlsx?ar=2024')).status).toBe(404);
  });
});

describe('a year with more applications than D1 binds parameters', () => {
  it('reads the users basis of 120 applications in one statement and allocates every item', async () => {
    await seedRegister();
    const users = await api('POST', '/allocation-keys', { name: 'Användare', year: 2024, parts: [{ basis: 'users', weight: 1 }] });
    const area = (await env.DB.prepare("SELECT id FROM business_area LIMIT 1").first<{ id: number }>())!.id;
    const product = (await env.DB.prepare("SELECT id FROM product LIMIT 1").first<{ id: number }>())!.id;
    const statements = [];
    for (let n = 1; n <= 120; n++) {
      statements.push(env.DB.prepare("INSERT INTO application (name, kind, business_area_id) VALUES (?, 'common', ?)").bind(`System ${n}`, area));
      for (const [code, count] of [['1460', n], ['1492', 2 * n]] as const) {
        statements.push(env.DB.prepare("INSERT INTO installation (municipality_code, application_id, product_id, users) VALUES (?, (SELECT id FROM application WHERE name = ?), ?, ?)").bind(code, `System ${n}`, product, count));
      }
      statements.push(env.DB.prepare("INSERT INTO cost_item (year, amount_ore, category, key_id, participants, application_id) VALUES (2024, 300, 'licence', ?, '[\"1460\",\"1492\"]', (SELECT id FROM application WHERE name = ?))").bind(users.body.id, `System ${n}`));
    }
    await env.DB.batch(statements);
    const r = await api('GET', '/statements?year=2024');
    expect(r.status).toBe(200);
    expect(r.body.unallocated).toEqual([]);
    // Users 1:2 in every application: 100 and 200 öre of each 300.
    expect(r.body.municipalities.map((m: { totalOre: number }) => m.totalOre)).toEqual([120 * 100, 120 * 200]);
  });
});

describe('one municipality\'s statement', () => {
  it('reads only the items it shares or is credited, and is the same as in the year\'s statements', async () => {
    const { population } = await seedYear();
    await item({ amountOre: 700, category: 'network', description: 'Bara Bengtsfors', keyId: population, participants: ['1460'] });
    const all = (await api('GET', '/statements?year=2024')).body;
    for (const code of ['1460', '1492']) {
      const one = (await api('GET', `/statements/${code}?year=2024`)).body;
      const inAll = all.municipalities.find((m: { municipality: string }) => m.municipality === code);
      expect({ totalOre: one.totalOre, lines: one.lines }).toEqual({ totalOre: inAll.totalOre, lines: inAll.lines });
    }
    expect((await api('GET', '/statements/1492?year=2024')).body.lines.map((l: { description: string }) => l.description)).toEqual(['Löner']);
  });
});
