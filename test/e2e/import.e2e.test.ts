import AxeBuilder from '@axe-core/playwright';
import { utils, write } from '@e965/xlsx';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { demo, launchBrowser, startApp, type App } from './app.ts';
import { signedInContext } from './login.ts';

let app: App;
let browser: Browser;
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

/** A workbook made by the library, as a user's Excel would save it. */
function workbook(rows: unknown[][]): Buffer {
  const book = utils.book_new();
  utils.book_append_sheet(book, utils.aoa_to_sheet(rows), 'System');
  return Buffer.from(write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
}

const header = ['kommunkod', 'applikation', 'typ', 'leverantör', 'produkt', 'förvaltning', 'användare', 'licenskostnad (kr)'];
const good = ['1460', 'Importtest för förvaltningen', 'generell', 'Testleverantör Å', 'Testprodukt Ö', 'Kultur- och fritidsförvaltningen', 12, 2500.5];

it('uploads a file, shows the preview with an error at its cell, and commits a corrected file', async () => {
  const page = await admin.newPage();
  await page.goto(`${app.url}/dataoverforing`);
  await page.getByLabel('Fil att importera').setInputFiles({ name: 'system.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: workbook([header, good, ['1460', 'Importtest 2', 'generell', 'X', 'Y', '', 'många', 0]]) });
  await page.getByRole('button', { name: 'Förhandsgranska' }).click();
  await page.waitForURL(/\/dataoverforing\/import\/[0-9a-f-]+$/);
  const errors = page.getByRole('table', { name: /Fel i filen/ });
  await expect(errors.getByRole('row', { name: /G3/ }).textContent()).resolves.toContain('Antal användare måste vara ett tal.');
  expect(await page.getByRole('button', { name: 'Genomför importen' }).count()).toBe(0);
  const rows = page.getByRole('table', { name: /Vad som händer med varje rad/ });
  expect(await rows.getByRole('row', { name: /Importtest för förvaltningen/ }).textContent()).toContain('Läggs till');
  // The preview with its error table meets WCAG 2.1 AA too.
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' | ')}`)).toEqual([]);

  // The corrected file: preview, then commit.
  await page.goto(`${app.url}/dataoverforing`);
  await page.getByLabel('Fil att importera').setInputFiles({ name: 'system.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: workbook([header, good]) });
  await page.getByRole('button', { name: 'Förhandsgranska' }).click();
  await page.waitForURL(/\/dataoverforing\/import\/[0-9a-f-]+$/);
  expect(await page.locator('.import-counts').textContent()).toContain('1 system läggs till');
  await page.getByRole('button', { name: 'Genomför importen' }).click();
  await page.waitForURL(/\?genomford$/);
  expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Importen är genomförd');

  // The system is in the register, åäö and kronor intact.
  await page.goto(`${app.url}/kommuner/1460`);
  const row = page.getByRole('row', { name: /Importtest för förvaltningen/ });
  expect(await row.textContent()).toContain('Testprodukt Ö');
});
