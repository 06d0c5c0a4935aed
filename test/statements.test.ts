import { describe, expect, it } from 'vitest';
import { buildStatements, kronorDecimal, sharePercent, statementsBalance } from '../worker/costs/statements.ts';
import { api, page, seedRegister } from './helpers.ts';

const key = async (name: string, basis: 'equal' | 'population', year = 2024) => {
  const r = await api('POST', '/allocation-keys', { name, year, parts: [{ basis, weight: 1 }] });
  expect(r.status).toBe(201);
  return r.body.id as number;
};

const item = async (body: Record<string, unknown>) => {
  const r = await api('POST', '/cost-items', { year: 2024, ...body });
  expect(r.status).toBe(201);
  return r.body.id as number;
};

/**
 * Bengtsfors (1460, 9 260 inhabitants) and Åmål (1492, 12 020) share, in 2024:
 * - "Nätet" 1 000,01 kr equally: 500,01 + 500,00 (the odd öre to the larger remainder, a tie → lowest code);
 * - "Löner" 100,00 kr by population: 10 000 × 9 260 / 21 280 = 4 351,50… → 4 352 öre, Åmål 5 648 öre;
 * - "Kreditering" −10,01 kr equally: −5,01 and −5,00;
 * - "Licenser" 7,77 kr with a key that has no parts for 2024: not allocated.
 */
async function seedYear() {
  await seedRegister();
  const equal = await key('Lika delar', 'equal');
  const population = await key('Invånare', 'population');
  const old = await key('Gammal nyckel', 'equal', 2023);
  const ids = {
    network: await item({ amountOre: 100_001, category: 'network', description: 'Nätet', keyId: equal }),
    payroll: await item({ amountOre: 10_000, category: 'operations', description: 'Löner', keyId: population }),
    credit: await item({ amountOre: -1001, category: 'solidarity', description: 'Kreditering', keyId: equal }),
    licences: await item({ amountOre: 777, category: 'licence', description: 'Licenser', keyId: old }),
  };
  return ids;
}

describe('statements (pure)', () => {
  it('gives the share in percent with two decimals, exactly', () => {
    expect(sharePercent(1, 3)).toBe(33.33);
    expect(sharePercent(2, 3)).toBe(66.67);
    expect(sharePercent(-501, -1001)).toBe(50.05);
    expect(sharePercent(5, 0)).toBe(0);
    expect(kronorDecimal(123_456)).toBe('1234,56');
    expect(kronorDecimal(-5)).toBe('-0,05');
  });

  it('keeps the shares as they are and balances; unallocated items stay out of the totals', () => {
    const s = buildStatements(2024, [
      { id: 1, description: '', category: 'network', keyName: 'K', amountOre: 3, shares: [{ municipality: '1492', amountOre: 1 }, { municipality: '1460', amountOre: 2 }], problem: null, beneficiaryCode: null },
      { id: 2, description: 'X', category: 'licence', keyName: 'K', amountOre: 50, shares: null, problem: 'Ingen nyckel.', beneficiaryCode: null },
    ], [{ code: '1460', name: 'Bengtsfors' }, { code: '1492', name: 'Åmål' }, { code: '1438', name: 'Dals-Ed' }]);
    expect(s.totalOre).toBe(3);
    expect(s.municipalities.map((m) => [m.municipality, m.totalOre])).toEqual([['1438', 0], ['1460', 2], ['1492', 1]]);
    expect(s.municipalities[1]!.lines).toEqual([{ itemId: 1, kind: 'share', description: 'Kostnad 1', category: 'network', keyName: 'K', sharePercent: 66.67, amountOre: 2 }]);
    expect(s.unallocated).toEqual([{ itemId: 2, description: 'X', problem: 'Ingen nyckel.' }]);
    expect(statementsBalance(s)).toBe(true);
  });
});

