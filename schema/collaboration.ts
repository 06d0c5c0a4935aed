import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { versioned } from './columns.ts';
import { allocationKey } from './costs.ts';
import { application, installation, municipality } from './portfolio.ts';

/** Samverkansnivå 2–5 (level 1, no collaboration, is the absence of one). */
export const collaborationLevels = [2, 3, 4, 5] as const;
export type CollaborationLevel = (typeof collaborationLevels)[number];

/** A person in the directory: who owns, manages and runs systems. Not an account. */
export const person = sqliteTable('person', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull(),
  email: text('email').notNull().default(''),
  phone: text('phone').notNull().default(''),
  /** Null for someone who works for the collaboration as a whole. */
  municipalityCode: text('municipality_code').references(() => municipality.code, { onUpdate: 'cascade' }),
  title: text('title').notNull().default(''),
  ...versioned,
}, (t) => [index('person_municipality_idx').on(t.municipalityCode)]);

/** An application shared by two or more members at level 2–5 (strategy section 3). */
export const collaboration = sqliteTable('collaboration', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  applicationId: integer('application_id').notNull().references(() => application.id),
  level: integer('level').notNull(),
  /** The municipality that operates the shared solution or holds the expertise. */
  hostCode: text('host_code').notNull().references(() => municipality.code, { onUpdate: 'cascade' }),
  /** The one system owner for the whole collaboration (required from level 3). */
  ownerId: integer('owner_id').references(() => person.id),
  // The agreement's terms (samverkansavtal), as the strategy's appendix C lists them.
  scope: text('scope').notNull().default(''),
  area: text('area').notNull().default(''),
  lowestLevel: integer('lowest_level'),
  highestLevel: integer('highest_level'),
  validFrom: text('valid_from'),
  validTo: text('valid_to'),
  decisionReference: text('decision_reference').notNull().default(''),
  decisionDate: text('decision_date'),
  serviceLevels: text('service_levels').notNull().default(''),
  /** The agreement's cost-sharing key: the collaboration's costs default to it, solidarity financing uses it. */
  allocationKeyId: integer('allocation_key_id').references(() => allocationKey.id),
  /** Set when the collaboration ends; it then no longer gives its participants a level. */
  endedOn: text('ended_on'),
  ...versioned,
}, (t) => [
  index('collaboration_application_idx').on(t.applicationId),
  check('collaboration_level', sql`${t.level} BETWEEN 2 AND 5`),
  check('collaboration_level_range', sql`coalesce(${t.lowestLevel} BETWEEN 2 AND 5, 1) AND coalesce(${t.highestLevel} BETWEEN 2 AND 5, 1) AND coalesce(${t.lowestLevel} <= ${t.highestLevel}, 1)`),
]);

/**
 * A member taking part. `application_id` repeats the collaboration's so the database itself
 * guarantees a municipality is in at most one active collaboration per application.
 */
export const collaborationParticipant = sqliteTable('collaboration_participant', {
  collaborationId: integer('collaboration_id').notNull().references(() => collaboration.id, { onDelete: 'cascade' }),
  municipalityCode: text('municipality_code').notNull().references(() => municipality.code, { onUpdate: 'cascade' }),
  applicationId: integer('application_id').notNull().references(() => application.id),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
}, (t) => [
  primaryKey({ columns: [t.collaborationId, t.municipalityCode] }),
  uniqueIndex('participant_one_active_per_application').on(t.applicationId, t.municipalityCode).where(sql`${t.active} = 1`),
]);

/** Every level a collaboration has had, dated: its history. */
export const collaborationLevelEvent = sqliteTable('collaboration_level_event', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  collaborationId: integer('collaboration_id').notNull().references(() => collaboration.id, { onDelete: 'cascade' }),
  level: integer('level').notNull(),
  /** The day the level took effect. */
  on: text('on').notNull(),
  note: text('note').notNull().default(''),
  actor: text('actor').notNull(),
}, (t) => [index('level_event_collaboration_idx').on(t.collaborationId)]);

/** Roles from the member municipalities' guidelines (systemägare, systemförvaltare, …). */
export const roleKinds = [
  'system_owner', 'system_manager', 'system_administrator', 'operations_manager', 'system_technician', 'application_support',
  'it_directors_group', 'security_officer',
] as const;
export type RoleKind = (typeof roleKinds)[number];

/** Who holds which role for an installation, for a collaboration, or for the whole collaboration (neither). */
export const roleAssignment = sqliteTable('role_assignment', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  personId: integer('person_id').notNull().references(() => person.id, { onDelete: 'cascade' }),
  role: text('role', { enum: roleKinds }).notNull(),
  installationId: integer('installation_id').references(() => installation.id, { onDelete: 'cascade' }),
  collaborationId: integer('collaboration_id').references(() => collaboration.id, { onDelete: 'cascade' }),
  ...versioned,
}, (t) => [
  index('role_installation_idx').on(t.installationId),
  index('role_collaboration_idx').on(t.collaborationId),
  index('role_person_idx').on(t.personId),
  check('role_target', sql`${t.installationId} IS NULL OR ${t.collaborationId} IS NULL`),
  check('role_kind', sql`${t.role} IN ('system_owner','system_manager','system_administrator','operations_manager','system_technician','application_support','it_directors_group','security_officer')`),
]);
