import { env } from 'cloudflare:workers';
import { drizzle } from 'drizzle-orm/d1';
import { describe, expect, it } from 'vitest';
import * as schema from '../schema/index.ts';
import { stalledInitiatives } from '../worker/initiatives/queries.ts';
import { api, auditEvents, page, seedRegister, signIn } from './helpers.ts';

/** Three members (Bengtsfors sponsors), an application and two products. */
async function setup() {
  const reg = await seedRegister();
  expect((await api('POST', '/municipalities', { code: '1438', name: 'Dals-Ed', populations: [] })).status).toBe(201);
  return reg;
}

const start = async (applicationId: number, sponsor = '1460') => {
  const r = await api('POST', '/initiatives', { applicationId, sponsor, purpose: 'Gemensamt ekonomisystem.' });
  expect(r.status).toBe(201);
  return r.body;
};

const rowCount = async (table: string) => (await env.DB.prepare(`SELECT count(*) AS n FROM "${table}"`).first<{ n: number }>())!.n;

/** What each gate needs, in order. */
const gates = (productId: number) => [
  { preStudySummary: 'Behovet är beskrivet.', investmentOre: 300_000_00, operationOrePerYear: 100_000_00, trainingOre: 50_000_00, routineChangeOre: 50_000_00, benefitOrePerYear: 260_000_00 },
  { decisionDate: '2026-02-10', decisionBody: 'Kommunstyrelsen', decisionReference: 'KS 2026/14' },
  { requirementsReference: 'Kravspecifikation dnr 2026/20' },
  { procurementRoute: 'framework', procurementReference: 'Adda ramavtal 2025' },
  { productId },
  { supplierAgreementReference: 'Avtal 2026/33', operatingAgreementReference: 'SLA 2026/34', operatingAgreementDate: '2026-05-02' },
];

