import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { versioned } from './columns.ts';
import { collaboration } from './collaboration.ts';
import { application, municipality, technicalSubarea } from './portfolio.ts';

/** One part of an allocation key: `{ basis, weight, weights? }` (worker/costs/schemas.ts `part`). */
export type KeyPart = {
  basis: 'equal' | 'population' | 'users' | 'licences' | 'custom';
  weight: number;
  weights?: Record<string, number>;
};

/** Cost categories: investering, drift, licens, nät/kommunikation, utbildning, solidarisk. */
export const costCategories = ['investment', 'operations', 'licence', 'network', 'training', 'solidarity'] as const;
export type CostCategory = (typeof costCategories)[number];

/** A named allocation key (fördelningsnyckel); its parts are set per year. */
export const allocationKey = sqliteTable('allocation_key', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  ...versioned,
}, (t) => [uniqueIndex('allocation_key_name_uq').on(t.name)]);

/** A key's parts for one year; changing them goes through the key's version. */
export const allocationKeyYear = sqliteTable('allocation_key_year', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  keyId: integer('key_id').notNull().references(() => allocationKey.id, { onDelete: 'cascade' }),
  year: integer('year').notNull(),
  parts: text('parts', { mode: 'json' }).notNull().$type<KeyPart[]>(),
}, (t) => [uniqueIndex('allocation_key_year_uq').on(t.keyId, t.year)]);

/**
 * A cost of a year, in öre (negative for a credit), shared by its participants with a key.
 * Linked to a collaboration, to a technical subarea, or (both null) common to all.
 */
export const costItem = sqliteTable('cost_item', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  year: integer('year').notNull(),
  amountOre: integer('amount_ore').notNull(),
  category: text('category', { enum: costCategories }).notNull(),
  description: text('description').notNull().default(''),
  collaborationId: integer('collaboration_id').references(() => collaboration.id),
  subareaId: integer('subarea_id').references(() => technicalSubarea.id),
  keyId: integer('key_id').notNull().references(() => allocationKey.id),
  /** SCB codes of the municipalities sharing the cost. */
  participants: text('participants', { mode: 'json' }).notNull().$type<string[]>(),
  /** Where the users and licences bases are read from. */
  applicationId: integer('application_id').references(() => application.id),
  /** The budgeted amount in öre; `amountOre` is the outcome (utfall). Null: not budgeted. */
  budgetOre: integer('budget_ore'),
  /**
   * Solidarity financing: the member compensated for replacing a working system early to
   * join the collaboration. The participants share the amount; this member is credited it.
   */
  beneficiaryCode: text('beneficiary_code').references(() => municipality.code, { onUpdate: 'cascade' }),
  ...versioned,
}, (t) => [
  index('cost_item_year_idx').on(t.year),
  index('cost_item_key_idx').on(t.keyId),
  check('cost_item_category', sql`${t.category} IN ('investment','operations','licence','network','training','solidarity')`),
  check('cost_item_one_link', sql`${t.collaborationId} IS NULL OR ${t.subareaId} IS NULL`),
  check('cost_item_beneficiary', sql`${t.beneficiaryCode} IS NULL OR (${t.category} = 'solidarity' AND ${t.collaborationId} IS NOT NULL)`),
]);

/**
 * A closed cost year (bokslut): its items and the keys' parts for it no longer change, and
 * its shares are frozen in `cost_share`. Reopening (administrators only) deletes the row.
 */
export const costYear = sqliteTable('cost_year', {
  year: integer('year').primaryKey(),
  closedAt: text('closed_at').notNull(),
  closedBy: text('closed_by').notNull(),
  note: text('note').notNull().default(''),
});

/**
 * The shares of a closed year's items as they were when the year was closed, so a later
 * population figure or user count cannot change a booked statement.
 */
export const costShare = sqliteTable('cost_share', {
  costItemId: integer('cost_item_id').notNull().references(() => costItem.id),
  municipalityCode: text('municipality_code').notNull().references(() => municipality.code, { onUpdate: 'cascade' }),
  amountOre: integer('amount_ore').notNull(),
  budgetOre: integer('budget_ore'),
}, (t) => [primaryKey({ columns: [t.costItemId, t.municipalityCode] })]);
