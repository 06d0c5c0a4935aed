import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { demo } from './app.ts';
import { adminSession, signedInContext } from './login.ts';

const session = adminSession();

const field = (page: Page, label: string) => page.getByLabel(label, { exact: true });
const advance = (page: Page, name: string | RegExp) => Promise.all([page.waitForURL(/\?(vidare|godkant)$/), page.getByRole('button', { name }).click()]);

it('moves an initiative through its gates: refusal at the field, coordination answered by another municipality, approval creates installations and a collaboration', async () => {
  const app = session.app;
  // A catalogue application nobody runs yet, and the product that will be chosen.
  const created = await app.api('POST', '/applications', { name: 'Digital signering', kind: 'general', description: 'E-underskrift av avtal och protokoll.' });
  expect(created.status).toBe(201);
  const product = ((await app.api('GET', '/products')).body as { id: number; vendor: string; name: string }[]).find((p) => p.name === 'Sitevision')!;

  const page = await session.admin.newPage();
  await page.goto(`${app.url}/initiativ`);
  await page.getByRole('link', { name: 'Starta initiativ' }).click();
  await field(page, 'Applikation').selectOption({ label: 'Digital signering' });
  await field(page, 'Initierande kommun').selectOption({ label: 'Bengtsfors' });
  await field(page, 'Syfte').fill('Underteckna avtal och protokoll digitalt.');
  await Promise.all([page.waitForURL(/\/initiativ\/\d+\?startat$/), page.getByRole('button', { name: 'Starta initiativ' }).click()]);
  const url = page.url().replace(/\?.*$/, '');
  const id = Number(/\/initiativ\/(\d+)/.exec(url)![1]);
  expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Införande av Digital signering');

  // The gate refuses at its fields and saves nothing.
  await page.getByRole('button', { name: 'Gå vidare till Beslut om genomförande' }).click();
  await page.waitForSelector('.error-summary:focus');
  const summaryField = page.locator('.field', { has: field(page, 'Förstudiens sammanfattning') });
  expect(await summaryField.locator('.error-message').textContent()).toContain('förstudiens sammanfattning');
  expect(await field(page, 'Förstudiens sammanfattning').getAttribute('aria-invalid')).toBe('true');
  expect((await app.api('GET', `/initiatives/${id}`)).body.stage).toBe('pre_study');

  await field(page, 'Förstudiens sammanfattning').fill('Papperssignering tar tid; behov av e-legitimation.');
  await field(page, 'Investering/licens (kr)').fill('40 000');
  await field(page, 'Drift per år (kr)').fill('35 000');
  await field(page, 'Utbildning (kr)').fill('10 000');
  await field(page, 'Ändrade rutiner (kr)').fill('15 000');
  await field(page, 'Uppskattad nytta per år (kr)').fill('80 000');
  await advance(page, 'Gå vidare till Beslut om genomförande');
  expect(await page.locator('.notice').textContent()).toContain('gick vidare');
  expect(await page.locator('section[aria-labelledby="costs-heading"]').textContent()).toContain('1,4 år');

  // Dals-Ed's editor answers for Dals-Ed — and is offered no other municipality's answer.
  const editor = await signedInContext(session.browser, app, demo.editor('1438'));
  const editorPage = await editor.newPage();
  await editorPage.goto(url);
  expect(await editorPage.getByText('Svar för Åmål').count()).toBe(0);
  const dalsEd = editorPage.locator('form.answer-form', { hasText: 'Svar för Dals-Ed' });
  await dalsEd.getByLabel('Ska delta').check();
  await dalsEd.getByLabel('Kommentar från Dals-Ed').fill('Vi vill ha samma lösning.');
  await Promise.all([editorPage.waitForURL(/\?svar$/), dalsEd.getByRole('button').click()]);
  const row = editorPage.getByRole('row', { name: /Dals-Ed/ });
  expect(await row.textContent()).toContain('Ska delta');
  expect(await row.textContent()).toContain('redaktor.1438@demo.test');
  await editor.close();

  // The administrator answers for Åmål, then takes the initiative through the remaining gates.
  await page.goto(url);
  const amal = page.locator('form.answer-form', { hasText: 'Svar för Åmål' });
  await amal.getByLabel('Ska delta').check();
  await Promise.all([page.waitForURL(/\?svar$/), amal.getByRole('button').click()]);

  await field(page, 'Beslutsdatum').fill('2026-03-10');
  await field(page, 'Beslutande organ').fill('Kommunstyrelsen');
  await advance(page, 'Gå vidare till Kravspecifikation');
  await field(page, 'Kravspecifikation').fill('Krav: BankID, Freja eID, arkivering i e-arkivet.');
  await advance(page, 'Gå vidare till Upphandling');
  await field(page, 'Upphandlingsform').selectOption({ label: 'Befintligt ramavtal' });
  await field(page, 'Upphandlingens eller ramavtalets hänvisning').fill('Adda ramavtal e-underskrift');
  await advance(page, 'Gå vidare till Val av system och leverantör');
  await field(page, 'Valt system (produkt)').selectOption(String(product.id));
  await advance(page, 'Gå vidare till Avtal');
  await field(page, 'Avtal med leverantören').fill('Avtal 2026/41');
  await field(page, 'Driftavtal (SLA) med IT-enheten').fill('SLA 2026/42');
  await field(page, 'Driftavtalets datum').fill('2026-04-01');
  await advance(page, 'Godkänn för drift');

  const approval = page.locator('section[aria-labelledby="approval-heading"]');
  const text = await approval.textContent();
  for (const name of ['Bengtsfors', 'Dals-Ed', 'Åmål']) expect(text).toContain(`${name}: nytt system`);
  await approval.getByRole('link', { name: /Samverkan på nivå 2 om Digital signering/ }).click();
  await page.waitForURL(/\/samverkan\/\d+$/);
  expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Samverkan om Digital signering');

  const installations = (await app.api('GET', `/installations?application=${created.body.id}`)).body as { municipality: string; lifecycle: string; productId: number }[];
  expect(installations.map((i) => [i.municipality, i.lifecycle, i.productId]).sort()).toEqual([
    ['1438', 'planned', product.id], ['1460', 'planned', product.id], ['1492', 'planned', product.id],
  ]);

  // The board shows it under the last stage.
  await page.goto(`${app.url}/initiativ`);
  const last = page.locator('section[aria-labelledby="stage-operation_approval"]');
  expect(await last.textContent()).toContain('Digital signering');
});
