import * as v from 'valibot';
import { id, municipalityCode, wholeNumber } from '../validation.ts';

export const bases = ['equal', 'population', 'users', 'licences', 'custom'] as const;
export type Basis = (typeof bases)[number];

export const basisLabel: Record<Basis, string> = {
  equal: 'Lika delar',
  population: 'Folkmängd',
  users: 'Antal användare',
  licences: 'Licenser (licenskostnad)',
  custom: 'Egna vikter',
};

/** The most parts a key may have in the API; the calculator offers three. */
export const maxParts = 10;

/** A signed amount in öre: credits are negative. Same bound as `ore` in validation.ts. */
const signedOre = v.pipe(
  v.number('Beloppet måste anges i öre som ett heltal.'),
  v.integer('Beloppet måste anges i hela öre (ett heltal).'),
  v.minValue(-10_000_000_000_000, 'Beloppet är orimligt stort.'),
  v.maxValue(10_000_000_000_000, 'Beloppet är orimligt stort.'),
);

const positive = (label: string) => v.pipe(
  v.number(`${label} måste vara ett tal.`),
  v.finite(`${label} måste vara ett tal.`),
  v.gtValue(0, `${label} måste vara större än 0.`),
  v.maxValue(1e15, `${label} är orimligt stor.`),
);

const unknownField = 'Okänt fält.';

/** One part of a key; allocation keys store their per-year parts with this schema too. */
export const part = v.strictObject({
  basis: v.picklist(bases, 'Okänt underlag. Välj lika delar, folkmängd, användare, licenser eller egna vikter.'),
  weight: positive('Vikten'),
  weights: v.optional(v.record(municipalityCode(), positive('Kommunens vikt'), 'Egna vikter anges per kommunkod.')),
}, unknownField);

/** `POST /api/v1/allocations/preview`. */
export const previewSchema = v.strictObject({
  amountOre: signedOre,
  year: wholeNumber('Året', 1900, 2200),
  participants: v.pipe(
    v.array(municipalityCode(), 'Ange kommunerna som en lista med kommunkoder.'),
    v.minLength(1, 'Välj minst en kommun.'),
    v.check((codes) => new Set(codes).size === codes.length, 'Samma kommun finns med flera gånger.'),
  ),
  key: v.strictObject({
    parts: v.pipe(
      v.array(part, 'Fördelningsnyckelns delar ska vara en lista.'),
      v.minLength(1, 'Fördelningsnyckeln måste ha minst en del.'),
      v.maxLength(maxParts, `Fördelningsnyckeln får ha högst ${maxParts} delar.`),
    ),
  }, unknownField),
  applicationId: v.optional(id('Applikation')),
}, unknownField);

export type PreviewInput = v.InferOutput<typeof previewSchema>;
export type PreviewPart = PreviewInput['key']['parts'][number];
