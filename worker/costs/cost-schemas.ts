import * as v from 'valibot';
import { costCategories } from '../../schema/costs.ts';
import { id, municipalityCode, requiredText, text, versionField, wholeNumber } from '../validation.ts';
import { maxParts, part } from './schemas.ts';

const unknownField = 'Okänt fält.';
const nullable = <S extends v.GenericSchema>(schema: S) => v.optional(v.nullable(schema));
const year = wholeNumber('Året', 1900, 2200);

export const categoryLabel: Record<(typeof costCategories)[number], string> = {
  investment: 'Investering',
  operations: 'Drift',
  licence: 'Licens',
  network: 'Nät/kommunikation',
  training: 'Utbildning',
  solidarity: 'Solidarisk finansiering',
};

/** A key's parts for one year: the same part schema as the preview's. */
export const keyParts = v.pipe(
  v.array(part, 'Fördelningsnyckelns delar ska vara en lista.'),
  v.minLength(1, 'Fördelningsnyckeln måste ha minst en del.'),
  v.maxLength(maxParts, `Fördelningsnyckeln får ha högst ${maxParts} delar.`),
);

const yearAndParts = <T extends { year?: number; parts?: unknown }>(input: T) => (input.year === undefined) === (input.parts === undefined);
const yearAndPartsMessage = 'Ange både år och delar (eller inget av dem).';

/** `POST /api/v1/allocation-keys`: `{ name, description?, year?, parts? }`. */
export const keyCreate = v.pipe(
  v.strictObject({
    name: requiredText('Namn', 200),
    description: v.optional(text('Beskrivning', 2000)),
    year: v.optional(year),
    parts: v.optional(keyParts),
  }, unknownField),
  v.forward(v.check(yearAndParts, yearAndPartsMessage), ['parts']),
);

/** `PATCH /api/v1/allocation-keys/:id`: `{ version, name?, description?, year?, parts? }`; `parts: null` removes that year. */
export const keyPatch = v.pipe(
  v.strictObject({
    version: versionField,
    name: v.optional(requiredText('Namn', 200)),
    description: v.optional(text('Beskrivning', 2000)),
    year: v.optional(year),
    parts: v.optional(v.nullable(keyParts)),
  }, unknownField),
  v.forward(v.check(yearAndParts, yearAndPartsMessage), ['parts']),
);

const signedOre = v.pipe(
  v.number('Beloppet måste anges i öre som ett heltal.'),
  v.integer('Beloppet måste anges i hela öre (ett heltal).'),
  v.minValue(-10_000_000_000_000, 'Beloppet är orimligt stort.'),
  v.maxValue(10_000_000_000_000, 'Beloppet är orimligt stort.'),
);

const participants = v.pipe(
  v.array(municipalityCode('Deltagare'), 'Ange deltagarna som en lista med kommunkoder.'),
  v.minLength(1, 'Välj minst en kommun.'),
  v.maxLength(400, 'För många deltagare.'),
  v.check((codes) => new Set(codes).size === codes.length, 'Samma kommun finns med flera gånger.'),
);

const itemFields = {
  year,
  amountOre: signedOre,
  category: v.picklist(costCategories, 'Välj kategori: investering, drift, licens, nät/kommunikation, utbildning eller solidarisk finansiering.'),
  description: v.optional(text('Beskrivning', 2000)),
  collaborationId: nullable(id('Samverkan')),
  subareaId: nullable(id('Teknikområde')),
  /** Optional for a collaboration's cost: its agreed key is used. */
  keyId: v.optional(id('Fördelningsnyckel')),
  participants: v.optional(participants),
  applicationId: nullable(id('Applikation')),
  budgetOre: nullable(signedOre),
  /** Solidarity financing: the member compensated (credited the amount). */
  beneficiaryCode: nullable(municipalityCode('Kompenserad kommun')),
};

/** `POST /api/v1/cost-items`; at most one of collaborationId and subareaId (checked by the command). */
export const itemCreate = v.strictObject(itemFields, unknownField);

export const itemPatch = v.strictObject({ version: versionField, ...v.partial(v.object(itemFields)).entries }, unknownField);

export type KeyCreate = v.InferOutput<typeof keyCreate>;
export type KeyPatch = v.InferOutput<typeof keyPatch>;
export type ItemCreate = v.InferOutput<typeof itemCreate>;
export type ItemPatch = v.InferOutput<typeof itemPatch>;
