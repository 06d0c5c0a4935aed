import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { versioned } from './columns.ts';
import { collaboration } from './collaboration.ts';
import { application, municipality, product } from './portfolio.ts';

/**
 * The stages of the strategy's appendix F ("Process för införande av nya applikationer"), in
 * its order: förstudie, beslut om genomförande, kravspecifikation, upphandling, val av system
 * och leverantör, avtal, godkännande av drift. The last one is reached by the approval itself.
 */
export const initiativeStages = [
  'pre_study', 'decision', 'requirements', 'procurement', 'system_choice', 'agreements', 'operation_approval',
] as const;
export type InitiativeStage = (typeof initiativeStages)[number];

/** How the system is procured: a new procurement under LOU, or an existing framework agreement (ramavtal). */
export const procurementRoutes = ['lou', 'framework'] as const;
export type ProcurementRoute = (typeof procurementRoutes)[number];

/** A member's answer to taking part: ska delta / kanske / deltar inte. */
export const participationAnswers = ['join', 'maybe', 'no'] as const;
export type ParticipationAnswer = (typeof participationAnswers)[number];

/** What approval for operation did, kept on the initiative so its page can say so. */
export type ApprovalResult = {
  installed: string[];
  skipped: { municipality: string; reason: string }[];
  /** Why no collaboration was started, or '' when one was (its id is `collaboration_id`). */
  collaborationNote: string;
};

/**
 * An initiative to introduce an application (from the catalogue) for a sponsoring
 * municipality, moving through the stages. Each stage's outcome is a column; the gates
 * (worker/initiatives/gates.ts) say which must be filled in before the next stage.
 */
export const initiative = sqliteTable('initiative', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  applicationId: integer('application_id').notNull().references(() => application.id),
  sponsorCode: text('sponsor_code').notNull().references(() => municipality.code, { onUpdate: 'cascade' }),
  purpose: text('purpose').notNull(),
  stage: text('stage', { enum: initiativeStages }).notNull().default('pre_study'),
  /** The day the current stage was entered: "står still" is measured from it. */
  stageSince: text('stage_since').notNull(),
  // Förstudie
  preStudySummary: text('pre_study_summary').notNull().default(''),
  // Cost estimate (öre; null = not estimated yet) against the estimated benefit.
  investmentOre: integer('investment_ore'),
  operationOrePerYear: integer('operation_ore_per_year'),
  trainingOre: integer('training_ore'),
  routineChangeOre: integer('routine_change_ore'),
  benefitOrePerYear: integer('benefit_ore_per_year'),
  benefitNote: text('benefit_note').notNull().default(''),
  // Beslut om genomförande
  decisionDate: text('decision_date'),
  decisionBody: text('decision_body').notNull().default(''),
  decisionReference: text('decision_reference').notNull().default(''),
  // Kravspecifikation
  requirementsReference: text('requirements_reference').notNull().default(''),
  // Upphandling
  procurementRoute: text('procurement_route', { enum: procurementRoutes }),
  procurementReference: text('procurement_reference').notNull().default(''),
  // Val av system och leverantör
  productId: integer('product_id').references(() => product.id),
  // Avtal
  supplierAgreementReference: text('supplier_agreement_reference').notNull().default(''),
  operatingAgreementReference: text('operating_agreement_reference').notNull().default(''),
  operatingAgreementDate: text('operating_agreement_date'),
  // Godkännande av drift
  approvedOn: text('approved_on'),
  collaborationId: integer('collaboration_id').references(() => collaboration.id),
  approvalResult: text('approval_result', { mode: 'json' }).$type<ApprovalResult>(),
  ...versioned,
}, (t) => [
  index('initiative_stage_idx').on(t.stage),
  index('initiative_sponsor_idx').on(t.sponsorCode),
  check('initiative_stage', sql`${t.stage} IN ('pre_study','decision','requirements','procurement','system_choice','agreements','operation_approval')`),
  check('initiative_procurement_route', sql`${t.procurementRoute} IS NULL OR ${t.procurementRoute} IN ('lou','framework')`),
  check('initiative_costs_non_negative', sql`coalesce(${t.investmentOre} >= 0, 1) AND coalesce(${t.operationOrePerYear} >= 0, 1) AND coalesce(${t.trainingOre} >= 0, 1) AND coalesce(${t.routineChangeOre} >= 0, 1) AND coalesce(${t.benefitOrePerYear} >= 0, 1)`),
]);

/**
 * Coordination: every other member is asked when the initiative starts (a row each, answer
 * null until given); the answer, its comment and who gave it when are on record.
 */
export const initiativeAnswer = sqliteTable('initiative_answer', {
  initiativeId: integer('initiative_id').notNull().references(() => initiative.id, { onDelete: 'cascade' }),
  municipalityCode: text('municipality_code').notNull().references(() => municipality.code, { onUpdate: 'cascade' }),
  answer: text('answer', { enum: participationAnswers }),
  comment: text('comment').notNull().default(''),
  answeredBy: text('answered_by'),
  answeredAt: text('answered_at'),
  ...versioned,
}, (t) => [
  primaryKey({ columns: [t.initiativeId, t.municipalityCode] }),
  check('initiative_answer_value', sql`${t.answer} IS NULL OR ${t.answer} IN ('join','maybe','no')`),
]);

/** The decision log: the start and every stage move, forward or back, with who, when and why. */
export const initiativeDecision = sqliteTable('initiative_decision', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  initiativeId: integer('initiative_id').notNull().references(() => initiative.id, { onDelete: 'cascade' }),
  kind: text('kind', { enum: ['start', 'advance', 'return'] }).notNull(),
  fromStage: text('from_stage', { enum: initiativeStages }),
  toStage: text('to_stage', { enum: initiativeStages }).notNull(),
  note: text('note').notNull().default(''),
  actor: text('actor').notNull(),
  at: text('at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
}, (t) => [
  index('initiative_decision_initiative_idx').on(t.initiativeId),
  check('initiative_decision_kind', sql`${t.kind} IN ('start','advance','return')`),
]);