describe('GET /api/v1/statements', () => {
  it('builds each municipality\'s statement by hand-checked lines and totals, summing to the year\'s total', async () => {
    const ids = await seedYear();
    const r = await api('GET', '/statements?year=2024');
    expect(r.status).toBe(200);
    expect(r.body.year).toBe(2024);
    expect(r.body.totalOre).toBe(100_001 + 10_000 - 1001);
    const [bengtsfors, amal] = r.body.municipalities;
    expect(bengtsfors).toEqual({
      municipality: '1460', name: 'Bengtsfors', totalOre: 50_001 + 4352 - 501,
      lines: [
        { itemId: ids.network, kind: 'share', description: 'Nätet', category: 'network', keyName: 'Lika delar', sharePercent: 50, amountOre: 50_001 },
        { itemId: ids.payroll, kind: 'share', description: 'Löner', category: 'operations', keyName: 'Invånare', sharePercent: 43.52, amountOre: 4352 },
        { itemId: ids.credit, kind: 'share', description: 'Kreditering', category: 'solidarity', keyName: 'Lika delar', sharePercent: 50.05, amountOre: -501 },
      ],
    });
    expect(amal.municipality).toBe('1492');
    expect(amal.totalOre).toBe(50_000 + 5648 - 500);
    expect(amal.lines.map((l: { amountOre: number; sharePercent: number }) => [l.amountOre, l.sharePercent])).toEqual([[50_000, 50], [5648, 56.48], [-500, 49.95]]);
    // The statements add up to the year's total of allocatable items, to the öre.
    expect(r.body.municipalities.reduce((s: number, m: { totalOre: number }) => s + m.totalOre, 0)).toBe(r.body.totalOre);
    // The item without parts for 2024 is listed apart, and in no statement.
    expect(r.body.unallocated).toHaveLength(1);
    expect(r.body.unallocated[0].itemId).toBe(ids.licences);
    expect(r.body.unallocated[0].problem).toContain('2024');
    expect(r.body.municipalities.flatMap((m: { lines: { itemId: number }[] }) => m.lines.map((l) => l.itemId))).not.toContain(ids.licences);
  });

  it('gives one municipality; 404 for an unknown code; 400 for a bad year', async () => {
    await seedYear();
    const one = await api('GET', '/statements/1492?year=2024');
    expect(one.status).toBe(200);
    expect(one.body.name).toBe('Åmål');
    expect(one.body.totalOre).toBe(55_148);
    expect((await api('GET', '/statements/9999?year=2024')).status).toBe(404);
    for (const path of ['/statements', '/statements?year=24', '/statements?year=abcd', '/statements/1460?year=2024x', '/statements?year=2024&collaboration=x']) {
      const bad = await api('GET', path);
      expect(bad.status, path).toBe(400);
      expect(bad.body.error).toBeTruthy();
    }
    const empty = await api('GET', '/statements?year=2030');
    expect(empty.body.totalOre).toBe(0);
    expect(empty.body.unallocated).toEqual([]);
  });
});

describe('statements per collaboration', () => {
  it('keeps only the costs of the collaboration', async () => {
    const reg = await seedRegister();
    for (const code of ['1460', '1492']) {
      expect((await api('POST', '/installations', { municipality: code, applicationId: reg.finance.id, productId: reg.raindance.id })).status).toBe(201);
    }
    const collab = await api('POST', '/collaborations', { applicationId: reg.finance.id, level: 2, participants: ['1460', '1492'], host: '1460' });
    expect(collab.status).toBe(201);
    const equal = await key('Lika delar', 'equal');
    const inside = await item({ amountOre: 1001, category: 'operations', description: 'Drift ekonomisystem', keyId: equal, collaborationId: collab.body.id });
    await item({ amountOre: 5000, category: 'network', description: 'Nätet', keyId: equal });
    const r = await api('GET', `/statements?year=2024&collaboration=${collab.body.id}`);
    expect(r.status).toBe(200);
    expect(r.body.totalOre).toBe(1001);
    expect(r.body.municipalities.map((m: { totalOre: number }) => m.totalOre)).toEqual([501, 500]);
    expect(r.body.municipalities[0].lines.map((l: { itemId: number }) => l.itemId)).toEqual([inside]);
    expect((await api('GET', '/statements?year=2024')).body.totalOre).toBe(6001);
    expect((await api('GET', '/statements?year=2024&collaboration=999999')).status).toBe(404);
    const html = await (await page(`/kostnader/fakturaunderlag?ar=2024&samverkan=${collab.body.id}`)).text();
    expect(html).toContain('samverkan Ekonomisystem');
    expect(html).toContain(`href="/kostnader/fakturaunderlag/1460?ar=2024&amp;samverkan=${collab.body.id}"`);
    const csv = await (await page(`/kostnader/fakturaunderlag/1460.csv?ar=2024&samverkan=${collab.body.id}`)).text();
    expect(csv).toContain('Drift ekonomisystem');
    expect(csv).not.toContain('Nätet');
    expect((await page('/kostnader/fakturaunderlag?ar=2024&samverkan=999999')).status).toBe(404);
  });
});

