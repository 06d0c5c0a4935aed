/**
 * Exact cost allocation (DESIGN.md, "Cost sharing"). Pure: no I/O.
 *
 * A key is one or more parts, each with a weight relative to the sum of the parts' weights.
 * Within a part every participant has a basis value (1 for equal, the population, users,
 * licences, a custom weight), relative to the part's sum. The parts are combined exactly as
 * rational numbers in BigInt, then rounded once to öre by largest remainder; ties go to the
 * lowest municipality code. The shares always add up to the total, to the öre. A negative
 * total (a credit) is shared as the positive one, negated.
 */

export type AllocationPart = {
  /** Positive; relative to the sum of all parts' weights. */
  weight: number;
  /** The basis value per participant (SCB code → non-negative value). Keys outside the participants are ignored. */
  shares: Record<string, bigint | number>;
};

export type AllocationInput = { totalOre: number; participants: string[]; parts: AllocationPart[] };

export type Share = { municipality: string; amountOre: number };

/** Invalid input; `path` names the offending part ("parts.1") or field, `message` is Swedish. */
export class AllocationError extends Error {
  // A plain field, not a parameter property: the demo data imports this module into Node's
  // type stripping (scripts/start.ts), which only erases types.
  readonly path: string;
  constructor(path: string, message: string) {
    super(message);
    this.path = path;
    this.name = 'AllocationError';
  }
}

type Rational = { num: bigint; den: bigint };

const abs = (n: bigint) => (n < 0n ? -n : n);
const gcd = (a: bigint, b: bigint): bigint => {
  a = abs(a); b = abs(b);
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
};
const lcm = (a: bigint, b: bigint) => (a / gcd(a, b)) * b;

/** A finite double (or a bigint) as the exact fraction it is: every double is m·2^e. */
export function toRational(value: bigint | number): Rational {
  if (typeof value === 'bigint') return { num: value, den: 1n };
  if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
  let den = 1n;
  let x = value;
  // At most 1074 doublings make any finite double an integer, and each one is exact.
  while (!Number.isInteger(x)) { x *= 2; den *= 2n; }
  const num = BigInt(x);
  const g = gcd(num, den) || 1n;
  return { num: num / g, den: den / g };
}

/**
 * Scale values to integers with the same ratios: multiply by the least common multiple of
 * their denominators (relative weights do not change when all are scaled alike).
 */
function asIntegers(values: Rational[]): bigint[] {
  const common = values.reduce((m, r) => lcm(m, r.den), 1n);
  return values.map((r) => r.num * (common / r.den));
}

/** The exact share of each participant as numerator over one common denominator (of |total|). */
export function exactShares(input: AllocationInput): { codes: string[]; numerators: bigint[]; denominator: bigint } {
  const { totalOre, participants, parts } = input;
  if (!Number.isSafeInteger(totalOre)) throw new AllocationError('totalOre', 'Beloppet måste anges i hela öre.');
  if (participants.length === 0) throw new AllocationError('participants', 'Välj minst en kommun.');
  const codes = [...participants].sort();
  for (let i = 1; i < codes.length; i++) {
    if (codes[i] === codes[i - 1]) throw new AllocationError('participants', `Kommunen ${codes[i]} finns med två gånger.`);
  }
  if (parts.length === 0) throw new AllocationError('parts', 'Fördelningsnyckeln måste ha minst en del.');
  parts.forEach((part, i) => {
    if (!(Number.isFinite(part.weight) && part.weight > 0)) throw new AllocationError(`parts.${i}`, `Del ${i + 1} måste ha en vikt större än 0.`);
  });
  const weights = asIntegers(parts.map((p) => toRational(p.weight)));
  const bases = parts.map((part, i) => {
    const values = codes.map((code) => {
      const value = part.shares[code];
      if (value === undefined) throw new AllocationError(`parts.${i}`, `Del ${i + 1} saknar underlag för kommunen ${code}.`);
      if (typeof value === 'number' && !Number.isFinite(value)) throw new AllocationError(`parts.${i}`, `Del ${i + 1} har ett ogiltigt underlag för kommunen ${code}.`);
      const rational = toRational(value);
      if (rational.num < 0n) throw new AllocationError(`parts.${i}`, `Del ${i + 1} har ett negativt underlag för kommunen ${code}.`);
      return rational;
    });
    const integers = asIntegers(values);
    const sum = integers.reduce((s, n) => s + n, 0n);
    if (sum === 0n) throw new AllocationError(`parts.${i}`, `Underlaget i del ${i + 1} är 0 för alla kommuner, så den delen går inte att fördela.`);
    return { integers, sum };
  });
  // share_p = |T| · Σ_i (w_i / W) · (s_ip / S_i), over the denominator W · L with L = lcm(S_i).
  const weightSum = weights.reduce((s, w) => s + w, 0n);
  const basisLcm = bases.reduce((m, b) => lcm(m, b.sum), 1n);
  const magnitude = abs(BigInt(totalOre));
  const numerators = codes.map((_, p) =>
    magnitude * bases.reduce((s, b, i) => s + weights[i]! * b.integers[p]! * (basisLcm / b.sum), 0n));
  return { codes, numerators, denominator: weightSum * basisLcm };
}

/** The shares in öre, sorted by municipality code, adding up to `totalOre` exactly. */
export function allocate(input: AllocationInput): Share[] {
  const { codes, numerators, denominator } = exactShares(input);
  const magnitude = abs(BigInt(input.totalOre));
  const floors = numerators.map((n) => n / denominator);
  const remainders = numerators.map((n) => n % denominator);
  let left = magnitude - floors.reduce((s, f) => s + f, 0n);
  // Largest remainder first; equal remainders: the lowest code (codes are sorted, so index order).
  const order = codes.map((_, i) => i).sort((a, b) => (remainders[b]! > remainders[a]! ? 1 : remainders[b]! < remainders[a]! ? -1 : a - b));
  for (const i of order) {
    if (left === 0n) break;
    floors[i] = floors[i]! + 1n;
    left -= 1n;
  }
  const sign = input.totalOre < 0 ? -1 : 1;
  // `0 * -1` is -0 in JavaScript; `|| 0` keeps zero shares plain 0.
  return codes.map((municipality, i) => ({ municipality, amountOre: (sign * Number(floors[i]!)) || 0 }));
}
