import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { drizzle } from 'drizzle-orm/d1';
import { describe, expect, it } from 'vitest';
import * as schema from '../schema/index.ts';
import { TrendChart } from '../web/goals/trend-chart.tsx';
import worker from '../worker/index.ts';
import { takeSnapshot } from '../worker/goals/history.ts';
import { api, auditEvents, nobody, page, seedRegister, signIn } from './helpers.ts';

const today = () => new Date().toISOString().slice(0, 10);

/** Bengtsfors and Åmål, each with an Ekonomisystem (common) on Raindance; Åmål's without traceability. */
async function register() {
  const r = await seedRegister();
  const add = async (body: object) => {
    const response = await api('POST', '/installations', body);
    if (response.status !== 201) throw new Error(JSON.stringify(response.body));
    return response.body;
  };
  await add({ municipality: '1460', applicationId: r.finance.id, productId: r.raindance.id, traceability: true, users: 100 });
  const amal = await add({ municipality: '1492', applicationId: r.finance.id, productId: r.raindance.id, traceability: false, users: 300 });
  return { ...r, amal };
}

/** The demo strategy's goals (computed, measured and milestones) on top of the register. */
async function demoGoals() {
  const { demoStatements } = await import('../schema/demo/sql.ts');
  const statements = demoStatements().filter((s) => /^INSERT INTO "(strategy|goal|goal_measurement)"/.test(s));
  await env.DB.batch(statements.map((s) => env.DB.prepare(s)));
  const goals = (await api('GET', '/goals')).body as { id: number; key: string; value: number | null; status: string }[];
  return Object.fromEntries(goals.map((g) => [g.key, g]));
}

const goalRow = (id: number) => env.DB.prepare('SELECT * FROM goal WHERE id = ?').bind(id).first<Record<string, any>>();
const snapshotsOn = async (on: string) =>
  (await env.DB.prepare('SELECT * FROM goal_snapshot WHERE "on" = ? ORDER BY goal_id').bind(on).all<Record<string, any>>()).results;
const count = async (table: string) => (await env.DB.prepare(`SELECT count(*) AS n FROM ${table}`).first<{ n: number }>())!.n;
const form = (fields: Record<string, string>) =>
  ({ method: 'POST', body: new URLSearchParams(fields).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });

describe('goal history: snapshots', () => {
  it('stores every goal\'s value for the day, and a second snapshot the same day replaces the first', async () => {
    const r = await register();
    const goals = await demoGoals();
    const total = Object.keys(goals).length;

    const first = await api('POST', '/goals/snapshots');
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ on: today(), goals: total, replaced: 0 });
    let rows = await snapshotsOn(today());
    expect(rows).toHaveLength(total);
    const traceability = rows.find((s) => s.goal_id === goals.traceability!.id)!;
    // Business-system installations with traceability: Bengtsfors yes, Åmål no → 1 of 2.
    expect(traceability).toMatchObject({ value: 0.5, numerator: 1, denominator: 2 });
    // A measured goal keeps its latest value, without numerator and denominator; a milestone not done is 0.
    expect(rows.find((s) => s.goal_id === goals['network-connected']!.id)).toMatchObject({ value: 0.91, numerator: null, denominator: null });
    expect(rows.find((s) => s.goal_id === goals['shared-telephony']!.id)).toMatchObject({ value: 0 });

    // Åmål turns on traceability; the second snapshot of the day replaces the first.
    await api('PATCH', `/installations/${r.amal.id}`, { version: r.amal.version, traceability: true });
    const second = await api('POST', '/goals/snapshots');
    expect(second.body).toMatchObject({ goals: total, replaced: total });
    rows = await snapshotsOn(today());
    expect(rows).toHaveLength(total);
    expect(rows.find((s) => s.goal_id === goals.traceability!.id)).toMatchObject({ value: 1, numerator: 2, denominator: 2 });
    expect(await count('goal_snapshot')).toBe(total);

    // One audit event per snapshot, about the day.
    const events = await auditEvents('goal_snapshot');
    expect(events).toHaveLength(2);
    expect(events[1]).toMatchObject({ action: 'create', entity_id: today() });
    expect(JSON.parse(events[1]!.before!).goals.find((g: { goalId: number }) => g.goalId === goals.traceability!.id).value).toBe(0.5);
    expect(JSON.parse(events[1]!.after!).goals).toHaveLength(total);
  });

  it('keeps each day apart, so the history grows by one row per goal and day', async () => {
    await register();
    const goals = await demoGoals();
    const db = drizzle(env.DB, { schema });
    await takeSnapshot(db, env.DB, '2026-01-15');
    await takeSnapshot(db, env.DB, '2026-02-15');
    await takeSnapshot(db, env.DB, '2026-02-15');
    expect(await count('goal_snapshot')).toBe(2 * Object.keys(goals).length);
    const events = await auditEvents('goal_snapshot');
    expect(events.map((e) => [e.entity_id, e.actor])).toEqual([
      ['2026-01-15', 'schemalagd ögonblicksbild'], ['2026-02-15', 'schemalagd ögonblicksbild'], ['2026-02-15', 'schemalagd ögonblicksbild'],
    ]);
  });

  it('is taken by the scheduled handler (the cron trigger) for today', async () => {
    await register();
    const goals = await demoGoals();
    const controller = createScheduledController({ scheduledTime: Date.now(), cron: '15 2 * * *' });
    const ctx = createExecutionContext();
    await worker.scheduled(controller, env, ctx);
    await waitOnExecutionContext(ctx);
    const rows = await snapshotsOn(today());
    expect(rows.map((s) => s.goal_id).sort((a, b) => a - b)).toEqual(Object.values(goals).map((g) => g.id).sort((a, b) => a - b));
    expect(rows.find((s) => s.goal_id === goals.traceability!.id)).toMatchObject({ value: 0.5, numerator: 1, denominator: 2 });
    const [event] = await auditEvents('goal_snapshot');
    expect(event).toMatchObject({ actor: 'schemalagd ögonblicksbild', action: 'create', entity_id: today() });
  });

  it('works on an empty strategy too: no goals, one audit event', async () => {
    const db = drizzle(env.DB, { schema });
    expect(await takeSnapshot(db, env.DB, '2026-03-01')).toEqual({ on: '2026-03-01', goals: 0, replaced: 0 });
    expect(await auditEvents('goal_snapshot')).toHaveLength(1);
  });
});

