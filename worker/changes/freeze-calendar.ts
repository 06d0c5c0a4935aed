/**
 * Freeze arithmetic (no I/O): a freeze rule's concrete periods, and whether a day is frozen
 * for an environment. Dates are ISO "YYYY-MM-DD" days without time zone; every period
 * includes both its first and its last day.
 */
import type { Environment, FreezeScope } from '../../schema/changes.ts';

export type FreezeTiming =
  | { kind: 'weeks'; fromWeek: number; toWeek: number }
  | { kind: 'yearly'; fromMonthDay: string; toMonthDay: string }
  | { kind: 'window'; fromDate: string; toDate: string };

export type FreezeDefinition = FreezeTiming & { name: string; scope: FreezeScope };

/** One concrete period of a rule: first and last frozen day. */
export type Occurrence = { from: string; to: string };

export type FrozenPeriod<R> = Occurrence & { rule: R };

const dayMs = 86_400_000;

/** Days since 1970-01-01 (UTC, so no daylight-saving step ever shifts a day). */
export const dayNumber = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / dayMs;
export const isoDay = (n: number) => new Date(n * dayMs).toISOString().slice(0, 10);
export const addDays = (iso: string, days: number) => isoDay(dayNumber(iso) + days);

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
export const isLeapYear = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** Monday = 1 … Sunday = 7, as ISO 8601 counts. */
export const isoWeekday = (iso: string) => ((((dayNumber(iso) + 3) % 7) + 7) % 7) + 1;

/** The Monday of ISO week 1: the week with the year's first Thursday (the one holding 4 January). */
function firstMonday(isoYear: number): number {
  const jan4 = dayNumber(`${pad(isoYear, 4)}-01-04`);
  return jan4 - (isoWeekday(isoDay(jan4)) - 1);
}

/** 53 when 28 December (always in the last week) falls in week 53: 2015, 2020, 2026, 2032 … */
export const isoWeeksInYear = (isoYear: number) => (firstMonday(isoYear + 1) - firstMonday(isoYear)) / 7;

/** The Monday of an ISO week; week 1 may start in the previous December. */
export const mondayOfWeek = (isoYear: number, week: number) => isoDay(firstMonday(isoYear) + (week - 1) * 7);

/** The ISO year and week of a day: 2026-12-31 is week 53 of 2026, 2027-01-01 too. */
export function isoWeek(iso: string): { year: number; week: number } {
  // The Thursday of the day's week decides its year.
  const thursday = dayNumber(iso) - isoWeekday(iso) + 4;
  const year = Number(isoDay(thursday).slice(0, 4));
  return { year, week: Math.floor((thursday - firstMonday(year)) / 7) + 1 };
}

/** "MM-DD" in a year; 29 February is the 28th in a year that lacks it. */
function monthDayIn(year: number, monthDay: string): string {
  const month = Number(monthDay.slice(0, 2));
  const day = Math.min(Number(monthDay.slice(3, 5)), daysInMonth(year, month));
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** Is "MM-DD" a day of some year (29 February included)? */
export const isMonthDay = (text: string) => {
  const match = /^(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const month = Number(match[1]);
  const day = Number(match[2]);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(2024, month);
};

/**
 * The period a rule starts in `year` (the ISO year for week rules), or undefined when it has
 * none: a dated window belongs to its first day's year, and week 53 exists only in some years
 * (a range ending in week 53 ends in week 52 when there is no week 53).
 */
export function occurrenceIn(timing: FreezeTiming, year: number): Occurrence | undefined {
  switch (timing.kind) {
    case 'weeks': {
      if (timing.fromWeek > isoWeeksInYear(year)) return undefined;
      const endYear = timing.fromWeek <= timing.toWeek ? year : year + 1;
      const toWeek = Math.min(timing.toWeek, isoWeeksInYear(endYear));
      return { from: mondayOfWeek(year, timing.fromWeek), to: addDays(mondayOfWeek(endYear, toWeek), 6) };
    }
    case 'yearly': {
      const crosses = timing.fromMonthDay > timing.toMonthDay;
      return { from: monthDayIn(year, timing.fromMonthDay), to: monthDayIn(crosses ? year + 1 : year, timing.toMonthDay) };
    }
    case 'window':
      return Number(timing.fromDate.slice(0, 4)) === year ? { from: timing.fromDate, to: timing.toDate } : undefined;
  }
}

/** The rule's periods that overlap [from, to], in order. */
export function occurrences(timing: FreezeTiming, from: string, to: string): Occurrence[] {
  if (timing.kind === 'window') return timing.fromDate <= to && timing.toDate >= from ? [{ from: timing.fromDate, to: timing.toDate }] : [];
  const found: Occurrence[] = [];
  // A period starting the year before can reach into `from` (15 Dec – 15 Jan, weeks 52–2).
  for (let year = Number(from.slice(0, 4)) - 1; year <= Number(to.slice(0, 4)); year++) {
    const period = occurrenceIn(timing, year);
    if (period && period.from <= to && period.to >= from) found.push(period);
  }
  return found;
}

/** For the education environment every freeze applies; for the administration only those of the whole environment. */
export const appliesTo = (scope: FreezeScope, environment: Environment) => scope === 'all' || environment === 'education';

/** The periods of the rules that apply to `environment` and overlap [from, to], by start. */
export function freezesDuring<R extends FreezeDefinition>(rules: R[], environment: Environment, from: string, to = from): FrozenPeriod<R>[] {
  return rules
    .filter((rule) => appliesTo(rule.scope, environment))
    .flatMap((rule) => occurrences(rule, from, to).map((period) => ({ ...period, rule })))
    .sort((a, b) => a.from.localeCompare(b.from) || a.rule.name.localeCompare(b.rule.name, 'sv'));
}

/** Is `date` frozen for `environment`, and by which periods? */
export function freezeCheck<R extends FreezeDefinition>(rules: R[], date: string, environment: Environment) {
  const periods = freezesDuring(rules, environment, date);
  return { frozen: periods.length > 0, periods };
}

/** The rule's next period that has not ended by `today`. */
export function nextOccurrence(timing: FreezeTiming, today: string): Occurrence | undefined {
  return occurrences(timing, today, addDays(today, 3 * 366))[0];
}
