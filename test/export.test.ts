import { read, utils } from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { api, page, seedRegister, signIn } from './helpers.ts';

/** A download's sheets read back by the parser, as rows of values. */
async function workbook(path: string, as?: string) {
  const response = await page(path, as ? { as } : {});
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('spreadsheetml');
  const book = read(new Uint8Array(await response.arrayBuffer()), { type: 'array', cellDates: true });
  return Object.fromEntries(book.SheetNames.map((name) => [name, utils.sheet_to_json<unknown[]>(book.Sheets[name]!, { header: 1, raw: true, defval: null })]));
}

/** A CSV download: its bytes start with the BOM, then semicolon-separated lines. */
async function csv(path: string) {
  const response = await page(path);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
  const bytes = new Uint8Array(await response.arrayBuffer());
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return new TextDecoder().decode(bytes).split('\r\n').filter(Boolean).map((line) => line.split(';'));
}

async function register() {
  const seed = await seedRegister();
  const a = await api('POST', '/installations', {
    municipality: '1492', applicationId: seed.finance.id, productId: seed.raindance.id, productVersion: '2.1', administration: 'Kommunstyrelseförvaltningen Åmål',
    users: 140, licenceCostOre: 12_345_050, operationsCostOre: 99, contractEnd: '2027-12-31', noticeMonths: 6, criticality: 'high', confidentialityClass: 3,
    twoFactor: true, operatingAgreement: true, notes: 'Byts ut; se beslut "KS 2026/12"',
  });
  const b = await api('POST', '/installations', { municipality: '1460', applicationId: seed.finance.id, productId: seed.raindance.id, lifecycle: 'planned' });
  const c = await api('POST', '/installations', { municipality: '1460', applicationId: seed.firewall.id, productId: seed.unit4.id, lifecycle: 'retired', licenceCostOre: 100 });
  for (const r of [a, b, c]) expect(r.status).toBe(201);
  return seed;
}

describe('register export', () => {
  it('opens again in the parser with the register\'s values: kronor as numbers, åäö intact', async () => {
    await register();
    const sheets = await workbook('/export/register.xlsx');
    const rows = sheets.Register!;
    expect(rows[0]!.slice(0, 8)).toEqual(['kommunkod', 'kommun', 'applikation', 'typ', 'leverantör', 'produkt', 'version', 'förvaltning']);
    expect(rows).toHaveLength(4);
    const header = rows[0] as string[];
    const amal = Object.fromEntries(header.map((h, i) => [h, rows.find((r) => r[1] === 'Åmål')![i]]));
    expect(amal).toMatchObject({
      kommunkod: '1492', kommun: 'Åmål', applikation: 'Ekonomisystem', typ: 'gemensam', leverantör: 'CGI', produkt: 'Raindance', version: '2.1',
      förvaltning: 'Kommunstyrelseförvaltningen Åmål', livscykel: 'i drift', användare: 140, 'licenskostnad (kr)': 123_450.5, 'driftkostnad (kr)': 0.99,
      'uppsägningstid (månader)': 6, kritikalitet: 'hög', 'konfidentialitet (1–4)': 3, tvåfaktorsinloggning: 'ja', driftavtal: 'ja', 'single sign-on': 'nej',
      anteckningar: 'Byts ut; se beslut "KS 2026/12"',
    });
    expect(amal.avtalsslut).toEqual(new Date('2027-12-31T00:00:00Z'));
    // One row per installation, retired ones included, by municipality then application.
    expect(rows.slice(1).map((r) => [r[1], r[2], r[header.indexOf('livscykel')]])).toEqual([
      ['Bengtsfors', 'Brandvägg', 'avvecklad'], ['Bengtsfors', 'Ekonomisystem', 'planerad'], ['Åmål', 'Ekonomisystem', 'i drift'],
    ]);
  });

  it('writes CSV for Swedish Excel: BOM, semicolons, decimal comma in money', async () => {
    await register();
    const rows = await csv('/export/register.csv?kommun=1492');
    expect(rows).toHaveLength(2);
    const header = rows[0]!;
    const row = Object.fromEntries(header.map((h, i) => [h, rows[1]![i]]));
    expect(row).toMatchObject({ kommun: 'Åmål', 'licenskostnad (kr)': '123450,50', 'driftkostnad (kr)': '0,99', avtalsslut: '2027-12-31', förvaltning: 'Kommunstyrelseförvaltningen Åmål' });
    expect((await page('/export/register.csv?kommun=9999')).status).toBe(404);
  });

  it('imports back unchanged: the export is a valid import file', async () => {
    await register();
    const response = await page('/export/register.xlsx');
    const form = new FormData();
    form.append('file', new File([await response.arrayBuffer()], 'register.xlsx'));
    const previewed = await page('/api/v1/imports/preview', { method: 'POST', body: form });
    const body = await previewed.json() as any;
    expect(body.errors).toEqual([]);
    expect(body.counts).toEqual({ rows: 3, create: 0, update: 0, unchanged: 3, error: 0 });
  });
});

