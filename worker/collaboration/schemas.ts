import * as v from 'valibot';
import { id, isoDate, municipalityCode, text, versionField, wholeNumber } from '../validation.ts';

const unknownField = 'Okänt fält.';
const nullable = <S extends v.GenericSchema>(schema: S) => v.optional(v.nullable(schema));
const level = (label: string) => wholeNumber(label, 2, 5);

const participants = v.pipe(
  v.array(municipalityCode('Deltagare'), 'Ange de deltagande kommunerna som en lista med kommunkoder.'),
  v.maxLength(400, 'För många deltagare.'),
);

/** The agreement's terms (strategy appendix C) and the rest of what may change. */
const changeable = {
  level: level('Nivå'),
  participants,
  host: municipalityCode('Värdkommun'),
  ownerId: nullable(id('Systemägare')),
  scope: v.optional(text('Omfattning', 2000)),
  area: v.optional(text('Område', 200)),
  lowestLevel: nullable(level('Lägsta nivå')),
  highestLevel: nullable(level('Högsta nivå')),
  validFrom: nullable(isoDate('Gäller från')),
  validTo: nullable(isoDate('Gäller till')),
  decisionReference: v.optional(text('Beslut (diarienummer)', 200)),
  decisionDate: nullable(isoDate('Beslutsdatum')),
  serviceLevels: v.optional(text('Servicenivåer', 4000)),
  /** The agreed cost-sharing key (fördelningsnyckel) for the collaboration's costs. */
  allocationKeyId: nullable(id('Fördelningsnyckel')),
  /** When a new level takes effect (default: today); kept in the level history. */
  levelChangedOn: v.optional(isoDate('Nivån gäller från')),
  levelNote: v.optional(text('Kommentar till nivåändringen', 500)),
};

export const collaborationCreate = v.strictObject({ applicationId: id('Applikation'), ...changeable }, unknownField);

export const collaborationPatch = v.strictObject({
  version: versionField,
  ...v.partial(v.object(changeable)).entries,
  /** Ending a collaboration keeps it and its history; its members are free to join another. */
  endedOn: nullable(isoDate('Avslutad')),
}, unknownField);

export type CollaborationCreate = v.InferOutput<typeof collaborationCreate>;
export type CollaborationPatch = v.InferOutput<typeof collaborationPatch>;
