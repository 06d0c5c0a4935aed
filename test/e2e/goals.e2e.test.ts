import { expect, it } from 'vitest';
import { adminSession } from './login.ts';

const session = adminSession();

it('shows the goal dashboard with every keyed goal, its status in words, and a goal’s reasons', async () => {
  const page = await session.admin.newPage();
  await page.goto(`${session.app.url}/mal`);
  const rows = page.locator('table.goals tbody tr');
  expect(await rows.count()).toBeGreaterThanOrEqual(12);
  const statuses = await page.locator('.goal-status').allTextContents();
  expect(statuses.every((s) => /Uppnått|I fas|Risk|Efter/.test(s))).toBe(true);

  await page.getByRole('link', { name: /gemensamma applikationerna ska samverkan på nivå 3/ }).click();
  await page.waitForURL(/\/mal\/\d+$/);
  expect(await page.getByRole('heading', { name: /Uppfyller \(\d+\)/ }).count()).toBe(1);
  // The shared financial system is at level 3 in the demo: it counts.
  expect(await page.locator('li.ok').allTextContents()).toContain('Ekonomisystem');
  expect(await page.locator('#breakdown-table tbody tr').count()).toBe(5);
});

it('makes a status report and prints it as a document without the site around it', async () => {
  const page = await session.admin.newPage();
  await page.goto(`${session.app.url}/lagesrapporter`);
  await page.getByLabel('Rubrik', { exact: true }).fill('Lägesrapport till kommunstyrelserna');
  await page.getByRole('button', { name: 'Gör rapporten' }).click();
  await page.waitForURL(/\/lagesrapporter\/\d+$/);
  expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Lägesrapport till kommunstyrelserna');
  expect(await page.locator('.site-header').isVisible()).toBe(true);

  await page.emulateMedia({ media: 'print' });
  expect(await page.locator('.site-header').isVisible()).toBe(false);
  expect(await page.locator('.demo-banner').isVisible()).toBe(false);
  expect(await page.getByRole('heading', { name: 'Handlingsplanen' }).isVisible()).toBe(true);
  const pdf = await page.pdf({ format: 'A4' });
  expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
  expect(pdf.length).toBeGreaterThan(10_000);
});
