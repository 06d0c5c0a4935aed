/**
 * The change calendar in Chromium: an editor plans a change inside the demo's summer freeze
 * (weeks 27–32), is refused at the date field, asks for an exception, and the administrator
 * (IT-chefsgruppen) approves it.
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { demo } from './app.ts';
import { adminSession, navigation, signedInContext } from './login.ts';

const session = adminSession();
const field = (page: Page, label: string) => page.getByLabel(label, { exact: true });

it('refuses a change in a freeze at the field, then an administrator approves its exception', async () => {
  const { app, browser, admin } = session;
  const editor = await signedInContext(browser, app, demo.editor('1460'));
  const page = await editor.newPage();
  await page.goto(`${app.url}/andringar/ny`);
  await field(page, 'Rubrik').fill('Byte av accesspunkter på Bengtsfors skolor');
  // Tuesday of week 28 2027: inside the summer freeze (5 July – 15 August 2027).
  await field(page, 'Datum').fill('2027-07-13');
  await field(page, 'Miljö').selectOption('administration');
  await field(page, 'Kommun').selectOption('1460');
  await field(page, 'Riskklass').selectOption('normal');
  let response = await navigation(page, () => page.getByRole('button', { name: 'Spara' }).click());
  expect(response?.status()).toBe(400);
  const error = page.locator('#f-startsOn-fel');
  expect(await error.innerText()).toContain('Ändringen ligger i frysperioden Sommarperiod (2027-07-05–2027-08-15, gäller hela miljön)');
  expect(await field(page, 'Datum').getAttribute('aria-invalid')).toBe('true');
  expect(await field(page, 'Datum').getAttribute('aria-describedby')).toContain('f-startsOn-fel');
  // The summary at the top links to the field.
  await page.locator('.error-summary a[href="#f-startsOn"]').click();
  expect(await page.evaluate('document.activeElement?.id')).toBe('f-startsOn');

  await field(page, 'Riskbedömning').fill('Skolorna är stängda under sommarlovet; bara sommarskolan använder nätet.');
  await field(page, 'Återställningsplan').fill('De gamla accesspunkterna sitter kvar tills de nya är godkända.');
  response = await navigation(page, () => page.getByRole('button', { name: 'Spara' }).click());
  expect(response?.status()).toBe(200);
  const path = new URL(page.url()).pathname;
  expect(path).toMatch(/^\/andringar\/\d+$/);
  expect(await page.locator('main').innerText()).toContain('Undantag begärt – väntar på godkännande');
  // The editor may not decide.
  expect(await page.getByRole('button', { name: 'Godkänn undantaget' }).count()).toBe(0);
  await editor.close();

  const adminPage = await admin.newPage();
  await adminPage.goto(`${app.url}${path}`);
  response = await navigation(adminPage, () => adminPage.getByRole('button', { name: 'Godkänn undantaget' }).click());
  expect(response?.status()).toBe(200);
  const main = await adminPage.locator('main').innerText();
  expect(main).toContain('Undantaget är godkänt.');
  expect(main).toContain('Undantag godkänt');
  expect(main).toContain(`${demo.admin} godkände undantaget`);

  // The month view shows the change on its day, with the freeze in words.
  await adminPage.goto(`${app.url}/andringar?manad=2027-07`);
  const day = adminPage.locator('td.day', { has: adminPage.locator('time[datetime="2027-07-13"]') });
  const text = await day.innerText();
  expect(text).toContain('Frys: Sommarperiod (hela miljön)');
  expect(text).toContain('Byte av accesspunkter på Bengtsfors skolor');
  expect(text).toContain('undantag godkänt');
  await adminPage.close();
});