describe('measured goals', () => {
  it('refuses bad values per field in Swedish and writes nothing', async () => {
    await register();
    const goals = await demoGoals();
    const id = goals['network-connected']!.id;
    const before = [await count('goal_measurement'), (await auditEvents()).length];

    const bad = await api('POST', `/goals/${id}/measurements`, { period: '2026-13-01', value: 'mycket', extra: 1 });
    expect(bad.status).toBe(400);
    const paths = Object.fromEntries((bad.body.issues as { path: string; message: string }[]).map((i) => [i.path, i.message]));
    expect(paths.period).toMatch(/Perioden/);
    expect(paths.value).toBe('Värdet måste vara ett tal.');
    expect(paths.extra).toBe('Okänt fält.');
    expect((await api('POST', `/goals/${id}/measurements`, { value: 0.5 })).body.issues).toEqual([{ path: 'period', message: 'Uppgiften saknas.' }]);
    // A share is a fraction 0–1.
    const share = await api('POST', `/goals/${id}/measurements`, { period: '2026-12-31', value: 93 });
    expect(share.status).toBe(400);
    expect(share.body.issues).toEqual([{ path: 'value', message: expect.stringMatching(/mellan 0 och 1/) }]);
    // Computed goals take no values.
    const computed = await api('POST', `/goals/${goals.traceability!.id}/measurements`, { period: '2026-12-31', value: 0.5 });
    expect(computed.status).toBe(400);
    expect(computed.body.error).toMatch(/beräknas ur registret/);
    expect((await api('POST', '/goals/999999/measurements', { period: '2026-12-31', value: 0.5 })).status).toBe(404);

    expect([await count('goal_measurement'), (await auditEvents()).length]).toEqual(before);
  });

  it('takes one value per period: a second one is a conflict unless it carries the version it replaces', async () => {
    await register();
    const goals = await demoGoals();
    const id = goals['network-connected']!.id;

    const created = await api('POST', `/goals/${id}/measurements`, { period: '2026-12-31', value: 0.95, comment: 'Inventering hösten 2026.' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ goalId: id, period: '2026-12-31', value: 0.95, comment: 'Inventering hösten 2026.', version: 1 });
    expect((await api('GET', `/goals/${id}`)).body.value).toBe(0.95);

    const again = await api('POST', `/goals/${id}/measurements`, { period: '2026-12-31', value: 0.96 });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatch(/redan ett värde för perioden 2026-12-31/);
    expect((await api('POST', `/goals/${id}/measurements`, { period: '2026-12-31', value: 0.96, version: 7 })).status).toBe(409);

    const replaced = await api('POST', `/goals/${id}/measurements`, { period: '2026-12-31', value: 0.96, version: 1 });
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({ value: 0.96, version: 2, comment: '' });
    // The stale version is refused now.
    expect((await api('POST', `/goals/${id}/measurements`, { period: '2026-12-31', value: 0.97, version: 1 })).status).toBe(409);
    expect((await env.DB.prepare('SELECT value FROM goal_measurement WHERE goal_id = ? AND period = ?').bind(id, '2026-12-31').first())!.value).toBe(0.96);

    // A version where there is nothing to replace is a mistake of its own.
    const nothing = await api('POST', `/goals/${id}/measurements`, { period: '2027-06-30', value: 0.97, version: 1 });
    expect(nothing.status).toBe(400);
    expect(nothing.body.issues[0].path).toBe('version');

    const events = (await auditEvents('goal')).filter((e) => e.entity_id === String(id));
    expect(events).toHaveLength(2);
    expect(JSON.parse(events[1]!.before!).measurement).toMatchObject({ period: '2026-12-31', value: 0.95 });
    expect(JSON.parse(events[1]!.after!).measurement).toMatchObject({ period: '2026-12-31', value: 0.96 });
  });
});

