import { describe, expect, it } from 'vitest';
import { formInput, kronorToOre } from '../worker/forms.ts';
import { noticeDeadline, noticeStatus } from '../worker/portfolio/contracts.ts';
import { populationLines } from '../worker/portfolio/form-specs.ts';

describe('kronor typed in a form become exact öre', () => {
  it.each([
    ['125 000', 12_500_000], ['125 000,50', 12_500_050], ['0,5', 50], ['1.25', 125], ['12\u00a0345 kr', 1_234_500], ['0', 0],
  ])('%s → %i öre', (text, ore) => expect(kronorToOre(text)).toBe(ore));

  it.each(['tio', '-5', '1,234', '1e3', '', '99999999999999999999'])('refuses %j', (text) => expect(kronorToOre(text)).toBeUndefined());

  it('reports unreadable money at its field and converts the rest', () => {
    const { input, issues } = formInput({ licenceCostOre: 'tio', users: '12', contractEnd: '', twoFactor: 'on' },
      { licenceCostOre: 'kronor', users: 'integer', contractEnd: 'date', twoFactor: 'checkbox', singleSignOn: 'checkbox' });
    expect(issues).toEqual([{ path: 'licenceCostOre', message: expect.stringContaining('kronor') }]);
    expect(input).toEqual({ users: 12, contractEnd: null, twoFactor: true, singleSignOn: false });
  });
});

describe('contract notice', () => {
  it('counts the notice period back from the end date, clamped to the month', () => {
    expect(noticeDeadline('2027-06-30', 6)).toBe('2026-12-30');
    expect(noticeDeadline('2027-08-31', 6)).toBe('2027-02-28');
    expect(noticeDeadline('2027-03-31', 12)).toBe('2026-03-31');
    expect(noticeDeadline('2027-01-15', null)).toBe('2027-01-15');
  });

  it('tells passed, soon and later apart', () => {
    expect(noticeStatus('2027-03-31', 6, '2026-11-25')).toBe('passed');
    expect(noticeStatus('2027-06-30', 6, '2026-11-25')).toBe('soon');
    expect(noticeStatus('2028-06-30', 6, '2026-11-25')).toBe('later');
  });
});

describe('population lines', () => {
  it('reads one year and population per line, with spaces in the number', () => {
    expect(populationLines('2023 9 138\n\n2024: 9076')).toEqual({ populations: [{ year: 2023, population: 9138 }, { year: 2024, population: 9076 }], issues: [] });
    expect(populationLines('tjugo').issues[0]!.message).toContain('Rad 1');
  });
});
