import * as v from 'valibot';
import { initiativeStages, participationAnswers, procurementRoutes } from '../../schema/initiatives.ts';
import { id, isoDate, municipalityCode, ore, requiredText, text, versionField } from '../validation.ts';

const unknownField = 'Okänt fält.';
const nullable = <S extends v.GenericSchema>(schema: S) => v.optional(v.nullable(schema));

/** What the stages produce; each may be filled in at any time and is required by its gate. */
export const outcomeFields = {
  preStudySummary: v.optional(text('Förstudiens sammanfattning', 8000)),
  investmentOre: nullable(ore('Investering/licens')),
  operationOrePerYear: nullable(ore('Drift per år')),
  trainingOre: nullable(ore('Utbildning')),
  routineChangeOre: nullable(ore('Ändrade rutiner')),
  benefitOrePerYear: nullable(ore('Nytta per år')),
  benefitNote: v.optional(text('Nyttan i ord', 4000)),
  decisionDate: nullable(isoDate('Beslutsdatum')),
  decisionBody: v.optional(text('Beslutande organ', 200)),
  decisionReference: v.optional(text('Beslutets diarienummer', 200)),
  requirementsReference: v.optional(text('Kravspecifikation', 4000)),
  procurementRoute: nullable(v.picklist(procurementRoutes, 'Välj upphandlingsform: ny upphandling enligt LOU eller befintligt ramavtal.')),
  procurementReference: v.optional(text('Upphandlingens hänvisning', 200)),
  productId: nullable(id('Produkt')),
  supplierAgreementReference: v.optional(text('Avtal med leverantören', 200)),
  operatingAgreementReference: v.optional(text('Driftavtal (SLA)', 200)),
  operatingAgreementDate: nullable(isoDate('Driftavtalets datum')),
};

/** `POST /api/v1/initiatives`: `{ applicationId, sponsor, purpose, …outcome fields }`. */
export const initiativeCreate = v.strictObject({
  applicationId: id('Applikation'),
  sponsor: municipalityCode('Initierande kommun'),
  purpose: requiredText('Syfte', 4000),
  ...outcomeFields,
}, unknownField);

/** `PATCH /api/v1/initiatives/:id`: `{ version, purpose?, …outcome fields }`; the stage moves only by advance/return. */
export const initiativePatch = v.strictObject({
  version: versionField,
  purpose: v.optional(requiredText('Syfte', 4000)),
  ...outcomeFields,
}, unknownField);

/**
 * `POST /api/v1/initiatives/:id/advance`: `{ version, note?, …what the gate needs }`.
 * `toStage`, when given, must be the next stage (a resent form cannot skip one).
 */
export const initiativeAdvance = v.strictObject({
  version: versionField,
  toStage: v.optional(v.picklist(initiativeStages, 'Okänt steg.')),
  purpose: v.optional(requiredText('Syfte', 4000)),
  note: v.optional(text('Anteckning', 2000)),
  ...outcomeFields,
}, unknownField);

/** `POST /api/v1/initiatives/:id/return`: `{ version, toStage, reason }`. */
export const initiativeReturn = v.strictObject({
  version: versionField,
  toStage: v.picklist(initiativeStages, 'Välj steget initiativet ska tillbaka till.'),
  reason: text('Skäl', 2000),
}, unknownField);

/** `PUT /api/v1/initiatives/:id/answers/:code`: `{ answer, comment?, version? }` (version once answered). */
export const answerPut = v.strictObject({
  answer: v.picklist(participationAnswers, 'Välj svar: ska delta, kanske eller deltar inte.'),
  comment: v.optional(text('Kommentar', 2000)),
  version: v.optional(versionField),
}, unknownField);

export type InitiativeCreate = v.InferOutput<typeof initiativeCreate>;
export type InitiativePatch = v.InferOutput<typeof initiativePatch>;
export type OutcomeInput = Partial<v.InferOutput<v.ObjectSchema<typeof outcomeFields, undefined>>>;
