import { describe, expect, it } from 'vitest';
import { attentionItems, byUrgency, urgencyOf, type AttentionFacts, type InstallationFact } from '../worker/attention/rules.ts';
import { feedEvents } from '../worker/changes/calendar-feed.ts';
import { addMonths, noticeDeadlineWithin } from '../worker/portfolio/contracts.ts';

// The rules of the attention list on hand-checked dates: no database, no clock.

let nextId = 1;
const system = (over: Partial<InstallationFact> = {}): InstallationFact => ({
  id: nextId++, municipality: '1460', municipalityName: 'Bengtsfors', applicationId: 1, applicationName: 'Ekonomisystem',
  vendor: 'CGI', productName: 'Raindance', contractEnd: null, noticeMonths: null, confirmedOn: '2026-10-01', ...over,
});

/** Facts where nothing needs attention but what a test adds: every system owned and confirmed. */
function facts(over: Partial<AttentionFacts> = {}): AttentionFacts {
  const installations = over.installations ?? [];
  return {
    installations, ownedInstallations: installations.map((i) => i.id), sharedOwners: [],
    overdueDocuments: [], freezeRules: [], stalledInitiatives: [], ...over,
  };
}

const ofKind = (items: ReturnType<typeof attentionItems>, kind: string) => items.filter((i) => i.kind === kind);

describe('month arithmetic', () => {
  it('clamps to the month\'s last day, leap years included', () => {
    expect(addMonths('2026-08-31', -6)).toBe('2026-02-28');
    expect(addMonths('2028-08-31', -6)).toBe('2028-02-29');
    expect(addMonths('2026-03-31', 6)).toBe('2026-09-30');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(addMonths('2026-12-15', 1)).toBe('2027-01-15');
  });
});

describe('notice deadlines within six months', () => {
  it('is the contract end minus the notice period: 31 August with six months is 28 February (29 in a leap year)', () => {
    const a = system({ contractEnd: '2026-08-31', noticeMonths: 6 });
    const b = system({ contractEnd: '2028-08-31', noticeMonths: 6 });
    const [notice] = ofKind(attentionItems(facts({ installations: [a] }), '2026-02-20'), 'notice_deadline');
    expect(notice).toMatchObject({ dueOn: '2026-02-28', urgency: 'soon', entity: 'installation', entityId: a.id, href: `/system/${a.id}`, municipality: '1460' });
    expect(notice!.detail).toBe('Säg upp eller förläng senast 2026-02-28: avtalet för CGI Raindance löper ut 2026-08-31 (6 månaders uppsägningstid).');
    expect(ofKind(attentionItems(facts({ installations: [b] }), '2028-01-15'), 'notice_deadline')[0]?.dueOn).toBe('2028-02-29');
  });

  it('includes today and the day six months ahead, and nothing after it', () => {
    const today = '2026-03-31'; // six months ahead: 2026-09-30
    const last = system({ contractEnd: '2026-12-31', noticeMonths: 3 }); // deadline 2026-09-30
    const after = system({ contractEnd: '2027-01-01', noticeMonths: 3 }); // deadline 2026-10-01
    const passed = system({ contractEnd: '2026-06-30', noticeMonths: 3 }); // deadline 2026-03-30: yesterday
    const onToday = system({ contractEnd: '2026-07-31', noticeMonths: 4 }); // deadline 2026-03-31
    const items = ofKind(attentionItems(facts({ installations: [last, after, passed, onToday] }), today), 'notice_deadline');
    expect(items.map((i) => [i.entityId, i.dueOn, i.urgency])).toEqual([
      [onToday.id, '2026-03-31', 'soon'],
      [last.id, '2026-09-30', 'later'],
    ]);
  });

  it('takes the contract end itself when no notice period is registered', () => {
    const open = system({ contractEnd: '2026-05-15', noticeMonths: null });
    const [item] = ofKind(attentionItems(facts({ installations: [open] }), '2026-04-01'), 'notice_deadline');
    expect(item).toMatchObject({ dueOn: '2026-05-15', urgency: 'later' });
    expect(item!.detail).toContain('(ingen uppsägningstid registrerad)');
  });

  it('gives the iCalendar feed the same day (the feed looks twelve months ahead, the list six)', () => {
    const a = system({ contractEnd: '2026-08-31', noticeMonths: 6 });
    const b = system({ contractEnd: '2026-12-31', noticeMonths: 3 }); // 2026-09-30: in the feed (to 2027-02-20), not in the list (to 2026-08-20)
    const today = '2026-02-20';
    const feed = feedEvents({
      rules: [], changes: [],
      contracts: [a, b].map((i) => ({ installationId: i.id, contractEnd: i.contractEnd, noticeMonths: i.noticeMonths, applicationName: i.applicationName, municipalityName: i.municipalityName, vendor: i.vendor, productName: i.productName })),
    }, today, 'https://samverkan.example');
    expect(feed.map((e) => [e.uid.split('@')[0], e.from])).toEqual([[`notice-${a.id}-2026-02-28`, '2026-02-28'], [`notice-${b.id}-2026-09-30`, '2026-09-30']]);
    const list = ofKind(attentionItems(facts({ installations: [a, b] }), today), 'notice_deadline');
    expect(list.map((i) => [i.entityId, i.dueOn])).toEqual([[a.id, '2026-02-28']]);
    expect(noticeDeadlineWithin('2026-12-31', 3, today, 6)).toBeUndefined();
    expect(noticeDeadlineWithin('2026-12-31', 3, today, 12)).toBe('2026-09-30');
  });
});

