import { env } from 'cloudflare:workers';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { api, auditEvents, seedRegister, signIn } from './helpers.ts';

// The Worker runs on the test's clock: "today" is Wednesday 25 November 2026.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(Date.UTC(2026, 10, 25, 12));
});
afterEach(() => { vi.useRealTimers(); });

const summer = { name: 'Sommarperiod', reason: 'Semestrar.', scope: 'all', kind: 'weeks', fromWeek: 27, toWeek: 32 };
const schoolStart = { name: 'Skolstart', scope: 'education', kind: 'window', fromDate: '2027-08-10', toDate: '2027-08-24' };

async function rule(body: object) {
  const r = await api('POST', '/freeze-periods', body);
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body;
}

const rows = async (table: string) => (await env.DB.prepare(`SELECT count(*) AS n FROM ${table}`).first<{ n: number }>())!.n;

describe('freeze periods', () => {
  it('are created, read, changed with their version, and deleted — audited', async () => {
    const created = await rule(summer);
    expect(created).toMatchObject({ name: 'Sommarperiod', kind: 'weeks', fromWeek: 27, toWeek: 32, fromDate: null, version: 1, nextPeriod: { from: '2027-07-05', to: '2027-08-15' } });
    expect((await api('GET', '/freeze-periods')).body).toHaveLength(1);
    // Shortening a period needs no notice.
    const patched = await api('PATCH', `/freeze-periods/${created.id}`, { version: 1, toWeek: 31 });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ version: 2, nextPeriod: { from: '2027-07-05', to: '2027-08-08' } });
    expect((await api('PATCH', `/freeze-periods/${created.id}`, { version: 1, name: 'X' })).status).toBe(409);
    expect((await api('DELETE', `/freeze-periods/${created.id}?version=1`)).status).toBe(409);
    expect((await api('DELETE', `/freeze-periods/${created.id}?version=2`)).status).toBe(204);
    expect((await api('GET', `/freeze-periods/${created.id}`)).status).toBe(404);
    expect((await auditEvents('freeze_rule')).map((e) => e.action)).toEqual(['create', 'update', 'delete']);
  });

  it('keeps only the fields of the rule\'s kind', async () => {
    const created = await rule({ ...summer, fromDate: '2027-01-01', toMonthDay: '01-15' });
    expect(created).toMatchObject({ fromWeek: 27, fromDate: null, toMonthDay: null });
  });

  it('refuses bad input per field in Swedish, writing nothing', async () => {
    const r = await api('POST', '/freeze-periods', { name: '', scope: 'school', kind: 'weeks', fromWeek: 54, toWeek: 0 });
    expect(r.status).toBe(400);
    expect(r.body.issues.map((i: { path: string }) => i.path).sort()).toEqual(['fromWeek', 'name', 'scope', 'toWeek']);
    const missing = await api('POST', '/freeze-periods', { name: 'Årsskifte', scope: 'all', kind: 'yearly', fromMonthDay: '02-30' });
    expect(missing.body.issues).toEqual([{ path: 'fromMonthDay', message: 'Första dagen ska vara en dag på formen MM-DD, t.ex. 12-15.' }]);
    const noEnd = await api('POST', '/freeze-periods', { name: 'Årsskifte', scope: 'all', kind: 'yearly', fromMonthDay: '12-15' });
    expect(noEnd.body.issues).toEqual([{ path: 'toMonthDay', message: 'Ange sista dagen, t.ex. 01-15.' }]);
    const backwards = await api('POST', '/freeze-periods', { ...schoolStart, toDate: '2027-08-01' });
    expect(backwards.body.issues).toEqual([{ path: 'toDate', message: 'Slutdatumet får inte vara före startdatumet.' }]);
    expect(await rows('freeze_rule')).toBe(0);
    expect(await auditEvents('freeze_rule')).toEqual([]);
  });

  it('need six weeks\' notice: a window starting in 42 days is accepted, in 41 days refused', async () => {
    // 2026-11-25 + 42 days = 2027-01-06.
    const late = await api('POST', '/freeze-periods', { name: 'Betygsveckor', scope: 'education', kind: 'window', fromDate: '2027-01-05', toDate: '2027-01-20' });
    expect(late.status).toBe(400);
    expect(late.body.issues).toEqual([{ path: 'fromDate', message: expect.stringContaining('minst sex veckor i förväg') }]);
    expect(late.body.issues[0].message).toContain('tidigast 2027-01-06');
    expect(await rows('freeze_rule')).toBe(0);
    expect((await api('POST', '/freeze-periods', { name: 'Betygsveckor', scope: 'education', kind: 'window', fromDate: '2027-01-06', toDate: '2027-01-20' })).status).toBe(201);
    // A yearly rule whose next period (15 December) is only 20 days away.
    const newYear = await api('POST', '/freeze-periods', { name: 'Årsskifte', scope: 'all', kind: 'yearly', fromMonthDay: '12-15', toMonthDay: '01-15' });
    expect(newYear.status).toBe(400);
    expect(newYear.body.issues[0].path).toBe('fromMonthDay');
  });

  it('are changed by administrators only', async () => {
    await seedRegister();
    const editor = await signIn('editor', ['1460']);
    expect((await api('POST', '/freeze-periods', summer, { as: editor })).status).toBe(403);
    expect((await api('GET', '/freeze-periods', undefined, { as: editor })).status).toBe(200);
  });
});

