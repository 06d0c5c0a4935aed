import { utils, write } from '@e965/xlsx';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { actAs, api, auditEvents, page, seedRegister, signIn, snapshot } from './helpers.ts';

const header = ['kommunkod', 'applikation', 'typ', 'leverantör', 'produkt', 'version', 'förvaltning', 'livscykel', 'användare',
  'licenskostnad (kr)', 'driftkostnad (kr)', 'avtalsslut', 'uppsägningstid (månader)', 'kritikalitet', 'konfidentialitet (1–4)', 'tvåfaktorsinloggning'];

/** A real workbook, written by the library (not a hand-made string). */
function xlsx(rows: unknown[][]): Uint8Array {
  const book = utils.book_new();
  utils.book_append_sheet(book, utils.aoa_to_sheet(rows), 'System');
  return new Uint8Array(write(book, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
}

/** CSV as Swedish Excel saves it: BOM, semicolons, CRLF. */
const bomCsv = (lines: string[]) => new TextEncoder().encode('\uFEFF' + lines.map((l) => `${l}\r\n`).join(''));

async function preview(bytes: Uint8Array, name = 'system.xlsx', as?: string) {
  const form = new FormData();
  form.append('file', new File([bytes], name));
  const response = await page('/api/v1/imports/preview', { method: 'POST', body: form, ...(as ? { as } : {}) });
  return { status: response.status, body: await response.json() as any };
}

const commit = (id: string, as?: string) => api('POST', `/imports/${id}/commit`, undefined, as ? { as } : {});

async function installationsOf(code: string) {
  return (await api('GET', `/installations?municipality=${code}`)).body as any[];
}

describe('import preview', () => {
  it('reads a real xlsx file: good rows, bad rows at their cells, Swedish characters intact', async () => {
    const seed = await seedRegister();
    const before = await snapshot();
    const file = xlsx([
      header,
      ['1460', 'Ekonomisystem', '', 'CGI', 'Raindance', '2.1', 'Ekonomiförvaltningen', 'i drift', 120, 125000.5, 40000, new Date(Date.UTC(2027, 11, 31)), 6, 'hög', 3, 'ja'],
      [1492, 'Ärendehantering för socialtjänsten', 'verksamhetsspecifik', 'Tietoevry', 'Lifecare Åtgärd', '', 'Socialförvaltningen Åmål', 'aktiv', 75, 10000, 0, '', '', '', '', 'nej'],
      ['9999', 'Ekonomisystem', '', 'CGI', 'Raindance', '', '', 'i drift', 'många', 'gratis', 0, '2027-02-30', 200, 'enorm', 7, 'kanske'],
      [],
      ['1460', '', '', '', 'Raindance', '', '', 'i drift', 1, 0, 0, '', '', '', '', ''],
    ]);
    const r = await preview(file);
    expect(r.status).toBe(200);
    expect(r.body.counts).toEqual({ rows: 4, create: 2, update: 0, unchanged: 0, error: 2 });
    expect(r.body.committable).toBe(false);
    const rows = r.body.rows;
    expect(rows.map((x: any) => [x.row, x.action])).toEqual([[2, 'create'], [3, 'create'], [4, 'error'], [6, 'error']]);
    expect(rows[0].write.values).toMatchObject({ productVersion: '2.1', administration: 'Ekonomiförvaltningen', users: 120, licenceCostOre: 12_500_050, operationsCostOre: 4_000_000, contractEnd: '2027-12-31', noticeMonths: 6, criticality: 'high', confidentialityClass: 3, twoFactor: true });
    expect(rows[0].write.applicationId).toBe(seed.finance.id);
    expect(rows[1].write.values.administration).toBe('Socialförvaltningen Åmål');
    expect(r.body.newApplications).toEqual([{ name: 'Ärendehantering för socialtjänsten', kind: 'specific', subareaId: null, businessAreaId: null, row: 3 }]);
    expect(r.body.newProducts).toEqual([{ vendor: 'Tietoevry', name: 'Lifecare Åtgärd', row: 3 }]);

    // Every error at its cell: the row as Excel numbers it, the column's header, a Swedish message.
    const at = (cell: string) => r.body.errors.find((e: any) => e.cell === cell);
    expect(at('A4')).toMatchObject({ row: 4, column: 'kommunkod', message: 'Kommunen 9999 finns inte i registret.' });
    expect(at('I4')).toMatchObject({ column: 'användare', message: 'Antal användare måste vara ett tal.' });
    expect(at('J4')).toMatchObject({ column: 'licenskostnad (kr)', message: 'Ange beloppet i kronor, t.ex. 12 500 eller 12 500,50.' });
    expect(at('L4')?.message).toBe('Avtalet löper ut är inget giltigt datum.');
    expect(at('M4')?.message).toBe('Uppsägningstid (månader) får inte vara större än 120.');
    expect(at('N4')?.message).toMatch(/^Välj kritikalitet/);
    expect(at('O4')?.message).toBe('Konfidentialitet får inte vara större än 4.');
    expect(at('P4')?.message).toBe('Tvåfaktorsinloggning ska vara ja eller nej.');
    expect(at('B6')).toMatchObject({ row: 6, column: 'applikation', message: 'Ange applikation.' });
    expect(at('D6')).toMatchObject({ column: 'leverantör', message: 'Ange leverantör.' });

    // A preview writes nothing to the register.
    expect(await snapshot()).toEqual(before);
    // Nothing with errors can be committed, and nothing is written.
    const refused = await commit(r.body.id);
    expect(refused.status).toBe(400);
    expect(await snapshot()).toEqual(before);
  });

  it('reports unknown and missing columns at the header row', async () => {
    await seedRegister();
    const r = await preview(xlsx([['kommunkod', 'applikation', 'leverantör', 'färg'], ['1460', 'Ekonomisystem', 'CGI', 'blå']]));
    expect(r.status).toBe(200);
    expect(r.body.errors).toEqual([
      { row: 1, column: 'färg', cell: 'D1', message: 'Okänd kolumn ”färg”. Rätta rubriken eller ta bort kolumnen; mallen visar vilka kolumner som finns.' },
      { row: 1, column: 'produkt', cell: '', message: 'Kolumnen produkt saknas. Första raden ska ha kolumnrubrikerna, som i mallen.' },
    ]);
  });

  it('refuses what is not a spreadsheet with a message at the file', async () => {
    const r = await preview(new Uint8Array([0, 1, 2, 3, 0, 0]), 'bild.png');
    expect(r.status).toBe(400);
    expect(r.body.issues[0].path).toBe('file');
  });
});

describe('import commit', () => {
  it('imports a BOM CSV as Swedish Excel writes it, all rows in one batch with one audit event', async () => {
    await seedRegister();
    const csv = bomCsv([
      'kommunkod;applikation;typ;delområde;leverantör;produkt;förvaltning;livscykel;användare;licenskostnad (kr);driftkostnad (kr);single sign-on',
      '1460;Ekonomisystem;;;CGI;Raindance;Kommunstyrelseförvaltningen;i drift;140;"1 234,50";0;ja',
      '1492;Brandvägg;;;Fortinet;FortiGate;"IT-enheten; Åmål";i drift;0;25000;12 000,75;nej',
      '1492;Växel för Åmål;teknisk;Nät och kommunikation;Telia;Touchpoint Plus;Kommunledningsförvaltningen;planerad;300;0;0;ja',
    ]);
    const r = await preview(csv, 'system.csv');
    expect(r.status).toBe(200);
    expect(r.body.errors).toEqual([]);
    expect(r.body.counts).toMatchObject({ create: 3, error: 0 });
    const done = await commit(r.body.id);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ created: 3, changed: 0, newApplications: 1, newProducts: 2 });

    const amal = await installationsOf('1492');
    expect(amal).toHaveLength(2);
    const firewall = amal.find((i) => i.administration === 'IT-enheten; Åmål');
    expect(firewall).toMatchObject({ licenceCostOre: 2_500_000, operationsCostOre: 1_200_075, singleSignOn: false, lifecycle: 'active', version: 1 });
    const apps = (await api('GET', '/applications')).body as any[];
    expect(apps.find((a) => a.name === 'Växel för Åmål')).toMatchObject({ kind: 'technical' });
    expect((await installationsOf('1460'))[0]).toMatchObject({ licenceCostOre: 123_450, users: 140, singleSignOn: true, administration: 'Kommunstyrelseförvaltningen' });

    // One event for the whole import, carrying its rows.
    const events = await auditEvents('import');
    expect(events).toHaveLength(1);
    expect(events[0]!.entity_id).toBe(r.body.id);
    const after = JSON.parse(events[0]!.after!);
    expect(after).toMatchObject({ file: 'system.csv', rows: 3, created: 3, changed: 0, newApplications: ['Växel för Åmål'], newProducts: ['Fortinet FortiGate', 'Telia Touchpoint Plus'] });
    expect(after.detail.written).toHaveLength(3);
    expect(after.detail.written[1].slice(0, 6)).toEqual([3, 'create', null, '1492', 'Brandvägg', 'Fortinet FortiGate']);
    // No per-row events: the import is the one event.
    expect(await auditEvents('installation')).toHaveLength(0);

    // Committed once: a second commit is refused.
    expect((await commit(r.body.id)).status).toBe(409);
  });

  it('changes existing installations (from → to), leaves unchanged ones, and refuses a stale preview with 409', async () => {
    const seed = await seedRegister();
    const made = await api('POST', '/installations', { municipality: '1460', applicationId: seed.finance.id, productId: seed.raindance.id, users: 100, licenceCostOre: 500_000 });
    const other = await api('POST', '/installations', { municipality: '1492', applicationId: seed.finance.id, productId: seed.unit4.id, users: 30 });
    const file = xlsx([
      ['kommunkod', 'applikation', 'leverantör', 'produkt', 'användare', 'licenskostnad (kr)'],
      ['1460', 'ekonomisystem', 'Unit4', 'ERP', 110, 5000],
      ['1492', 'Ekonomisystem', 'Unit4', 'ERP', 30, 0],
    ]);
    const r = await preview(file);
    expect(r.body.rows.map((x: any) => x.action)).toEqual(['update', 'unchanged']);
    expect(r.body.rows[0]).toMatchObject({ installationId: made.body.id, version: 1 });
    expect(r.body.rows[0].changes).toEqual([
      { field: 'product', from: 'CGI Raindance', to: 'Unit4 ERP' },
      { field: 'users', from: 100, to: 110 },
    ]);

    // Someone changes the unchanged row's installation after the preview: the commit is stale.
    expect((await api('PATCH', `/installations/${other.body.id}`, { version: 1, users: 31 })).status).toBe(200);
    const before = await snapshot();
    const stale = await commit(r.body.id);
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatch(/rad 3/);
    expect(await snapshot()).toEqual(before);
    expect((await api('GET', `/installations/${made.body.id}`)).body).toMatchObject({ users: 100, version: 1 });

    // A fresh preview commits; the version moves on.
    const again = await preview(file);
    expect(again.body.rows.map((x: any) => x.action)).toEqual(['update', 'update']);
    expect((await commit(again.body.id)).status).toBe(200);
    expect((await api('GET', `/installations/${made.body.id}`)).body).toMatchObject({ users: 110, productId: seed.unit4.id, licenceCostOre: 500_000, version: 2 });
    expect((await api('GET', `/installations/${other.body.id}`)).body).toMatchObject({ users: 30, version: 3 });
  });

  it('is all or nothing: one bad row among good ones writes nothing', async () => {
    await seedRegister();
    const before = await snapshot();
    const rows: unknown[][] = [['kommunkod', 'applikation', 'leverantör', 'produkt', 'användare']];
    rows.push(['1460', 'Ekonomisystem', 'CGI', 'Raindance', 10], ['1492', 'Ekonomisystem', 'Ny leverantör', 'Ny produkt', 10], ['1492', 'Brandvägg', 'CGI', 'Raindance', -5]);
    const r = await preview(xlsx(rows));
    expect(r.body.counts).toMatchObject({ create: 2, error: 1 });
    expect(r.body.errors).toEqual([{ row: 4, column: 'användare', cell: 'E4', message: 'Antal användare får inte vara mindre än 0.' }]);
    const refused = await commit(r.body.id);
    expect(refused.status).toBe(400);
    expect(await snapshot()).toEqual(before);
    expect(await auditEvents('import')).toHaveLength(0);
  });

  it('keeps an editor to their own municipalities and the catalogue as it is', async () => {
    await seedRegister();
    const editor = await signIn('editor', ['1460']);
    const file = xlsx([
      ['kommunkod', 'applikation', 'typ', 'leverantör', 'produkt'],
      ['1460', 'Ekonomisystem', '', 'CGI', 'Raindance'],
      ['1492', 'Ekonomisystem', '', 'CGI', 'Raindance'],
      ['1460', 'Helt nytt system', 'generell', 'CGI', 'Raindance'],
    ]);
    const r = await preview(file, 'x.xlsx', editor);
    expect(r.status).toBe(200);
    expect(r.body.errors.map((e: any) => [e.cell, e.message])).toEqual([
      ['A3', 'Du får bara ändra system i de kommuner du är redaktör för.'],
      ['B4', 'Applikationen Helt nytt system finns inte i katalogen. Välj en som finns; bara administratörer kan lägga till applikationer.'],
    ]);
    // Only its own rows: the editor's file for 1460 alone imports.
    const own = await preview(xlsx([['kommunkod', 'applikation', 'leverantör', 'produkt'], ['1460', 'Ekonomisystem', 'CGI', 'Raindance']]), 'x.xlsx', editor);
    expect(own.body.committable).toBe(true);
    // Someone else's preview is not theirs to see or commit.
    actAs(await signIn('editor', ['1460']));
    expect((await commit(own.body.id)).status).toBe(404);
    expect((await commit(own.body.id, editor)).status).toBe(200);
    expect(await installationsOf('1460')).toHaveLength(1);
    // Viewers and finance officers cannot import at all.
    expect((await preview(xlsx([['kommunkod']]), 'x.xlsx', await signIn('viewer'))).status).toBe(403);
    expect((await preview(xlsx([['kommunkod']]), 'x.xlsx', await signIn('finance'))).status).toBe(403);
  });

  it('imports 5,000 rows within the limits, in one batch', async () => {
    await seedRegister();
    const rows: unknown[][] = [['kommunkod', 'applikation', 'typ', 'leverantör', 'produkt', 'förvaltning', 'användare', 'licenskostnad (kr)', 'avtalsslut', 'tvåfaktorsinloggning']];
    for (let n = 0; n < 2500; n++) {
      for (const code of ['1460', '1492']) {
        rows.push([code, `Tillämpning ${n} för förvaltningen`, 'verksamhetsspecifik', `Leverantör ${n % 40}`, `Produkt ${n % 40}`, 'Barn- och utbildningsförvaltningen', n, 1234.5, '2028-06-30', n % 2 ? 'ja' : 'nej']);
      }
    }
    const started = Date.now();
    const r = await preview(xlsx(rows));
    expect(r.status).toBe(200);
    expect(r.body.errors).toEqual([]);
    expect(r.body.counts).toMatchObject({ rows: 5000, create: 5000 });
    const done = await commit(r.body.id);
    expect(done.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(60_000);
    const [{ n }] = (await env.DB.prepare('SELECT count(*) AS n FROM installation').all<{ n: number }>()).results as [{ n: number }];
    expect(n).toBe(5000);
    const [{ total }] = (await env.DB.prepare('SELECT sum(licence_cost_ore) AS total FROM installation').all<{ total: number }>()).results as [{ total: number }];
    expect(total).toBe(5000 * 123_450);
    expect(await auditEvents('import')).toHaveLength(1);
  }, 120_000);
});

describe('import pages', () => {
  it('uploads through the form, shows the preview, and commits', async () => {
    await seedRegister();
    const form = new FormData();
    form.append('file', new File([xlsx([['kommunkod', 'applikation', 'leverantör', 'produkt', 'förvaltning'], ['1492', 'Ekonomisystem', 'CGI', 'Raindance', 'Kultur- och fritidsförvaltningen Åmål']])], 'mina system.xlsx'));
    const posted = await page('/dataoverforing/import', { method: 'POST', body: form });
    expect(posted.status).toBe(303);
    const location = posted.headers.get('location')!;
    const shown = await (await page(location)).text();
    expect(shown).toContain('Förhandsgranskning av import');
    expect(shown).toContain('Läggs till');
    expect(shown).toContain('Genomför importen');
    const committed = await page(location, { method: 'POST' });
    expect(committed.status).toBe(303);
    const result = await (await page(committed.headers.get('location')!)).text();
    expect(result).toContain('Importen är genomförd');
    expect((await installationsOf('1492'))[0].administration).toBe('Kultur- och fritidsförvaltningen Åmål');
  });

  it('shows the page and the templates to every role; the form only to those who may import', async () => {
    const viewer = await signIn('viewer');
    const text = await (await page('/dataoverforing', { as: viewer })).text();
    expect(text).toContain('Import och export');
    expect(text).not.toContain('name="file"');
    expect(await (await page('/dataoverforing')).text()).toContain('name="file"');
    const template = await page('/dataoverforing/mall.csv', { as: viewer });
    expect(template.status).toBe(200);
    const bytes = new Uint8Array(await template.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes).startsWith('kommunkod;applikation;typ;delområde;verksamhetsområde;leverantör;produkt;version;förvaltning;livscykel;användare;licenskostnad (kr)')).toBe(true);
  });
});
