import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { demo, launchBrowser, startApp, type App } from './app.ts';
import { navigation, signedInContext } from './login.ts';

let app: App;
let browser: Browser;
/** The demo administrator, signed in through the login form. */
let admin: BrowserContext;

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
  admin = await signedInContext(browser, app, demo.admin);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const field = (page: Page, label: string) => page.getByLabel(label, { exact: true });

/** The result table's rows as text, with non-breaking spaces as plain ones. */
const rows = (page: Page) => page.locator('#kalkyl-tabell tbody tr, #kalkyl-tabell tfoot tr')
  .evaluateAll((trs) => trs.map((tr) => [...tr.children].map((cell) => (cell.textContent ?? '').replace(/\u00a0/g, ' ').trim())));

it('shares 100 000 kr equally over three municipalities without JavaScript, the extra öre to the lowest code', async () => {
  const context = await browser.newContext({ locale: 'sv-SE', javaScriptEnabled: false, storageState: await admin.storageState() });
  const page = await context.newPage();
  await page.goto(`${app.url}/kostnader/kalkylator`);
  await field(page, 'Belopp (kr)').fill('100 000');
  await field(page, 'Åmål (1492)').check();
  await field(page, 'Dals-Ed (1438)').check();
  await field(page, 'Bengtsfors (1460)').check();
  await field(page, 'Underlag, del 1').selectOption('equal');
  const response = await navigation(page, () => page.getByRole('button', { name: 'Beräkna' }).click());
  expect(response?.status()).toBe(200);
  expect(new URL(page.url()).searchParams.getAll('kommun')).toEqual(['1438', '1460', '1492']);
  expect(await rows(page)).toEqual([
    ['Dals-Ed (1438)', '33,33 %', '33 333,34 kr'],
    ['Bengtsfors (1460)', '33,33 %', '33 333,33 kr'],
    ['Åmål (1492)', '33,33 %', '33 333,33 kr'],
    ['Summa', '100,00 %', '100 000,00 kr'],
  ]);
  await context.close();
});

it('with JavaScript, changing the amount updates the table in place and announces it', async () => {
  const page = await admin.newPage();
  await page.goto(`${app.url}/kostnader/kalkylator?belopp=100+000&ar=2024&kommun=1438&kommun=1460&kommun=1492&del1=equal&del1-vikt=1&del2=&del2-vikt=&del3=&del3-vikt=&applikation=`);
  expect(await rows(page)).toContainEqual(['Summa', '100,00 %', '100 000,00 kr']);
  // A marker that a navigation (reload) would wipe out.
  await page.evaluate(() => { (globalThis as { stayed?: boolean }).stayed = true; });
  const previews: string[] = [];
  page.on('request', (request) => { if (request.url().endsWith('/api/v1/allocations/preview')) previews.push(request.method()); });

  await field(page, 'Belopp (kr)').fill('200 000,01');
  await expect.poll(() => rows(page)).toEqual([
    ['Dals-Ed (1438)', '33,33 %', '66 666,67 kr'],
    ['Bengtsfors (1460)', '33,33 %', '66 666,67 kr'],
    ['Åmål (1492)', '33,33 %', '66 666,67 kr'],
    ['Summa', '100,00 %', '200 000,01 kr'],
  ]);
  expect(await page.evaluate(() => (globalThis as { stayed?: boolean }).stayed)).toBe(true);
  expect(previews).toContain('POST');
  expect(await page.locator('#kalkyl-status').textContent()).toMatch(/uppdaterad/);
  expect(new URL(page.url()).searchParams.get('belopp')).toBe('200 000,01');

  // An amount that is not one: the error at the field, in Swedish, still no navigation.
  await field(page, 'Belopp (kr)').fill('mycket');
  await expect.poll(() => page.locator('#f-belopp-fel').textContent()).toContain('Ange beloppet i kronor');
  expect(await field(page, 'Belopp (kr)').getAttribute('aria-invalid')).toBe('true');
  expect(await page.evaluate(() => (globalThis as { stayed?: boolean }).stayed)).toBe(true);
  await page.close();
});

it('has no serious or critical axe violations and no CSP errors, with a result and with errors', async () => {
  const page = await admin.newPage();
  const csp: string[] = [];
  page.on('console', (message) => { if (/Content Security Policy/i.test(message.text())) csp.push(message.text()); });
  const base = `${app.url}/kostnader/kalkylator`;
  for (const query of ['', '?belopp=1+000&ar=2024&kommun=1438&kommun=1461&del1=equal&del1-vikt=40&del2=population&del2-vikt=60', '?belopp=x&ar=&del1=custom&del1-vikt=0&kommun=1438']) {
    await page.goto(base + query);
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.help}\n${v.nodes.map((n) => n.html).join('\n')}`);
    expect(serious, serious.join('\n')).toEqual([]);
  }
  expect(csp).toEqual([]);
  await page.close();
});