describe('GET /api/v1/changes/freeze-check', () => {
  it('answers for the education environment with every freeze, for the administration with the whole environment\'s', async () => {
    await rule(summer);
    await rule(schoolStart);
    expect((await api('GET', '/changes/freeze-check?date=2027-08-20&environment=education')).body)
      .toEqual({ frozen: true, periods: [{ name: 'Skolstart', from: '2027-08-10', to: '2027-08-24' }] });
    expect((await api('GET', '/changes/freeze-check?date=2027-08-20&environment=administration')).body).toEqual({ frozen: false, periods: [] });
    expect((await api('GET', '/changes/freeze-check?date=2027-08-12&environment=administration')).body)
      .toEqual({ frozen: true, periods: [{ name: 'Sommarperiod', from: '2027-07-05', to: '2027-08-15' }] });
    expect((await api('GET', '/changes/freeze-check?date=2027-08-12&environment=education')).body.periods.map((p: { name: string }) => p.name))
      .toEqual(['Sommarperiod', 'Skolstart']);
  });

  it('gets 400 for a bad date or environment', async () => {
    const bad = await api('GET', '/changes/freeze-check?date=2027-02-30&environment=school');
    expect(bad.status).toBe(400);
    expect(bad.body.issues.map((i: { path: string }) => i.path).sort()).toEqual(['date', 'environment']);
    expect(bad.body.issues.find((i: { path: string }) => i.path === 'date').message).toBe('Datumet är inget giltigt datum.');
    expect((await api('GET', '/changes/freeze-check?date=20270801&environment=education')).status).toBe(400);
    const none = await api('GET', '/changes/freeze-check');
    expect(none.status).toBe(400);
    expect(none.body.issues.map((i: { message: string }) => i.message)).toEqual([
      'Ange datumet (date) på formen ÅÅÅÅ-MM-DD.', 'Ange miljön (environment): education eller administration.',
    ]);
  });
});

const change = (extra: object = {}) => ({ title: 'Nytt trådlöst nät', startsOn: '2027-07-12', environment: 'administration', municipality: '1460', riskClass: 'normal', ...extra });
const exception = { riskAssessment: 'Skolorna är stängda.', rollbackPlan: 'De gamla accesspunkterna sitter kvar.' };

