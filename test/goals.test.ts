import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { goalStatus } from '../worker/goals/status.ts';
import { api, page, seedRegister } from './helpers.ts';

/**
 * A small register whose goal values are counted by hand in the comments. Members: Bengtsfors
 * (1460) and Åmål (1492). Installations are active unless said otherwise.
 */
async function fixture() {
  const r = await seedRegister(); // Ekonomisystem (common), Brandvägg (technical, subarea Nät), products Raindance and Unit4
  const add = async (body: object) => {
    const response = await api('POST', body.hasOwnProperty('kind') ? '/applications' : '/installations', body);
    if (response.status !== 201) throw new Error(JSON.stringify(response.body));
    return response.body;
  };
  const dms = await add({ name: 'Ärendehantering', kind: 'common' });
  const school = await add({ name: 'Skolsystem', kind: 'specific' });
  const mail = await add({ name: 'E-post', kind: 'general' });
  const backupArea = (await api('POST', '/subareas', { name: 'Backup' })).body;
  const backup = await add({ name: 'Säkerhetskopiering', kind: 'technical', subareaId: backupArea.id });
  await add({ name: 'Oanvänd', kind: 'common' }); // in use by nobody: outside every population
  const p = r.raindance.id, q = r.unit4.id;
  const inst = (municipality: string, applicationId: number, productId: number, extra: object = {}) => add({ municipality, applicationId, productId, ...extra });
  // Ekonomisystem: both on Raindance → same product everywhere; collaboration at level 3.
  await inst('1460', r.finance.id, p, { traceability: true, operatingAgreement: true, users: 100, singleSignOn: true, confidentialityClass: 3, twoFactor: true });
  await inst('1492', r.finance.id, p, { traceability: false, operatingAgreement: true, users: 300, singleSignOn: false, confidentialityClass: 3, twoFactor: false });
  // Ärendehantering: different products; no collaboration.
  await inst('1460', dms.id, p, { traceability: true, users: 50, singleSignOn: true });
  await inst('1492', dms.id, q, { traceability: true, users: 50, singleSignOn: false, confidentialityClass: 4, twoFactor: true });
  // Skolsystem: only Åmål, planned (not in use) → outside the populations.
  await inst('1492', school.id, q, { lifecycle: 'planned', traceability: false });
  // E-post: both on Unit4 (!), one retiring (still in use).
  await inst('1460', mail.id, q, { lifecycle: 'retiring', operatingAgreement: true });
  await inst('1492', mail.id, q, {});
  // Technical: Brandvägg (subarea Nät) in both, level 2; Säkerhetskopiering (subarea Backup) only Åmål, none.
  await inst('1460', r.firewall.id, p, {});
  await inst('1492', r.firewall.id, p, {});
  await inst('1492', backup.id, q, {});
  const owner = await env.DB.prepare("INSERT INTO person (name) VALUES ('Ägare') RETURNING id").first<{ id: number }>();
  expect((await api('POST', '/collaborations', { applicationId: r.finance.id, level: 3, participants: ['1460', '1492'], host: '1460', ownerId: owner!.id })).status).toBe(201);
  expect((await api('POST', '/collaborations', { applicationId: r.firewall.id, level: 2, participants: ['1460', '1492'], host: '1492' })).status).toBe(201);
  return r;
}

async function loadDemoGoals() {
  const { demoStatements } = await import('../schema/demo/sql.ts');
  // Only the strategy and goal rows of the demo, on top of the fixture.
  const statements = demoStatements().filter((s) => /^INSERT INTO "(strategy|goal|goal_measurement)"/.test(s));
  await env.DB.batch(statements.map((s) => env.DB.prepare(s)));
}

const byKey = async () => Object.fromEntries(((await api('GET', '/goals')).body as { key: string }[]).map((g) => [g.key, g])) as Record<string, any>;

