import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { versioned } from './columns.ts';
import { person } from './collaboration.ts';
import { installation, municipality } from './portfolio.ts';

/**
 * Kinds of governing documents (styrdokument): the strategy's table 1.4 (IT-policy,
 * IT-strategi, informationssäkerhetspolicy, IT-säkerhetsinstruktioner, systemsäkerhetsplan)
 * and the members' guidelines (driftplan, tillämpningsanvisning, kontinuitetsplan).
 */
export const documentTypes = [
  'it_policy', 'it_strategy', 'information_security_policy', 'it_security_instruction',
  'system_security_plan', 'operations_plan', 'application_instruction', 'continuity_plan',
] as const;
export type DocumentType = (typeof documentTypes)[number];

/** A governing document of one municipality, or (municipality null) common to the collaboration. */
export const governingDocument = sqliteTable('governing_document', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  type: text('type', { enum: documentTypes }).notNull(),
  title: text('title').notNull(),
  ownerId: integer('owner_id').notNull().references(() => person.id),
  municipalityCode: text('municipality_code').references(() => municipality.code, { onUpdate: 'cascade' }),
  /** The body that decided it: "Kommunstyrelsen", "IT-chefsgruppen". */
  decidedBy: text('decided_by').notNull(),
  decidedOn: text('decided_on').notNull(),
  reviewCycleYears: integer('review_cycle_years').notNull(),
  lastReviewedOn: text('last_reviewed_on'),
  /**
   * Always set, so "overdue" is a plain comparison in SQL: computed from the last review (or
   * the decision) plus the cycle, unless `next_review_explicit` says someone set it.
   */
  nextReviewOn: text('next_review_on').notNull(),
  nextReviewExplicit: integer('next_review_explicit', { mode: 'boolean' }).notNull().default(false),
  /** http(s) address of the document itself; empty when it is not published anywhere. */
  url: text('url').notNull().default(''),
  ...versioned,
}, (t) => [
  index('governing_document_next_review_idx').on(t.nextReviewOn),
  index('governing_document_municipality_idx').on(t.municipalityCode),
  index('governing_document_owner_idx').on(t.ownerId),
  check('governing_document_type', sql`${t.type} IN ('it_policy','it_strategy','information_security_policy','it_security_instruction','system_security_plan','operations_plan','application_instruction','continuity_plan')`),
  check('governing_document_cycle', sql`${t.reviewCycleYears} BETWEEN 1 AND 10`),
]);

/** The installations a document covers (a system security plan covers systems). */
export const governingDocumentInstallation = sqliteTable('governing_document_installation', {
  documentId: integer('document_id').notNull().references(() => governingDocument.id, { onDelete: 'cascade' }),
  // A removed installation no longer needs covering; its link goes with it.
  installationId: integer('installation_id').notNull().references(() => installation.id, { onDelete: 'cascade' }),
}, (t) => [
  primaryKey({ columns: [t.documentId, t.installationId] }),
  index('governing_document_installation_idx').on(t.installationId),
]);
