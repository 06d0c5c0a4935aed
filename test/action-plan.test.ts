import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { actionPlan } from '../schema/demo/data.ts';
import { demoStatements } from '../schema/demo/sql.ts';
import { byDue, dueEnd, isOverdue, matchesFilter } from '../worker/goals/action-plan.ts';
import { validate } from '../worker/validation.ts';
import { actionCreate } from '../worker/goals/action-plan.ts';
import { api, auditEvents, page, signIn, snapshot } from './helpers.ts';

const one = async <T>(sql: string, ...binds: unknown[]) => (await env.DB.prepare(sql).bind(...binds).first<T>())!;

/** A strategy with two goals and a person to own activities. */
async function world() {
  const strategy = await one<{ id: number }>("INSERT INTO strategy (name, period_from, period_to) VALUES ('Gemensam IT-strategi', '2025-01-01', '2028-12-31') RETURNING id");
  const goal = (key: string, title: string) =>
    one<{ id: number }>("INSERT INTO goal (strategy_id, key, title, area, type, unit, deadline) VALUES (?, ?, ?, 'information_security', 'milestone', 'done', '2028-12-31') RETURNING id", strategy.id, key, title);
  const twoFactor = await goal('two-factor', 'Tvåfaktorsautentisering för känsliga system');
  const agreement = await goal('operating-agreement', 'Driftavtal för samtliga system');
  const person = await one<{ id: number }>("INSERT INTO person (name, email) VALUES ('Lars Fransson', 'lars@amal.se') RETURNING id");
  return { strategyId: strategy.id, twoFactor: twoFactor.id, agreement: agreement.id, personId: person.id };
}

/** Row counts of the action plan's tables with the rest of the register: "nothing written" is the same before and after. */
async function counts() {
  const own = await env.DB.batch(['action_item', 'action_item_goal', 'action_note'].map((t) => env.DB.prepare(`SELECT count(*) AS n FROM ${t}`)));
  return { ...(await snapshot()), actions: own.map((r) => (r.results[0] as { n: number }).n) };
}

const revision = (w: Awaited<ReturnType<typeof world>>) => ({
  title: 'Genomför en säkerhetsrevision', description: 'Kartlägg brister och prioritera åtgärder.', due: '2026-Q3',
  ownerId: w.personId, status: 'ongoing', goalIds: [w.twoFactor],
});

describe('overdue and due (pure)', () => {
  it('takes a quarter to its last day and a date as it is', () => {
    expect(dueEnd('2026-Q1')).toBe('2026-03-31');
    expect(dueEnd('2026-Q2')).toBe('2026-06-30');
    expect(dueEnd('2026-Q3')).toBe('2026-09-30');
    expect(dueEnd('2026-Q4')).toBe('2026-12-31');
    expect(dueEnd('2027-02-15')).toBe('2027-02-15');
    expect(dueEnd(null)).toBeNull();
  });

  it('is overdue the day after the quarter or date has passed, and only while planned or ongoing', () => {
    const q3 = { due: '2026-Q3', status: 'ongoing' as const };
    expect(isOverdue(q3, '2026-09-30')).toBe(false);
    expect(isOverdue(q3, '2026-10-01')).toBe(true);
    expect(isOverdue({ ...q3, status: 'planned' }, '2026-11-25')).toBe(true);
    expect(isOverdue({ ...q3, status: 'done' }, '2026-11-25')).toBe(false);
    expect(isOverdue({ ...q3, status: 'cancelled' }, '2026-11-25')).toBe(false);
    expect(isOverdue({ due: '2026-11-24', status: 'planned' }, '2026-11-25')).toBe(true);
    expect(isOverdue({ due: '2026-11-25', status: 'planned' }, '2026-11-25')).toBe(false);
    expect(isOverdue({ due: '2026-Q4', status: 'planned' }, '2026-11-25')).toBe(false);
    expect(isOverdue({ due: null, status: 'planned' }, '2099-01-01')).toBe(false);
  });

  it('sorts by due (a date before the quarter it ends with), without a due last', () => {
    const items = [
      { title: 'C', due: null }, { title: 'B', due: '2027-Q1' }, { title: 'A', due: '2027-03-31' }, { title: 'D', due: '2026-Q4' }, { title: 'E', due: '2027-01-15' },
    ];
    expect(items.sort(byDue).map((i) => i.title)).toEqual(['D', 'E', 'A', 'B', 'C']);
  });

  it('filters open and overdue activities', () => {
    const late = { due: '2026-Q2', status: 'ongoing' as const };
    expect(matchesFilter(late, 'overdue', '2026-11-25')).toBe(true);
    expect(matchesFilter(late, 'open', '2026-11-25')).toBe(true);
    expect(matchesFilter({ ...late, status: 'done' }, 'open', '2026-11-25')).toBe(false);
    expect(matchesFilter(late, undefined, '2026-11-25')).toBe(true);
  });

  it('accepts a quarter or a real date as due, nothing else', () => {
    const due = (value: unknown) => validate(actionCreate, { title: 'x', due: value });
    expect(due('2027-q2')).toMatchObject({ ok: true, value: { due: '2027-Q2' } });
    expect(due('2027-03-31')).toMatchObject({ ok: true, value: { due: '2027-03-31' } });
    for (const bad of ['2027-Q5', '2027Q2', 'Q2 2027', '2027-02-30', '2027-3-1', 'snart', 2027]) {
      expect(due(bad), String(bad)).toMatchObject({ ok: false, status: 400, issues: [{ path: 'due', message: expect.stringMatching(/Klart senast/) }] });
    }
  });
});

