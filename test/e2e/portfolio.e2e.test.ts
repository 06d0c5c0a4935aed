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
