import { describe, expect, it } from 'vitest';
import { documentTypes } from '../schema/documents.ts';
import {
  addDays, addYears, daysBetween, defaultReviewCycle, dueSoonDays, dueSoonUntil, nextReviewDate, reviewDistance, reviewStatus,
} from '../worker/documents/review.ts';

describe('next review date', () => {
  it('adds whole years to the same day', () => {
    expect(addYears('2024-03-15', 1)).toBe('2025-03-15');
    expect(addYears('2023-12-31', 5)).toBe('2028-12-31');
  });

  it('moves 29 February to 28 February in a common year, and keeps it in a leap year', () => {
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(addYears('2024-02-29', 3)).toBe('2027-02-28');
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
    expect(addYears('2100-02-28', 0)).toBe('2100-02-28');
    // 2100 is not a leap year (divisible by 100, not by 400); 2000 was.
    expect(addYears('2096-02-29', 4)).toBe('2100-02-28');
    expect(addYears('1996-02-29', 4)).toBe('2000-02-29');
  });

  it('counts from the last review when there is one, else from the decision', () => {
    expect(nextReviewDate({ decidedOn: '2022-06-01', lastReviewedOn: null, reviewCycleYears: 4 })).toBe('2026-06-01');
    expect(nextReviewDate({ decidedOn: '2022-06-01', lastReviewedOn: '2025-09-10', reviewCycleYears: 1 })).toBe('2026-09-10');
    expect(nextReviewDate({ decidedOn: '2024-02-29', lastReviewedOn: null, reviewCycleYears: 1 })).toBe('2025-02-28');
  });
});

describe('review status', () => {
  const today = '2026-11-25';

  it('is overdue once the review day has passed', () => {
    expect(reviewStatus('2026-11-24', today)).toBe('overdue');
    expect(reviewStatus('2020-01-01', today)).toBe('overdue');
  });

  it(`is due soon from the day itself up to ${dueSoonDays} days ahead`, () => {
    expect(dueSoonUntil(today)).toBe('2027-02-23');
    expect(reviewStatus(today, today)).toBe('due-soon');
    expect(reviewStatus('2027-02-23', today)).toBe('due-soon');
    expect(reviewStatus('2027-02-24', today)).toBe('valid');
  });

  it('counts days across month ends and leap days', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(daysBetween('2026-11-25', '2026-11-20')).toBe(-5);
    expect(daysBetween('2027-12-31', '2028-03-01')).toBe(61);
  });

  it('says the distance in words', () => {
    expect(reviewDistance('2026-11-24', today)).toBe('Försenad sedan 1 dag');
    expect(reviewDistance('2026-11-15', today)).toBe('Försenad sedan 10 dagar');
    expect(reviewDistance(today, today)).toBe('Ska granskas i dag');
    expect(reviewDistance('2026-12-25', today)).toBe('Om 30 dagar');
  });
});

describe('default review cycles', () => {
  it('follow the strategy table 1.4 where it has the type', () => {
    expect(defaultReviewCycle.it_policy.years).toBe(5);
    expect(defaultReviewCycle.it_strategy.years).toBeGreaterThanOrEqual(3);
    expect(defaultReviewCycle.it_strategy.years).toBeLessThanOrEqual(5);
    expect(defaultReviewCycle.information_security_policy.years).toBeGreaterThanOrEqual(3);
    expect(defaultReviewCycle.it_security_instruction.years).toBe(1);
    expect(defaultReviewCycle.system_security_plan.years).toBe(1);
  });

  it('has a cycle of 1–10 years and a stated basis for every type', () => {
    for (const t of documentTypes) {
      expect(defaultReviewCycle[t].years).toBeGreaterThanOrEqual(1);
      expect(defaultReviewCycle[t].years).toBeLessThanOrEqual(10);
      expect(defaultReviewCycle[t].basis).not.toBe('');
    }
  });
});
