import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { versioned } from './columns.ts';
import { collaboration } from './collaboration.ts';
import { application, technicalSubarea } from './portfolio.ts';

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
  ...versioned,
}, (t) => [
  index('cost_item_year_idx').on(t.year),
  index('cost_item_key_idx').on(t.keyId),
  check('cost_item_category', sql`${t.category} IN ('investment','operations','licence','network','training','solidarity')`),
  check('cost_item_one_link', sql`${t.collaborationId} IS NULL OR ${t.subareaId} IS NULL`),
]);
