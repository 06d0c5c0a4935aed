import AxeBuilder from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { demo, launchBrowser, startApp, type App } from './app.ts';
import { signedInContext, submitCode, submitPassword } from './login.ts';

let app: App;
let browser: Browser;
/** Signed in as the demo administrator through the login form, code step included. */
let desktop: BrowserContext;
/** Nobody signed in: the login page. */
let anonymous: BrowserContext;
/** Past the password step of the administrator, waiting for the code. */
let pending: BrowserContext;
/** Pages found by following links: an application, a system and its edit form. */
const found: Record<'application' | 'system' | 'systemEdit' | 'systemWithDocuments' | 'invitation' | 'user' | 'report', string> = { application: '', system: '', systemEdit: '', systemWithDocuments: '', invitation: '', user: '', report: '' };
const screens = '/tmp/screens';

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
  desktop = await signedInContext(browser, app, demo.admin, { viewport: { width: 1280, height: 800 } });
  anonymous = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'sv-SE' });
  pending = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'sv-SE' });
  const half = await pending.newPage();
  await half.goto(`${app.url}/logga-in`);
  await submitPassword(half, demo.admin);
  expect(new URL(half.url()).pathname).toBe('/logga-in/kod');
  await half.close();
  const page = await desktop.newPage();
  await page.goto(`${app.url}/applikationer`);
  found.application = (await page.locator('main table tbody a').first().getAttribute('href'))!;
  await page.goto(`${app.url}/matris`);
  found.system = (await page.locator('table.matrix td.cell:not(.cell-empty) a').first().getAttribute('href'))!;
  found.systemEdit = `${found.system}/andra`;
  await page.close();
  const documents = (await app.api('GET', '/documents')).body as { installations: { id: number }[] }[];
  const covered = documents.find((d) => d.installations.length > 0);
  found.systemWithDocuments = `/system/${covered?.installations[0]?.id}`;
  const invited = await app.api('POST', '/users', { email: 'ny.person@demo.test', name: 'Ny Person', role: 'viewer', municipalities: [] });
  expect(invited.status).toBe(201);
  found.invitation = (invited.body as { invitation: { path: string } }).invitation.path;
  found.user = `/anvandare/${(invited.body as { user: { id: number } }).user.id}`;
  const report = await app.api('POST', '/reports', { reportDate: '2026-11-25', title: 'Lägesrapport för tillgänglighetstestet', analysis: { collaboration: 'Analys.' } });
  expect(report.status).toBe(201);
  found.report = `/lagesrapporter/${(report.body as { id: number }).id}`;
  expect(found.application).toMatch(/^\/applikationer\/\d+$/);
  expect(found.system).toMatch(/^\/system\/\d+$/);
  expect(found.systemWithDocuments).toMatch(/^\/system\/\d+$/);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

type Case = { name: string; path: () => string; prepare?: (page: Page) => Promise<void>; context?: () => BrowserContext; status?: number };

