import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { drizzle } from 'drizzle-orm/d1';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as schema from '../schema/index.ts';
import worker from '../worker/index.ts';
import { refreshAttention } from '../worker/attention/queries.ts';
import { api, auditEvents, nobody, page, seedRegister, signIn } from './helpers.ts';

// The attention list against a real D1: what the cron stores, the API, the overview's section.

const now = Date.UTC(2026, 10, 25, 12); // 2026-11-25, 13:00 in Stockholm
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(now);
});
afterEach(() => { vi.useRealTimers(); });

const rows = async <T = Record<string, any>>(sql: string) => (await env.DB.prepare(sql).all<T>()).results;
const count = async (table: string) => (await env.DB.prepare(`SELECT count(*) AS n FROM ${table}`).first<{ n: number }>())!.n;

async function created(r: { status: number; body: any }) {
  if (r.status !== 201) throw new Error(`setup failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

/**
 * On 2026-11-25: Bengtsfors' Ekonomisystem (owned, confirmed) must be given notice by
 * 2026-12-31 and ends 2027-03-31; Åmål's ends 2026-12-31 (notice passed in June), was never
 * confirmed and has no owner; Bengtsfors' Brandvägg was confirmed last in June 2025 and has
 * no owner; Åmål's retired Brandvägg counts for nothing. The new year's freeze starts
 * 2026-12-15 (20 days ahead), Åmål's driftplan was due 2026-10-01, and an initiative has
 * stood in its pre-study since 2026-08-01.
 */
async function register() {
  const r = await seedRegister();
  const install = (body: object) => api('POST', '/installations', body).then(created);
  const owned = await install({ municipality: '1460', applicationId: r.finance.id, productId: r.raindance.id, contractEnd: '2027-03-31', noticeMonths: 3, confirmedOn: '2026-10-01' });
  const amal = await install({ municipality: '1492', applicationId: r.finance.id, productId: r.unit4.id, contractEnd: '2026-12-31', noticeMonths: 6 });
  const firewall = await install({ municipality: '1460', applicationId: r.firewall.id, productId: r.unit4.id, confirmedOn: '2025-06-01' });
  await install({ municipality: '1492', applicationId: r.firewall.id, productId: r.unit4.id, lifecycle: 'retired', contractEnd: '2026-12-01', noticeMonths: 1 });
  const owner = await api('POST', '/people', { name: 'Eva Ek', municipality: '1460' }).then(created);
  await api('POST', '/role-assignments', { personId: owner.id, role: 'system_owner', installationId: owned.id }).then(created);
  await env.DB.batch([
    env.DB.prepare("INSERT INTO freeze_rule (name, kind, scope, from_month_day, to_month_day) VALUES ('Årsskifte', 'yearly', 'all', '12-15', '01-15')"),
    env.DB.prepare(`INSERT INTO governing_document (type, title, owner_id, municipality_code, decided_by, decided_on, review_cycle_years, next_review_on)
      VALUES ('operations_plan', 'Driftplan Åmål', ?, '1492', 'IT-chefsgruppen', '2025-10-01', 1, '2026-10-01')`).bind(owner.id),
  ]);
  const archive = await api('POST', '/applications', { name: 'E-arkiv', kind: 'common', businessAreaId: r.economy.id }).then(created);
  const initiative = await api('POST', '/initiatives', { applicationId: archive.id, sponsor: '1460', purpose: 'Ett gemensamt e-arkiv.' }).then(created);
  await env.DB.prepare("UPDATE initiative SET stage_since = '2026-08-01' WHERE id = ?").bind(initiative.id).run();
  return { ...r, owned, amal, firewall, owner, initiative };
}

const expectedKinds = (reg: Awaited<ReturnType<typeof register>>) => [
  ['unconfirmed_installation', 'overdue', null, reg.amal.id],
  ['unconfirmed_installation', 'overdue', '2026-06-01', reg.firewall.id],
  ['stalled_initiative', 'overdue', '2026-09-30', reg.initiative.id],
  ['overdue_document', 'overdue', '2026-10-01', expect.any(Number)],
  ['upcoming_freeze', 'soon', '2026-12-15', expect.any(Number)],
  ['notice_deadline', 'later', '2026-12-31', reg.owned.id],
  ['contract_ending', 'later', '2026-12-31', reg.amal.id],
  ['contract_ending', 'later', '2027-03-31', reg.owned.id],
  ['missing_system_owner', 'missing', null, reg.firewall.id],
  ['missing_system_owner', 'missing', null, reg.amal.id],
];

async function runCron(at = Date.UTC(2026, 10, 25, 2, 15)) {
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ scheduledTime: at, cron: '15 2 * * *' }), env, ctx);
  await waitOnExecutionContext(ctx);
}

describe('the cron trigger', () => {
  it('stores the day\'s attention list, in order, with when and by whom, and audits nothing of it', async () => {
    const reg = await register();
    const eventsBefore = (await auditEvents()).length;
    await runCron();
    const items = await rows('SELECT * FROM attention_item ORDER BY position');
    expect(items.map((i) => [i.kind, i.urgency, i.due_on, i.entity_id])).toEqual(expectedKinds(reg));
    expect(items.map((i) => i.position)).toEqual(items.map((_, n) => n));
    expect(items.find((i) => i.kind === 'notice_deadline')).toMatchObject({
      municipality_code: '1460', municipality_name: 'Bengtsfors', subject: 'Ekonomisystem i Bengtsfors', href: `/system/${reg.owned.id}`,
      detail: 'Säg upp eller förläng senast 2026-12-31: avtalet för CGI Raindance löper ut 2027-03-31 (3 månaders uppsägningstid).',
    });
    expect(await rows('SELECT * FROM attention_refresh')).toEqual([{
      id: 1, computed_at: '2026-11-25T02:15:00.000Z', computed_for: '2026-11-25', computed_by: 'schemalagd uppdatering', item_count: 10,
    }]);
    // The goal snapshot still runs in the same cron; the attention list leaves no event of its own.
    const events = (await auditEvents()).slice(eventsBefore);
    expect(events.map((e) => e.entity)).toEqual(['goal_snapshot']);
  });

  it('replaces the whole list: what was put right is gone the next day', async () => {
    const reg = await register();
    await runCron();
    await api('POST', '/role-assignments', { personId: reg.owner.id, role: 'system_owner', installationId: reg.firewall.id }).then(created);
    await api('PATCH', `/installations/${reg.firewall.id}`, { version: reg.firewall.version, confirmedOn: '2026-11-25' }).then((r) => expect(r.status).toBe(200));
    vi.setSystemTime(Date.UTC(2026, 10, 26, 12));
    await runCron(Date.UTC(2026, 10, 26, 2, 15));
    const items = await rows('SELECT kind, entity, entity_id FROM attention_item ORDER BY position');
    expect(items).toHaveLength(8);
    expect(items.filter((i) => i.entity === 'installation' && i.entity_id === reg.firewall.id)).toEqual([]);
    expect(await rows('SELECT computed_for, item_count FROM attention_refresh')).toEqual([{ computed_for: '2026-11-26', item_count: 8 }]);
  });

  it('stores nothing for an empty register, so an empty deployment stays empty for a restore', async () => {
    await runCron();
    expect([await count('attention_item'), await count('attention_refresh')]).toEqual([0, 0]);
    const overview = await page('/');
    expect(overview.status).toBe(200);
    expect(await count('attention_refresh')).toBe(0);
  });

  it('writes far more items than one statement may bind (D1: 100 parameters), all in one batch', async () => {
    const r = await seedRegister();
    const apps = Array.from({ length: 14 }, (_, n) => n);
    await env.DB.batch(apps.map((n) => env.DB.prepare("INSERT INTO application (name, kind, business_area_id) VALUES (?, 'common', ?)").bind(`System ${n}`, r.economy.id)));
    await env.DB.prepare("INSERT INTO installation (municipality_code, application_id, product_id) SELECT m.code, a.id, ? FROM municipality m, application a WHERE a.name LIKE 'System %'").bind(r.raindance.id).run();
    const db = drizzle(env.DB, { schema });
    const list = await refreshAttention(db, '2026-11-25', 'test');
    // 28 systems, none confirmed and none owned: two items each.
    expect(list.items).toHaveLength(56);
    expect(await count('attention_item')).toBe(56);
  });
});

describe('GET /api/v1/attention', () => {
  it('returns the stored list with when it was computed; a municipality\'s list keeps what concerns everyone', async () => {
    const reg = await register();
    await runCron();
    const viewer = await signIn('viewer');
    const all = await api('GET', '/attention', undefined, { as: viewer });
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({ computedAt: '2026-11-25T02:15:00.000Z', computedFor: '2026-11-25', computedBy: 'schemalagd uppdatering' });
    expect(all.body.items).toHaveLength(10);
    expect(all.body.items[4]).toEqual({
      kind: 'upcoming_freeze', urgency: 'soon', dueOn: '2026-12-15', municipality: null, municipalityName: null, subject: 'Årsskifte',
      detail: 'Förändringsstopp i hela miljön 2026-12-15–2027-01-15. Planera ändringarna före eller efter.',
      href: '/andringar?manad=2026-12', entity: 'freeze_rule', entityId: expect.any(Number),
    });

    const bengtsfors = await api('GET', '/attention?municipality=1460', undefined, { as: viewer });
    expect(bengtsfors.body.items.map((i: any) => i.municipality ?? 'alla')).toEqual(['1460', '1460', 'alla', '1460', '1460', '1460']);
    const notices = await api('GET', '/attention?kind=notice_deadline', undefined, { as: viewer });
    expect(notices.body.items.map((i: any) => i.entityId)).toEqual([reg.owned.id]);
  });

  it('refuses a filter it cannot read, per field in Swedish, and asks for a login', async () => {
    const bad = await api('GET', '/attention?municipality=Åmål&kind=everything');
    expect(bad.status).toBe(400);
    const issues = Object.fromEntries((bad.body.issues as { path: string; message: string }[]).map((i) => [i.path, i.message]));
    expect(issues.municipality).toBe('Kommun ska vara SCB:s fyrsiffriga kommunkod, t.ex. 1460.');
    expect(issues.kind).toMatch(/^Slag \(kind\) ska vara ett av notice_deadline, /);
    expect((await api('GET', '/attention', undefined, nobody)).status).toBe(401);
  });

  it('computes the list once when it never was (fresh deployment), then reads what it stored', async () => {
    await register();
    const first = await api('GET', '/attention');
    expect(first.body).toMatchObject({ computedAt: '2026-11-25T12:00:00.000Z', computedBy: 'första visningen' });
    expect(first.body.items).toHaveLength(10);
    vi.setSystemTime(now + 60_000);
    const second = await api('GET', '/attention?municipality=1492');
    expect(second.body.computedAt).toBe('2026-11-25T12:00:00.000Z');
    expect(second.body.items.every((i: any) => i.municipality === '1492' || i.municipality === null)).toBe(true);
    expect(await count('attention_refresh')).toBe(1);
  });
});

describe('POST /api/v1/attention/refresh', () => {
  it('recomputes now for administrators only', async () => {
    const reg = await register();
    await runCron();
    await env.DB.prepare('DELETE FROM freeze_rule').run();
    const editor = await signIn('editor', ['1460']);
    expect((await api('POST', '/attention/refresh', undefined, { as: editor })).status).toBe(403);
    expect(await count('attention_item')).toBe(10);
    const done = await api('POST', '/attention/refresh');
    expect(done.status).toBe(200);
    expect(done.body.computedBy).toMatch(/^admin\d+@test\.example$/);
    expect(done.body.items).toHaveLength(9);
    expect((await api('GET', '/attention')).body.items.map((i: any) => i.kind)).not.toContain('upcoming_freeze');
    expect(reg.owned.id).toBeGreaterThan(0);
  });
});

describe('the overview\'s "Att hantera"', () => {
  it('groups the items by kind with counts, links each, says the status in words and when it was computed', async () => {
    const reg = await register();
    await runCron();
    const html = await (await page('/')).text();
    const section = html.slice(html.indexOf('<section aria-labelledby="attention-heading"'), html.indexOf('id="catalogue-heading"'));
    expect(section).toContain('<h2 id="attention-heading">Att hantera</h2>');
    expect(section).toContain('Uppdaterad 2026-11-25 03:15 (schemalagd uppdatering).');
    expect(section).toContain('<h3 id="att-notice_deadline">Sista dag att säga upp avtal (1)</h3>');
    expect(section).toContain('<h3 id="att-unconfirmed_installation">System som inte har bekräftats (2)</h3>');
    expect(section).toContain(`<a href="/system/${reg.owned.id}">Ekonomisystem i Bengtsfors</a>`);
    expect(section).toContain('<a href="#att-missing_system_owner">System utan systemägare: 2</a>');
    expect(section).toContain('Initiativ som står still: 1');
    expect(section).toMatch(/attention-status-soon">Inom 30 dagar<\/span>/);
    expect(section).toMatch(/attention-status-missing">Saknas<\/span>/);
    // Administrators get the refresh button.
    expect(section).toContain('action="/att-hantera/uppdatera"');
    // Groups come in the page's order: notice deadlines first.
    expect(section.indexOf('att-notice_deadline">')).toBeLessThan(section.indexOf('att-upcoming_freeze">'));
  });

  it('filters by ?kommun= and keeps what concerns everyone; no refresh button for a viewer', async () => {
    await register();
    await runCron();
    const html = await (await page('/?kommun=1492', { as: await signIn('viewer') })).text();
    const section = html.slice(html.indexOf('attention-heading'), html.indexOf('id="catalogue-heading"'));
    expect(section).toContain('Ekonomisystem i Åmål');
    expect(section).toContain('Årsskifte');
    expect(section).not.toContain('Ekonomisystem i Bengtsfors');
    expect(section).toContain('<option value="1492" selected="">Åmål</option>');
    expect(section).not.toContain('/att-hantera/uppdatera');
  });

  it('shows three of a kind and links to all of them; says so when there is nothing', async () => {
    const r = await seedRegister();
    await env.DB.batch(Array.from({ length: 7 }, (_, n) =>
      env.DB.prepare("INSERT INTO application (name, kind, business_area_id) VALUES (?, 'common', ?)").bind(`System ${n}`, r.economy.id)));
    await env.DB.prepare("INSERT INTO installation (municipality_code, application_id, product_id, confirmed_on) SELECT '1460', a.id, ?, '2026-11-01' FROM application a WHERE a.name LIKE 'System %'").bind(r.raindance.id).run();
    let html = await (await page('/')).text();
    expect(html).toContain('System utan systemägare (7)');
    expect(html.match(/Ingen systemägare är utsedd/g)).toHaveLength(3);
    expect(html).toContain('<a href="/att-hantera?typ=missing_system_owner">Visa alla 7: system utan systemägare</a>');

    const full = await (await page('/att-hantera?typ=missing_system_owner')).text();
    expect(full.match(/Ingen systemägare är utsedd/g)).toHaveLength(7);

    await env.DB.prepare("INSERT INTO person (name) VALUES ('Eva Ek')").run();
    await env.DB.prepare("INSERT INTO role_assignment (person_id, role, installation_id) SELECT (SELECT id FROM person), 'system_owner', id FROM installation").run();
    expect((await api('POST', '/attention/refresh')).body.items).toEqual([]);
    html = await (await page('/')).text();
    expect(html).toContain('Inget att hantera just nu');
  });

  it('refreshes from the page for an administrator and says so', async () => {
    await register();
    const response = await page('/att-hantera/uppdatera', { method: 'POST' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/att-hantera?uppdaterad');
    const html = await (await page('/att-hantera?uppdaterad')).text();
    expect(html).toContain('Listan är uppdaterad.');
    expect(html).toMatch(/Uppdaterad 2026-11-25 13:00 \(admin\d+@test\.example\)/);
    const viewer = await signIn('viewer');
    expect((await page('/att-hantera/uppdatera', { method: 'POST', as: viewer })).status).toBe(403);
    const bad = await page('/att-hantera?kommun=xyz');
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('Filtret i adressen gick inte att förstå; hela listan visas.');
  });
});