describe('matrix and goal exports', () => {
  it('exports the comparison matrix: applications × municipalities, each cell the product', async () => {
    await register();
    const rows = (await workbook('/export/matris.xlsx')).Jämförelse!;
    expect(rows[0]).toEqual(['applikation', 'typ', 'Bengtsfors', 'Åmål', 'samma produkt hos alla']);
    expect(rows.slice(1)).toEqual([
      ['Brandvägg', 'teknisk', null, null, 'nej'],
      ['Ekonomisystem', 'gemensam', 'CGI Raindance (planerad)', 'CGI Raindance', 'nej'],
    ]);
    // The page's filter works on the export too.
    expect((await csv('/export/matris.csv?typ=technical')).map((r) => r[0])).toEqual(['applikation', 'Brandvägg']);
    expect((await page('/export/matris.csv?typ=nonsense')).status).toBe(400);
  });

  it('exports every goal with value, target, deadline and status', async () => {
    await register();
    const strategy = await api('POST', '/strategies', { name: 'IT-strategi för Dalsland', periodFrom: '2025-01-01', periodTo: '2028-12-31' });
    expect(strategy.status).toBe(201);
    expect((await api('POST', '/goals', {
      strategyId: strategy.body.id, title: 'Driftavtal för alla system', area: 'information_security', type: 'computed', unit: 'share', target: 1,
      deadline: '2028-12-31', definition: { population: 'installations', condition: { type: 'flag', field: 'operatingAgreement' }, weight: 'count' },
    })).status).toBe(201);
    expect((await api('POST', '/goals', { strategyId: strategy.body.id, title: 'Gemensam växel', area: 'technical_platform', type: 'milestone', unit: 'done', deadline: '2027-06-30' })).status).toBe(201);
    const viewer = await signIn('viewer');
    const rows = (await workbook('/export/malstatus.xlsx', viewer)).Målstatus!;
    const header = rows[0] as string[];
    const byTitle = Object.fromEntries(rows.slice(1).map((r) => [r[0], Object.fromEntries(header.map((h, i) => [h, r[i]]))]));
    // Only the installation in use counts (planned and retired do not): 1 of 1, as the board says.
    expect(byTitle['Driftavtal för alla system']).toMatchObject({ område: 'Informationssäkerhet', 'värde (%)': 1, 'målvärde (%)': 1, villkor: 'minst', senast: new Date('2028-12-31T00:00:00Z'), uppfyller: 1, av: 1, status: 'Uppnått' });
    const board = (await api('GET', '/goals')).body as { title: string; value: number; status: string }[];
    expect(board.find((g) => g.title === 'Driftavtal för alla system')!.value).toBe(1);
    expect(byTitle['Gemensam växel']).toMatchObject({ område: 'Teknisk plattform', villkor: 'klar', senast: new Date('2027-06-30T00:00:00Z'), status: expect.any(String) });
    expect((await csv('/export/malstatus.csv')).map((r) => r[0])).toContain('Gemensam växel');
  });
});
