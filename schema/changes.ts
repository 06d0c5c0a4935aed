import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { user } from './access.ts';
import { versioned } from './columns.ts';
import { installation, municipality } from './portfolio.ts';

/** The IT environments a change is made in: the education environment (skolmiljön) and the administration's. */
export const environments = ['education', 'administration'] as const;
export type Environment = (typeof environments)[number];

/** Where a freeze applies: the whole environment, or only the education environment. */
export const freezeScopes = ['all', 'education'] as const;
export type FreezeScope = (typeof freezeScopes)[number];

/**
 * How a freeze rule recurs: ISO weeks every year (summer weeks 27–32), a yearly date range
 * that may cross the new year (15 Dec – 15 Jan), or one dated window (school start).
 */
export const freezeKinds = ['weeks', 'yearly', 'window'] as const;
export type FreezeKind = (typeof freezeKinds)[number];

/** Standard changes are low-risk and pre-approved; normal and urgent ones respect freezes. */
export const riskClasses = ['standard', 'normal', 'urgent'] as const;
export type RiskClass = (typeof riskClasses)[number];

/** A freeze exception: none asked for, requested (the change waits), approved or rejected. */
export const exceptionStatuses = ['none', 'requested', 'approved', 'rejected'] as const;
export type ExceptionStatus = (typeof exceptionStatuses)[number];

/** A change-freeze rule (frysperiod); only the columns of its kind are set. */
export const freezeRule = sqliteTable('freeze_rule', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull(),
  reason: text('reason').notNull().default(''),
  kind: text('kind', { enum: freezeKinds }).notNull(),
  scope: text('scope', { enum: freezeScopes }).notNull(),
  /** ISO weeks, both included; fromWeek > toWeek crosses the new year. */
  fromWeek: integer('from_week'),
  toWeek: integer('to_week'),
  /** "MM-DD", both included; from > to crosses the new year. */
  fromMonthDay: text('from_month_day'),
  toMonthDay: text('to_month_day'),
  /** A dated window, both days included. */
  fromDate: text('from_date'),
  toDate: text('to_date'),
  ...versioned,
}, (t) => [
  check('freeze_rule_kind', sql`${t.kind} IN ('weeks','yearly','window')`),
  check('freeze_rule_scope', sql`${t.scope} IN ('all','education')`),
  check('freeze_rule_weeks', sql`(${t.kind} = 'weeks') = (${t.fromWeek} IS NOT NULL AND ${t.toWeek} IS NOT NULL)
    AND coalesce(${t.fromWeek} BETWEEN 1 AND 53 AND ${t.toWeek} BETWEEN 1 AND 53, 1)`),
  check('freeze_rule_yearly', sql`(${t.kind} = 'yearly') = (${t.fromMonthDay} IS NOT NULL AND ${t.toMonthDay} IS NOT NULL)`),
  check('freeze_rule_window', sql`(${t.kind} = 'window') = (${t.fromDate} IS NOT NULL AND ${t.toDate} IS NOT NULL)
    AND coalesce(${t.fromDate} <= ${t.toDate}, 1)`),
]);

/** A planned change (planerad ändring) in one environment, possibly of one municipality's system. */
export const plannedChange = sqliteTable('planned_change', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  title: text('title').notNull(),
  description: text('description').notNull().default(''),
  startsOn: text('starts_on').notNull(),
  /** Null: a one-day change. */
  endsOn: text('ends_on'),
  environment: text('environment', { enum: environments }).notNull(),
  /** Null: a change of the shared environment (administrators only). */
  municipality: text('municipality_code').references(() => municipality.code, { onUpdate: 'cascade', onDelete: 'set null' }),
  installationId: integer('installation_id').references(() => installation.id, { onDelete: 'set null' }),
  riskClass: text('risk_class', { enum: riskClasses }).notNull(),
  exceptionStatus: text('exception_status', { enum: exceptionStatuses }).notNull().default('none'),
  riskAssessment: text('risk_assessment').notNull().default(''),
  rollbackPlan: text('rollback_plan').notNull().default(''),
  exceptionRequestedBy: text('exception_requested_by'),
  exceptionDecidedBy: text('exception_decided_by'),
  exceptionDecidedAt: text('exception_decided_at'),
  ...versioned,
}, (t) => [
  index('planned_change_starts_idx').on(t.startsOn),
  check('planned_change_environment', sql`${t.environment} IN ('education','administration')`),
  check('planned_change_risk', sql`${t.riskClass} IN ('standard','normal','urgent')`),
  check('planned_change_exception', sql`${t.exceptionStatus} IN ('none','requested','approved','rejected')`),
  check('planned_change_dates', sql`coalesce(${t.endsOn} >= ${t.startsOn}, 1)`),
]);

/**
 * A personal calendar link: calendar apps cannot sign in, so the random token in the URL is
 * the credential. Only its SHA-256 is stored, like session tokens; revoked links stay as history.
 */
export const calendarLink = sqliteTable('calendar_link', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  userId: integer('user_id').notNull().references(() => user.id, { onDelete: 'cascade' }),
  tokenHash: text('token_hash').notNull().unique(),
  createdAt: text('created_at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  lastUsedAt: text('last_used_at'),
  revokedAt: text('revoked_at'),
}, (t) => [index('calendar_link_user_idx').on(t.userId)]);
