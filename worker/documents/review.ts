import type { DocumentType } from '../../schema/documents.ts';

/*
 * When a governing document is due for review, and how it stands today. Pure: no I/O, dates
 * as ISO text (YYYY-MM-DD), compared as text (which orders them correctly).
 */

/** Swedish names of the document types, as the strategy and the members' guidelines write them. */
export const documentTypeLabel: Record<DocumentType, string> = {
  it_policy: 'IT-policy',
  it_strategy: 'IT-strategi',
  information_security_policy: 'Informationssäkerhetspolicy',
  it_security_instruction: 'IT-säkerhetsinstruktion',
  system_security_plan: 'Systemsäkerhetsplan',
  operations_plan: 'Driftplan',
  application_instruction: 'Tillämpningsanvisning',
  continuity_plan: 'Kontinuitetsplan',
};

/**
 * Review cycle in years per type, and where it comes from. The strategy's table 1.4 gives
 * "Varaktighet": IT-policy 5 years, IT-strategi and informationssäkerhetspolicy 3–5 years
 * (we default to 4, the middle; pick 3 or 5 per document), IT-säkerhetsinstruktioner and
 * systemsäkerhetsplan 1 year. The table has no other types; our choices: a driftplan and a
 * kontinuitetsplan follow the systems and the organisation and are checked every year (the
 * guidelines in seed 001 want continuity plans "regelbundet granskas"), a
 * tillämpningsanvisning every 2 years (it changes with the system's versions and the law).
 */
export const defaultReviewCycle: Record<DocumentType, { years: number; basis: string }> = {
  it_policy: { years: 5, basis: 'IT-strategins tabell 1.4: 5 år' },
  it_strategy: { years: 4, basis: 'IT-strategins tabell 1.4: 3–5 år' },
  information_security_policy: { years: 4, basis: 'IT-strategins tabell 1.4: 3–5 år' },
  it_security_instruction: { years: 1, basis: 'IT-strategins tabell 1.4: 1 år' },
  system_security_plan: { years: 1, basis: 'IT-strategins tabell 1.4: 1 år' },
  operations_plan: { years: 1, basis: 'följer systemen, granskas varje år' },
  application_instruction: { years: 2, basis: 'följer systemets versioner och lagstiftningen' },
  continuity_plan: { years: 1, basis: 'ska granskas regelbundet, här varje år' },
};

/**
 * "Due soon" means the next review falls within this many days (today included). Ninety days
 * leaves a quarter to revise a document and get it through the body that decides it, which
 * in a small municipality meets about once a month.
 */
export const dueSoonDays = 90;

export type ReviewStatus = 'overdue' | 'due-soon' | 'valid';

export const reviewStatusLabel: Record<ReviewStatus, string> = {
  overdue: 'Försenad granskning',
  'due-soon': 'Granskas snart',
  valid: 'Gäller',
};

const parse = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return { y, m, d };
};
const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** The same day `years` later; a 29 February lands on 28 February in a common year. */
export function addYears(iso: string, years: number): string {
  const { y, m, d } = parse(iso);
  const year = y + years;
  return `${pad(year, 4)}-${pad(m)}-${pad(Math.min(d, daysInMonth(year, m)))}`;
}

export function addDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The next review: the last review, or else the decision, plus the cycle. */
export function nextReviewDate(doc: { decidedOn: string; lastReviewedOn: string | null; reviewCycleYears: number }): string {
  return addYears(doc.lastReviewedOn ?? doc.decidedOn, doc.reviewCycleYears);
}

/** The last day that still counts as "due soon" on `today`. */
export const dueSoonUntil = (today: string) => addDays(today, dueSoonDays);

/** Overdue once the review day has passed; due soon from `dueSoonDays` before it, the day itself included. */
export function reviewStatus(nextReviewOn: string, today: string): ReviewStatus {
  if (nextReviewOn < today) return 'overdue';
  if (nextReviewOn <= dueSoonUntil(today)) return 'due-soon';
  return 'valid';
}

/** "Försenad sedan 12 dagar", "Om 30 dagar", "I dag": the status in words for the lists. */
export function reviewDistance(nextReviewOn: string, today: string): string {
  const days = daysBetween(today, nextReviewOn);
  if (days === 0) return 'Ska granskas i dag';
  if (days < 0) return `Försenad sedan ${-days} ${-days === 1 ? 'dag' : 'dagar'}`;
  return `Om ${days} ${days === 1 ? 'dag' : 'dagar'}`;
}