describe('the strategy goals, computed from the register', () => {
  it('have the values counted by hand', async () => {
    await fixture();
    await loadDemoGoals();
    const goals = await byKey();
    // Common in use: Ekonomisystem, Ärendehantering; at level ≥3: Ekonomisystem → 1/2.
    expect(goals['common-level3']).toMatchObject({ value: 0.5, numerator: 1, denominator: 2, target: 0.5, status: 'reached', unit: 'share' });
    // Specific in use: none (Skolsystem is only planned) → no value.
    expect(goals['specific-level3']).toMatchObject({ value: null, denominator: 0 });
    // Technical per subarea: Nät 1/1 (Brandvägg level 2), Backup 0/1 → lowest 0.
    expect(goals['technical-level2']).toMatchObject({ value: 0, numerator: 0, denominator: 1 });
    // General+common in use: E-post (both Unit4, one retiring: still in use → same everywhere), Ekonomisystem (same), Ärendehantering (differs) → 2/3.
    expect(goals['same-product-general-common'].value).toBeCloseTo(2 / 3);
    // Traceability, business systems (common+specific) in use: Ekonomisystem×2, Ärendehantering×2 → 3 of 4.
    expect(goals.traceability).toMatchObject({ numerator: 3, denominator: 4, value: 0.75, target: 1 });
    // Operating agreement, all 9 installations in use (the planned one excluded): 3 with agreement.
    expect(goals['operating-agreement']).toMatchObject({ numerator: 3, denominator: 9 });
    // Two-factor where confidentiality ≥3: Ekonomisystem×2 (one yes), Ärendehantering Åmål (yes) → 2/3.
    expect(goals['two-factor']).toMatchObject({ numerator: 2, denominator: 3 });
    // Single sign-on by users over business systems: yes 100 + 50 of 100+300+50+50 = 150/500.
    expect(goals['single-sign-on']).toMatchObject({ numerator: 150, denominator: 500, value: 0.3, comparison: 'above' });
    // Measured: the latest measurement.
    expect(goals['network-connected']).toMatchObject({ type: 'measured', value: 0.91 });
    expect(goals['shared-telephony']).toMatchObject({ type: 'milestone', value: 0 });
  });

  it('move when the register changes', async () => {
    const r = await fixture();
    await loadDemoGoals();
    const before = await byKey();
    // Åmål turns on traceability in its Ekonomisystem: traceability 3/4 → 4/4; nothing else moves.
    const amal = (await api('GET', `/installations?municipality=1492&application=${r.finance.id}`)).body[0];
    await api('PATCH', `/installations/${amal.id}`, { version: amal.version, traceability: true });
    const after = await byKey();
    expect(after.traceability).toMatchObject({ value: 1, status: 'reached' });
    for (const key of ['common-level3', 'technical-level2', 'operating-agreement', 'two-factor', 'single-sign-on']) {
      expect(after[key].value, key).toBe(before[key].value);
    }
  });

  it('explain themselves: who counts, who does not, and the same per municipality', async () => {
    await fixture();
    await loadDemoGoals();
    const id = (await byKey())['common-level3'].id;
    const detail = (await api('GET', `/goals/${id}`)).body;
    expect(detail.members.map((m: { name: string; ok: boolean }) => [m.name, m.ok])).toEqual([['Ekonomisystem', true], ['Ärendehantering', false]]);
    expect(detail.breakdown.map((b: { code: string; numerator: number; denominator: number }) => [b.code, b.numerator, b.denominator]))
      .toEqual([['1460', 1, 2], ['1492', 1, 2]]);
    const tech = (await api('GET', `/goals/${(await byKey())['technical-level2'].id}`)).body;
    expect(tech.subareas.map((s: { name: string; numerator: number; denominator: number }) => [s.name, s.numerator, s.denominator])).toEqual([['Backup', 0, 1], ['Nät och kommunikation', 1, 1]]);
    expect((await api('GET', '/goals/999')).status).toBe(404);
  });
});

describe('goal status (pure)', () => {
  const base = { type: 'computed' as const, target: 0.5, comparison: 'atLeast' as const, deadline: '2028-12-31', start: '2025-01-01', today: '2026-11-25', history: [] };
  it('is reached when the target is met, behind after the deadline, and follows the trend before it', () => {
    expect(goalStatus({ ...base, value: 0.5 })).toBe('reached');
    expect(goalStatus({ ...base, value: 0.5, comparison: 'above' })).not.toBe('reached');
    expect(goalStatus({ ...base, value: 0.4, today: '2029-01-01' })).toBe('behind');
    // Rising 0.1 in 60 days: projected far past the target → on track.
    expect(goalStatus({ ...base, value: 0.3, history: [{ on: '2026-09-26', value: 0.2 }] })).toBe('onTrack');
    // Flat: projected 0.3 < 0.45 → behind.
    expect(goalStatus({ ...base, value: 0.3, history: [{ on: '2026-09-26', value: 0.3 }] })).toBe('behind');
    // No trend: the straight line from start to deadline expects ≈0.24 today.
    expect(goalStatus({ ...base, value: 0.3 })).toBe('onTrack');
    expect(goalStatus({ ...base, value: 0.2 })).toBe('atRisk');
    expect(goalStatus({ ...base, value: 0.05 })).toBe('behind');
  });

  it('treats milestones by their date', () => {
    const m = { ...base, type: 'milestone' as const, value: 0, target: null };
    expect(goalStatus({ ...m, doneOn: '2026-01-01' })).toBe('reached');
    expect(goalStatus({ ...m, deadline: '2027-01-31' })).toBe('atRisk');
    expect(goalStatus({ ...m, deadline: '2028-01-31' })).toBe('onTrack');
    expect(goalStatus({ ...m, deadline: '2026-01-31' })).toBe('behind');
  });
});

