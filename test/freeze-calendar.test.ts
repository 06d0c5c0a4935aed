import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays, freezeCheck, isLeapYear, isoWeek, isoWeekday, isoWeeksInYear, mondayOfWeek, occurrenceIn, occurrences, type FreezeDefinition,
} from '../worker/changes/freeze-calendar.ts';
import { earliestFreezeStart, unannouncedPeriod } from '../worker/changes/freeze-notice.ts';
import { monthGrid, shiftMonth } from '../worker/changes/month-grid.ts';

// Every expected date below was checked by hand against a printed calendar (and Python's
// date.fromisocalendar), not computed by the code under test.

const summer: FreezeDefinition = { name: 'Sommarperiod', scope: 'all', kind: 'weeks', fromWeek: 27, toWeek: 32 };
const newYear: FreezeDefinition = { name: 'Årsskifte', scope: 'all', kind: 'yearly', fromMonthDay: '12-15', toMonthDay: '01-15' };
const schoolStart: FreezeDefinition = { name: 'Skolstart', scope: 'education', kind: 'window', fromDate: '2027-08-10', toDate: '2027-08-24' };

describe('ISO weeks', () => {
  it('knows the years with 53 weeks', () => {
    expect([2004, 2009, 2015, 2020, 2026, 2032].map(isoWeeksInYear)).toEqual([53, 53, 53, 53, 53, 53]);
    expect([2021, 2024, 2025, 2027, 2028].map(isoWeeksInYear)).toEqual([52, 52, 52, 52, 52]);
  });

  it('starts week 1 in the previous December when 1 January is Tuesday–Thursday', () => {
    expect(mondayOfWeek(2026, 1)).toBe('2025-12-29'); // 1 January 2026 is a Thursday
    expect(mondayOfWeek(2025, 1)).toBe('2024-12-30'); // a Wednesday
    expect(mondayOfWeek(2021, 1)).toBe('2021-01-04'); // a Friday: 1–3 January belong to 2020's week 53
    expect(isoWeek('2024-12-30')).toEqual({ year: 2025, week: 1 });
  });

  it('puts the first days of January in the previous year\'s week 53', () => {
    expect(isoWeek('2026-12-31')).toEqual({ year: 2026, week: 53 });
    expect(isoWeek('2027-01-01')).toEqual({ year: 2026, week: 53 });
    expect(isoWeek('2027-01-03')).toEqual({ year: 2026, week: 53 });
    expect(isoWeek('2027-01-04')).toEqual({ year: 2027, week: 1 });
    expect(isoWeek('2021-01-03')).toEqual({ year: 2020, week: 53 });
  });

  it('expands summer weeks 27–32 Monday to Sunday', () => {
    expect(occurrenceIn(summer, 2026)).toEqual({ from: '2026-06-29', to: '2026-08-09' });
    expect(occurrenceIn(summer, 2027)).toEqual({ from: '2027-07-05', to: '2027-08-15' });
  });

  it('week 53 exists only in long years; a range to week 53 ends with week 52 otherwise', () => {
    const week53: FreezeDefinition = { name: 'v53', scope: 'all', kind: 'weeks', fromWeek: 53, toWeek: 53 };
    expect(occurrenceIn(week53, 2026)).toEqual({ from: '2026-12-28', to: '2027-01-03' });
    expect(occurrenceIn(week53, 2020)).toEqual({ from: '2020-12-28', to: '2021-01-03' });
    expect(occurrenceIn(week53, 2027)).toBeUndefined();
    const lateWeeks: FreezeDefinition = { name: 'v50–53', scope: 'all', kind: 'weeks', fromWeek: 50, toWeek: 53 };
    expect(occurrenceIn(lateWeeks, 2027)).toEqual({ from: '2027-12-13', to: '2028-01-02' });
  });

  it('a week range across the new year runs through week 53 where there is one', () => {
    const aroundNewYear: FreezeDefinition = { name: 'v52–2', scope: 'all', kind: 'weeks', fromWeek: 52, toWeek: 2 };
    expect(occurrenceIn(aroundNewYear, 2026)).toEqual({ from: '2026-12-21', to: '2027-01-17' });
    expect(freezeCheck([aroundNewYear], '2027-01-01', 'administration').frozen).toBe(true);
    expect(freezeCheck([aroundNewYear], '2027-01-18', 'administration').frozen).toBe(false);
  });
});