describe('contracts ending within twelve months', () => {
  it('lists ends up to the same day next year, and ended contracts of systems still in use as passed', () => {
    const today = '2026-02-28'; // horizon 2027-02-28
    const edge = system({ contractEnd: '2027-02-28', noticeMonths: 1 });
    const beyond = system({ contractEnd: '2027-03-01', noticeMonths: 1 });
    const ended = system({ contractEnd: '2026-01-31', noticeMonths: 3 });
    const soon = system({ contractEnd: '2026-03-30' });
    const items = ofKind(attentionItems(facts({ installations: [edge, beyond, ended, soon] }), today), 'contract_ending');
    expect(items.map((i) => [i.entityId, i.dueOn, i.urgency])).toEqual([
      [ended.id, '2026-01-31', 'overdue'],
      [soon.id, '2026-03-30', 'soon'],
      [edge.id, '2027-02-28', 'later'],
    ]);
    expect(items[0]!.detail).toBe('Avtalet för CGI Raindance löpte ut 2026-01-31, men systemet är inte avvecklat i registret.');
    expect(items[2]!.detail).toBe('Avtalet för CGI Raindance löper ut 2027-02-28.');
  });
});

describe('systems not confirmed for twelve months', () => {
  it('counts a confirmation made on the same day a year ago, not the day before; never confirmed comes first', () => {
    const today = '2026-11-25';
    const yearAgo = system({ confirmedOn: '2025-11-25' });
    const dayBefore = system({ confirmedOn: '2025-11-24' });
    const never = system({ confirmedOn: null });
    const items = ofKind(attentionItems(facts({ installations: [yearAgo, dayBefore, never] }), today), 'unconfirmed_installation');
    expect(items.map((i) => [i.entityId, i.dueOn, i.urgency, i.detail])).toEqual([
      [never.id, null, 'overdue', 'Uppgifterna har aldrig bekräftats.'],
      [dayBefore.id, '2026-11-24', 'overdue', 'Uppgifterna bekräftades senast 2025-11-24.'],
    ]);
  });

  it('clamps across a leap day: 29 February 2024 is still confirmed on 28 February 2025, not on 1 March', () => {
    const leap = system({ confirmedOn: '2024-02-29' });
    expect(ofKind(attentionItems(facts({ installations: [leap] }), '2025-02-28'), 'unconfirmed_installation')).toEqual([]);
    expect(ofKind(attentionItems(facts({ installations: [leap] }), '2025-03-01'), 'unconfirmed_installation')[0]?.dueOn).toBe('2025-02-28');
  });
});

describe('freezes starting within six weeks', () => {
  const newYear = { id: 7, name: 'Årsskifte', scope: 'all' as const, kind: 'yearly' as const, fromMonthDay: '12-15', toMonthDay: '01-15' };
  const summer = { id: 8, name: 'Sommarperiod', scope: 'education' as const, kind: 'weeks' as const, fromWeek: 27, toWeek: 32 };

  it('includes a period starting exactly 42 days ahead, not 43', () => {
    const at42 = attentionItems(facts({ freezeRules: [newYear] }), '2026-11-03');
    expect(at42).toEqual([{
      kind: 'upcoming_freeze', urgency: 'later', dueOn: '2026-12-15', municipality: null, municipalityName: null,
      subject: 'Årsskifte', href: '/andringar?manad=2026-12', entity: 'freeze_rule', entityId: 7,
      detail: 'Förändringsstopp i hela miljön 2026-12-15–2027-01-15. Planera ändringarna före eller efter.',
    }]);
    expect(attentionItems(facts({ freezeRules: [newYear] }), '2026-11-02')).toEqual([]);
  });

  it('finds ISO week periods (week 27 of 2026 starts Monday 29 June) and not one already under way', () => {
    const [item] = attentionItems(facts({ freezeRules: [summer] }), '2026-05-18');
    expect(item).toMatchObject({ dueOn: '2026-06-29', subject: 'Sommarperiod' });
    expect(item!.detail).toContain('utbildningsmiljön 2026-06-29–2026-08-09');
    expect(attentionItems(facts({ freezeRules: [summer, newYear] }), '2026-12-20')).toEqual([]);
    expect(attentionItems(facts({ freezeRules: [newYear] }), '2026-12-01')[0]?.urgency).toBe('soon');
  });
});

