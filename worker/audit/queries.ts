import { and, desc, eq, gte, lt, notInArray, sql, type SQL } from 'drizzle-orm';
import { auditEvent } from '../../schema/audit.ts';
import { application, businessArea, product, technicalSubarea } from '../../schema/portfolio.ts';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { Database } from '../env.ts';
import type { Results } from '../portfolio/batch.ts';
import type { AuditAction, AuditQuery } from './schemas.ts';

/** "Visma Proceedo", but "Sitevision" rather than "Sitevision Sitevision" (as web/format.ts productLabel). */
const productName = (p: string) =>
  `CASE WHEN substr(lower(${p}.name), 1, length(${p}.vendor)) = lower(${p}.vendor) THEN ${p}.name ELSE ${p}.vendor || ' ' || ${p}.name END`;

/**
 * The name of what an event is about as it is now, or null when it no longer exists: one
 * primary-key lookup per row, in the same statement. Written out with aliases, since drizzle
 * leaves column names unqualified in a one-table select. (An INTEGER key compared with the
 * TEXT `entity_id` gets numeric affinity, so "12" finds 12 and "12abc" finds nothing.)
 */
const currentLabel = sql.raw(`CASE "audit_event"."entity"
  WHEN 'municipality' THEN (SELECT m.name FROM "municipality" m WHERE m.code = "audit_event"."entity_id")
  WHEN 'application' THEN (SELECT a.name FROM "application" a WHERE a.id = "audit_event"."entity_id")
  WHEN 'product' THEN (SELECT ${productName('p')} FROM "product" p WHERE p.id = "audit_event"."entity_id")
  WHEN 'installation' THEN (SELECT a.name || ' i ' || m.name FROM "installation" i
    JOIN "application" a ON a.id = i.application_id JOIN "municipality" m ON m.code = i.municipality_code
    WHERE i.id = "audit_event"."entity_id")
  WHEN 'business_area' THEN (SELECT b.name FROM "business_area" b WHERE b.id = "audit_event"."entity_id")
  WHEN 'technical_subarea' THEN (SELECT t.name FROM "technical_subarea" t WHERE t.id = "audit_event"."entity_id")
  WHEN 'user' THEN (SELECT u.name FROM "user" u WHERE u.id = "audit_event"."entity_id")
  WHEN 'collaboration' THEN (SELECT 'Samverkan om ' || a.name FROM "collaboration" c JOIN "application" a ON a.id = c.application_id WHERE c.id = "audit_event"."entity_id")
  WHEN 'action_item' THEN (SELECT x.title FROM "action_item" x WHERE x.id = "audit_event"."entity_id")
  WHEN 'goal' THEN (SELECT g.title FROM "goal" g WHERE g.id = "audit_event"."entity_id")
  WHEN 'person' THEN (SELECT p.name FROM "person" p WHERE p.id = "audit_event"."entity_id")
  WHEN 'allocation_key' THEN (SELECT k.name FROM "allocation_key" k WHERE k.id = "audit_event"."entity_id")
  WHEN 'cost_item' THEN (SELECT x.description FROM "cost_item" x WHERE x.id = "audit_event"."entity_id")
  WHEN 'cost_year' THEN 'Kostnadsår ' || "audit_event"."entity_id"
  WHEN 'initiative' THEN (SELECT 'Införande av ' || a.name || ' i ' || m.name FROM "initiative" x
    JOIN "application" a ON a.id = x.application_id JOIN "municipality" m ON m.code = x.sponsor_code WHERE x.id = "audit_event"."entity_id")
  WHEN 'initiative_answer' THEN (SELECT m.name || ' om införande av ' || a.name FROM "initiative_answer" y
    JOIN "initiative" x ON x.id = y.initiative_id JOIN "application" a ON a.id = x.application_id JOIN "municipality" m ON m.code = y.municipality_code
    WHERE y.initiative_id || '/' || y.municipality_code = "audit_event"."entity_id")
  WHEN 'api_token' THEN (SELECT k.name FROM "api_token" k WHERE k.id = "audit_event"."entity_id")
  WHEN 'freeze_rule' THEN (SELECT f.name FROM "freeze_rule" f WHERE f.id = "audit_event"."entity_id")
  WHEN 'planned_change' THEN (SELECT pc.title FROM "planned_change" pc WHERE pc.id = "audit_event"."entity_id")
  WHEN 'governing_document' THEN (SELECT gd.title FROM "governing_document" gd WHERE gd.id = "audit_event"."entity_id")
  WHEN 'import' THEN (SELECT 'Import av ' || ib.file_name FROM "import_batch" ib WHERE ib.id = "audit_event"."entity_id")
END`);

