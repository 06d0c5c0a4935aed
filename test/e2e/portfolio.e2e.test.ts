import AxeBuilder from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { demo, launchBrowser, startApp, type App } from './app.ts';
import { sessionCookie, signedInContext } from './login.ts';

let app: App;
let browser: Browser;
/** Signed in as the demo administrator through the login form (password and code). */
let admin: BrowserContext;
let applicationId: number;
const appName = 'Testapplikation E2E';
const productName = 'Testprodukt E2E';

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
  admin = await signedInContext(browser, app, demo.admin);
  app.useSession(await sessionCookie(admin));
  // Our own catalogue entries, so nothing depends on the demo contents.
  const created = await app.api('POST', '/applications', { name: appName, kind: 'general' });
  expect(created.status).toBe(201);
  applicationId = created.body.id;
  expect((await app.api('POST', '/products', { vendor: 'Testleverantör', name: productName })).status).toBe(201);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const newPage = (): Promise<Page> => admin.newPage();

const field = (page: Page, label: string) => page.getByLabel(label, { exact: true });

/** Focus moves to the next element with Tab until the element with this id has focus. */
async function tabTo(page: Page, id: string, maxTabs = 30) {
  for (let i = 0; i < maxTabs; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate('document.activeElement?.id') === id) return;
  }
  throw new Error(`#${id} was not reached with ${maxTabs} presses of Tab`);
}

it('registers a system with the form and shows it in the comparison matrix', async () => {
  const page = await newPage();
  await page.goto(`${app.url}/system/ny`);
  await field(page, 'Kommun').selectOption({ label: 'Dals-Ed' });
  await field(page, 'Applikation').selectOption({ label: `${appName} (generell)` });
  await field(page, 'Produkt').selectOption({ label: `Testleverantör ${productName}` });
  await field(page, 'Antal användare').fill('42');
  await field(page, 'Licenskostnad per år (kr)').fill('12 500,50');
  await page.getByRole('button', { name: 'Spara' }).click();

  await page.waitForURL(/\/system\/\d+\?sparat$/);
  expect(await page.getByRole('status').textContent()).toBe('Ändringarna är sparade.');
  const facts = (await page.locator('dl.facts').textContent())!.replace(/\s+/g, ' ');
  expect(facts).toContain('Antal användare42');
  expect(facts).toMatch(/Licenskostnad per år12 500,50 kr/);
  const installationId = Number(/\/system\/(\d+)/.exec(page.url())![1]);

  // The matrix page: the Dals-Ed column of our row names the product.
  await page.goto(`${app.url}/matris`);
  const headers = (await page.locator('table.matrix thead th').allTextContents()).map((t) => t.trim());
  const column = headers.indexOf('Dals-Ed');
  expect(column).toBeGreaterThan(0);
  const row = page.locator('table.matrix tbody tr').filter({ has: page.getByRole('rowheader', { name: appName }) });
  expect(await row.count()).toBe(1);
  const cell = row.locator('th, td').nth(column);
  expect(await cell.textContent()).toContain(productName);
  expect(await cell.getByRole('link').getAttribute('href')).toBe(`/system/${installationId}`);

  // The matrix API agrees.
  const matrix = (await app.api('GET', '/portfolio/matrix')).body;
  const dalsEd = matrix.municipalities.find((m: { name: string }) => m.name === 'Dals-Ed');
  const apiRow = matrix.rows.find((r: { application: { id: number } }) => r.application.id === applicationId);
  expect(apiRow.cells[dalsEd.code]).toMatchObject({ installationId, product: { name: productName, vendor: 'Testleverantör' } });
  await page.close();
});

it('a failed submit shows the errors at the fields and in a focused summary, and writes nothing', async () => {
  const before = (await app.api('GET', '/installations')).body;
  const page = await newPage();
  await page.goto(`${app.url}/system/ny`);
  await field(page, 'Kommun').selectOption({ label: 'Mellerud' });
  await field(page, 'Applikation').selectOption({ label: `${appName} (generell)` });
  await field(page, 'Antal användare').fill('-3');
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/system/ny')),
    page.getByRole('button', { name: 'Spara' }).click(),
  ]);
  expect(response.status()).toBe(400);

  const summary = page.locator('.error-summary');
  expect(await summary.getAttribute('role')).toBe('alert');
  const summaryText = await summary.textContent();
  expect(summaryText).toContain('Rätta följande och försök igen');
  expect(summaryText).toContain('Antal användare får inte vara mindre än 0.');
  expect(await summary.locator('a[href="#f-users"]').count()).toBe(1);
  expect(await summary.locator('a[href="#f-productId"]').count()).toBe(1);
  // app.js moves focus to the summary once the page has loaded.
  await page.waitForSelector('.error-summary:focus', { timeout: 5_000 });

  const users = page.locator('#f-users');
  expect(await users.getAttribute('aria-invalid')).toBe('true');
  expect(await users.getAttribute('aria-describedby')).toContain('f-users-fel');
  expect(await users.inputValue()).toBe('-3');
  // The message sits in the same field wrapper as the input.
  const wrapper = page.locator('.field-error').filter({ has: users });
  expect(await wrapper.locator('#f-users-fel').textContent()).toContain('Antal användare får inte vara mindre än 0.');
  expect(await page.locator('#f-productId').getAttribute('aria-invalid')).toBe('true');

  expect((await app.api('GET', '/installations')).body).toEqual(before);
  await page.close();
});

