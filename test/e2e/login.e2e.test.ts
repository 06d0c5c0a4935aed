/**
 * Login in Chromium: the administrator with password and two-factor code, a wrong password,
 * and an editor who may register systems for Dals-Ed but not for Åmål.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { demo, launchBrowser, startApp, type App } from './app.ts';
import { logIn, navigation, submitCode, submitPassword } from './login.ts';

let app: App;
let browser: Browser;
let applicationId: number;
const appName = 'Testapplikation Inloggning E2E';
const productLabel = 'Testleverantör Testprodukt Inloggning E2E';
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
  // Our own catalogue entries (as the administrator, through the API), so no municipality has them yet.
  const created = await app.api('POST', '/applications', { name: appName, kind: 'general' });
  expect(created.status).toBe(201);
  applicationId = created.body.id;
  expect((await app.api('POST', '/products', { vendor: 'Testleverantör', name: 'Testprodukt Inloggning E2E' })).status).toBe(201);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

async function freshPage(): Promise<Page> {
  const context = await browser.newContext({ locale: 'sv-SE' });
  contexts.push(context);
  return context.newPage();
}

const field = (page: Page, label: string) => page.getByLabel(label, { exact: true });

it('the administrator signs in with password and two-factor code (a wrong one first), lands on the page asked for, and signs out', async () => {
  const page = await freshPage();
  const documents: string[] = [];
  page.on('response', (r) => { if (r.request().resourceType() === 'document') documents.push(`${r.request().method()} ${new URL(r.url()).pathname} ${r.status()}`); });

  // Asking for a page while signed out leads to the login page, which remembers it.
  await page.goto(`${app.url}/matris?typ=common`);
  expect(page.url()).toBe(`${app.url}/logga-in?till=%2Fmatris%3Ftyp%3Dcommon`);
  expect(await page.locator('h1').textContent()).toBe('Logga in');
  expect(await page.locator('header .account').count()).toBe(0);

  // Password, then the code step.
  await submitPassword(page, demo.admin);
  expect(page.url()).toBe(`${app.url}/logga-in/kod?till=%2Fmatris%3Ftyp%3Dcommon`);
  expect(await page.locator('h1').textContent()).toBe('Tvåstegsverifiering');
  expect(await field(page, 'Kod').getAttribute('autocomplete')).toBe('one-time-code');
  const [cookie] = await page.context().cookies();
  expect(cookie).toMatchObject({ name: 'session', httpOnly: true, secure: true, sameSite: 'Lax', path: '/' });
  // Half signed in: another page leads back to the code step.
  const other = await page.context().newPage();
  await other.goto(`${app.url}/kommuner`);
  expect(other.url()).toBe(`${app.url}/logga-in/kod?till=%2Fkommuner`);
  await other.close();

  // A wrong code is refused with the message at the top and at the field.
  const wrong = await submitCode(page, '000000');
  expect(wrong?.status()).toBe(401);
  expect(await page.locator('.error-summary').textContent()).toContain('Koden stämmer inte, eller har redan använts.');
  expect(await field(page, 'Kod').getAttribute('aria-invalid')).toBe('true');

  const response = await submitCode(page, await app.totpCode());
  expect(response?.status()).toBe(200);
  expect(page.url()).toBe(`${app.url}/matris?typ=common`);
  expect(await page.locator('h1').textContent()).toContain('Jämförelse');
  expect(documents).toEqual([
    'GET /matris 303', 'GET /logga-in 200', 'POST /logga-in 303', 'GET /logga-in/kod 200', 'POST /logga-in/kod 401', 'POST /logga-in/kod 303', 'GET /matris 200',
  ]);

  // The header says who is signed in, and the administrator sees the user administration.
  const account = page.locator('header .account');
  expect(await account.textContent()).toContain(demo.adminName);
  expect(await account.textContent()).toContain('Administratör');
  // It sits in the menu's Administration group, which opens from the keyboard.
  const menu = page.getByRole('navigation', { name: 'Huvudmeny' });
  expect(await menu.getByRole('link', { name: 'Användare' }).isVisible()).toBe(false);
  await menu.getByText('Administration', { exact: true }).focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => menu.getByRole('link', { name: 'Användare' }).isVisible()).toBe(true);
  await page.keyboard.press('Escape');
  await expect.poll(() => menu.getByRole('link', { name: 'Användare' }).isVisible()).toBe(false);

  // Sign out: back on the login page with a notice, and the pages are closed again.
  await navigation(page, () => account.getByRole('button', { name: 'Logga ut' }).click());
  expect(page.url()).toBe(`${app.url}/logga-in?utloggad`);
  expect(await page.getByRole('status').textContent()).toBe('Du är utloggad.');
  expect((await page.context().cookies()).filter((c) => c.name === 'session')).toEqual([]);
  await page.goto(`${app.url}/kommuner`);
  expect(page.url()).toBe(`${app.url}/logga-in?till=%2Fkommuner`);
});

it('a wrong password shows the Swedish error at the top of the form, and keeps the e-mail address', async () => {
  const page = await freshPage();
  await page.goto(`${app.url}/logga-in`);
  const response = await submitPassword(page, demo.viewer, 'fel lösenord helt enkelt');
  expect(response?.status()).toBe(401);
  const summary = page.locator('.error-summary');
  expect(await summary.getAttribute('role')).toBe('alert');
  expect(await summary.textContent()).toContain('Fel e-postadress eller lösenord, eller så är kontot avstängt.');
  // The summary comes first in the form and gets the focus (app.js).
  expect(await page.locator('main form > :first-child').getAttribute('class')).toContain('error-summary');
  await page.waitForSelector('.error-summary:focus', { timeout: 5_000 });
  expect(await field(page, 'E-postadress').inputValue()).toBe(demo.viewer);
  expect(await field(page, 'Lösenord').inputValue()).toBe('');
  expect((await page.context().cookies()).filter((c) => c.name === 'session')).toEqual([]);

  // The right password then works.
  await submitPassword(page, demo.viewer);
  expect(page.url()).toBe(`${app.url}/`);
  expect(await page.locator('header .account').textContent()).toContain('Läsare');
});

it('an editor signs in without a code step, registers a system for Dals-Ed, is not offered Åmål and is refused for it', async () => {
  const page = await freshPage();
  const documents: string[] = [];
  page.on('response', (r) => { if (r.request().resourceType() === 'document') documents.push(new URL(r.url()).pathname); });
  await logIn(page, app, demo.editor('1438'), '/system/ny');
  expect(documents).not.toContain('/logga-in/kod');
  expect(await page.locator('header .account').textContent()).toContain('Redaktör Dals-Ed');
  // No user administration for an editor.
  // Counted in the markup, whether the menu group is open or not.
  expect(await page.locator('header nav a[href="/anvandare"]').count()).toBe(0);

  // Dals-Ed, the editor's own municipality.
  await field(page, 'Kommun').selectOption({ label: 'Dals-Ed' });
  await field(page, 'Applikation').selectOption({ label: `${appName} (generell)` });
  await field(page, 'Produkt').selectOption({ label: productLabel });
  await field(page, 'Antal användare').fill('12');
  const saved = await navigation(page, () => page.getByRole('button', { name: 'Spara' }).click());
  expect(saved?.status()).toBe(200);
  expect(page.url()).toMatch(/\/system\/\d+\?sparat$/);
  expect(await page.getByRole('status').textContent()).toBe('Ändringarna är sparade.');

  // Åmål: the form does not offer it, and a post for it anyway (as a crafted request would) is refused.
  await page.goto(`${app.url}/system/ny`);
  const offered = await field(page, 'Kommun').locator('option').allTextContents();
  expect(offered).toContain('Dals-Ed');
  expect(offered).not.toContain('Åmål');
  // Runs in the browser (this project's TypeScript has no DOM types, hence the loose type).
  await field(page, 'Kommun').evaluate((select: any) => {
    const option = select.ownerDocument.createElement('option');
    option.value = '1492';
    option.textContent = 'Åmål';
    select.append(option);
  });
  await field(page, 'Kommun').selectOption({ label: 'Åmål' });
  await field(page, 'Applikation').selectOption({ label: `${appName} (generell)` });
  await field(page, 'Produkt').selectOption({ label: productLabel });
  const refused = await navigation(page, () => page.getByRole('button', { name: 'Spara' }).click());
  expect(refused?.status()).toBe(403);
  expect(await page.locator('.error-summary').textContent()).toContain('Du får bara ändra system i de kommuner du är redaktör för.');

  const installations = (await app.api('GET', `/installations?application=${applicationId}`)).body as { municipality: string; users: number }[];
  expect(installations.map((i) => [i.municipality, i.users])).toEqual([['1438', 12]]);
});