describe('changing goals', () => {
  it('marks a milestone done, which makes it reached', async () => {
    await register();
    const goals = await demoGoals();
    const g = goals['shared-telephony']!;
    expect(g.status).not.toBe('reached');
    const row = await goalRow(g.id);

    expect((await api('PATCH', `/goals/${g.id}`, { version: row!.version, doneOn: '2999-01-01' })).body.issues)
      .toEqual([{ path: 'doneOn', message: expect.stringMatching(/framtiden/) }]);
    const done = await api('PATCH', `/goals/${g.id}`, { version: row!.version, doneOn: '2026-05-04' });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ id: g.id, doneOn: '2026-05-04', status: 'reached', value: 1, version: row!.version + 1 });
    expect((await api('GET', '/goals')).body.find((x: { id: number }) => x.id === g.id)).toMatchObject({ status: 'reached' });
    // The version read before is stale now.
    expect((await api('PATCH', `/goals/${g.id}`, { version: row!.version, doneOn: null })).status).toBe(409);
    // Only milestones are done by a date.
    expect((await api('PATCH', `/goals/${goals.traceability!.id}`, { version: 1, doneOn: '2026-05-04' })).body.issues[0].path).toBe('doneOn');

    const [event] = (await auditEvents('goal')).filter((e) => e.entity_id === String(g.id));
    expect(event).toMatchObject({ action: 'update' });
    expect(JSON.parse(event!.after!)).toMatchObject({ doneOn: '2026-05-04' });
  });

  it('refuses invalid definitions with a message per path, and writes nothing', async () => {
    await register();
    const goals = await demoGoals();
    const g = goals['common-level3']!;
    const row = await goalRow(g.id);
    const events = (await auditEvents()).length;
    const refused = async (definition: unknown) => {
      const r = await api('PATCH', `/goals/${g.id}`, { version: row!.version, definition });
      expect(r.status).toBe(400);
      return Object.fromEntries((r.body.issues as { path: string; message: string }[]).map((i) => [i.path, i.message]));
    };

    expect(await refused({ population: 'applications', kinds: ['common'], condition: { type: 'levelAtLeast', level: 7 } }))
      .toEqual({ 'definition.condition.level': 'Nivån är 2–5.' });
    expect(await refused({ population: 'applications', kinds: ['vanlig'], condition: { type: 'sameProductEverywhere' } }))
      .toEqual({ 'definition.kinds.0': 'Okänd typ av applikation.' });
    expect(await refused({ population: 'applications', kinds: ['common'], condition: { type: 'levelAtLeast', level: 3 }, colour: 'blå' }))
      .toEqual({ 'definition.colour': 'Okänt fält i definitionen.' });
    expect(await refused({ population: 'installations', condition: { type: 'flag', field: 'cloud' }, weight: 'count' }))
      .toEqual({ 'definition.condition.field': 'Okänt ja/nej-fält.' });
    expect(await refused({ population: 'installations', condition: { type: 'flag', field: 'twoFactor' } }))
      .toEqual({ 'definition.weight': 'Uppgiften saknas.' });
    expect(Object.keys(await refused({ population: 'people' }))).toEqual(['definition.population']);
    expect(await refused(null)).toEqual({ definition: 'Ett beräknat mål måste ha en definition.' });
    // Other fields' problems come together with the definition's.
    const both = await api('PATCH', `/goals/${g.id}`, { version: row!.version, target: 'hälften', definition: { population: 'applications', kinds: [], condition: { type: 'levelAtLeast', level: 3 } } });
    expect(both.body.issues.map((i: { path: string }) => i.path).sort()).toEqual(['definition.kinds', 'target']);
    // Milestones and measured goals have no definition.
    expect((await api('PATCH', `/goals/${goals['shared-telephony']!.id}`, { version: 1, definition: { population: 'applications' } })).body.issues)
      .toEqual([{ path: 'definition', message: 'Bara mål som beräknas ur registret har en definition.' }]);

    expect(await goalRow(g.id)).toEqual(row);
    expect((await auditEvents()).length).toBe(events);

    // A valid one is stored and the value follows it.
    const ok = await api('PATCH', `/goals/${g.id}`, { version: row!.version, definition: { population: 'applications', kinds: ['common'], condition: { type: 'sameProductEverywhere' } } });
    expect(ok.status).toBe(200);
    // Both members run Ekonomisystem on Raindance: the same product everywhere → 1 of 1.
    expect(ok.body).toMatchObject({ value: 1, numerator: 1, denominator: 1, definition: { condition: { type: 'sameProductEverywhere' } } });
  });

  it('changes target, deadline, title and public, and checks the target against the unit', async () => {
    await register();
    const goals = await demoGoals();
    const g = goals.traceability!;
    expect((await api('PATCH', `/goals/${g.id}`, { version: 1, target: 90 })).body.issues).toEqual([{ path: 'target', message: expect.stringMatching(/mellan 0 och 1/) }]);
    expect((await api('PATCH', `/goals/${g.id}`, { version: 1, target: null })).body.issues[0].path).toBe('target');
    expect((await api('PATCH', `/goals/${goals['shared-telephony']!.id}`, { version: 1, target: 1 })).body.issues[0].path).toBe('target');
    expect((await api('PATCH', `/goals/${g.id}`, { version: 1, owner: 'x' })).body.issues).toEqual([{ path: 'owner', message: 'Okänt fält.' }]);
    const changed = await api('PATCH', `/goals/${g.id}`, { version: 1, target: 0.9, deadline: '2027-12-31', title: 'Spårbarhet i nio av tio verksamhetssystem.', public: false });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ target: 0.9, deadline: '2027-12-31', title: 'Spårbarhet i nio av tio verksamhetssystem.', public: false, version: 2 });
    expect((await api('PATCH', '/goals/999999', { version: 1, public: true })).status).toBe(404);
  });
});