describe('yearly date ranges', () => {
  it('15 December – 15 January crosses the new year, and a January day finds last year\'s period', () => {
    expect(occurrenceIn(newYear, 2026)).toEqual({ from: '2026-12-15', to: '2027-01-15' });
    const check = freezeCheck([newYear], '2027-01-10', 'administration');
    expect(check.frozen).toBe(true);
    expect(check.periods.map(({ from, to }) => ({ from, to }))).toEqual([{ from: '2026-12-15', to: '2027-01-15' }]);
    expect(freezeCheck([newYear], '2027-01-16', 'education').frozen).toBe(false);
    expect(freezeCheck([newYear], '2026-12-14', 'education').frozen).toBe(false);
    expect(occurrences(newYear, '2027-01-01', '2027-12-31')).toEqual([
      { from: '2026-12-15', to: '2027-01-15' }, { from: '2027-12-15', to: '2028-01-15' },
    ]);
  });

  it('handles 29 February: the 28th in other years', () => {
    expect([1900, 2000, 2024, 2027, 2028, 2100].map(isLeapYear)).toEqual([false, true, true, false, true, false]);
    const february: FreezeDefinition = { name: 'Februari', scope: 'all', kind: 'yearly', fromMonthDay: '02-20', toMonthDay: '02-29' };
    expect(occurrenceIn(february, 2028)).toEqual({ from: '2028-02-20', to: '2028-02-29' });
    expect(occurrenceIn(february, 2027)).toEqual({ from: '2027-02-20', to: '2027-02-28' });
    expect(freezeCheck([february], '2027-03-01', 'education').frozen).toBe(false);
    const turn: FreezeDefinition = { name: 'Månadsskifte', scope: 'all', kind: 'yearly', fromMonthDay: '02-28', toMonthDay: '03-01' };
    expect(freezeCheck([turn], '2028-02-29', 'education').frozen).toBe(true);
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
  });
});

describe('environments', () => {
  it('education: every freeze applies; administration: only the whole environment\'s', () => {
    const rules = [summer, schoolStart];
    expect(freezeCheck(rules, '2027-08-20', 'education').periods.map((p) => p.rule.name)).toEqual(['Skolstart']);
    expect(freezeCheck(rules, '2027-08-20', 'administration')).toEqual({ frozen: false, periods: [] });
    // 2027-08-10 is in both the summer weeks (to Sunday 15 August) and the school start.
    expect(freezeCheck(rules, '2027-08-10', 'education').periods.map((p) => p.rule.name)).toEqual(['Sommarperiod', 'Skolstart']);
    expect(freezeCheck(rules, '2027-08-10', 'administration').periods.map((p) => [p.rule.name, p.from, p.to])).toEqual([['Sommarperiod', '2027-07-05', '2027-08-15']]);
  });
});

const isoDate = fc.integer({ min: Date.UTC(2000, 0, 1) / 86_400_000, max: Date.UTC(2098, 11, 31) / 86_400_000 })
  .map((n) => new Date(n * 86_400_000).toISOString().slice(0, 10));