describe('planned changes', () => {
  it('outside a freeze are saved, read, changed and deleted — audited, with versions', async () => {
    await seedRegister();
    await rule(summer);
    const created = await api('POST', '/changes', change({ startsOn: '2027-02-09' }));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ clearance: 'clear', freezes: [], exceptionStatus: 'none', municipalityName: 'Bengtsfors', version: 1 });
    const patched = await api('PATCH', `/changes/${created.body.id}`, { version: 1, endsOn: '2027-02-10' });
    expect(patched.body).toMatchObject({ endsOn: '2027-02-10', version: 2 });
    expect((await api('PATCH', `/changes/${created.body.id}`, { version: 1, title: 'X' })).status).toBe(409);
    expect((await api('GET', '/changes?from=2027-02-10&to=2027-02-28')).body).toHaveLength(1);
    expect((await api('GET', '/changes?from=2027-03-01')).body).toHaveLength(0);
    expect((await api('DELETE', `/changes/${created.body.id}?version=2`)).status).toBe(204);
    expect((await api('GET', `/changes/${created.body.id}`)).status).toBe(404);
    expect((await auditEvents('planned_change')).map((e) => e.action)).toEqual(['create', 'update', 'delete']);
  });

  it('inside a freeze are refused at the date, naming the freeze period and its dates; nothing is written', async () => {
    await seedRegister();
    await rule(summer);
    const r = await api('POST', '/changes', change());
    expect(r.status).toBe(400);
    expect(r.body.issues).toHaveLength(1);
    expect(r.body.issues[0].path).toBe('startsOn');
    expect(r.body.issues[0].message).toContain('frysperioden Sommarperiod (2027-07-05–2027-08-15, gäller hela miljön)');
    // A change that starts before the freeze but runs into it is refused too.
    expect((await api('POST', '/changes', change({ startsOn: '2027-07-01', endsOn: '2027-07-05' }))).status).toBe(400);
    expect(await rows('planned_change')).toBe(0);
    expect(await auditEvents('planned_change')).toEqual([]);
  });

  it('a freeze of the education environment does not stop the administration\'s changes', async () => {
    await seedRegister();
    await rule(schoolStart);
    expect((await api('POST', '/changes', change({ startsOn: '2027-08-20' }))).status).toBe(201);
    const school = await api('POST', '/changes', change({ startsOn: '2027-08-20', environment: 'education' }));
    expect(school.status).toBe(400);
    expect(school.body.issues[0].message).toContain('Skolstart (2027-08-10–2027-08-24, gäller utbildningsmiljön)');
  });

  it('standard changes may be made inside a freeze', async () => {
    await seedRegister();
    await rule(summer);
    const r = await api('POST', '/changes', change({ riskClass: 'standard', exception }));
    expect(r.status).toBe(201);
    // No exception is needed, so none is kept.
    expect(r.body).toMatchObject({ clearance: 'standard', exceptionStatus: 'none', riskAssessment: '', freezes: [{ name: 'Sommarperiod', from: '2027-07-05', to: '2027-08-15', scope: 'all' }] });
  });

  it('refuses bad input per field, writing nothing', async () => {
    await seedRegister();
    const r = await api('POST', '/changes', { title: ' ', startsOn: '2027-13-01', environment: 'school', riskClass: 'risky', municipality: '14', installationId: 0 });
    expect(r.status).toBe(400);
    expect(r.body.issues.map((i: { path: string }) => i.path).sort()).toEqual(['environment', 'installationId', 'municipality', 'riskClass', 'startsOn', 'title']);
    const backwards = await api('POST', '/changes', change({ startsOn: '2027-02-09', endsOn: '2027-02-01' }));
    expect(backwards.body.issues).toEqual([{ path: 'endsOn', message: 'Slutdatumet får inte vara före datumet.' }]);
    const halfException = await api('POST', '/changes', change({ exception: { riskAssessment: 'Låg risk.', rollbackPlan: '' } }));
    expect(halfException.body.issues).toEqual([{ path: 'exception.rollbackPlan', message: 'Ange återställningsplanen.' }]);
    const unknown = await api('POST', '/changes', change({ municipality: '1438' }));
    expect(unknown.body.issues).toEqual([{ path: 'municipality', message: 'Det finns ingen kommun med koden 1438.' }]);
    expect(await rows('planned_change')).toBe(0);
  });

  it('an editor plans changes for their own municipalities only', async () => {
    const reg = await seedRegister();
    const amalSystem = await api('POST', '/installations', { municipality: '1492', applicationId: reg.finance.id, productId: reg.raindance.id });
    const editor = await signIn('editor', ['1460']);
    const own = await api('POST', '/changes', change({ startsOn: '2027-02-09' }), { as: editor });
    expect(own.status).toBe(201);
    expect((await api('POST', '/changes', change({ startsOn: '2027-02-09', municipality: '1492' }), { as: editor })).status).toBe(403);
    expect((await api('POST', '/changes', change({ startsOn: '2027-02-09', municipality: null }), { as: editor })).status).toBe(403);
    // The system's municipality counts: Åmål's system is not the editor's.
    expect((await api('POST', '/changes', change({ startsOn: '2027-02-09', municipality: null, installationId: amalSystem.body.id }), { as: editor })).status).toBe(403);
    const mismatch = await api('POST', '/changes', change({ startsOn: '2027-02-09', installationId: amalSystem.body.id }));
    expect(mismatch.body.issues).toEqual([{ path: 'installationId', message: 'Systemet hör till en annan kommun än den valda.' }]);
    const other = await api('POST', '/changes', change({ startsOn: '2027-02-09', municipality: '1492' }));
    expect((await api('PATCH', `/changes/${other.body.id}`, { version: 1, title: 'Mitt' }, { as: editor })).status).toBe(403);
    expect((await api('DELETE', `/changes/${other.body.id}`, undefined, { as: editor })).status).toBe(403);
    const viewer = await signIn('viewer');
    expect((await api('POST', '/changes', change({ startsOn: '2027-02-09' }), { as: viewer })).status).toBe(403);
    expect((await api('GET', '/changes', undefined, { as: viewer })).body).toHaveLength(2);
  });
});

