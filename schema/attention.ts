import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * What the attention list (Att hantera, on the overview) points out, in the order the page
 * shows the groups: notice deadlines within six months, freezes starting within six weeks,
 * contracts ending within twelve months, governing documents past their review, initiatives
 * standing still, systems without a system owner, systems not confirmed for twelve months.
 */
export const attentionKinds = [
  'notice_deadline', 'upcoming_freeze', 'contract_ending', 'overdue_document', 'stalled_initiative',
  'missing_system_owner', 'unconfirmed_installation',
] as const;
export type AttentionKind = (typeof attentionKinds)[number];

/** How pressing an item is: its day has passed, it is within 30 days, it is later, or something is missing (no day). */
export const attentionUrgencies = ['overdue', 'soon', 'later', 'missing'] as const;
export type AttentionUrgency = (typeof attentionUrgencies)[number];

/** What an item is about; `entity_id` is that row's id. */
export const attentionEntities = ['installation', 'freeze_rule', 'governing_document', 'initiative'] as const;
export type AttentionEntity = (typeof attentionEntities)[number];

const inList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(','));

/**
 * The attention list as last computed (by the daily cron, an administrator, or the first
 * overview of a fresh deployment): derived from the register, never edited, always replaced
 * whole in one batch. The texts are stored as computed, so the page reads one small table.
 * No foreign keys: it is a dated picture, and the next refresh drops what has gone away.
 */
export const attentionItem = sqliteTable('attention_item', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  /** The list's order: most pressing first, then soonest day. */
  position: integer('position').notNull(),
  kind: text('kind', { enum: attentionKinds }).notNull(),
  urgency: text('urgency', { enum: attentionUrgencies }).notNull(),
  /** The day that matters (last day to give notice, contract end, freeze start, review day …); null when none. */
  dueOn: text('due_on'),
  /** SCB code; null for what concerns the whole collaboration (freezes, common documents). */
  municipalityCode: text('municipality_code'),
  municipalityName: text('municipality_name'),
  /** The link text: "Ekonomisystem i Bengtsfors", a document's title, a freeze's name. */
  subject: text('subject').notNull(),
  /** One Swedish sentence saying what is due, with dates. */
  detail: text('detail').notNull(),
  href: text('href').notNull(),
  entity: text('entity', { enum: attentionEntities }).notNull(),
  entityId: integer('entity_id').notNull(),
}, (t) => [
  index('attention_item_municipality_idx').on(t.municipalityCode),
  check('attention_item_kind', sql`${t.kind} IN (${inList(attentionKinds)})`),
  check('attention_item_urgency', sql`${t.urgency} IN (${inList(attentionUrgencies)})`),
  check('attention_item_entity', sql`${t.entity} IN (${inList(attentionEntities)})`),
]);

/** When the stored list was computed, for which day and by whom: one row (id 1), absent until the first computation. */
export const attentionRefresh = sqliteTable('attention_refresh', {
  id: integer('id').primaryKey(),
  /** ISO-8601 UTC timestamp. */
  computedAt: text('computed_at').notNull(),
  /** The day the rules were applied to (YYYY-MM-DD). */
  computedFor: text('computed_for').notNull(),
  /** "schemalagd uppdatering", the administrator's e-mail, or "första visningen". */
  computedBy: text('computed_by').notNull(),
  itemCount: integer('item_count').notNull(),
}, (t) => [check('attention_refresh_single_row', sql`${t.id} = 1`)]);