describe('systems without a system owner', () => {
  it('lists a system with no systemägare of its own, unless its collaboration has a shared owner', () => {
    const owned = system();
    const alone = system({ municipality: '1492', municipalityName: 'Åmål', applicationId: 2, applicationName: 'Lönesystem' });
    const shared = system({ municipality: '1492', municipalityName: 'Åmål', applicationId: 3, applicationName: 'Diarium' });
    const items = attentionItems(facts({
      installations: [owned, alone, shared], ownedInstallations: [owned.id],
      sharedOwners: [{ applicationId: 3, municipality: '1492' }, { applicationId: 2, municipality: '1460' }],
    }), '2026-11-25');
    expect(items).toEqual([{
      kind: 'missing_system_owner', urgency: 'missing', dueOn: null, municipality: '1492', municipalityName: 'Åmål',
      subject: 'Lönesystem i Åmål', href: `/system/${alone.id}`, entity: 'installation', entityId: alone.id,
      detail: 'Ingen systemägare är utsedd för Lönesystem i Åmål.',
    }]);
  });
});

describe('documents and initiatives', () => {
  it('says what is overdue, since when and whose it is', () => {
    const items = attentionItems(facts({
      overdueDocuments: [
        { id: 4, title: 'Informationssäkerhetspolicy', type: 'information_security_policy', municipality: null, municipalityName: null, ownerName: 'Eva Ek', nextReviewOn: '2026-10-26', daysOverdue: 30 },
        { id: 5, title: 'Driftplan Åmål', type: 'operations_plan', municipality: '1492', municipalityName: 'Åmål', ownerName: 'Per Holm', nextReviewOn: '2026-11-24', daysOverdue: 1 },
      ],
      stalledInitiatives: [{ id: 9, applicationName: 'E-arkiv', sponsor: '1438', sponsorName: 'Dals-Ed', stage: 'requirements', stageSince: '2026-08-01', daysInStage: 116 }],
    }), '2026-11-25');
    expect(items.map((i) => [i.kind, i.dueOn, i.href, i.municipality, i.detail])).toEqual([
      ['stalled_initiative', '2026-09-30', '/initiativ/9', '1438', 'Står still i steget Kravspecifikation sedan 2026-08-01 (116 dagar).'],
      ['overdue_document', '2026-10-26', '/styrdokument/4', null, 'Informationssäkerhetspolicy gemensam för samverkan skulle ha granskats 2026-10-26 (30 dagar sedan). Ägare: Eva Ek.'],
      ['overdue_document', '2026-11-24', '/styrdokument/5', '1492', 'Driftplan för Åmål skulle ha granskats 2026-11-24 (1 dag sedan). Ägare: Per Holm.'],
    ]);
    expect(items[0]!.subject).toBe('E-arkiv (Dals-Ed)');
  });
});

describe('the order', () => {
  it('puts passed first, then within 30 days, later and missing, each soonest day first', () => {
    const today = '2026-11-25';
    const notice = system({ contractEnd: '2027-03-20', noticeMonths: 3 }); // notice 2026-12-20 (soon); contract ends 2027-03-20 (later)
    const unowned = system({ applicationName: 'Arkiv' });
    const stale = system({ confirmedOn: '2025-01-10' });
    const items = attentionItems(facts({
      installations: [notice, unowned, stale], ownedInstallations: [notice.id, stale.id],
      freezeRules: [{ id: 1, name: 'Årsskifte', scope: 'all', kind: 'yearly', fromMonthDay: '12-15', toMonthDay: '01-15' }],
    }), today);
    expect(items.map((i) => [i.kind, i.urgency, i.dueOn])).toEqual([
      ['unconfirmed_installation', 'overdue', '2026-01-10'],
      ['upcoming_freeze', 'soon', '2026-12-15'],
      ['notice_deadline', 'soon', '2026-12-20'],
      ['contract_ending', 'later', '2027-03-20'],
      ['missing_system_owner', 'missing', null],
    ]);
    expect([...items].reverse().sort(byUrgency)).toEqual(items);
  });

  it('calls a day soon from today through 30 days ahead', () => {
    expect(urgencyOf('2026-11-24', '2026-11-25')).toBe('overdue');
    expect(urgencyOf('2026-11-25', '2026-11-25')).toBe('soon');
    expect(urgencyOf('2026-12-25', '2026-11-25')).toBe('soon');
    expect(urgencyOf('2026-12-26', '2026-11-25')).toBe('later');
  });
});
