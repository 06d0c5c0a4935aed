import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AllocationError, allocate, exactShares, type AllocationInput } from '../worker/costs/allocation.ts';

const amounts = (shares: { municipality: string; amountOre: number }[]) => Object.fromEntries(shares.map((s) => [s.municipality, s.amountOre]));

describe('allocate, hand-checked', () => {
  it('shares 100 000 öre equally over three, the extra öre to the lowest code', () => {
    const equal = { weight: 1, shares: { '1492': 1, '1438': 1, '1460': 1 } };
    expect(allocate({ totalOre: 100_000, participants: ['1492', '1460', '1438'], parts: [equal] })).toEqual([
      { municipality: '1438', amountOre: 33_334 },
      { municipality: '1460', amountOre: 33_333 },
      { municipality: '1492', amountOre: 33_333 },
    ]);
  });

  it('combines 40 % equal and 60 % population on the five Dalsland municipalities', () => {
    // Population 2024 (SCB): Dals-Ed 4 606, Färgelanda 6 376, Bengtsfors 9 076, Mellerud 9 052,
    // Åmål 11 906; sum 41 016. Total 1 000 000 öre.
    // Equal part: 400 000 / 5 = 80 000 each, exactly.
    // Population part: 600 000 · population / 41 016:
    //   Dals-Ed     2 763 600 000 / 41 016 =  67 378 rest 23 952 (0,584)
    //   Färgelanda  3 825 600 000 / 41 016 =  93 270 rest 37 680 (0,919)
    //   Bengtsfors  5 445 600 000 / 41 016 = 132 767 rest 28 728 (0,700)
    //   Mellerud    5 431 200 000 / 41 016 = 132 416 rest 25 344 (0,618)
    //   Åmål        7 143 600 000 / 41 016 = 174 166 rest  7 344 (0,179)
    // Floors sum to 999 997: three öre left, to the three largest remainders
    // (Färgelanda, Bengtsfors, Mellerud).
    const population = { '1438': 4606, '1439': 6376, '1460': 9076, '1461': 9052, '1492': 11906 };
    const codes = Object.keys(population);
    const shares = allocate({
      totalOre: 1_000_000,
      participants: codes,
      parts: [
        { weight: 40, shares: Object.fromEntries(codes.map((c) => [c, 1])) },
        { weight: 60, shares: population },
      ],
    });
    expect(amounts(shares)).toEqual({ '1438': 147_378, '1439': 173_271, '1460': 212_768, '1461': 212_417, '1492': 254_166 });
    // The same key with weights 0,4 and 0,6 (not exact doubles) gives the same shares.
    expect(allocate({
      totalOre: 1_000_000, participants: codes,
      parts: [{ weight: 0.4, shares: Object.fromEntries(codes.map((c) => [c, 1])) }, { weight: 0.6, shares: population }],
    })).toEqual(shares);
  });

  it('rounds a total that does not divide evenly by largest remainder', () => {
    // 10 öre by 1:2:4 → exactly 1,43 / 2,86 / 5,71; floors 1 + 2 + 5 = 8, the two öre left go
    // to the remainders 0,86 and 0,71.
    expect(amounts(allocate({ totalOre: 10, participants: ['1438', '1439', '1460'], parts: [{ weight: 1, shares: { '1438': 1, '1439': 2, '1460': 4 } }] })))
      .toEqual({ '1438': 1, '1439': 3, '1460': 6 });
  });

  it('shares a credit as the amount negated', () => {
    expect(amounts(allocate({ totalOre: -100_000, participants: ['1460', '1438', '1492'], parts: [{ weight: 1, shares: { '1438': 1, '1460': 1, '1492': 1 } }] })))
      .toEqual({ '1438': -33_334, '1460': -33_333, '1492': -33_333 });
  });

  it('handles products far beyond 2^53', () => {
    const shares = allocate({
      totalOre: 9_999_999_999_999, participants: ['0001', '0002'],
      parts: [{ weight: 3, shares: { '0001': 10n ** 15n, '0002': 10n ** 15n + 1n } }, { weight: 7, shares: { '0001': 1, '0002': 0 } }],
    });
    expect(shares.reduce((s, x) => s + x.amountOre, 0)).toBe(9_999_999_999_999);
  });

  it('refuses what cannot be allocated, saying what is wrong', () => {
    const base: AllocationInput = { totalOre: 100, participants: ['1438', '1460'], parts: [{ weight: 1, shares: { '1438': 1, '1460': 1 } }] };
    const error = (input: AllocationInput) => {
      try { allocate(input); } catch (e) { if (e instanceof AllocationError) return { path: e.path, message: e.message }; throw e; }
      throw new Error('no error');
    };
    expect(error({ ...base, parts: [...base.parts, { weight: 1, shares: { '1438': 0, '1460': 0 } }] })).toEqual({ path: 'parts.1', message: expect.stringContaining('del 2') });
    expect(error({ ...base, participants: [] }).path).toBe('participants');
    expect(error({ ...base, participants: ['1438', '1438'] }).path).toBe('participants');
    expect(error({ ...base, parts: [{ weight: 0, shares: { '1438': 1, '1460': 1 } }] }).path).toBe('parts.0');
    expect(error({ ...base, parts: [{ weight: -1, shares: { '1438': 1, '1460': 1 } }] }).path).toBe('parts.0');
    expect(error({ ...base, totalOre: 10.5 }).path).toBe('totalOre');
    expect(error({ ...base, parts: [] }).path).toBe('parts');
  });
});