// A calendar link says whose it is: personal, like the account events.
// A restore keeps the sign-ins it replaced (with their addresses) in its event: administrators only too.
const accountEntities = ['user', 'api_token', 'calendar_link', 'backup'];

export type AuditEntry = {
  id: number;
  at: string;
  actor: string;
  action: AuditAction;
  entity: string;
  entityId: string;
  before: unknown;
  after: unknown;
  requestId: string;
  /** What the event is about, named as it is now; null when it no longer exists. */
  label: string | null;
};

/** Secrets never leave the log, whoever wrote them into an event. */
const secret = /hash$|secret|^totp_?key$|^token$/i;

export function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, secret.test(k) ? (v == null ? v : '(dold)') : redact(v)]));
}

const auditSelect = (db: Database, q: AuditQuery) =>
  db.select({
    id: auditEvent.id,
    at: auditEvent.at,
    actor: auditEvent.actor,
    action: auditEvent.action,
    entity: auditEvent.entity,
    entityId: auditEvent.entityId,
    before: auditEvent.before,
    after: auditEvent.after,
    requestId: auditEvent.requestId,
    label: sql<string | null>`${currentLabel}`.as('label'),
  }).from(auditEvent).where(auditWhere(q)).orderBy(desc(auditEvent.id)).limit(q.limit + 1);

const auditWhere = (q: AuditQuery) =>
  and(
    q.entity ? eq(auditEvent.entity, q.entity) : undefined,
    q.entityId ? eq(auditEvent.entityId, q.entityId) : undefined,
    // "Vem" matches part of the e-mail or key name, case-insensitively (ASCII).
    q.actor ? sql`instr(lower(${auditEvent.actor}), lower(${q.actor})) > 0` : undefined,
    q.since ? gte(auditEvent.at, q.since) : undefined,
    q.until ? lt(auditEvent.at, q.until) : undefined,
    q.before ? lt(auditEvent.id, q.before) : undefined,
    q.accounts ? undefined : notInArray(auditEvent.entity, accountEntities),
  );

export type AuditEvents = {
  /** Newest first (by id: events of one batch share their millisecond). */
  events: AuditEntry[];
  /** The cursor for the next, older page (`before`), when there is one. */
  next: number | undefined;
};

/** One page of the log. */
export async function auditEvents(db: Database, q: AuditQuery): Promise<AuditEvents> {
  const rows = await auditSelect(db, q);
  const events = rows.slice(0, q.limit).map((r) => ({ ...r, before: redact(r.before), after: redact(r.after) }));
  return { events, next: rows.length > q.limit ? events[events.length - 1]?.id : undefined };
}

/** Fields that point at another row, and the entity they point at. */
export const referenceFields = {
  productId: 'product', applicationId: 'application', businessAreaId: 'business_area', subareaId: 'technical_subarea',
} as const;
type Referenced = (typeof referenceFields)[keyof typeof referenceFields];

/** Names of the rows that events point at, keyed `product:7`; what is gone is missing. */
export type Names = Record<string, string>;

function referencedIds(events: AuditEntry[]): Record<Referenced, number[]> {
  const ids: Record<Referenced, Set<number>> = { product: new Set(), application: new Set(), business_area: new Set(), technical_subarea: new Set() };
  for (const e of events) {
    for (const side of [e.before, e.after]) {
      if (side === null || typeof side !== 'object') continue;
      for (const [field, entity] of Object.entries(referenceFields)) {
        const value = (side as Record<string, unknown>)[field];
        if (typeof value === 'number' && Number.isInteger(value) && value > 0) ids[entity].add(value);
      }
    }
  }
  return { product: [...ids.product], application: [...ids.application], business_area: [...ids.business_area], technical_subarea: [...ids.technical_subarea] };
}

/**
 * The names behind the ids in a page of events ("Produkt: CGI Raindance → Unit4 ERP"): one
 * more round trip, only when the events point at something. The ids go in as one JSON
 * parameter (D1 allows 100 bound parameters per statement).
 */