describe('the action plan API', () => {
  it('creates an activity with its owner and goals, and an audit event', async () => {
    const w = await world();
    const response = await api('POST', '/actions', revision(w));
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      id: expect.any(Number), version: 1, strategyId: w.strategyId, strategyName: 'Gemensam IT-strategi', title: 'Genomför en säkerhetsrevision',
      due: '2026-Q3', dueEnd: '2026-09-30', status: 'ongoing', owner: { id: w.personId, name: 'Lars Fransson' }, ownerText: '',
      goalIds: [w.twoFactor], goals: [{ id: w.twoFactor, key: 'two-factor', title: 'Tvåfaktorsautentisering för känsliga system' }],
      latestNote: null, notes: [],
    });
    const events = await auditEvents('action_item');
    expect(events.map((e) => [e.action, e.entity_id])).toEqual([['create', String(response.body.id)]]);
    expect(JSON.parse(events[0]!.after!)).toMatchObject({ title: 'Genomför en säkerhetsrevision', goalIds: [w.twoFactor] });
    expect((await api('GET', `/actions/${response.body.id}`)).body).toMatchObject({ title: 'Genomför en säkerhetsrevision', goalIds: [w.twoFactor] });
  });

  it('defaults: the newest strategy, planned, no due, no owner', async () => {
    const w = await world();
    const response = await api('POST', '/actions', { title: 'Kartlägg kompetensprofiler' });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ strategyId: w.strategyId, status: 'planned', due: null, owner: null, ownerText: '', goals: [], overdue: false });
  });

  it('lists activities by due, filtered by status, with their latest note', async () => {
    const w = await world();
    const late = (await api('POST', '/actions', { ...revision(w), due: '2020-Q1' })).body;
    await api('POST', '/actions', { title: 'Driftavtal', due: '2099-06-30', ownerText: 'IT-chefsgruppen', goalIds: [w.agreement] });
    await api('POST', '/actions', { title: 'Policy', due: '2019-12-31', status: 'done' });
    await api('POST', `/actions/${late.id}/notes`, { text: 'Första', on: '2026-01-10' });
    await api('POST', `/actions/${late.id}/notes`, { text: 'Senaste', on: '2026-02-10' });
    await api('POST', `/actions/${late.id}/notes`, { text: 'Inskriven i efterhand', on: '2025-12-01' });

    const all = (await api('GET', '/actions')).body;
    expect(all.map((a: { title: string }) => a.title)).toEqual(['Policy', 'Genomför en säkerhetsrevision', 'Driftavtal']);
    expect(all[1]).toMatchObject({ overdue: true, latestNote: { text: 'Senaste', on: '2026-02-10' } });
    expect(all[2]).toMatchObject({ overdue: false, latestNote: null, ownerText: 'IT-chefsgruppen', goals: [{ id: w.agreement }] });
    expect(all[0]).toMatchObject({ overdue: false, status: 'done' });
    expect((await api('GET', '/actions?status=overdue')).body.map((a: { id: number }) => a.id)).toEqual([late.id]);
    expect((await api('GET', '/actions?status=done')).body).toHaveLength(1);
    expect((await api('GET', '/actions?status=open')).body).toHaveLength(2);
    expect((await api('GET', `/actions?strategy=${w.strategyId + 1}`)).body).toEqual([]);
    const bad = await api('GET', '/actions?status=klar');
    expect(bad.status).toBe(400);
    expect(bad.body.issues).toEqual([{ path: 'status', message: expect.stringMatching(/Status ska vara en av/) }]);
  });

  it('changes an activity with the version read, replaces its goals and audits before and after', async () => {
    const w = await world();
    const { id } = (await api('POST', '/actions', revision(w))).body;
    const response = await api('PATCH', `/actions/${id}`, { version: 1, status: 'done', due: '2026-10-15', goalIds: [w.agreement, w.twoFactor], ownerId: null, ownerText: 'IT-säkerhetsgruppen' });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ version: 2, status: 'done', due: '2026-10-15', owner: null, ownerText: 'IT-säkerhetsgruppen', goalIds: [w.twoFactor, w.agreement].sort((a, b) => a - b) });
    const update = (await auditEvents('action_item')).filter((e) => e.action === 'update');
    expect(update).toHaveLength(1);
    expect(JSON.parse(update[0]!.before!)).toMatchObject({ status: 'ongoing', goalIds: [w.twoFactor], version: 1 });
    expect(JSON.parse(update[0]!.after!)).toMatchObject({ status: 'done', version: 2 });
    expect((await one<{ n: number }>('SELECT count(*) AS n FROM action_item_goal WHERE action_id = ?', id)).n).toBe(2);

    // Sending what is already there changes nothing and writes nothing.
    const before = await counts();
    expect((await api('PATCH', `/actions/${id}`, { version: 2, status: 'done' })).body).toMatchObject({ version: 2 });
    expect(await counts()).toEqual(before);
  });

  it('refuses a stale version with 409 and writes nothing', async () => {
    const w = await world();
    const { id } = (await api('POST', '/actions', revision(w))).body;
    expect((await api('PATCH', `/actions/${id}`, { version: 1, title: 'Ny titel' })).status).toBe(200);
    const before = await counts();
    const stale = await api('PATCH', `/actions/${id}`, { version: 1, title: 'Gammal läsning' });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatch(/Någon annan har ändrat/);
    expect((await api('DELETE', `/actions/${id}?version=1`)).status).toBe(409);
    expect(await counts()).toEqual(before);
    expect((await api('GET', `/actions/${id}`)).body.title).toBe('Ny titel');
  });

  it('deletes an activity with its goal links and notes, keeping them in the audit event', async () => {
    const w = await world();
    const { id } = (await api('POST', '/actions', revision(w))).body;
    await api('POST', `/actions/${id}/notes`, { text: 'Påbörjad.' });
    expect((await api('DELETE', `/actions/${id}?version=1`)).status).toBe(204);
    expect((await api('GET', `/actions/${id}`)).status).toBe(404);
    expect((await counts()).actions).toEqual([0, 0, 0]);
    const deleted = (await auditEvents('action_item')).find((e) => e.action === 'delete')!;
    expect(JSON.parse(deleted.before!)).toMatchObject({ title: 'Genomför en säkerhetsrevision', goalIds: [w.twoFactor], notes: [{ text: 'Påbörjad.' }] });
  });

  const refusals: [string, (w: Awaited<ReturnType<typeof world>>) => object, string, RegExp][] = [
    ['an empty title', () => ({ title: '  ' }), 'title', /Ange aktivitet/],
    ['a title that is not text', () => ({ title: 12 }), 'title', /måste vara text/],
    ['a quarter that does not exist', () => ({ title: 'x', due: '2026-Q5' }), 'due', /ÅÅÅÅ-Qn/],
    ['a date that does not exist', () => ({ title: 'x', due: '2026-02-30' }), 'due', /ÅÅÅÅ-MM-DD/],
    ['an unknown status', () => ({ title: 'x', status: 'klar' }), 'status', /Välj status/],
    ['an owner who does not exist', () => ({ title: 'x', ownerId: 999 }), 'ownerId', /Personen finns inte/],
    ['an owner id that is not an id', () => ({ title: 'x', ownerId: 'Lars' }), 'ownerId', /Välj ansvarig person/],
    ['a goal that does not exist', () => ({ title: 'x', goalIds: [999] }), 'goalIds', /Målet med id 999 finns inte/],
    ['goals that are not a list', () => ({ title: 'x', goalIds: 'two-factor' }), 'goalIds', /som en lista/],
    ['a strategy that does not exist', () => ({ title: 'x', strategyId: 999 }), 'strategyId', /Strategin finns inte/],
    ['an owner text that is too long', () => ({ title: 'x', ownerText: 'x'.repeat(201) }), 'ownerText', /högst 200 tecken/],
    ['an unknown field', () => ({ title: 'x', priority: 1 }), 'priority', /Okänt fält/],
  ];
  for (const [name, body, path, message] of refusals) {
    it(`refuses ${name} with 400 at the field and writes nothing`, async () => {
      const w = await world();
      const before = await counts();
      const response = await api('POST', '/actions', body(w));
      expect(response.status).toBe(400);
      expect(response.body.issues).toEqual(expect.arrayContaining([{ path, message: expect.stringMatching(message) }]));
      expect(await counts()).toEqual(before);
    });
  }

  it('refuses bad changes at the field, and a missing version, writing nothing', async () => {
    const w = await world();
    const { id } = (await api('POST', '/actions', revision(w))).body;
    const before = await counts();
    for (const [body, path] of [
      [{ version: 1, due: 'nästa år' }, 'due'], [{ version: 1, title: '' }, 'title'], [{ version: 1, goalIds: [w.agreement, 999] }, 'goalIds'],
      [{ version: 1, ownerId: 4242 }, 'ownerId'], [{ title: 'Utan version' }, 'version'], [{ version: 1, strategyId: w.strategyId }, 'strategyId'],
    ] as const) {
      const response = await api('PATCH', `/actions/${id}`, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.issues.map((i: { path: string }) => i.path)).toContain(path);
    }
    expect(await counts()).toEqual(before);
  });

  it('refuses a goal of another strategy', async () => {
    const w = await world();
    const other = await one<{ id: number }>("INSERT INTO strategy (name, period_from, period_to) VALUES ('Nästa strategi', '2029-01-01', '2032-12-31') RETURNING id");
    const response = await api('POST', '/actions', { title: 'x', strategyId: other.id, goalIds: [w.twoFactor] });
    expect(response.status).toBe(400);
    expect(response.body.issues).toEqual([{ path: 'goalIds', message: expect.stringMatching(/annan strategi/) }]);
  });

  it('needs a strategy to put the activity in', async () => {
    const response = await api('POST', '/actions', { title: 'Utan strategi' });
    expect(response.status).toBe(400);
    expect(response.body.issues).toEqual([{ path: 'strategyId', message: expect.stringMatching(/ingen strategi/) }]);
  });

  it('answers 404 for activities that do not exist', async () => {
    await world();
    const before = await counts();
    expect((await api('GET', '/actions/999')).status).toBe(404);
    expect((await api('GET', '/actions/abc')).status).toBe(404);
    expect((await api('PATCH', '/actions/999', { version: 1, title: 'x' })).status).toBe(404);
    expect((await api('DELETE', '/actions/999')).status).toBe(404);
    expect((await api('POST', '/actions/999/notes', { text: 'x' })).status).toBe(404);
    expect(await counts()).toEqual(before);
  });

  it('adds progress notes, audited, signed by the caller, dated today unless told', async () => {
    const w = await world();
    const { id } = (await api('POST', '/actions', revision(w))).body;
    const first = await api('POST', `/actions/${id}/notes`, { text: 'Revisionen klar i tre av fem kommuner.', on: '2026-10-14' });
    expect(first.status).toBe(201);
    const second = await api('POST', `/actions/${id}/notes`, { text: 'Mellerud bokad.' });
    const today = new Date().toISOString().slice(0, 10);
    expect(second.body.notes).toEqual([
      { id: expect.any(Number), on: today, text: 'Mellerud bokad.', actor: expect.stringContaining('@') },
      { id: expect.any(Number), on: '2026-10-14', text: 'Revisionen klar i tre av fem kommuner.', actor: expect.stringContaining('@') },
    ]);
    expect(second.body.latestNote).toMatchObject({ text: 'Mellerud bokad.' });
    expect(second.body.version).toBe(1);
    const events = await auditEvents('action_note');
    expect(events.map((e) => e.action)).toEqual(['create', 'create']);
    expect(events.map((e) => e.entity_id)).toEqual(second.body.notes.map((n: { id: number }) => String(n.id)).reverse());
    expect(JSON.parse(events[0]!.after!)).toMatchObject({ actionId: id, on: '2026-10-14', text: 'Revisionen klar i tre av fem kommuner.' });

    const before = await counts();
    for (const [body, path] of [[{ text: '' }, 'text'], [{ text: 'x', on: '2026-13-01' }, 'on'], [{}, 'text'], [{ text: 'x', actor: 'någon' }, 'actor']] as const) {
      const response = await api('POST', `/actions/${id}/notes`, body);
      expect(response.status).toBe(400);
      expect(response.body.issues.map((i: { path: string }) => i.path)).toContain(path);
    }
    expect(await counts()).toEqual(before);
  });

  it('is read by every role and changed by administrators only', async () => {
    const w = await world();
    const { id } = (await api('POST', '/actions', revision(w))).body;
    for (const role of ['viewer', 'finance', 'editor'] as const) {
      const as = await signIn(role);
      expect((await api('GET', '/actions', undefined, { as })).status).toBe(200);
      expect((await api('GET', `/actions/${id}`, undefined, { as })).status).toBe(200);
      const before = await counts();
      expect((await api('POST', '/actions', { title: 'x' }, { as })).status).toBe(403);
      expect((await api('PATCH', `/actions/${id}`, { version: 1, title: 'x' }, { as })).status).toBe(403);
      expect((await api('DELETE', `/actions/${id}`, undefined, { as })).status).toBe(403);
      expect((await api('POST', `/actions/${id}/notes`, { text: 'x' }, { as })).status).toBe(403);
      expect(await counts()).toEqual(before);
    }
    expect((await api('GET', '/actions', undefined, { as: '' })).status).toBe(401);
  });
});

