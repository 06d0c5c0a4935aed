import { env } from 'cloudflare:workers';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { page, seedRegister, signIn } from './helpers.ts';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(Date.UTC(2026, 10, 25, 12));
});
afterEach(() => { vi.useRealTimers(); });

const form = (path: string, fields: Record<string, string>, as?: string) =>
  page(path, { method: 'POST', body: new URLSearchParams(fields), headers: { 'content-type': 'application/x-www-form-urlencoded' }, ...(as ? { as } : {}) });

async function freezes() {
  await env.DB.batch([
    env.DB.prepare("INSERT INTO freeze_rule (name, kind, scope, from_week, to_week) VALUES ('Sommarperiod', 'weeks', 'all', 27, 32)"),
    env.DB.prepare("INSERT INTO freeze_rule (name, kind, scope, from_date, to_date) VALUES ('Skolstart', 'window', 'education', '2027-08-10', '2027-08-24')"),
  ]);
}

const changeForm = { title: 'Nytt trådlöst nät', description: '', startsOn: '2027-07-12', endsOn: '', environment: 'education', municipality: '1460', installationId: '', riskClass: 'normal', riskAssessment: '', rollbackPlan: '' };

describe('/andringar', () => {
  it('shows the month as an accessible table with freezes and changes in words', async () => {
    await seedRegister();
    await freezes();
    expect((await form('/andringar/ny', { ...changeForm, startsOn: '2027-08-03', riskClass: 'standard' })).status).toBe(303);
    const html = await (await page('/andringar?manad=2027-08')).text();
    expect(html).toContain('<caption>Augusti 2027</caption>');
    expect(html).toContain('<th scope="col"><abbr title="måndag">Mån</abbr></th>');
    expect(html).toContain('<th scope="row">31</th>'); // Monday 2 August 2027 starts ISO week 31
    expect(html).toContain('Frys: Sommarperiod (hela miljön)');
    expect(html).toContain('Frys: Skolstart (utbildningsmiljön)');
    expect(html).toContain('Nytt trådlöst nät</a> <span class="day-status">(standardändring under frysperiod – tillåten)</span>');
    expect(html).toContain('href="/andringar?manad=2027-07"');
    expect(html).toContain('href="/andringar?manad=2027-09"');
    expect(html).toContain('aria-current="page"');
    // The nav entry.
    expect(html).toContain('<a href="/andringar" aria-current="page">Ändringskalender</a>');
  });

  it('refuses a change in a freeze at the date field, then saves it with an exception that an administrator approves', async () => {
    await seedRegister();
    await freezes();
    const editor = await signIn('editor', ['1460']);
    const refused = await form('/andringar/ny', changeForm, editor);
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(html).toMatch(/<p class="error-message" id="f-startsOn-fel"><span class="visually-hidden">Fel: <\/span>Ändringen ligger i frysperioden Sommarperiod \(2027-07-05–2027-08-15, gäller hela miljön\)/);
    expect(html).toContain('value="Nytt trådlöst nät"');

    const saved = await form('/andringar/ny', { ...changeForm, riskAssessment: 'Skolorna är stängda.', rollbackPlan: 'Gamla nätet finns kvar.' }, editor);
    expect(saved.status).toBe(303);
    const detail = saved.headers.get('location')!;
    expect(detail).toMatch(/^\/andringar\/\d+\?sparat$/);
    const id = detail.match(/\d+/)![0];
    const asEditor = await (await page(`/andringar/${id}`, { as: editor })).text();
    expect(asEditor).toContain('Undantag begärt – väntar på godkännande');
    expect(asEditor).not.toContain('Godkänn undantaget');
    expect((await form(`/andringar/${id}/undantag`, { version: '1', decision: 'approved' }, editor)).status).toBe(403);

    const asAdmin = await (await page(`/andringar/${id}`)).text();
    expect(asAdmin).toContain('Godkänn undantaget');
    const approved = await form(`/andringar/${id}/undantag`, { version: '1', decision: 'approved' });
    expect(approved.status).toBe(303);
    const after = await (await page(approved.headers.get('location')!)).text();
    expect(after).toContain('Undantaget är godkänt.');
    expect(after).toContain('<span class="clearance clearance-approved">Undantag godkänt</span>');

    // Saving the edit form unchanged keeps the approval.
    const edit = await form(`/andringar/${id}/andra`, { ...changeForm, riskAssessment: 'Skolorna är stängda.', rollbackPlan: 'Gamla nätet finns kvar.', version: '2' }, editor);
    expect(edit.status).toBe(303);
    expect(await (await page(`/andringar/${id}`)).text()).toContain('clearance-approved');
  });

  it('asks for six weeks\' notice on a new freeze period at its field', async () => {
    const r = await form('/andringar/frysperioder/ny', { name: 'Betygsveckor', reason: '', scope: 'education', kind: 'window', fromDate: '2027-01-05', toDate: '2027-01-20' });
    expect(r.status).toBe(400);
    const html = await r.text();
    expect(html).toContain('id="f-fromDate-fel"');
    expect(html).toContain('minst sex veckor i förväg');
    expect((await form('/andringar/frysperioder/ny', { name: 'Betygsveckor', reason: '', scope: 'education', kind: 'window', fromDate: '2027-01-06', toDate: '2027-01-20' })).status).toBe(303);
    const list = await (await page('/andringar/frysperioder')).text();
    expect(list).toContain('Betygsveckor');
    expect(list).toContain('Utbildningsmiljön');
  });

  it('gives a calendar link once, on its own page', async () => {
    const r = await form('/andringar/kalenderlank', {});
    expect(r.status).toBe(200);
    const html = await r.text();
    expect(html).toMatch(/value="http:\/\/localhost\/kalender\/[a-z2-7]{32}\.ics"/);
    expect(await (await page('/andringar')).text()).toContain('Du har en kalenderlänk sedan');
  });
});