it('the skip link comes first, and the form can be filled and submitted with the keyboard only', async () => {
  const page = await newPage();
  await page.goto(`${app.url}/system/ny`);
  await page.keyboard.press('Tab');
  expect(await page.evaluate('document.activeElement?.textContent')).toBe('Hoppa till innehållet');
  await page.keyboard.press('Enter');
  expect(await page.evaluate('document.activeElement?.id')).toBe('main');

  // Closed selects take type-ahead: typing the start of an option selects it.
  await tabTo(page, 'f-municipality');
  await page.keyboard.type('Beng');
  await tabTo(page, 'f-applicationId');
  await page.keyboard.type('Testapp');
  await tabTo(page, 'f-productId');
  await page.keyboard.type('Testlev');
  await tabTo(page, 'f-users');
  await page.keyboard.type('7');
  expect(await page.locator('#f-municipality option:checked').textContent()).toBe('Bengtsfors');
  expect(await page.locator('#f-applicationId').inputValue()).toBe(String(applicationId));
  expect(await page.locator('#f-productId option:checked').textContent()).toBe(`Testleverantör ${productName}`);

  await page.keyboard.press('Enter');
  await page.waitForURL(/\/system\/\d+\?sparat$/);
  expect(await page.getByRole('status').textContent()).toBe('Ändringarna är sparade.');
  const id = Number(/\/system\/(\d+)/.exec(page.url())![1]);
  expect((await app.api('GET', `/installations/${id}`)).body).toMatchObject({ municipality: '1460', applicationId, users: 7 });
  await page.close();
});

it('above a dozen members the matrix compares a chosen set: the first county, others by checkbox or county, without JS', async () => {
  // Eight members in a county of their own next to Dalsland's five (county 14): thirteen in all.
  for (let i = 0; i < 8; i++) expect((await app.api('POST', '/municipalities', { code: String(3010 + i), name: `Testkommun ${i + 1}` })).status).toBe(201);
  const noScript = await browser.newContext({ javaScriptEnabled: false, locale: 'sv-SE' });
  await noScript.addCookies(await admin.cookies());
  const page = await noScript.newPage();
  const columns = async () => (await page.locator('table.matrix thead th').allTextContents()).map((t) => t.trim()).slice(1);

  await page.goto(`${app.url}/matris`);
  expect(await page.locator('.matrix-shown').textContent()).toContain('Visar 5 av 13 kommuner: Västra Götalands län, det första länet i registret.');
  expect(await columns()).toEqual(['Bengtsfors', 'Dals-Ed', 'Färgelanda', 'Mellerud', 'Åmål']);

  // The checkboxes, inside a disclosure: swap Åmål for Testkommun 2 and show.
  await page.getByText('Välj kommuner att jämföra').click();
  await page.getByLabel('Åmål', { exact: true }).uncheck();
  await page.getByLabel('Testkommun 2', { exact: true }).check();
  await page.getByRole('button', { name: 'Visa valda kommuner' }).click();
  await page.waitForURL(/kommun=3011/);
  expect(new URL(page.url()).searchParams.getAll('kommun').sort()).toEqual(['1438', '1439', '1460', '1461', '3011']);
  expect(await columns()).toEqual(['Bengtsfors', 'Dals-Ed', 'Färgelanda', 'Mellerud', 'Testkommun 2']);
  expect(await page.locator('.matrix-shown').textContent()).toContain('Visar 5 av 13 kommuner: de kommuner du valt.');

  // A whole county in one click; the new members have no systems yet, so the page says there is nothing to compare.
  await page.getByRole('navigation', { name: 'Jämför ett helt län' }).getByRole('link', { name: 'Län 30' }).click();
  expect(new URL(page.url()).searchParams.get('lan')).toBe('30');
  expect(await page.locator('.matrix-shown').textContent()).toContain('Visar 8 av 13 kommuner: Län 30.');
  expect(await page.locator('.empty-state').textContent()).toContain('Det finns inga applikationer som matchar filtret.');

  await noScript.close();

  // The selection, open, passes axe as the rest of the walk does (axe needs JS: the signed-in browser).
  const checked = await newPage();
  await checked.goto(`${app.url}/matris?kommun=1460&kommun=3010`);
  await checked.getByText('Välj kommuner att jämföra').click();
  mkdirSync('/tmp/screens', { recursive: true });
  await checked.screenshot({ path: '/tmp/screens/matris-urval.png', fullPage: true });
  const results = await new AxeBuilder({ page: checked }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' ')}`);
  expect(serious, serious.join('\n')).toEqual([]);
  await checked.close();
});