describe('the action plan pages', () => {
  const loadDemo = () => env.DB.batch(demoStatements().map((s) => env.DB.prepare(s)));

  it('show the demo plan: statuses in words, owners, linked goals, latest notes, overdue ones marked', async () => {
    await loadDemo();
    const response = await page('/handlingsplan');
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('<h1>Handlingsplan</h1>');
    expect(html).toContain('aria-current="page"');
    for (const a of actionPlan) expect(html).toContain(a.title);
    for (const word of ['Planerad', 'Pågår', 'Klar', 'Inställd', 'Försenad', 'Lars Fransson', 'IT-chefsgruppen', 'kvartal 3 2026', 'Klart senast 2027']) expect(html).toContain(word);
    expect(html).toMatch(/href="\/mal\/\d+"/);
    expect(html).toContain('Klar i tre av fem kommuner');
    // The overdue ones: the security audit (2026-Q3) and the operating agreement template (2026-09-30), as of the demo day and after.
    const overdueRows = html.match(/<tr class="overdue">[\s\S]*?<\/tr>/g) ?? [];
    expect(overdueRows.length).toBeGreaterThanOrEqual(2);
    expect(overdueRows.every((row) => row.includes('Försenad'))).toBe(true);
    expect(overdueRows.join()).toContain('Genomför en säkerhetsrevision');
    expect(overdueRows.join()).toContain('Upprätta ett standardavtal för drift');
    expect(html).not.toMatch(/style=/);

    const overdue = await (await page('/handlingsplan?status=overdue')).text();
    expect(overdue).toContain('Genomför en säkerhetsrevision');
    expect(overdue).not.toContain('Kartlägg applikationer per kommun');
    const bad = await page('/handlingsplan?status=snart');
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('Välj en av statusarna');
  });

  it('link every demo activity to its goals when the goals are there', async () => {
    await loadDemo();
    const links = await one<{ n: number }>('SELECT count(*) AS n FROM action_item_goal');
    expect(links.n).toBe(actionPlan.reduce((n, a) => n + a.goals.length, 0));
    const overdue = (await api('GET', '/actions?status=overdue')).body.map((a: { title: string }) => a.title);
    expect(overdue).toEqual(expect.arrayContaining(['Genomför en säkerhetsrevision för att kartlägga brister och prioritera åtgärder']));
  });

  it('show an activity with its notes, and let an administrator add one', async () => {
    await loadDemo();
    const { id } = await one<{ id: number }>("SELECT id FROM action_item WHERE title LIKE 'Genomför en säkerhetsrevision%'");
    const html = await (await page(`/handlingsplan/${id}`)).text();
    expect(html).toContain('Lägesanteckningar');
    expect(html).toContain('Revisionen klar i Åmål och Bengtsfors.');
    expect(html).toContain('Skriv en lägesanteckning');

    const failed = await page(`/handlingsplan/${id}/anteckningar`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'text=&on=' });
    expect(failed.status).toBe(400);
    const failedHtml = await failed.text();
    expect(failedHtml).toContain('error-summary');
    expect(failedHtml).toContain('Ange anteckning.');

    const saved = await page(`/handlingsplan/${id}/anteckningar`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'text=Dals-Ed+klart.&on=' });
    expect(saved.status).toBe(303);
    expect(await (await page(saved.headers.get('location')!)).text()).toContain('Dals-Ed klart.');

    const viewer = await signIn('viewer');
    const asViewer = await (await page(`/handlingsplan/${id}`, { as: viewer })).text();
    expect(asViewer).not.toContain('Skriv en lägesanteckning');
    expect(asViewer).not.toContain('/andra');
  });

  it('add and change an activity through the forms, with errors at the fields', async () => {
    await loadDemo();
    const form = await (await page('/handlingsplan/ny')).text();
    expect(form).toContain('name="goalIds"');
    expect(form).toContain('Klart senast');

    const form400 = await page('/handlingsplan/ny', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'title=&due=hösten&status=planned&ownerId=&ownerText=' });
    expect(form400.status).toBe(400);
    const errors = await form400.text();
    expect(errors).toContain('Ange aktivitet.');
    expect(errors).toContain('ÅÅÅÅ-Qn');
    expect(errors).toContain('value="hösten"');

    const { id: goalId } = await one<{ id: number }>("SELECT id FROM goal WHERE key = 'two-factor'");
    const created = await page('/handlingsplan/ny', {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ title: 'Inför tvåfaktor i vården', due: '2027-q1', status: 'planned', ownerId: '', ownerText: 'IT-chefsgruppen', goalIds: String(goalId) }).toString(),
    });
    expect(created.status).toBe(303);
    const id = Number(/\/handlingsplan\/(\d+)/.exec(created.headers.get('location')!)![1]);
    expect((await api('GET', `/actions/${id}`)).body).toMatchObject({ due: '2027-Q1', goalIds: [goalId], ownerText: 'IT-chefsgruppen' });

    const edit = await (await page(`/handlingsplan/${id}/andra`)).text();
    expect(edit).toContain('value="2027-Q1"');
    const changed = await page(`/handlingsplan/${id}/andra`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ version: '1', title: 'Inför tvåfaktor i vården', due: '', status: 'ongoing', ownerId: '', ownerText: 'IT-chefsgruppen' }).toString(),
    });
    expect(changed.status).toBe(303);
    expect((await api('GET', `/actions/${id}`)).body).toMatchObject({ version: 2, due: null, status: 'ongoing', goalIds: [] });

    const stale = await page(`/handlingsplan/${id}/andra`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ version: '1', title: 'Gammal', status: 'done' }).toString(),
    });
    expect(stale.status).toBe(409);
    expect(await stale.text()).toContain('Läs in de aktuella uppgifterna');

    const removed = await page(`/handlingsplan/${id}/ta-bort`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'version=2' });
    expect(removed.status).toBe(303);
    expect((await api('GET', `/actions/${id}`)).status).toBe(404);
  });

  it('say so when the plan is empty', async () => {
    const html = await (await page('/handlingsplan')).text();
    expect(html).toContain('Handlingsplanen har inga aktiviteter än.');
    expect(html).toContain('href="/handlingsplan/ny"');
    expect((await page('/handlingsplan/999')).status).toBe(404);
  });
});
