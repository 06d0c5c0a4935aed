import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { buildMatrix, countyName, matrixColumns, matrixLimits, matrixPage, matrixScope, rowsPerPage } from '../worker/portfolio/matrix.ts';
import { api, page, seedRegister, signIn } from './helpers.ts';

const municipalities = [{ code: '1492', name: 'Åmål' }, { code: '1438', name: 'Dals-Ed' }, { code: '1460', name: 'Bengtsfors' }];
const raindance = { id: 1, vendor: 'CGI', name: 'Raindance' };
const unit4 = { id: 2, vendor: 'Unit4', name: 'ERP' };
const cell = (installationId: number, municipality: string, product: typeof raindance, lifecycle: 'active' | 'planned' | 'retiring' = 'active') =>
  ({ installationId, municipality, applicationId: 10, lifecycle, product });

describe('buildMatrix (pure)', () => {
  it('orders municipalities and applications in Swedish alphabetical order', () => {
    const matrix = buildMatrix({
      municipalities,
      applications: [{ id: 10, name: 'Ärendehantering', kind: 'common' }, { id: 11, name: 'Ekonomisystem', kind: 'common' }, { id: 12, name: 'Öppen data', kind: 'general' }, { id: 13, name: 'Åtgärdsregister', kind: 'specific' }],
      cells: [],
    });
    expect(matrix.municipalities.map((m) => m.name)).toEqual(['Bengtsfors', 'Dals-Ed', 'Åmål']);
    expect(matrix.rows.map((r) => r.application.name)).toEqual(['Ekonomisystem', 'Åtgärdsregister', 'Ärendehantering', 'Öppen data']);
  });

  it('letters shared products, most used first, and leaves a lone product without a group', () => {
    const matrix = buildMatrix({
      municipalities: [...municipalities, { code: '1461', name: 'Mellerud' }, { code: '1439', name: 'Färgelanda' }],
      applications: [{ id: 10, name: 'Ekonomisystem', kind: 'common' }],
      cells: [cell(1, '1492', unit4), cell(2, '1438', unit4), cell(3, '1460', raindance), cell(4, '1461', raindance), cell(5, '1439', raindance)],
    });
    const cells = matrix.rows[0]!.cells;
    expect(cells['1460']!.group).toBe('A');
    expect(cells['1492']!.group).toBe('B');
    const lone = buildMatrix({ municipalities, applications: [{ id: 10, name: 'E', kind: 'common' }], cells: [cell(1, '1492', unit4), cell(2, '1438', raindance)] });
    expect(lone.rows[0]!.cells['1492']!.group).toBeNull();
    expect(lone.rows[0]!.cells['1460']).toBeNull();
  });

  it('says "same product everywhere" only when every member has it in use with one product', () => {
    const app = [{ id: 10, name: 'E-post', kind: 'general' as const }];
    const all = [cell(1, '1492', raindance), cell(2, '1438', raindance, 'retiring'), cell(3, '1460', raindance)];
    expect(buildMatrix({ municipalities, applications: app, cells: all }).rows[0]!.sameProductEverywhere).toBe(true);
    const planned = [cell(1, '1492', raindance), cell(2, '1438', raindance, 'planned'), cell(3, '1460', raindance)];
    expect(buildMatrix({ municipalities, applications: app, cells: planned }).rows[0]!.sameProductEverywhere).toBe(false);
    const mixed = [cell(1, '1492', raindance), cell(2, '1438', unit4), cell(3, '1460', raindance)];
    expect(buildMatrix({ municipalities, applications: app, cells: mixed }).rows[0]!.sameProductEverywhere).toBe(false);
    expect(buildMatrix({ municipalities, applications: app, cells: all.slice(0, 2) }).rows[0]!.sameProductEverywhere).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------
// At national size: a chosen set of municipalities, a page of rows at a time (issue 10's budgets).

describe('matrix selection (pure)', () => {
  const member = (code: string, chosen = true) => ({ code, name: `Kommun ${code}`, chosen: chosen ? 1 : 0 });

  it('compares everyone in a small register, whatever was chosen, and caps a large choice by code', () => {
    const small = matrixColumns([member('1492', false), member('1460', false)], true);
    expect(small.selecting).toBe(false);
    expect(small.columns.map((m) => m.code)).toEqual(['1460', '1492']);
    const many = Array.from({ length: 40 }, (_, i) => member(String(3040 - i)));
    const capped = matrixColumns([...many, member('3100', false)], true);
    expect(capped.selecting).toBe(true);
    expect(capped.chosen).toBe(40);
    expect(capped.columns).toHaveLength(matrixLimits.maxColumns);
    expect(capped.columns[0]!.code).toBe('3001');
    expect(capped.register).toHaveLength(41);
    // The API and the export (no scope): everyone, uncapped.
    expect(matrixColumns(many, false).columns).toHaveLength(40);
  });

  it('defaults to one\'s own municipalities, else the first county; an asked choice wins', () => {
    expect(matrixScope({}, ['1460'])).toEqual({ by: 'own', municipalities: ['1460'] });
    expect(matrixScope({}, [])).toEqual({ by: 'first-county' });
    expect(matrixScope({ counties: ['14', '14'] }, ['1460'])).toEqual({ by: 'asked', municipalities: [], counties: ['14'] });
    expect(countyName('14')).toBe('Västra Götalands län');
    expect(countyName('30')).toBe('Län 30');
  });

  it('pages the rows, fewer per page the more columns, and keeps only rows a chosen member has', () => {
    expect(rowsPerPage(5)).toBe(matrixLimits.maxRowsPerPage);
    expect(rowsPerPage(30)).toBe(33);
    expect(rowsPerPage(14)).toBe(71);
    const apps = Array.from({ length: 120 }, (_, i) => ({ id: i + 1, name: `App ${String(i + 1).padStart(3, '0')}`, kind: 'common' as const }));
    const matrix = buildMatrix({
      municipalities: Array.from({ length: 30 }, (_, i) => ({ code: String(3010 + i), name: `K${i}` })),
      applications: apps,
      cells: apps.slice(0, 110).map((a, i) => ({ installationId: i + 1, municipality: '3010', applicationId: a.id, lifecycle: 'active' as const, product: raindance })),
    });
    const second = matrixPage(matrix, true, 2);
    expect([second.total, second.pages, second.page, second.first, second.rows.length]).toEqual([110, 4, 2, 34, 33]);
    expect(second.rows[0]!.application.name).toBe('App 034');
    expect(matrixPage(matrix, true, 99).page).toBe(4);
    expect(matrixPage(matrix, false, 4).rows.at(-1)!.application.name).toBe('App 120');
  });
});

describe('the matrix page above a dozen members', () => {
  const county30 = Array.from({ length: 12 }, (_, i) => String(3010 + i));
  const county31 = Array.from({ length: 20 }, (_, i) => String(3110 + i));

  /** 32 members in two counties; Ekonomisystem in 3010, 3011 (Raindance) and 3110 (Unit4); Dokumenthantering only in 3115; Skolplattform nowhere. */
  async function register() {
    const created = async (path: string, body: unknown) => {
      const r = await api('POST', path, body);
      if (r.status !== 201) throw new Error(`${path}: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body;
    };
    for (const code of [...county30, ...county31]) await created('/municipalities', { code, name: `Kommun ${code}` });
    const finance = await created('/applications', { name: 'Ekonomisystem', kind: 'common' });
    const firewall = await created('/applications', { name: 'Dokumenthantering', kind: 'general' });
    await created('/applications', { name: 'Skolplattform', kind: 'specific' });
    const raindance = await created('/products', { vendor: 'CGI', name: 'Raindance' });
    const unit4 = await created('/products', { vendor: 'Unit4', name: 'ERP' });
    for (const [municipality, applicationId, productId] of [['3010', finance.id, raindance.id], ['3011', finance.id, raindance.id], ['3110', finance.id, unit4.id], ['3115', firewall.id, unit4.id]]) {
      await created('/installations', { municipality, applicationId, productId });
    }
    return { finance, firewall, raindance, unit4 };
  }

  const headers = (html: string) => [...html.matchAll(/<th scope="col"><a href="\/kommuner\/(\d{4})">/g)].map((m) => m[1]);
  const rows = (html: string) => [...html.matchAll(/<th scope="row"><a href="\/applikationer\/\d+">([^<]+)<\/a>/g)].map((m) => m[1]);
  const checked = (html: string) => [...html.matchAll(/<input type="checkbox" name="kommun" value="(\d{4})" checked/g)].map((m) => m[1]);

  it('shows an administrator the first county by code, only the applications its members have, and says so', async () => {
    await register();
    const response = await page('/matris');
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(headers(html)).toEqual(county30);
    expect(rows(html)).toEqual(['Ekonomisystem']);
    expect(html).toContain('Visar 12 av 32 kommuner</strong>: Län 30, det första länet i registret.');
    expect(checked(html)).toEqual(county30);
    // The shared product has its letter; the checkbox form and the county shortcuts are there.
    expect(html).toMatch(/<td class="cell g-a"><b>A<\/b><a href="\/system\/\d+">Raindance<\/a><small>CGI<\/small><\/td>/);
    expect(html).toContain('<a href="/matris?lan=31">Län 31</a>');
    expect(html).toContain('<legend>Län 31</legend>');
    expect(html).not.toContain('matrix-cap');
  });

  it('compares a county from ?lan=, an explicit list from ?kommun=, keeping the filters in the links', async () => {
    await register();
    const county = await (await page('/matris?lan=31')).text();
    expect(headers(county)).toEqual(county31);
    expect(rows(county)).toEqual(['Dokumenthantering', 'Ekonomisystem']);
    expect(county).toContain('Visar 20 av 32 kommuner</strong>: Län 31.');

    const listed = await (await page('/matris?kommun=3110&kommun=3010&typ=common')).text();
    expect(headers(listed)).toEqual(['3010', '3110']);
    expect(rows(listed)).toEqual(['Ekonomisystem']);
    expect(checked(listed)).toEqual(['3010', '3110']);
    expect(listed).toContain('Visar 2 av 32 kommuner</strong>: de kommuner du valt.');
    expect(listed).toContain('<a href="/matris?typ=common&amp;lan=30">Län 30</a>');

    const bad = await page('/matris?kommun=abc');
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    expect(badHtml).toContain('Valet av kommuner i adressen gick inte att förstå');
    expect(headers(badHtml)).toEqual(county30);
  });

  it('shows an editor their own municipalities by default, with add links only there', async () => {
    const r = await register();
    const html = await (await page('/matris', { as: await signIn('editor', ['3115', '3010']) })).text();
    expect(headers(html)).toEqual(['3010', '3115']);
    expect(rows(html)).toEqual(['Dokumenthantering', 'Ekonomisystem']);
    expect(html).toContain('Visar 2 av 32 kommuner</strong>: dina kommuner.');
    expect(html).toContain(`<td class="e"><a href="/system/ny?kommun=3010&amp;applikation=${r.firewall.id}">Lägg till</a></td>`);
    const viewer = await (await page('/matris?kommun=3110&kommun=3115', { as: await signIn('viewer') })).text();
    expect(viewer).toContain('<td class="e"></td>');
    expect(viewer).not.toContain('/system/ny');
  });

  it('caps the columns at 30 with a message, and pages the rows with links that keep the choice', async () => {
    const r = await register();
    // 60 more applications, each in 3010: 62 rows, 33 a page at 30 columns.
    await env.DB.prepare(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 60)
      INSERT INTO application (name, kind) SELECT printf('Tillämpning %02d', i), 'general' FROM n`).run();
    await env.DB.prepare(`INSERT INTO installation (municipality_code, application_id, product_id)
      SELECT '3010', id, ? FROM application WHERE name LIKE 'Tillämpning %'`).bind(r.raindance.id).run();

    const first = await (await page('/matris?lan=30&lan=31')).text();
    expect(headers(first)).toEqual([...county30, ...county31].slice(0, 30));
    expect(first).toContain('Visar 30 av 32 kommuner');
    expect(first).toContain('Du har valt 32 kommuner, men jämförelsen visar högst 30 åt gången');
    expect(rows(first)).toHaveLength(33);
    expect(first).toContain('62 applikationer i 30 kommuner, här 1–33 (sida 1 av 2)');
    expect(first).toContain('<span aria-current="page">Sida 1</span>');
    expect(first).toContain('<a href="/matris?lan=30&amp;lan=31&amp;sida=2" rel="next">Nästa</a>');

    const second = await (await page('/matris?lan=30&lan=31&sida=2')).text();
    expect(rows(second)).toEqual(Array.from({ length: 29 }, (_, i) => `Tillämpning ${32 + i}`));
    expect(second).toContain('62 applikationer i 30 kommuner, här 34–62 (sida 2 av 2)');
    expect(second).toContain('<a href="/matris?lan=30&amp;lan=31" rel="prev">Föregående</a>');
    expect((await page('/matris?sida=0')).status).toBe(400);
  });

  it('leaves a small register as it was: every member, every application (empty rows invite registering), no choice', async () => {
    const r = await seedRegister();
    const html = await (await page('/matris?kommun=1460')).text();
    expect(headers(html)).toEqual(['1460', '1492']);
    expect(rows(html)).toEqual(['Brandvägg', 'Ekonomisystem']);
    expect(html).toContain(`<a href="/system/ny?kommun=1460&amp;applikation=${r.firewall.id}">Lägg till</a>`);
    expect(html).not.toContain('Visar 2 av');
    expect(html).not.toContain('type="checkbox"');
  });

  it('keeps cell markup lean: bytes per cell on a page of 30 members', async () => {
    await register();
    const full = await (await page('/matris?lan=30&lan=31')).text();
    const table = full.slice(full.indexOf('<tbody>'), full.indexOf('</tbody>'));
    const cells = (table.match(/<td/g) ?? []).length;
    expect(cells).toBe(60);
    // An empty cell with its add link, and a filled one, each well under a hundred bytes (was ~200).
    expect(table.length / cells).toBeLessThan(95);
  });
});