describe('goal pages', () => {
  it('show the dashboard by area with status in words, and a goal with why and per municipality', async () => {
    await fixture();
    await loadDemoGoals();
    const board = await (await page('/mal')).text();
    expect(board).toContain('<h1>Mål</h1>');
    expect(board).toContain('Informationssäkerhet');
    expect(board).toMatch(/75[\s\u00a0]%/);
    expect(board).toContain('Uppnått');
    const id = ((await api('GET', '/goals')).body as { key: string; id: number }[]).find((g) => g.key === 'common-level3')!.id;
    const detail = await (await page(`/mal/${id}`)).text();
    expect(detail).toContain('Uppfyller (1)');
    expect(detail).toContain('Uppfyller inte (1)');
    expect(detail).toContain('Ärendehantering');
    expect(detail).toContain('Per kommun');
    expect((await page('/mal/999')).status).toBe(404);
  });
});

describe('what if', () => {
  it('shows every goal as if a collaboration were started or its level changed, writing nothing', async () => {
    const r = await fixture();
    await loadDemoGoals();
    const dms = ((await api('GET', '/applications')).body as { id: number; name: string }[]).find((a) => a.name === 'Ärendehantering')!;
    const [finance] = (await api('GET', `/collaborations?application=${r.finance.id}`)).body;
    const counts = async () => (await env.DB.prepare('SELECT (SELECT count(*) FROM collaboration) + (SELECT count(*) FROM collaboration_participant) + (SELECT count(*) FROM audit_event) AS n').first<{ n: number }>())!.n;
    const before = await counts();

    const started = await api('POST', '/goals/what-if', { changes: [{ type: 'newCollaboration', applicationId: dms.id, level: 3, participants: ['1460', '1492'] }] });
    expect(started.status).toBe(200);
    const common = started.body.find((g: { key: string }) => g.key === 'common-level3');
    expect([common.before.value, common.after.value]).toEqual([0.5, 1]);
    expect(common.after.value).not.toBe(common.before.value);

    const lowered = await api('POST', '/goals/what-if', { changes: [{ type: 'setLevel', collaborationId: finance.id, level: 2 }] });
    expect(lowered.body.find((g: { key: string }) => g.key === 'common-level3').after.value).toBe(0);
    expect(lowered.body.find((g: { key: string }) => g.key === 'traceability').after.value).toBe(0.75);

    expect(await counts()).toBe(before);
    expect((await api('GET', '/goals')).body.find((g: { key: string }) => g.key === 'common-level3').value).toBe(0.5);
    expect((await api('POST', '/goals/what-if', { changes: [] })).status).toBe(400);
    expect((await api('POST', '/goals/what-if', { changes: [{ type: 'setLevel', collaborationId: finance.id, level: 7 }] })).status).toBe(400);

    const html = await (await page(`/mal/tank-om?applikation=${dms.id}&ny_niva=3&deltagare=1460&deltagare=1492`)).text();
    expect(html).toContain('Om en ny samverkan om Ärendehantering på nivå 3');
    expect(html).toMatch(/\+50 procentenheter/);
  });
});

describe('adding a goal', () => {
  it('stores a computed goal whose definition validates, evaluates it, and refuses a broken one per path', async () => {
    await fixture();
    await loadDemoGoals();
    const created = await api('POST', '/goals', {
      title: 'Hälften av de tekniska systemen ska ha driftavtal', area: 'technical_platform', type: 'computed', unit: 'share', target: 0.5,
      deadline: '2027-12-31', definition: { population: 'installations', kinds: ['technical'], condition: { type: 'flag', field: 'operatingAgreement' }, weight: 'count' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ value: 0, denominator: 3, status: expect.any(String) });
    const before = (await api('GET', '/goals')).body.length;
    const broken = await api('POST', '/goals', {
      title: 'Trasig', area: 'collaboration', type: 'computed', unit: 'share', target: 2,
      definition: { population: 'applications', kinds: ['common'], condition: { type: 'levelAtLeast', level: 9 } },
    });
    expect(broken.status).toBe(400);
    expect(broken.body.issues.map((i: { path: string }) => i.path).sort()).toEqual(['definition.condition.level', 'target']);
    expect((await api('GET', '/goals')).body.length).toBe(before);
  });
});

describe('strategies', () => {
  it('are created by administrators with a period that makes sense', async () => {
    const created = await api('POST', '/strategies', { name: 'IT-strategi 2029–2032', periodFrom: '2029-01-01', periodTo: '2032-12-31' });
    expect(created.status).toBe(201);
    expect((await api('GET', '/strategies')).body.map((s: { name: string }) => s.name)).toContain('IT-strategi 2029–2032');
    expect((await api('POST', '/strategies', { name: 'Baklänges', periodFrom: '2030-01-01', periodTo: '2029-01-01' })).body.issues[0].path).toBe('periodTo');
    const goal = await api('POST', '/goals', { strategyId: created.body.id, title: 'Gemensam telefoni', area: 'technical_platform', type: 'milestone', unit: 'done', deadline: '2030-12-31' });
    expect(goal.status).toBe(201);
  });
});