const fixed = (path: string): Case => ({ name: path, path: () => path });
const cases: Case[] = [
  ...['/', '/matris', '/matris?typ=technical', '/kommuner', '/kommuner/1460', '/applikationer'].map(fixed),
  { name: 'an application page', path: () => found.application },
  { name: 'a system page', path: () => found.system },
  { name: 'a system page with governing documents', path: () => found.systemWithDocuments },
  { name: 'a system edit form', path: () => found.systemEdit },
  ...['/produkter', '/produkter/ny', '/indelningar', '/kommuner/ny', '/applikationer/ny', '/system/ny'].map(fixed),
  // Import and export: the page with its column guide and the upload form.
  fixed('/dataoverforing'),
  {
    name: '/system/ny after a failed submit',
    path: () => '/system/ny',
    prepare: async (page) => {
      await page.getByLabel('Antal användare', { exact: true }).fill('-3');
      const [response] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === 'POST'),
        page.getByRole('button', { name: 'Spara' }).click(),
      ]);
      expect(response.status()).toBe(400);
      await page.waitForSelector('.error-summary:focus');
    },
  },
  ...['/samverkan', '/samverkan/ny', '/samverkan/1', '/samverkan/1/andra', '/samverkan/fordelning', '/prioritering',
    '/personer', '/personer/ny', '/personer/1', '/sarbarhet', '/matris?niva=3'].map(fixed),
  ...['/mal', '/mal/1', '/mal/3', '/mal/tank-om', '/mal/tank-om?samverkan=1&niva=4', '/handlingsplan', '/handlingsplan/1', '/lagesrapporter'].map(fixed),
  { name: 'a status report', path: () => found.report },
  // New systems: the board, the start form, and initiatives in the pre-study (cost form in the gate) and procurement stages.
  ...['/initiativ', '/initiativ/nytt', '/initiativ/1', '/initiativ/3'].map(fixed),
  {
    name: 'an initiative after a refused gate (errors at the fields)',
    path: () => '/initiativ/3',
    prepare: async (page) => {
      const [response] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === 'POST'),
        page.getByRole('button', { name: 'Gå vidare till Beslut om genomförande' }).click(),
      ]);
      expect(response.status()).toBe(400);
      await page.waitForSelector('.error-summary:focus');
    },
  },
  // The attention list (its section is on the overview `/`): all of it, and one municipality's of one kind.
  ...['/att-hantera', '/att-hantera?kommun=1460&typ=missing_system_owner', '/att-hantera?typ=missing_system_owner&sida=2'].map(fixed),
  // Governing documents: the list with its overdue and due-soon lists, a document (a common system security plan) and the form.
  ...['/styrdokument', '/styrdokument/4', '/styrdokument/ny', '/styrdokument/4/andra'].map(fixed),
  // The change calendar: this month and a summer month with freezes and a change, a change waiting for its exception
  // decision (demo change 3), the forms, the freeze periods.
  ...['/andringar', '/andringar?manad=2027-07', '/andringar/3', '/andringar/ny', '/andringar/3/andra', '/andringar/frysperioder', '/andringar/frysperioder/ny', '/andringar/frysperioder/1'].map(fixed),
  ...['/mal/1/hantera', '/mal/10/hantera', '/mal/11/hantera', '/kostnader', '/kostnader/ny', '/kostnader/nycklar', '/kostnader/fakturaunderlag', '/kostnader/fakturaunderlag/1460'].map(fixed),
  // Cost years: the closed 2023 (frozen, reopen form), an item's form with budget and compensation, budget against
  // outcome (paired chart and tables), and Dals-Ed's statement with its credited compensation.
  ...['/kostnader?ar=2023', '/kostnader/budget?ar=2024', '/kostnader/fakturaunderlag/1438?ar=2024', '/kostnader/fakturaunderlag?ar=2024'].map(fixed),
  { name: '/offentligt/mal (no login)', path: () => '/offentligt/mal', context: () => anonymous },
  { name: '/prioritering with a weight out of range (errors shown)', path: () => '/prioritering?avtal=11', status: 400 },
  ...['/logg', '/logg?vad=installation', '/anvandare', '/anvandare/ny', '/api-nycklar', '/sakerhetskopia', '/konto', '/konto/tvastegsverifiering'].map(fixed),
  { name: 'a user page', path: () => found.user },
  // The API reference, generated from the OpenAPI document; public, so without login too.
  { name: '/api-dokumentation (no login)', path: () => '/api-dokumentation', context: () => anonymous },
  { name: '/api-dokumentation?omrade=costs (no login)', path: () => '/api-dokumentation?omrade=costs', context: () => anonymous },
  { name: 'an invitation', path: () => found.invitation, context: () => anonymous },
  { name: '/logga-in', path: () => '/logga-in?till=%2Fmatris', context: () => anonymous },
  {
    name: '/logga-in after a wrong password',
    path: () => '/logga-in',
    context: () => anonymous,
    prepare: async (page) => {
      const response = await submitPassword(page, demo.viewer, 'inte det rätta lösenordet');
      expect(response?.status()).toBe(401);
      await page.waitForSelector('.error-summary:focus');
    },
  },
  {
    name: '/logga-in with the fields left empty',
    path: () => '/logga-in',
    context: () => anonymous,
    prepare: async (page) => {
      const response = await submitPassword(page, '', '');
      expect(response?.status()).toBe(400);
      await page.waitForSelector('.error-summary:focus');
    },
  },
  { name: '/logga-in/kod', path: () => '/logga-in/kod?till=%2F', context: () => pending },
  {
    name: '/logga-in/kod after a wrong code',
    path: () => '/logga-in/kod',
    context: () => pending,
    prepare: async (page) => {
      const response = await submitCode(page, '000000');
      expect(response?.status()).toBe(401);
      await page.waitForSelector('.error-summary:focus');
    },
  },
];

/** Console errors that mention the Content Security Policy. */
function watchCsp(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && /content.security.policy|\bCSP\b/i.test(message.text())) errors.push(message.text());
  });
  return errors;
}

it.each(cases)('$name: no serious or critical axe violations, no CSP errors', async ({ path, prepare, context, status }) => {
  const page = await (context?.() ?? desktop).newPage();
  const cspErrors = watchCsp(page);
  const response = await page.goto(`${app.url}${path()}`);
  expect(response?.status()).toBe(status ?? 200);
  await prepare?.(page);

  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(' ')}\n      ${n.html}`).join('\n')}`);
  expect(serious, serious.join('\n')).toEqual([]);
  expect(cspErrors).toEqual([]);
  await page.close();
});

it('on a phone the matrix scrolls inside its own region, not the page', async () => {
  const phone = await signedInContext(browser, app, demo.viewer, { viewport: { width: 390, height: 844 } });
  const page = await phone.newPage();
  await page.goto(`${app.url}/matris`);
  mkdirSync(screens, { recursive: true });
  await page.screenshot({ path: `${screens}/matris-phone.png`, fullPage: true });
  // How far the page itself scrolls sideways (documentElement.scrollWidth misses overflow from
  // absolutely positioned descendants, so ask the browser to scroll and see where it stops).
  const widths = await page.evaluate(`(() => {
    const region = document.querySelector('.table-scroll');
    window.scrollTo(100000, window.scrollY);
    const pageScrollX = window.scrollX;
    window.scrollTo(0, window.scrollY);
    return { viewport: document.documentElement.clientWidth, body: document.body.scrollWidth, pageScrollX,
      region: region.clientWidth, table: region.scrollWidth };
  })()`) as Record<'viewport' | 'body' | 'pageScrollX' | 'region' | 'table', number>;
  const details = JSON.stringify(widths);
  expect(widths.table, `the table is wider than its region, so the region scrolls: ${details}`).toBeGreaterThan(widths.region);
  expect(widths.body, `body overflows the viewport: ${details}`).toBeLessThanOrEqual(widths.viewport);
  expect(widths.pageScrollX, `the page scrolls sideways: ${details}`).toBe(0);
  await phone.close();
});

it('screenshots of the main pages (desktop, full page)', async () => {
  mkdirSync(screens, { recursive: true });
  const page = await desktop.newPage();
  for (const [path, file] of [['/', 'oversikt'], ['/matris', 'matris'], ['/kommuner/1460', 'kommun-1460'], ['/system/ny', 'system-ny']]) {
    await page.goto(`${app.url}${path}`);
    await page.screenshot({ path: `${screens}/${file}.png`, fullPage: true });
  }
  await page.close();
});