describe('the public goal page', () => {
  it('shows only the public goals, needs no login, and links nowhere into the register', async () => {
    await register();
    const goals = await demoGoals();
    const db = drizzle(env.DB, { schema });
    await takeSnapshot(db, env.DB, '2026-01-31');
    await takeSnapshot(db, env.DB, '2026-02-28');

    const response = await page('/offentligt/mal', nobody);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('Spårbarhet ska vara infört i samtliga verksamhetssystem.');
    expect(html).toContain('Gemensam telefonilösning ska vara införd');
    // The measured network goal is not public in the demo strategy.
    expect(html).not.toContain('Samtliga arbetsplatser ska vara anslutna');
    // Status in words, the trend as a picture and a table.
    expect(html).toMatch(/Uppnått|I fas|Risk|Efter/);
    expect(html).toContain('role="img"');
    expect(html).toContain('<time datetime="2026-02-28">');
    expect(html).toMatch(/50\s%/);
    // No menu, no links into the register; no inline styles or scripts.
    const links = [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]);
    expect(links.every((l) => ['#main', '/app.css', '/logga-in'].includes(l!)), links.join(' ')).toBe(true);
    expect(html).not.toMatch(/style=|<script/);

    const json = await api('GET', '/public/goals', undefined, nobody);
    expect(json.status).toBe(200);
    const keys = json.body.map((g: { key: string }) => g.key);
    expect(keys).toContain('traceability');
    expect(keys).not.toContain('network-connected');
    const traceability = json.body.find((g: { key: string }) => g.key === 'traceability');
    expect(traceability).toEqual({
      id: goals.traceability!.id, key: 'traceability', title: expect.any(String), area: 'information_security', type: 'computed', unit: 'share',
      value: 0.5, target: 1, comparison: 'atLeast', deadline: '2028-12-31', doneOn: null, status: expect.any(String), statusLabel: expect.any(String),
      trend: [{ on: '2026-01-31', value: 0.5 }, { on: '2026-02-28', value: 0.5 }],
    });

    // The dashboard itself needs a login.
    const dashboard = await page('/mal', nobody);
    expect(dashboard.status).toBe(303);
    expect(dashboard.headers.get('location')).toMatch(/^\/logga-in/);
    expect((await api('GET', '/goals', undefined, nobody)).status).toBe(401);

    // Made public, the network goal appears.
    const id = goals['network-connected']!.id;
    expect((await api('PATCH', `/goals/${id}`, { version: 1, public: true })).status).toBe(200);
    expect(await (await page('/offentligt/mal', nobody)).text()).toContain('Samtliga arbetsplatser ska vara anslutna');
  });

  it('thins a long history to the last value of each month', async () => {
    await register();
    await demoGoals();
    const goal = (await env.DB.prepare("SELECT id FROM goal WHERE key = 'traceability'").first<{ id: number }>())!.id;
    // 100 daily snapshots from 2026-01-01.
    const days = Array.from({ length: 100 }, (_, i) => new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10));
    await env.DB.batch(days.map((d, i) => env.DB.prepare('INSERT INTO goal_snapshot (goal_id, "on", value) VALUES (?, ?, ?)').bind(goal, d, i / 100)));
    const trend = (await api('GET', '/public/goals', undefined, nobody)).body.find((g: { id: number }) => g.id === goal).trend;
    expect(trend.map((t: { on: string }) => t.on)).toEqual(['2026-01-31', '2026-02-28', '2026-03-31', '2026-04-10']);
  });
});

