import { env } from 'cloudflare:workers';
import ICAL from 'ical.js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { escapeText, foldLine } from '../worker/changes/icalendar.ts';
import { api, auditEvents, page, seedRegister, signIn } from './helpers.ts';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(Date.UTC(2026, 10, 25, 12));
});
afterEach(() => { vi.useRealTimers(); });

const octets = (line: string) => new TextEncoder().encode(line).length;

describe('the iCalendar writer', () => {
  it('escapes backslash, semicolon, comma and newlines', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf')).toBe('a\\\\b\\;c\\,d\\ne\\nf');
  });

  it('folds at 75 octets without splitting a character, and unfolds to the original', () => {
    const line = `SUMMARY:${'Årsskifte för förändringsstopp i utbildningsmiljön – åäö ÅÄÖ '.repeat(4)}`;
    const folded = foldLine(line);
    const lines = folded.split('\r\n');
    expect(lines.length).toBeGreaterThan(3);
    expect(lines.every((l) => octets(l) <= 75)).toBe(true);
    expect(lines.slice(1).every((l) => l.startsWith(' '))).toBe(true);
    expect(folded.replaceAll('\r\n ', '')).toBe(line);
    expect(folded).not.toContain('\uFFFD');
  });
});

/** Standing freezes straight into D1, as the demo does: the notice rule is for new ones. */
async function standingFreezes() {
  await env.DB.batch([
    env.DB.prepare("INSERT INTO freeze_rule (name, kind, scope, from_week, to_week) VALUES ('Sommarperiod', 'weeks', 'all', 27, 32)"),
    env.DB.prepare("INSERT INTO freeze_rule (name, kind, scope, from_month_day, to_month_day) VALUES ('Årsskifte', 'yearly', 'all', '12-15', '01-15')"),
  ]);
}

async function calendarLink(as?: string) {
  const r = await api('POST', '/calendar-link', undefined, as ? { as } : {});
  expect(r.status).toBe(201);
  return r.body as { token: string; path: string; url: string };
}

const feed = (path: string) => page(path, { as: '' });

describe('GET /kalender/<token>.ics', () => {
  it('is a valid RFC 5545 calendar of freezes, changes and notice deadlines, read by ical.js', async () => {
    const reg = await seedRegister();
    await standingFreezes();
    const title = 'Byte av brandvägg; steg 1, del 2\\3\nmed Åmål';
    expect((await api('POST', '/changes', { title, startsOn: '2027-02-09', endsOn: '2027-02-10', environment: 'administration', municipality: '1492', riskClass: 'normal' })).status).toBe(201);
    // Notice (as the overview counts it, worker/portfolio/contracts.ts): 2027-06-30 minus 3 months = 2027-03-30 (within 12 months); 2028-12-31 minus 3 = 2028-09-30 (later); already passed.
    for (const [code, app, end] of [['1460', reg.finance.id, '2027-06-30'], ['1492', reg.finance.id, '2028-12-31'], ['1460', reg.firewall.id, '2026-12-01']] as const) {
      const r = await api('POST', '/installations', { municipality: code, applicationId: app, productId: reg.raindance.id, contractEnd: end, noticeMonths: 3 });
      expect(r.status).toBe(201);
    }
    const link = await calendarLink();
    expect(link.path).toMatch(/^\/kalender\/[a-z2-7]{32}\.ics$/);
    expect(link.url).toBe(`http://localhost${link.path}`);

    const response = await feed(link.path);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const text = await response.text();
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
    expect(text.split('\r\n').every((l) => octets(l) <= 75)).toBe(true);

    const calendar = new ICAL.Component(ICAL.parse(text));
    const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    // From 2025-11-24 to 2028-11-28: summers 2026–2028, new years 2025/26–2027/28, one change, one notice deadline.
    expect(events).toHaveLength(8);
    expect(new Set(events.map((e) => e.uid)).size).toBe(8);
    expect(calendar.getAllSubcomponents('vevent').every((v) => v.getFirstPropertyValue('dtstamp') !== null)).toBe(true);

    const summer = events.find((e) => e.summary === 'Frysperiod: Sommarperiod (hela miljön)' && e.startDate.year === 2027)!;
    expect(summer.startDate.isDate).toBe(true);
    expect(summer.startDate.toString()).toBe('2027-07-05');
    // DTEND is exclusive: the day after Sunday of week 32.
    expect(summer.endDate.toString()).toBe('2027-08-16');
    const newYear = events.find((e) => e.summary === 'Frysperiod: Årsskifte (hela miljön)' && e.startDate.year === 2026)!;
    expect([newYear.startDate.toString(), newYear.endDate.toString()]).toEqual(['2026-12-15', '2027-01-16']);

    const change = events.find((e) => e.summary.startsWith('Ändring:'))!;
    expect(change.summary).toBe(`Ändring: ${title} (Åmål)`);
    expect([change.startDate.toString(), change.endDate.toString()]).toEqual(['2027-02-09', '2027-02-11']);
    expect(change.description).toContain('Normal ändring i administrativa miljön.');

    const notices = events.filter((e) => e.summary.startsWith('Sista dag att säga upp'));
    expect(notices.map((e) => [e.summary, e.startDate.toString()])).toEqual([['Sista dag att säga upp: Ekonomisystem i Bengtsfors', '2027-03-30']]);
  });

  it('works only with a current link: a new link revokes the old, revoking ends it, unknown tokens get 404', async () => {
    await seedRegister();
    const first = await calendarLink();
    const second = await calendarLink();
    expect((await feed(first.path)).status).toBe(404);
    expect((await feed(second.path)).status).toBe(200);
    expect((await api('GET', '/calendar-link')).body).toMatchObject({ id: expect.any(Number), lastUsedAt: expect.any(String) });
    expect((await api('DELETE', '/calendar-link')).status).toBe(204);
    expect((await feed(second.path)).status).toBe(404);
    expect((await api('DELETE', '/calendar-link')).status).toBe(404);
    expect((await feed('/kalender/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.ics')).status).toBe(404);
    expect((await feed('/kalender/nonsense')).status).toBe(404);
    // Audited, without the token; only its hash is stored.
    const events = await auditEvents('calendar_link');
    expect(events.map((e) => e.action)).toEqual(['create', 'create', 'delete']);
    expect(JSON.stringify(events)).not.toContain(second.token);
    const stored = await env.DB.prepare('SELECT token_hash FROM calendar_link').all<{ token_hash: string }>();
    expect(stored.results.every((r) => r.token_hash.length === 64 && !r.token_hash.includes(second.token))).toBe(true);
  });

  it('is personal: every role may have one, a deactivated account\'s link stops working', async () => {
    await seedRegister();
    const viewer = await signIn('viewer');
    const link = await calendarLink(viewer);
    expect((await feed(link.path)).status).toBe(200);
    await env.DB.prepare("UPDATE user SET active = 0 WHERE role = 'viewer'").run();
    expect((await feed(link.path)).status).toBe(404);
  });
});
