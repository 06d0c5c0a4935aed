import * as v from 'valibot';
import { applicationKinds, criticalities, lifecyclePhases } from '../../schema/portfolio.ts';
import { bool, id, isoDate, municipalityCode, ore, requiredText, text, versionField, wholeNumber } from '../validation.ts';

const unknownField = 'Okänt fält.';
const nullable = <S extends v.GenericSchema>(schema: S) => v.optional(v.nullable(schema));

const population = v.strictObject({
  year: wholeNumber('År', 1900, 2200),
  population: wholeNumber('Folkmängd', 0, 100_000_000),
}, unknownField);

const populations = v.pipe(
  v.array(population, 'Folkmängd ska vara en lista med år och antal.'),
  v.check((list) => new Set(list.map((p) => p.year)).size === list.length, 'Varje år får bara förekomma en gång.'),
);

export const municipalityCreate = v.strictObject({
  code: municipalityCode(),
  name: requiredText('Namn', 100),
  populations: v.optional(populations),
}, unknownField);

export const municipalityPatch = v.strictObject({
  version: versionField,
  name: v.optional(requiredText('Namn', 100)),
  populations: v.optional(populations),
}, unknownField);

export const namedCreate = v.strictObject({ name: requiredText('Namn', 100) }, unknownField);
export const namedPatch = v.strictObject({ version: versionField, name: v.optional(requiredText('Namn', 100)) }, unknownField);

const applicationFields = {
  name: requiredText('Namn', 120),
  kind: v.picklist(applicationKinds, 'Välj typ: generell, gemensam, verksamhetsspecifik eller teknisk.'),
  subareaId: nullable(id('Delområde')),
  businessAreaId: nullable(id('Verksamhetsområde')),
  description: v.optional(text('Beskrivning', 2000)),
};

export const applicationCreate = v.strictObject(applicationFields, unknownField);
export const applicationPatch = v.strictObject({ version: versionField, ...v.partial(v.object(applicationFields)).entries }, unknownField);

export const productCreate = v.strictObject({
  vendor: requiredText('Leverantör', 120),
  name: requiredText('Produktnamn', 120),
}, unknownField);
export const productPatch = v.strictObject({
  version: versionField,
  vendor: v.optional(requiredText('Leverantör', 120)),
  name: v.optional(requiredText('Produktnamn', 120)),
}, unknownField);

const classLevel = (label: string) => nullable(wholeNumber(label, 1, 4));
const score = (label: string) => nullable(wholeNumber(label, 1, 5));

/** What may change on an installation; its municipality and application are fixed at creation. */
const installationFields = {
  productId: id('Produkt'),
  productVersion: v.optional(text('Version', 60)),
  administration: v.optional(text('Förvaltning', 120)),
  lifecycle: v.optional(v.picklist(lifecyclePhases, 'Välj livscykelfas: planerad, i drift, under avveckling eller avvecklad.')),
  users: v.optional(wholeNumber('Antal användare', 0, 10_000_000)),
  licenceCostOre: v.optional(ore('Licenskostnad per år')),
  operationsCostOre: v.optional(ore('Driftkostnad per år')),
  contractEnd: nullable(isoDate('Avtalet löper ut')),
  noticeMonths: nullable(wholeNumber('Uppsägningstid (månader)', 0, 120)),
  confirmedOn: nullable(isoDate('Senast bekräftad')),
  functionScore: score('Hur väl det fungerar'),
  competenceRisk: score('Kompetensrisk'),
  criticality: nullable(v.picklist(criticalities, 'Välj kritikalitet: låg, måttlig, hög eller mycket hög.')),
  confidentialityClass: classLevel('Konfidentialitet'),
  integrityClass: classLevel('Riktighet'),
  availabilityClass: classLevel('Tillgänglighet'),
  singleSignOn: v.optional(bool('Single sign-on')),
  twoFactor: v.optional(bool('Tvåfaktorsinloggning')),
  traceability: v.optional(bool('Spårbarhet (loggning)')),
  operatingAgreement: v.optional(bool('Driftavtal (SLA)')),
  notes: v.optional(text('Anteckningar', 4000)),
};

export const installationCreate = v.strictObject({
  municipality: municipalityCode('Kommun'),
  applicationId: id('Applikation'),
  ...installationFields,
}, unknownField);

export const installationPatch = v.strictObject({
  version: versionField,
  ...v.partial(v.object(installationFields)).entries,
}, unknownField);

export type MunicipalityCreate = v.InferOutput<typeof municipalityCreate>;
export type MunicipalityPatch = v.InferOutput<typeof municipalityPatch>;
export type ApplicationCreate = v.InferOutput<typeof applicationCreate>;
export type ApplicationPatch = v.InferOutput<typeof applicationPatch>;
export type ProductCreate = v.InferOutput<typeof productCreate>;
export type InstallationCreate = v.InferOutput<typeof installationCreate>;
export type InstallationPatch = v.InferOutput<typeof installationPatch>;

/** Query filters, from the URL of an API call or a page alike. */
export const installationFilter = v.object({
  municipality: v.optional(municipalityCode('Kommun')),
  application: v.optional(v.pipe(v.string(), v.toNumber('Applikation måste vara ett id.'), id('Applikation'))),
});

export const catalogueFilter = v.object({
  kind: v.optional(v.picklist(applicationKinds, 'Okänd typ.')),
  businessArea: v.optional(v.pipe(v.string(), v.toNumber('Verksamhetsområde måste vara ett id.'), id('Verksamhetsområde'))),
});
export type CatalogueFilter = v.InferOutput<typeof catalogueFilter>;

/** The matrix takes the catalogue's filter and a level: applications with some member at it. */
export const matrixFilter = v.object({
  ...catalogueFilter.entries,
  level: v.optional(v.pipe(v.string(), v.toNumber('Nivån måste vara ett tal.'), wholeNumber('Nivå', 1, 5))),
});
export type MatrixFilter = v.InferOutput<typeof matrixFilter>;