describe('the trend chart', () => {
  const render = (props: Parameters<typeof TrendChart>[0]) => String(TrendChart(props));

  it('draws the line and the dashed target, with the figures in a table beside it', () => {
    const html = render({ title: 'Spårbarhet', tableId: 't1', target: 0.5, unit: 'share', points: [{ on: '2026-01-31', value: 0.25 }, { on: '2026-02-28', value: 2 / 3 }] });
    expect(html).toContain('role="img"');
    expect(html).toMatch(/aria-label="Spårbarhet: 25\s%.*66,7\s%.*Mål minst 50\s%/);
    expect(html).toContain('class="trend-target"');
    expect(html).toContain('class="trend-line"');
    expect(html).toContain('<table id="t1"');
    expect(html).toMatch(/<td class="num">66,7\s%<\/td>/);
    expect(html).not.toContain('style=');
  });

  it('shows an empty state with fewer than two values', () => {
    const html = render({ title: 'Spårbarhet', tableId: 't2', target: 0.5, points: [{ on: '2026-01-31', value: 0.25 }, { on: '2026-02-28', value: null }] });
    expect(html).toContain('empty-state');
    expect(html).not.toContain('<svg');
    expect(html).toMatch(/25\s%/);
  });

  it('scales numbers to the largest of the values and the target', () => {
    const html = render({ title: 'Antal', tableId: 't3', target: 40, unit: 'number', points: [{ on: '2026-01-31', value: 12 }, { on: '2026-02-28', value: 18.5 }] });
    expect(html).toContain('>50</text>');
    expect(html).toContain('18,5');
  });
});

describe('the goal admin page', () => {
  it('adds a value, offers to replace one, marks a milestone done, toggles public and takes a snapshot', async () => {
    await register();
    const goals = await demoGoals();
    const network = goals['network-connected']!.id;
    expect((await page(`/mal/${network}/hantera`)).status).toBe(200);

    let r = await page(`/mal/${network}/hantera/matvarde`, form({ period: '2026-12-31', value: '93,5', comment: 'Höstens inventering.' }));
    expect(r.status).toBe(303);
    expect(r.headers.get('location')).toBe(`/mal/${network}/hantera?sparat`);
    expect((await api('GET', `/goals/${network}`)).body.value).toBe(0.935);

    // The same period again: the page explains and offers to replace it.
    r = await page(`/mal/${network}/hantera/matvarde`, form({ period: '2026-12-31', value: '94' }));
    expect(r.status).toBe(409);
    const html = await r.text();
    expect(html).toContain('Ersätt värdet');
    expect(html).toContain('name="version" value="1"');
    r = await page(`/mal/${network}/hantera/matvarde`, form({ period: '2026-12-31', value: '94', version: '1' }));
    expect(r.status).toBe(303);
    expect((await api('GET', `/goals/${network}`)).body.value).toBe(0.94);

    r = await page(`/mal/${network}/hantera/matvarde`, form({ period: '', value: 'nittio' }));
    expect(r.status).toBe(400);
    const errors = await r.text();
    expect(errors).toContain('Ange perioden.');
    expect(errors).toContain('Ange procent som ett tal');

    const telephony = goals['shared-telephony']!.id;
    r = await page(`/mal/${telephony}/hantera/klar`, form({ done: 'ja', doneOn: '2026-04-01', version: '1' }));
    expect(r.status).toBe(303);
    expect((await api('GET', `/goals/${telephony}`)).body.status).toBe('reached');
    r = await page(`/mal/${telephony}/hantera/offentlig`, form({ public: 'nej', version: '2' }));
    expect(r.status).toBe(303);
    expect((await api('GET', `/goals/${telephony}`)).body.public).toBe(false);
    // A stale form is a conflict, shown on the page.
    r = await page(`/mal/${telephony}/hantera/offentlig`, form({ public: 'ja', version: '2' }));
    expect(r.status).toBe(409);

    const computed = goals['common-level3']!.id;
    r = await page(`/mal/${computed}/hantera/andra`, form({ title: 'Gemensamma på nivå 3', target: '50', deadline: '2028-12-31', definition: '{"population": ', version: '1' }));
    expect(r.status).toBe(400);
    expect(await r.text()).toContain('Definitionen är inte giltig JSON');
    r = await page(`/mal/${computed}/hantera/andra`, form({ title: 'Gemensamma på nivå 3', target: '50', deadline: '2028-12-31', definition: '{"population": "applications", "kinds": ["common"], "condition": {"type": "levelAtLeast", "level": 9}}', version: '1' }));
    expect(r.status).toBe(400);
    expect(await r.text()).toContain('condition.level: Nivån är 2–5.');
    r = await page(`/mal/${computed}/hantera/andra`, form({ title: 'Gemensamma på nivå 3', target: '60', deadline: '2028-12-31', definition: '{"population": "applications", "kinds": ["common"], "condition": {"type": "levelAtLeast", "level": 3}}', version: '1' }));
    expect(r.status).toBe(303);
    expect((await api('GET', `/goals/${computed}`)).body).toMatchObject({ title: 'Gemensamma på nivå 3', target: 0.6 });

    r = await page(`/mal/${computed}/hantera/ogonblicksbild`, form({}));
    expect(r.status).toBe(303);
    expect(r.headers.get('location')).toBe(`/mal/${computed}/hantera?ogonblicksbild`);
    expect(await snapshotsOn(today())).toHaveLength(Object.keys(goals).length);
  });

  it('is for administrators only, as are the API routes that change goals', async () => {
    await register();
    const goals = await demoGoals();
    const id = goals['network-connected']!.id;
    for (const role of ['viewer', 'editor', 'finance'] as const) {
      const as = await signIn(role, role === 'editor' ? ['1460'] : []);
      expect((await api('POST', '/goals/snapshots', undefined, { as })).status, role).toBe(403);
      expect((await api('POST', `/goals/${id}/measurements`, { period: '2026-12-31', value: 0.5 }, { as })).status, role).toBe(403);
      expect((await api('PATCH', `/goals/${id}`, { version: 1, public: true }, { as })).status, role).toBe(403);
      expect((await page(`/mal/${id}/hantera`, { as })).status, role).toBe(403);
      for (const what of ['matvarde', 'klar', 'offentlig', 'andra', 'ogonblicksbild']) {
        expect((await page(`/mal/${id}/hantera/${what}`, { ...form({ version: '1' }), as })).status, `${role} ${what}`).toBe(403);
      }
      // Reading the goals is fine.
      expect((await api('GET', '/goals', undefined, { as })).status).toBe(200);
    }
    expect(await count('goal_snapshot')).toBe(0);
    expect(await count('goal_measurement')).toBe(3);
    expect((await goalRow(id))!.public).toBe(0);
  });
});
