import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { versioned } from './columns.ts';
import { person } from './collaboration.ts';

export const goalAreas = [
  'collaboration', 'applications', 'technical_platform', 'information_security', 'organisation', 'financing', 'competence',
] as const;
export type GoalArea = (typeof goalAreas)[number];

export const goalTypes = ['computed', 'measured', 'milestone'] as const;
export type GoalType = (typeof goalTypes)[number];

/** A strategy and its period, e.g. the joint IT strategy 2004–2007. */
export const strategy = sqliteTable('strategy', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull(),
  periodFrom: text('period_from').notNull(),
  periodTo: text('period_to').notNull(),
  ...versioned,
});

/**
 * A goal of the strategy. Computed goals carry their definition as data (validated JSON,
 * see worker/goals/definition.ts) and are evaluated in SQL; measured goals take a value per
 * period; milestones are done by a date.
 */
export const goal = sqliteTable('goal', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  strategyId: integer('strategy_id').notNull().references(() => strategy.id, { onDelete: 'cascade' }),
  /** Stable key of the strategy's own goals ("common-level3"); null for goals added later. */
  key: text('key'),
  title: text('title').notNull(),
  description: text('description').notNull().default(''),
  area: text('area', { enum: goalAreas }).notNull(),
  type: text('type', { enum: goalTypes }).notNull(),
  definition: text('definition', { mode: 'json' }),
  /** `share` (fractions 0–1), `number` (a measured quantity) or `done` (milestones). */
  unit: text('unit', { enum: ['share', 'number', 'done'] }).notNull(),
  target: real('target'),
  /** Whether the target must be reached (`atLeast`) or passed (`above`, "more than half"). */
  comparison: text('comparison', { enum: ['atLeast', 'above'] }).notNull().default('atLeast'),
  deadline: text('deadline'),
  /** Milestones: the day it was done. */
  doneOn: text('done_on'),
  /** Shown without login on the public goal page. */
  public: integer('public', { mode: 'boolean' }).notNull().default(false),
  sortOrder: integer('sort_order').notNull().default(0),
  ...versioned,
}, (t) => [
  uniqueIndex('goal_key').on(t.strategyId, t.key),
  check('goal_area', sql`${t.area} IN ('collaboration','applications','technical_platform','information_security','organisation','financing','competence')`),
  check('goal_type', sql`${t.type} IN ('computed','measured','milestone')`),
  check('goal_definition', sql`(${t.type} = 'computed') = (${t.definition} IS NOT NULL)`),
]);

/** A measured goal's value for a period, with the comment that explains it. */
export const goalMeasurement = sqliteTable('goal_measurement', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  goalId: integer('goal_id').notNull().references(() => goal.id, { onDelete: 'cascade' }),
  period: text('period').notNull(),
  value: real('value').notNull(),
  comment: text('comment').notNull().default(''),
  actor: text('actor').notNull(),
  ...versioned,
}, (t) => [uniqueIndex('measurement_goal_period').on(t.goalId, t.period)]);

/** Every goal's value as it was on a day: the history behind trends and status. */
export const goalSnapshot = sqliteTable('goal_snapshot', {
  goalId: integer('goal_id').notNull().references(() => goal.id, { onDelete: 'cascade' }),
  on: text('on').notNull(),
  value: real('value'),
  numerator: real('numerator'),
  denominator: real('denominator'),
}, (t) => [primaryKey({ columns: [t.goalId, t.on] })]);

export const actionStatuses = ['planned', 'ongoing', 'done', 'cancelled'] as const;

/** An activity of the action plan (handlingsplan, strategy appendix G). */
export const actionItem = sqliteTable('action_item', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  strategyId: integer('strategy_id').notNull().references(() => strategy.id, { onDelete: 'cascade' }),
  title: text('title').notNull(),
  description: text('description').notNull().default(''),
  /** A quarter ("2026-Q3") or a date. */
  due: text('due'),
  ownerId: integer('owner_id').references(() => person.id, { onDelete: 'set null' }),
  ownerText: text('owner_text').notNull().default(''),
  status: text('status', { enum: actionStatuses }).notNull().default('planned'),
  ...versioned,
}, (t) => [index('action_strategy_idx').on(t.strategyId)]);

export const actionItemGoal = sqliteTable('action_item_goal', {
  actionId: integer('action_id').notNull().references(() => actionItem.id, { onDelete: 'cascade' }),
  goalId: integer('goal_id').notNull().references(() => goal.id, { onDelete: 'cascade' }),
}, (t) => [primaryKey({ columns: [t.actionId, t.goalId] })]);

export const actionNote = sqliteTable('action_note', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  actionId: integer('action_id').notNull().references(() => actionItem.id, { onDelete: 'cascade' }),
  on: text('on').notNull(),
  text: text('text').notNull(),
  actor: text('actor').notNull(),
});

/** A status report (lägesrapport) as it was issued: stored whole so it never changes afterwards. */
export const statusReport = sqliteTable('status_report', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  strategyId: integer('strategy_id').notNull().references(() => strategy.id, { onDelete: 'cascade' }),
  reportDate: text('report_date').notNull(),
  title: text('title').notNull(),
  /** Goals, trends and the action plan as of the report date. */
  content: text('content', { mode: 'json' }).notNull(),
  /** Free-text analysis per goal area. */
  analysis: text('analysis', { mode: 'json' }).notNull(),
  issuedAt: text('issued_at'),
  ...versioned,
});