export async function referenceNames(db: Database, events: AuditEntry[]): Promise<Names> {
  const ids = referencedIds(events);
  const among = (column: SQLiteColumn, list: number[]) => sql`${column} IN (SELECT value FROM json_each(${JSON.stringify(list)}))`;
  const lookups = [
    ids.product.length ? db.select({ entity: sql<string>`'product'`, id: product.id, name: sql<string>`${sql.raw(productName('"product"'))}` }).from(product).where(among(product.id, ids.product)) : undefined,
    ids.application.length ? db.select({ entity: sql<string>`'application'`, id: application.id, name: application.name }).from(application).where(among(application.id, ids.application)) : undefined,
    ids.business_area.length ? db.select({ entity: sql<string>`'business_area'`, id: businessArea.id, name: businessArea.name }).from(businessArea).where(among(businessArea.id, ids.business_area)) : undefined,
    ids.technical_subarea.length ? db.select({ entity: sql<string>`'technical_subarea'`, id: technicalSubarea.id, name: technicalSubarea.name }).from(technicalSubarea).where(among(technicalSubarea.id, ids.technical_subarea)) : undefined,
  ].filter((q) => q !== undefined);
  if (!lookups.length) return {};
  const results = (await db.batch(lookups as [typeof lookups[number], ...typeof lookups])) as { entity: string; id: number; name: string }[][];
  return Object.fromEntries(results.flat().map((r) => [`${r.entity}:${r.id}`, r.name]));
}

export type AuditLog = AuditEvents & { names: Names };

/** A page of the log as the pages show it: with the names of what the events point at. */
export async function auditLog(db: Database, q: AuditQuery): Promise<AuditLog> {
  const page = await auditEvents(db, q);
  return { ...page, names: await referenceNames(db, page.events) };
}

/** How many events the "Historik" on a page shows. */
export const historyLimit = 10;

/**
 * SQL: the ids that `field` holds at the top level of the before or after of the events a
 * history shows — what `referencedIds` picks out in JavaScript, in the same statement.
 */
function referencedIn(q: AuditQuery, field: string): SQL {
  const shown = sql`SELECT ${auditEvent.before}, ${auditEvent.after} FROM ${auditEvent} WHERE ${auditWhere(q)} ORDER BY ${auditEvent.id} DESC LIMIT ${q.limit}`;
  const held = (side: SQL) => sql`SELECT j.value FROM (${shown}) AS e, json_each(${side}) AS j
    WHERE j.key = ${field} AND j.type IN ('integer', 'real') AND j.value = CAST(j.value AS INTEGER) AND j.value > 0`;
  return sql`${held(sql`e."before"`)} UNION ${held(sql`e."after"`)}`;
}

/**
 * The statements of a row's "Historik": its latest events, and the names of what they point
 * at (`referenceNames`) read in the same batch rather than after it. For a page's one
 * `db.batch`; shape the results with `historyLog`.
 */
export function historyQueries(db: Database, entity: string, entityId: string | number, limit = historyLimit) {
  const q: AuditQuery = { entity, entityId: String(entityId), limit };
  const among = (column: SQLiteColumn, field: keyof typeof referenceFields) => sql`${column} IN (${referencedIn(q, field)})`;
  return [
    auditSelect(db, q),
    db.select({ entity: sql<string>`'product'`.as('entity'), id: product.id, name: sql<string>`${sql.raw(productName('"product"'))}`.as('name') })
      .from(product).where(among(product.id, 'productId'))
      .unionAll(db.select({ entity: sql<string>`'application'`.as('entity'), id: application.id, name: sql<string>`${application.name}`.as('name') })
        .from(application).where(among(application.id, 'applicationId')))
      .unionAll(db.select({ entity: sql<string>`'business_area'`.as('entity'), id: businessArea.id, name: sql<string>`${businessArea.name}`.as('name') })
        .from(businessArea).where(among(businessArea.id, 'businessAreaId')))
      .unionAll(db.select({ entity: sql<string>`'technical_subarea'`.as('entity'), id: technicalSubarea.id, name: sql<string>`${technicalSubarea.name}`.as('name') })
        .from(technicalSubarea).where(among(technicalSubarea.id, 'subareaId'))),
  ] as const;
}

/** What `historyQueries` read, as `auditLog` returns it. */
export function historyLog([rows, names]: Results<ReturnType<typeof historyQueries>>, limit = historyLimit): AuditLog {
  const events = rows.slice(0, limit).map((r) => ({ ...r, before: redact(r.before), after: redact(r.after) }));
  return {
    events,
    next: rows.length > limit ? events[events.length - 1]?.id : undefined,
    names: Object.fromEntries(names.map((r) => [`${r.entity}:${r.id}`, r.name])),
  };
}

/** The latest events about one row, for the "Historik" on its page — one round trip. */
export const entityHistory = async (db: Database, entity: string, entityId: string | number, limit = historyLimit) =>
  historyLog(await db.batch(historyQueries(db, entity, entityId, limit)), limit);