describe('exception approval by role only', () => {
  it('an editor requests an exception; only an administrator approves it, as its own audited write', async () => {
    await seedRegister();
    await rule(summer);
    const editor = await signIn('editor', ['1460']);
    const requested = await api('POST', '/changes', change({ exception }), { as: editor });
    expect(requested.status).toBe(201);
    expect(requested.body).toMatchObject({ exceptionStatus: 'requested', clearance: 'requested', ...exception, exceptionRequestedBy: expect.stringContaining('editor') });
    const id = requested.body.id;

    // The editor cannot approve: not through the decision route, not by writing the status.
    expect((await api('POST', `/changes/${id}/exception-decision`, { version: 1, decision: 'approved' }, { as: editor })).status).toBe(403);
    const sneaky = await api('PATCH', `/changes/${id}`, { version: 1, exceptionStatus: 'approved' }, { as: editor });
    expect(sneaky.status).toBe(400);
    expect(sneaky.body.issues).toEqual([{ path: 'exceptionStatus', message: 'Okänt fält.' }]);
    for (const role of ['viewer', 'finance'] as const) {
      expect((await api('POST', `/changes/${id}/exception-decision`, { version: 1, decision: 'approved' }, { as: await signIn(role) })).status).toBe(403);
    }
    expect((await api('GET', `/changes/${id}`)).body.exceptionStatus).toBe('requested');

    // The administrator approves with the version read.
    expect((await api('POST', `/changes/${id}/exception-decision`, { version: 9, decision: 'approved' })).status).toBe(409);
    expect((await api('POST', `/changes/${id}/exception-decision`, { version: 1, decision: 'maybe' })).status).toBe(400);
    const approved = await api('POST', `/changes/${id}/exception-decision`, { version: 1, decision: 'approved' });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ exceptionStatus: 'approved', clearance: 'approved', version: 2, exceptionDecidedBy: expect.stringContaining('admin') });
    expect(approved.body.exceptionDecidedAt).toMatch(/^2026-11-25T/);
    const events = await auditEvents('planned_change');
    expect(events.map((e) => e.action)).toEqual(['create', 'update']);
    expect(JSON.parse(events[1]!.before!).exceptionStatus).toBe('requested');
    expect(JSON.parse(events[1]!.after!).exceptionStatus).toBe('approved');
    expect(events[1]!.actor).toContain('admin');
    // Decided once.
    expect((await api('POST', `/changes/${id}/exception-decision`, { version: 2, decision: 'rejected' })).status).toBe(409);

    // Editing the text keeps the approval; moving the change to other frozen days asks again.
    expect((await api('PATCH', `/changes/${id}`, { version: 2, description: 'Fler skolor.' }, { as: editor })).body.exceptionStatus).toBe('approved');
    const moved = await api('PATCH', `/changes/${id}`, { version: 3, startsOn: '2027-07-19' }, { as: editor });
    expect(moved.body).toMatchObject({ exceptionStatus: 'requested', exceptionDecidedBy: null });
    // Withdrawing the exception inside the freeze is refused.
    const withdrawn = await api('PATCH', `/changes/${id}`, { version: 4, exception: null }, { as: editor });
    expect(withdrawn.status).toBe(400);
    expect(withdrawn.body.issues[0].path).toBe('startsOn');
  });

  it('a rejected exception leaves the change refused', async () => {
    await seedRegister();
    await rule(summer);
    const requested = await api('POST', '/changes', change({ exception }));
    const rejected = await api('POST', `/changes/${requested.body.id}/exception-decision`, { version: 1, decision: 'rejected' });
    expect(rejected.body).toMatchObject({ exceptionStatus: 'rejected', clearance: 'rejected' });
    // Moved out of the freeze it needs no exception any more.
    const moved = await api('PATCH', `/changes/${requested.body.id}`, { version: 2, startsOn: '2027-08-17' });
    expect(moved.body).toMatchObject({ clearance: 'clear', exceptionStatus: 'none' });
  });
});
