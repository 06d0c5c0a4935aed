import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { adminSession } from './login.ts';

const session = adminSession();

const field = (page: Page, label: string) => page.getByLabel(label, { exact: true });

it('creates a level-3 collaboration with its system owner and shows it in the matrix and on the application page', async () => {
  const application = ((await session.app.api('GET', '/applications')).body as { id: number; name: string }[]).find((a) => a.name === 'Webbplats och e-tjänster')!;
  const owner = ((await session.app.api('GET', '/people')).body as { id: number; name: string }[]).find((p) => p.name === 'Camilla Nord')!;
  expect(application && owner).toBeTruthy();

  const page = await session.admin.newPage();
  await page.goto(`${session.app.url}/applikationer/${application.id}`);
  await page.getByRole('link', { name: 'Starta samverkan' }).click();
  await page.waitForURL(/\/samverkan\/ny\?applikation=\d+$/);
  expect(await field(page, 'Applikation').inputValue()).toBe(String(application.id));

  await page.getByLabel('Nivå 3: Gemensam IT-lösning med separerad information').check();
  for (const name of ['Bengtsfors', 'Dals-Ed', 'Färgelanda', 'Mellerud', 'Åmål']) await page.getByLabel(name, { exact: true }).check();
  await field(page, 'Värdkommun').selectOption({ label: 'Bengtsfors' });
  await field(page, 'Gemensam systemägare').selectOption(String(owner.id));
  await field(page, 'Omfattning').fill('Gemensam webbplattform med en webbplats per kommun');
  await field(page, 'Gäller från').fill('2027-01-01');
  await page.getByRole('button', { name: 'Spara' }).click();

  await page.waitForURL(/\/samverkan\/\d+\?sparat$/);
  expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Samverkan om Webbplats och e-tjänster');
  expect(await page.locator('dl.facts').textContent()).toContain('Camilla Nord');
  const collaborationId = Number(/\/samverkan\/(\d+)/.exec(page.url())![1]);

  // The matrix: every member's cell on the row says level 3, in words.
  await page.goto(`${session.app.url}/matris?niva=3`);
  const row = page.getByRole('row', { name: /Webbplats och e-tjänster/ });
  expect(await row.locator('.level-tag').allTextContents()).toEqual(['Nivå 3', 'Nivå 3', 'Nivå 3', 'Nivå 3', 'Nivå 3']);
  expect(await row.locator('.level-tag').first().getAttribute('href')).toBe(`/samverkan/${collaborationId}`);

  // The application page: the collaboration, its owner and its history.
  await page.goto(`${session.app.url}/applikationer/${application.id}`);
  const section = page.locator('section[aria-labelledby="collaboration-heading"]');
  expect(await section.textContent()).toContain('Nivå 3: Gemensam IT-lösning med separerad information');
  expect(await section.textContent()).toContain('gemensam systemägare Camilla Nord');
  expect(await section.locator('tbody tr').first().textContent()).toContain('2027-01-01');

  const api = (await session.app.api('GET', `/collaborations/${collaborationId}`)).body;
  expect(api).toMatchObject({ level: 3, host: '1460', owner: { id: owner.id }, participants: ['1438', '1439', '1460', '1461', '1492'] });
});

it('shows a broken rule at its field and saves nothing', async () => {
  const page = await session.admin.newPage();
  const before = ((await session.app.api('GET', '/collaborations')).body as unknown[]).length;
  await page.goto(`${session.app.url}/samverkan/ny`);
  await field(page, 'Applikation').selectOption({ label: 'GIS' });
  await page.getByLabel('Nivå 2: Egna system, men likadana').check();
  for (const name of ['Bengtsfors', 'Dals-Ed']) await page.getByLabel(name, { exact: true }).check();
  await field(page, 'Värdkommun').selectOption({ label: 'Bengtsfors' });
  await page.getByRole('button', { name: 'Spara' }).click();
  await page.waitForSelector('.error-summary:focus');
  expect(await page.locator('.error-summary').textContent()).toContain('Nivå 2 (egna system men likadana) kräver samma produkt hos alla');
  expect(((await session.app.api('GET', '/collaborations')).body as unknown[]).length).toBe(before);
});