const monthDay = fc.tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }))
  .filter(([m, d]) => d <= [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!)
  .map(([m, d]) => `${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
const weeksRule = fc.tuple(fc.integer({ min: 1, max: 53 }), fc.integer({ min: 1, max: 53 }))
  .map(([fromWeek, toWeek]): FreezeDefinition => ({ name: 'v', scope: 'all', kind: 'weeks', fromWeek, toWeek }));
const yearlyRule = fc.tuple(monthDay, monthDay)
  .map(([fromMonthDay, toMonthDay]): FreezeDefinition => ({ name: 'd', scope: 'all', kind: 'yearly', fromMonthDay, toMonthDay }));

describe('properties', () => {
  it('every day lies in the ISO week whose Monday mondayOfWeek gives', () => {
    fc.assert(fc.property(isoDate, (day) => {
      const { year, week } = isoWeek(day);
      const monday = mondayOfWeek(year, week);
      return week >= 1 && week <= isoWeeksInYear(year) && isoWeekday(monday) === 1 && monday <= day && day <= addDays(monday, 6);
    }));
  });

  it('week rules run Monday to Sunday, never longer than a year and a week', () => {
    fc.assert(fc.property(weeksRule, fc.integer({ min: 2000, max: 2098 }), (rule, year) => {
      const p = occurrenceIn(rule, year);
      if (!p) return rule.kind === 'weeks' && rule.fromWeek === 53 && isoWeeksInYear(year) === 52;
      return isoWeekday(p.from) === 1 && isoWeekday(p.to) === 7 && p.from <= p.to && p.to <= addDays(p.from, 371);
    }));
  });

  it('a day is frozen exactly when it lies in one of the periods around it', () => {
    fc.assert(fc.property(fc.oneof(weeksRule, yearlyRule), isoDate, (rule, day) => {
      const around = occurrences(rule, addDays(day, -400), addDays(day, 400));
      const inside = around.some((p) => p.from <= day && day <= p.to);
      return freezeCheck([rule], day, 'education').frozen === inside;
    }));
  });

  it('what freezes the administration freezes the education environment too', () => {
    const rule = fc.tuple(fc.oneof(weeksRule, yearlyRule), fc.constantFrom('all' as const, 'education' as const)).map(([r, scope]) => ({ ...r, scope }));
    fc.assert(fc.property(fc.array(rule, { maxLength: 4 }), isoDate, (rules, day) =>
      !freezeCheck(rules, day, 'administration').frozen || freezeCheck(rules, day, 'education').frozen));
  });
});

describe('six weeks\' notice for new freezes', () => {
  const today = '2026-11-25';
  const window = (fromDate: string, toDate = fromDate): FreezeDefinition => ({ name: 'Ny', scope: 'all', kind: 'window', fromDate, toDate });

  it('accepts a period starting exactly 42 days from today, refuses one starting 41 days from today', () => {
    expect(earliestFreezeStart(today)).toBe('2027-01-06');
    expect(unannouncedPeriod(today, window('2027-01-06', '2027-01-20'))).toBeUndefined();
    expect(unannouncedPeriod(today, window('2027-01-05', '2027-01-20'))).toEqual({ from: '2027-01-05', to: '2027-01-20' });
    // Already running, or starting today.
    expect(unannouncedPeriod(today, window('2026-11-20', '2026-11-30'))).toBeDefined();
    expect(unannouncedPeriod(today, window(today))).toBeDefined();
    // Entirely past: nothing is frozen without notice.
    expect(unannouncedPeriod(today, window('2026-10-01', '2026-10-05'))).toBeUndefined();
  });

  it('counts a recurring rule\'s first period that has not ended', () => {
    // Week 2 of 2027 starts Monday 2027-01-11 (47 days), week 1 on 2027-01-04 (40 days).
    expect(unannouncedPeriod(today, { scope: 'all', kind: 'weeks', fromWeek: 2, toWeek: 3 })).toBeUndefined();
    expect(unannouncedPeriod(today, { scope: 'all', kind: 'weeks', fromWeek: 1, toWeek: 3 })).toEqual({ from: '2027-01-04', to: '2027-01-24' });
    expect(unannouncedPeriod(today, { scope: 'all', kind: 'yearly', fromMonthDay: '01-06', toMonthDay: '01-08' })).toBeUndefined();
    expect(unannouncedPeriod(today, { scope: 'all', kind: 'yearly', fromMonthDay: '01-05', toMonthDay: '01-08' })).toBeDefined();
  });

  it('on a change, only days it newly freezes need notice', () => {
    const before = window('2026-12-01', '2026-12-10');
    expect(unannouncedPeriod(today, window('2026-12-01', '2026-12-05'), before)).toBeUndefined(); // shortened
    expect(unannouncedPeriod(today, window('2026-12-01', '2026-12-12'), before)).toBeDefined(); // lengthened within six weeks
    expect(unannouncedPeriod(today, window('2026-12-01', '2027-02-01'), before)).toBeDefined(); // covers 11 Dec – 5 Jan anew
    const education = { ...before, scope: 'education' as const };
    expect(unannouncedPeriod(today, before, education)).toBeDefined(); // widened to the administration
    expect(unannouncedPeriod(today, education, before)).toBeUndefined(); // narrowed
  });
});

describe('the month grid', () => {
  it('shows whole ISO weeks, Monday first, with week numbers', () => {
    const grid = monthGrid('2026-12');
    expect(grid.map((w) => w.week)).toEqual([49, 50, 51, 52, 53]);
    expect(grid[0]!.days[0]).toEqual({ date: '2026-11-30', inMonth: false });
    expect(grid.at(-1)!.days[6]).toEqual({ date: '2027-01-03', inMonth: false });
    expect(monthGrid('2027-02').map((w) => w.days[0]!.date)).toEqual(['2027-02-01', '2027-02-08', '2027-02-15', '2027-02-22']);
    expect(shiftMonth('2026-12', 1)).toBe('2027-01');
    expect(shiftMonth('2027-01', -1)).toBe('2026-12');
  });
});