describe('statement pages and CSV', () => {
  it('renders the overview with chart and links, and a printable statement', async () => {
    await seedYear();
    const overview = await page('/kostnader/fakturaunderlag?ar=2024');
    expect(overview.status).toBe(200);
    const html = await overview.text();
    expect(html).toContain('<svg');
    expect(html).toContain('href="/kostnader/fakturaunderlag/1460?ar=2024"');
    expect(html).toMatch(/538,52 kr/); // Bengtsfors: 53 852 öre
    expect(html).toContain('Licenser');
    expect(html).toContain('summerar till årets fördelade kostnader på öret');
    const statement = await page('/kostnader/fakturaunderlag/1460?ar=2024');
    expect(statement.status).toBe(200);
    const text = await statement.text();
    expect(text).toContain('Fakturaunderlag 2024: Bengtsfors');
    expect(text).toContain('43,52 %');
    expect(text).toMatch(/500,01 kr/);
    expect(text).toContain('href="/kostnader/fakturaunderlag/1460.csv?ar=2024"');
    expect((await page('/kostnader/fakturaunderlag/9999?ar=2024')).status).toBe(404);
    expect((await (await page('/kostnader?ar=2024')).text())).toContain('href="/kostnader/fakturaunderlag?ar=2024"');
  });

  it('shows empty states', async () => {
    await seedRegister();
    expect(await (await page('/kostnader/fakturaunderlag?ar=2030')).text()).toContain('Inga fördelade kostnader för 2030');
    expect(await (await page('/kostnader/fakturaunderlag/1460?ar=2030')).text()).toContain('Bengtsfors har inga fördelade kostnader för 2030');
  });

  it('exports CSV for Swedish Excel: BOM, semicolons, CRLF, decimal comma', async () => {
    await seedYear();
    for (const path of ['/kostnader/fakturaunderlag/1460.csv?ar=2024', '/kostnader/fakturaunderlag/1460?ar=2024&format=csv']) {
      const r = await page(path);
      expect(r.status).toBe(200);
      expect(r.headers.get('content-type')).toContain('text/csv');
      expect(r.headers.get('content-disposition')).toContain('fakturaunderlag-1460-2024.csv');
      const bytes = new Uint8Array(await r.arrayBuffer());
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = new TextDecoder().decode(bytes.slice(3));
      expect(text.split('\r\n')).toEqual([
        'kommunkod;kommun;år;kostnad;kategori;fördelningsnyckel;andel (%);belopp (kr)',
        '1460;Bengtsfors;2024;Nätet;Nät/kommunikation;Lika delar;50,00;500,01',
        '1460;Bengtsfors;2024;Löner;Drift;Invånare;43,52;43,52',
        '1460;Bengtsfors;2024;Kreditering;Solidarisk finansiering;Lika delar;50,05;-5,01',
        '1460;Bengtsfors;2024;Summa;;;;538,52',
        '',
      ]);
    }
    expect((await page('/kostnader/fakturaunderlag/9999.csv?ar=2024')).status).toBe(404);
  });
});