// Property tests -------------------------------------------------------------------------

const code = fc.integer({ min: 1, max: 2999 }).map((n) => String(n).padStart(4, '0'));
const basisValue = fc.oneof(fc.bigInt({ min: 0n, max: 10n ** 15n }), fc.integer({ min: 0, max: 1_000_000 }), fc.constantFrom(0, 1));
const total = fc.oneof(fc.integer({ min: -10_000_000_000_000, max: 10_000_000_000_000 }), fc.integer({ min: -1000, max: 1000 }));

const inputs: fc.Arbitrary<AllocationInput> = fc.uniqueArray(code, { minLength: 1, maxLength: 12 }).chain((participants) =>
  fc.record({
    totalOre: total,
    participants: fc.constant(participants),
    parts: fc.array(
      fc.record({
        weight: fc.oneof(fc.integer({ min: 1, max: 100 }), fc.double({ min: 0.001, max: 1000, noNaN: true })),
        values: fc.array(basisValue, { minLength: participants.length, maxLength: participants.length }),
        // One participant always has something, so no part sums to 0.
        nonZero: fc.nat(participants.length - 1),
      }).map(({ weight, values, nonZero }) => ({
        weight,
        shares: Object.fromEntries(participants.map((c, i) => [c, i === nonZero && (values[i] === 0 || values[i] === 0n) ? 1 : values[i]!])),
      })),
      { minLength: 1, maxLength: 4 },
    ),
  }));

const sum = (shares: { amountOre: number }[]) => shares.reduce((s, x) => s + BigInt(x.amountOre), 0n);

describe('allocate, properties', () => {
  it('the shares add up to the total', () => {
    fc.assert(fc.property(inputs, (input) => sum(allocate(input)) === BigInt(input.totalOre)));
  });

  it('each share is within one öre of its exact value', () => {
    fc.assert(fc.property(inputs, (input) => {
      const shares = allocate(input);
      const { codes, numerators, denominator } = exactShares(input);
      const sign = input.totalOre < 0 ? -1n : 1n;
      return shares.every((s, i) => {
        expect(s.municipality).toBe(codes[i]);
        // |share − sign · num / den| < 1  ⇔  |share · den − sign · num| < den
        const difference = BigInt(s.amountOre) * denominator - sign * numerators[i]!;
        return (difference < 0n ? -difference : difference) < denominator;
      });
    }));
  });

  it('equal bases give shares at most one öre apart, the larger ones to the lowest codes', () => {
    fc.assert(fc.property(fc.uniqueArray(code, { minLength: 1, maxLength: 20 }), total, fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 3 }),
      (participants, totalOre, weights) => {
        const shares = allocate({ totalOre, participants, parts: weights.map((weight) => ({ weight, shares: Object.fromEntries(participants.map((c) => [c, 7])) })) });
        const values = shares.map((s) => Math.abs(s.amountOre));
        return Math.max(...values) - Math.min(...values) <= 1 && values.every((v, i) => i === 0 || v <= values[i - 1]!);
      }));
  });

  it('the order of the input does not matter', () => {
    fc.assert(fc.property(inputs, fc.func(fc.integer()), (input, rank) => {
      const shuffle = <T>(items: T[]) => items.map((item, i) => ({ item, key: rank(i) })).sort((a, b) => a.key - b.key).map((x) => x.item);
      const reordered = {
        totalOre: input.totalOre,
        participants: shuffle(input.participants),
        parts: shuffle(input.parts).map((p) => ({ weight: p.weight, shares: Object.fromEntries(shuffle(Object.entries(p.shares))) })),
      };
      expect(allocate(reordered)).toEqual(allocate(input));
    }));
  });

  it('the shares of −X are the shares of X negated', () => {
    fc.assert(fc.property(inputs, (input) => {
      const negated = allocate({ ...input, totalOre: -input.totalOre }).map((s) => ({ ...s, amountOre: -s.amountOre || 0 }));
      expect(negated).toEqual(allocate(input));
    }));
  });
});
