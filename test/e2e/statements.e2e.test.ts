import { readFile } from 'node:fs/promises';
import { read, utils } from '@e965/xlsx';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { demo, launchBrowser, startApp, type App } from './app.ts';
import { navigation, signedInContext } from './login.ts';

let app: App;
let browser: Browser;
/** The demo finance officer, signed in through the login form. */
let finance: BrowserContext;

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
  finance = await signedInContext(browser, app, demo.finance);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const kronor = (text: string) => Number(text.replace(/[\s\u00a0]|kr/g, '').replace('−', '-').replace(',', '.'));

it('a finance officer downloads a statement as Excel whose lines and total are the page\'s, the compensation credited', async () => {
  const page = await finance.newPage();
  // Without ?ar= the cost page opens the latest year with costs: the demo's 2024.
  await page.goto(`${app.url}/kostnader`);
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Kostnader 2024');
  await navigation(page, () => page.getByRole('link', { name: 'Fakturaunderlag', exact: true }).click());
  await navigation(page, () => page.getByRole('link', { name: 'Dals-Ed', exact: true }).click());
  const table = page.getByRole('table', { name: 'Fakturaunderlag 2024 för Dals-Ed' });
  const credit = table.getByRole('row', { name: /Ersättning: Dals-Ed byter ut/ });
  await expect.poll(() => credit.getByRole('cell').nth(1).textContent()).toBe('Kreditering');
  const pageTotal = kronor((await table.locator('tfoot td').last().textContent()) ?? '');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Ladda ner som Excel' }).click()]);
  expect(download.suggestedFilename()).toBe('fakturaunderlag-1438-2024.xlsx');
  const book = read(await readFile((await download.path())!));
  const rows = utils.sheet_to_json<unknown[]>(book.Sheets['Dals-Ed']!, { header: 1 });
  expect(rows[0]).toEqual(['kommunkod', 'kommun', 'år', 'kostnad', 'kategori', 'fördelningsnyckel', 'andel (%)', 'belopp (kr)']);
  const lines = rows.slice(1, -1);
  const creditRow = lines.find((r) => String(r[3]).startsWith('Ersättning:'))!;
  expect(creditRow[5]).toBe('Kreditering');
  expect(creditRow[7]).toBe(-240_000);
  const sum = lines.reduce((s: number, r) => s + Math.round(Number(r[7]) * 100), 0);
  expect(rows.at(-1)![3]).toBe('Summa');
  expect(Math.round(Number(rows.at(-1)![7]) * 100)).toBe(sum);
  expect(sum).toBe(Math.round(pageTotal * 100));

  // The print button appears with JavaScript and opens the browser's print.
  await expect.poll(() => page.getByRole('button', { name: 'Skriv ut' }).isVisible()).toBe(true);
  await page.close();
});

it('a finance officer closes 2024 from the cost page; the items can then not be opened for editing', async () => {
  const page = await finance.newPage();
  await page.goto(`${app.url}/kostnader?ar=2024`);
  await page.getByLabel('Anteckning (valfritt)').fill('Bokslut 2024');
  await navigation(page, () => page.getByRole('button', { name: 'Stäng 2024' }).click());
  await expect.poll(() => page.locator('.notice').textContent()).toContain('2024 är stängt.');
  const status = page.getByRole('region', { name: 'Bokslut 2024' }).or(page.locator('section.year-status'));
  await expect.poll(() => status.textContent()).toContain('Stängt');
  expect(await page.getByRole('link', { name: 'Ny kostnad' }).count()).toBe(0);
  expect(await page.getByRole('link', { name: 'E-post, licenser' }).count()).toBe(0);
  // Only an administrator reopens: the finance officer has no such form.
  expect(await page.getByRole('button', { name: /Öppna 2024 igen/ }).count()).toBe(0);
  await page.close();
});