describe('initiatives', () => {
  it('starts an initiative, asks every other member, logs the start and audits it', async () => {
    const reg = await setup();
    const created = await start(reg.finance.id);
    expect(created).toMatchObject({ stage: 'pre_study', sponsor: '1460', applicationName: 'Ekonomisystem', version: 1, daysInStage: 0, stalled: false });
    expect(created.answers.map((a: { municipality: string; answer: null }) => [a.municipality, a.answer])).toEqual([['1438', null], ['1492', null]]);
    expect(created.decisions).toEqual([expect.objectContaining({ kind: 'start', toStage: 'pre_study', note: expect.stringContaining('tillfrågades') })]);
    const [event] = await auditEvents('initiative');
    expect(event).toMatchObject({ action: 'create', entity_id: String(created.id) });
    expect(JSON.parse(event!.after!).asked).toEqual(['1438', '1492']);
    expect((await api('GET', '/initiatives')).body).toHaveLength(1);
    expect((await api('GET', '/initiatives?stage=decision')).body).toHaveLength(0);
    expect((await api('GET', '/initiatives?stage=nope')).status).toBe(400);
    expect((await api('GET', `/initiatives/${created.id}`)).body.id).toBe(created.id);
    expect((await api('GET', '/initiatives/999')).status).toBe(404);
  });

  it('refuses a bad start with Swedish messages per field and writes nothing', async () => {
    await setup();
    const r = await api('POST', '/initiatives', { applicationId: 999, sponsor: '9999', purpose: ' ' });
    expect(r.status).toBe(400);
    expect(r.body.issues.map((i: { path: string }) => i.path)).toEqual(['purpose']);
    const refs = await api('POST', '/initiatives', { applicationId: 999, sponsor: '9999', purpose: 'x' });
    expect(refs.body.issues).toEqual([
      { path: 'applicationId', message: 'Applikationen finns inte i katalogen.' },
      { path: 'sponsor', message: 'Kommunen finns inte.' },
    ]);
    expect(await rowCount('initiative')).toBe(0);
    expect(await auditEvents('initiative')).toHaveLength(0);
  });

  it('moves through every gate one stage at a time, refusing what is missing, and approval creates installations and a collaboration in one batch', async () => {
    const reg = await setup();
    // Åmål already runs the application: it is skipped and reported.
    expect((await api('POST', '/installations', { municipality: '1492', applicationId: reg.finance.id, productId: reg.unit4.id })).status).toBe(201);
    let i = await start(reg.finance.id);
    const answer = async (code: string, value: string) => {
      const current = i.answers.find((a: { municipality: string }) => a.municipality === code);
      const r = await api('PUT', `/initiatives/${i.id}/answers/${code}`, { answer: value, comment: 'Vi är med.', version: current.version });
      expect(r.status).toBe(200);
      i = r.body;
    };
    await answer('1438', 'join');
    await answer('1492', 'join');

    // A gate refusal: 400 with the missing fields, nothing changes.
    const refused = await api('POST', `/initiatives/${i.id}/advance`, { version: i.version, preStudySummary: 'Behovet.' });
    expect(refused.status).toBe(400);
    expect(refused.body.issues.map((x: { path: string }) => x.path)).toEqual(['investmentOre', 'operationOrePerYear', 'trainingOre', 'routineChangeOre', 'benefitOrePerYear']);
    expect((await api('GET', `/initiatives/${i.id}`)).body).toMatchObject({ stage: 'pre_study', version: i.version, preStudySummary: '' });
    // Skipping a stage is refused.
    expect((await api('POST', `/initiatives/${i.id}/advance`, { version: i.version, toStage: 'requirements', ...gates(reg.raindance.id)[0] })).status).toBe(400);

    const stages = ['decision', 'requirements', 'procurement', 'system_choice', 'agreements', 'operation_approval'];
    for (const [n, fields] of gates(reg.raindance.id).entries()) {
      const r = await api('POST', `/initiatives/${i.id}/advance`, { version: i.version, note: `Steg ${n + 1}`, ...fields });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(r.body.stage).toBe(stages[n]);
      i = r.body;
    }
    expect(i.decisions.filter((d: { kind: string }) => d.kind === 'advance')).toHaveLength(6);
    expect(i.decisions[0]).toMatchObject({ kind: 'advance', fromStage: 'agreements', toStage: 'operation_approval', note: 'Steg 6' });
    expect(i.costs).toMatchObject({ oneTimeOre: 400_000_00, paybackYears: 2.5 });
    expect(i.approvedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(i.approvalResult.installed).toEqual(['1460', '1438']);
    expect(i.approvalResult.skipped).toEqual([{ municipality: '1492', reason: expect.stringContaining('Åmål har redan Ekonomisystem') }]);

    const installed = (await api('GET', `/installations?application=${reg.finance.id}`)).body as { municipality: string; lifecycle: string; productId: number; operatingAgreement: boolean }[];
    expect(installed.map((x) => [x.municipality, x.lifecycle, x.productId]).sort()).toEqual([
      ['1438', 'planned', reg.raindance.id], ['1460', 'planned', reg.raindance.id], ['1492', 'active', reg.unit4.id],
    ]);
    expect(installed.find((x) => x.municipality === '1460')!.operatingAgreement).toBe(true);
    const collab = (await api('GET', `/collaborations/${i.collaborationId}`)).body;
    expect(collab).toMatchObject({ level: 2, host: '1460', participants: ['1438', '1460'], applicationId: reg.finance.id, decisionReference: 'KS 2026/14' });
    expect(collab.history).toHaveLength(1);

    // Every write of the approval left its audit event in the same request.
    const events = await auditEvents();
    const sameRequest = events.filter((e) => e.request_id === events.at(-1)!.request_id);
    expect(sameRequest.map((e) => `${e.entity}:${e.action}`).sort()).toEqual([
      'collaboration:create', 'initiative:update', 'installation:create', 'installation:create',
    ]);

    // Approved: nothing more moves.
    expect((await api('POST', `/initiatives/${i.id}/advance`, { version: i.version })).status).toBe(400);
    expect((await api('POST', `/initiatives/${i.id}/return`, { version: i.version, toStage: 'agreements', reason: 'x' })).status).toBe(400);
    expect((await api('PATCH', `/initiatives/${i.id}`, { version: i.version, purpose: 'Nytt' })).status).toBe(409);
    expect((await api('PUT', `/initiatives/${i.id}/answers/1438`, { answer: 'no', version: 2 })).status).toBe(409);
  });

  it('approves without a collaboration when only the sponsor is in', async () => {
    const reg = await setup();
    let i = await start(reg.firewall.id);
    for (const fields of gates(reg.unit4.id)) {
      const r = await api('POST', `/initiatives/${i.id}/advance`, { version: i.version, ...fields });
      expect(r.status).toBe(200);
      i = r.body;
    }
    expect(i.collaborationId).toBeNull();
    expect(i.approvalResult).toMatchObject({ installed: ['1460'], collaborationNote: expect.stringContaining('Ingen samverkan') });
    expect(await rowCount('collaboration')).toBe(0);
  });

  it('goes back with a reason in the decision log; stale versions get 409', async () => {
    const reg = await setup();
    let i = await start(reg.finance.id);
    i = (await api('POST', `/initiatives/${i.id}/advance`, { version: i.version, ...gates(0)[0] })).body;
    i = (await api('POST', `/initiatives/${i.id}/advance`, { version: i.version, ...gates(0)[1] })).body;
    expect(i.stage).toBe('requirements');
    expect((await api('POST', `/initiatives/${i.id}/return`, { version: i.version, toStage: 'pre_study', reason: '' })).body.issues)
      .toEqual([{ path: 'reason', message: expect.stringContaining('Ange varför') }]);
    expect((await api('POST', `/initiatives/${i.id}/return`, { version: i.version - 1, toStage: 'pre_study', reason: 'x' })).status).toBe(409);
    const back = await api('POST', `/initiatives/${i.id}/return`, { version: i.version, toStage: 'decision', reason: 'Beslutet överklagades.' });
    expect(back.status).toBe(200);
    expect(back.body.stage).toBe('decision');
    expect(back.body.decisions[0]).toMatchObject({ kind: 'return', fromStage: 'requirements', toStage: 'decision', note: 'Beslutet överklagades.' });
    expect((await api('POST', `/initiatives/${i.id}/advance`, { version: i.version })).status).toBe(409);
    expect((await api('PATCH', `/initiatives/${i.id}`, { version: i.version, purpose: 'Nytt' })).status).toBe(409);
    const patched = await api('PATCH', `/initiatives/${i.id}`, { version: back.body.version, purpose: 'Nytt syfte', trainingOre: -1 });
    expect(patched.status).toBe(400);
    expect(patched.body.issues).toEqual([{ path: 'trainingOre', message: 'Utbildning får inte vara negativt.' }]);
  });
});

describe('coordination answers', () => {
  it('lets an editor answer for their own municipality only; a change is audited with who, when, before and after', async () => {
    const reg = await setup();
    const i = await start(reg.finance.id);
    const amal = await signIn('editor', ['1492']);
    const first = await api('PUT', `/initiatives/${i.id}/answers/1492`, { answer: 'maybe', comment: 'Vi utreder.', version: 1 }, { as: amal });
    expect(first.status).toBe(200);
    expect(first.body.answers.find((a: { municipality: string }) => a.municipality === '1492')).toMatchObject({
      answer: 'maybe', comment: 'Vi utreder.', answeredBy: expect.stringContaining('editor'), answeredAt: expect.stringMatching(/^\d{4}-/), version: 2,
    });
    // Not for another municipality.
    const other = await api('PUT', `/initiatives/${i.id}/answers/1438`, { answer: 'no', version: 1 }, { as: amal });
    expect(other.status).toBe(403);
    expect(other.body.error).toContain('Dals-Ed');
    // Not for the sponsor; not stale; not without a valid answer.
    expect((await api('PUT', `/initiatives/${i.id}/answers/1460`, { answer: 'join' })).status).toBe(400);
    expect((await api('PUT', `/initiatives/${i.id}/answers/1492`, { answer: 'join', version: 1 }, { as: amal })).status).toBe(409);
    const bad = await api('PUT', `/initiatives/${i.id}/answers/1492`, { answer: 'yes', version: 2 }, { as: amal });
    expect(bad.body.issues).toEqual([{ path: 'answer', message: 'Välj svar: ska delta, kanske eller deltar inte.' }]);
    expect((await api('PUT', `/initiatives/${i.id}/answers/1492`, { answer: 'join', version: 2 }, { as: amal })).status).toBe(200);
    const events = await auditEvents('initiative_answer');
    expect(events.map((e) => [e.action, e.entity_id])).toEqual([['update', `${i.id}/1492`], ['update', `${i.id}/1492`]]);
    expect(JSON.parse(events[1]!.before!)).toMatchObject({ answer: 'maybe', comment: 'Vi utreder.' });
    expect(JSON.parse(events[1]!.after!)).toMatchObject({ answer: 'join' });
    // Viewers read only.
    expect((await api('PUT', `/initiatives/${i.id}/answers/1438`, { answer: 'no', version: 1 }, { as: await signIn('viewer') })).status).toBe(403);
  });

  it('lets editors start and move their own municipality\'s initiatives only', async () => {
    const reg = await setup();
    const bengtsfors = await signIn('editor', ['1460']);
    const amal = await signIn('editor', ['1492']);
    expect((await api('POST', '/initiatives', { applicationId: reg.finance.id, sponsor: '1492', purpose: 'x' }, { as: bengtsfors })).status).toBe(403);
    const own = await api('POST', '/initiatives', { applicationId: reg.finance.id, sponsor: '1460', purpose: 'x' }, { as: bengtsfors });
    expect(own.status).toBe(201);
    expect((await api('POST', `/initiatives/${own.body.id}/advance`, { version: 1, ...gates(0)[0] }, { as: amal })).status).toBe(403);
    expect((await api('PATCH', `/initiatives/${own.body.id}`, { version: 1, purpose: 'y' }, { as: amal })).status).toBe(403);
    expect((await api('POST', `/initiatives/${own.body.id}/advance`, { version: 1, ...gates(0)[0] }, { as: bengtsfors })).status).toBe(200);
    expect((await api('POST', '/initiatives', { applicationId: reg.finance.id, sponsor: '1460', purpose: 'x' }, { as: await signIn('viewer') })).status).toBe(403);
  });
});

describe('standing still and pages', () => {
  it('lists initiatives unchanged in their stage for more than 60 days', async () => {
    const reg = await setup();
    const old = await start(reg.finance.id);
    const fresh = await start(reg.firewall.id);
    await env.DB.prepare("UPDATE initiative SET stage_since = '2026-01-01' WHERE id = ?").bind(old.id).run();
    const db = drizzle(env.DB, { schema });
    expect((await stalledInitiatives(db, '2026-03-02')).map((i) => i.id)).toEqual([]);
    const stalled = await stalledInitiatives(db, '2026-03-03');
    expect(stalled.map((i) => i.id)).toEqual([old.id]);
    expect(stalled[0]).toMatchObject({ daysInStage: 61, stalled: true, sponsorName: 'Bengtsfors' });
    expect(fresh.stalled).toBe(false);
  });

  it('shows the board by stage and a gate refusal at its field on the initiative page', async () => {
    const reg = await setup();
    const i = await start(reg.finance.id);
    const board = await (await page('/initiativ')).text();
    expect(board).toContain('<h2 id="stage-pre_study">1. Förstudie');
    expect(board).toContain('(1 initiativ)');
    expect(board).toContain('7. Godkännande av drift');
    const form = new URLSearchParams({ version: '1', toStage: 'decision', action: 'advance', purpose: 'Syfte', preStudySummary: '', investmentOre: '300 000', operationOrePerYear: '', trainingOre: '0', routineChangeOre: '0', benefitOrePerYear: '0', benefitNote: '', note: '' });
    const refused = await page(`/initiativ/${i.id}/steg`, { method: 'POST', body: form, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(html).toContain('id="f-preStudySummary-fel"');
    expect(html).toContain('id="f-operationOrePerYear-fel"');
    expect(html).toContain('value="300 000"');
    form.set('preStudySummary', 'Behovet.');
    form.set('operationOrePerYear', '1 000');
    const moved = await page(`/initiativ/${i.id}/steg`, { method: 'POST', body: form, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(moved.status).toBe(303);
    expect((await api('GET', `/initiatives/${i.id}`)).body).toMatchObject({ stage: 'decision', investmentOre: 300_000_00, operationOrePerYear: 1_000_00 });
  });
});
