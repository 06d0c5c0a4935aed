import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { addDays, addYears } from '../../worker/documents/review.ts';
import { adminSession } from './login.ts';

const session = adminSession();

const field = (page: Page, label: string) => page.getByLabel(label, { exact: true });

it('adds a system security plan through the form and finds it in the due-soon list', async () => {
  const today = new Date().toISOString().slice(0, 10);
  const owner = ((await session.app.api('GET', '/people')).body as { id: number; name: string }[]).find((p) => p.name === 'Sofia Hedlund')!;
  expect(owner).toBeTruthy();
  const title = 'Systemsäkerhetsplan för brandväggen i Bengtsfors';

  const page = await session.admin.newPage();
  await page.goto(`${session.app.url}/styrdokument`);
  await page.getByRole('link', { name: 'Nytt styrdokument' }).click();
  await page.waitForURL(/\/styrdokument\/ny$/);

  // First without a title: the error is shown at the field and nothing is saved.
  await field(page, 'Typ').selectOption('system_security_plan');
  await field(page, 'Ägare').selectOption(String(owner.id));
  await field(page, 'Gäller').selectOption({ label: 'Bengtsfors' });
  await field(page, 'Beslutat av').fill('Kommunstyrelsen');
  // With the one-year cycle of a system security plan, the next review is 40 days from today.
  await field(page, 'Beslutsdatum').fill(addYears(addDays(today, 40), -1));
  await page.getByRole('button', { name: 'Lägg till' }).click();
  await page.waitForSelector('.error-summary:focus');
  expect(await page.locator('#f-title-fel').textContent()).toContain('Ange titel.');

  await field(page, 'Titel').fill(title);
  // The chosen municipality's systems are already unfolded.
  expect(await page.locator('details.doc-systems', { hasText: 'Bengtsfors' }).getAttribute('open')).not.toBeNull();
  await page.getByLabel('Brandvägg i Bengtsfors', { exact: true }).check();
  await page.getByRole('button', { name: 'Lägg till' }).click();
  await page.waitForURL(/\/styrdokument\/\d+\?sparat$/);
  expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(title);
  expect(await page.locator('.doc-summary').textContent()).toContain('Granskas snart');
  expect(await page.locator('section[aria-labelledby="system"]').textContent()).toContain('Brandvägg');

  await page.goto(`${session.app.url}/styrdokument`);
  const dueSoon = page.locator('section[aria-labelledby="snart"]');
  const row = dueSoon.getByRole('row', { name: new RegExp(title) });
  expect(await row.textContent()).toContain('Om 40 dagar');
  expect(await row.locator('.doc-status').textContent()).toBe('Granskas snart');
  expect(await page.locator('section[aria-labelledby="forsenade"]').textContent()).not.toContain(title);
  mkdirSync('/tmp/screens', { recursive: true });
  await page.screenshot({ path: '/tmp/screens/styrdokument.png', fullPage: true });
  await page.goto(`${session.app.url}/styrdokument/4`);
  await page.screenshot({ path: '/tmp/screens/styrdokument-4.png', fullPage: true });
  await page.close();
});
