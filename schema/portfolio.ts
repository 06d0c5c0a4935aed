import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { versioned, yesNo } from './columns.ts';

export const applicationKinds = ['general', 'common', 'specific', 'technical'] as const;
export type ApplicationKind = (typeof applicationKinds)[number];

export const lifecyclePhases = ['planned', 'active', 'retiring', 'retired'] as const;
export type LifecyclePhase = (typeof lifecyclePhases)[number];

export const criticalities = ['low', 'medium', 'high', 'critical'] as const;
export type Criticality = (typeof criticalities)[number];

/** A member of the collaboration, keyed by its SCB municipality code (four digits, text: "0114"). */
export const municipality = sqliteTable('municipality', {
  code: text('code').primaryKey(),
  name: text('name').notNull().unique(),
  ...versioned,
}, (t) => [check('municipality_code_format', sql`length(${t.code}) = 4 AND ${t.code} NOT GLOB '*[^0-9]*'`)]);

/** Population per year: cost keys use the population of the cost's year. */
export const municipalityPopulation = sqliteTable('municipality_population', {
  municipalityCode: text('municipality_code').notNull().references(() => municipality.code, { onDelete: 'cascade', onUpdate: 'cascade' }),
  year: integer('year').notNull(),
  population: integer('population').notNull(),
}, (t) => [
  primaryKey({ columns: [t.municipalityCode, t.year] }),
  check('population_non_negative', sql`${t.population} >= 0`),
]);

/** Verksamhetsområde: the business area an application serves. */
export const businessArea = sqliteTable('business_area', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull().unique(),
  ...versioned,
});

/** Delområde of the technical platform; every technical application belongs to one. */
export const technicalSubarea = sqliteTable('technical_subarea', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull().unique(),
  ...versioned,
});

/** The catalogue entry shared by all members. */
export const application = sqliteTable('application', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull().unique(),
  kind: text('kind', { enum: applicationKinds }).notNull(),
  subareaId: integer('subarea_id').references(() => technicalSubarea.id),
  businessAreaId: integer('business_area_id').references(() => businessArea.id),
  description: text('description').notNull().default(''),
  ...versioned,
}, (t) => [
  check('application_kind', sql`${t.kind} IN ('general','common','specific','technical')`),
  // A technical item always belongs to a subarea, nothing else does.
  check('application_subarea_iff_technical', sql`(${t.kind} = 'technical') = (${t.subareaId} IS NOT NULL)`),
  index('application_kind_idx').on(t.kind),
]);

/** Vendor + product: "the same application" in the strategy means the same product. */
export const product = sqliteTable('product', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  vendor: text('vendor').notNull(),
  name: text('name').notNull(),
  ...versioned,
}, (t) => [uniqueIndex('product_vendor_name').on(t.vendor, t.name)]);

/** A municipality's use of an application (kommunens system). */
export const installation = sqliteTable('installation', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  municipality: text('municipality_code').notNull().references(() => municipality.code, { onUpdate: 'cascade' }),
  applicationId: integer('application_id').notNull().references(() => application.id),
  productId: integer('product_id').notNull().references(() => product.id),
  productVersion: text('product_version').notNull().default(''),
  administration: text('administration').notNull().default(''),
  lifecycle: text('lifecycle', { enum: lifecyclePhases }).notNull().default('active'),
  users: integer('users').notNull().default(0),
  licenceCostOre: integer('licence_cost_ore').notNull().default(0),
  operationsCostOre: integer('operations_cost_ore').notNull().default(0),
  contractEnd: text('contract_end'),
  noticeMonths: integer('notice_months'),
  confirmedOn: text('confirmed_on'),
  functionScore: integer('function_score'),
  competenceRisk: integer('competence_risk'),
  criticality: text('criticality', { enum: criticalities }),
  confidentialityClass: integer('confidentiality_class'),
  integrityClass: integer('integrity_class'),
  availabilityClass: integer('availability_class'),
  singleSignOn: yesNo('single_sign_on'),
  twoFactor: yesNo('two_factor'),
  traceability: yesNo('traceability'),
  operatingAgreement: yesNo('operating_agreement'),
  notes: text('notes').notNull().default(''),
  ...versioned,
}, (t) => [
  // One current installation per municipality and application; retired ones stay as history.
  uniqueIndex('installation_current').on(t.municipality, t.applicationId).where(sql`${t.lifecycle} <> 'retired'`),
  index('installation_application_idx').on(t.applicationId),
  index('installation_product_idx').on(t.productId),
  // The goal figures (worker/goals/engine.ts) read installations in use through these indexes alone, never the table:
  // by application for the figures, by member for the figures per member.
  index('installation_goal_idx').on(t.applicationId, t.lifecycle, t.confidentialityClass, t.traceability, t.operatingAgreement, t.twoFactor, t.singleSignOn, t.users, t.municipality, t.productId),
  index('installation_goal_member_idx').on(t.municipality, t.lifecycle, t.applicationId, t.confidentialityClass, t.traceability, t.operatingAgreement, t.twoFactor, t.singleSignOn, t.users),
  check('installation_lifecycle', sql`${t.lifecycle} IN ('planned','active','retiring','retired')`),
  check('installation_non_negative', sql`${t.users} >= 0 AND ${t.licenceCostOre} >= 0 AND ${t.operationsCostOre} >= 0`),
  check('installation_scores', sql`coalesce(${t.functionScore} BETWEEN 1 AND 5, 1) AND coalesce(${t.competenceRisk} BETWEEN 1 AND 5, 1)`),
  check('installation_classes', sql`coalesce(${t.confidentialityClass} BETWEEN 1 AND 4, 1) AND coalesce(${t.integrityClass} BETWEEN 1 AND 4, 1) AND coalesce(${t.availabilityClass} BETWEEN 1 AND 4, 1)`),
]);
