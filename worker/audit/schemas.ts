import * as v from 'valibot';

/** What audit events are about (`audit_event.entity`); the log can be filtered by these. */
export const auditEntities = ['municipality', 'application', 'product', 'installation', 'business_area', 'technical_subarea', 'collaboration', 'person', 'role_assignment', 'action_item', 'action_note', 'goal', 'goal_snapshot', 'goal_measurement', 'status_report', 'allocation_key', 'cost_item', 'cost_year', 'initiative', 'initiative_answer', 'freeze_rule', 'planned_change', 'calendar_link', 'governing_document', 'backup', 'import', 'user', 'api_token'] as const;
export type AuditEntity = (typeof auditEntities)[number];

export const auditActions = ['create', 'update', 'delete', 'login', 'login-failed', 'logout', 'restore'] as const;
export type AuditAction = (typeof auditActions)[number];

export const defaultLimit = 200;
export const maxLimit = 1000;

/** A query parameter left empty (a form's empty field) counts as not given. */
const optional = <S extends v.GenericSchema<string, unknown>>(schema: S) =>
  v.optional(v.pipe(v.string(), v.trim(), v.transform((s) => (s === '' ? undefined : s)), v.optional(schema)));

const datePattern = /^\d{4}-\d{2}-\d{2}$/;
const realDate = (s: string) => {
  const t = Date.parse(`${s}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().startsWith(s);
};

/** One message per bad date: its form, or else that the day does not exist (2026-02-30). */
const day = (label: string) =>
  v.pipe(
    v.string(),
    v.regex(datePattern, `${label} ska vara ett datum på formen ÅÅÅÅ-MM-DD, t.ex. 2026-01-31.`),
    v.check((s) => !datePattern.test(s) || realDate(s), `${label} är inget giltigt datum.`),
  );

const positive = (message: string) => v.pipe(v.string(), v.regex(/^[1-9]\d{0,15}$/, message), v.transform(Number));

/**
 * The log's filters, from `/api/v1/audit` and (renamed to Swedish) from `/logg` alike.
 * `from`/`to` are whole days, both included; `before` is the cursor: events older than
 * that event id.
 */
export const auditFilter = v.pipe(
  v.object({
    entity: optional(v.picklist(auditEntities, `Okänd sorts post. Välj en av: ${auditEntities.join(', ')}.`)),
    entityId: optional(v.pipe(v.string(), v.maxLength(200, 'Id får vara högst 200 tecken.'))),
    actor: optional(v.pipe(v.string(), v.maxLength(200, 'Vem får vara högst 200 tecken.'))),
    from: optional(day('Från-datumet')),
    to: optional(day('Till-datumet')),
    limit: optional(v.pipe(
      positive(`Antal ska vara ett heltal från 1 till ${maxLimit}.`),
      v.maxValue(maxLimit, `Antal får vara högst ${maxLimit}.`),
    )),
    before: optional(positive('Markören (before) ska vara id:t på en händelse, ett positivt heltal.')),
  }),
  v.forward(
    v.partialCheck([['from'], ['to']], (f) => !f.from || !f.to || f.from <= f.to, 'Till-datumet får inte vara före från-datumet.'),
    ['to'],
  ),
);
export type AuditFilter = v.InferOutput<typeof auditFilter>;

/** The page's query parameters (Swedish, like the other pages) ↔ the API's filter names. */
export const pageParams = { actor: 'vem', entity: 'vad', entityId: 'id', from: 'fran', to: 'till', before: 'fore' } as const;
export type PageParam = (typeof pageParams)[keyof typeof pageParams];

export function fromPageParams(query: Record<string, string>): Record<string, string> {
  const input: Record<string, string> = {};
  for (const [key, param] of Object.entries(pageParams)) if (query[param] !== undefined) input[key] = query[param];
  return input;
}

export function toPageParams(filter: AuditFilter, extra: { before?: number } = {}): string {
  const params = new URLSearchParams();
  for (const [key, param] of Object.entries(pageParams)) {
    const value = key === 'before' ? extra.before : filter[key as keyof AuditFilter];
    if (value !== undefined && value !== '') params.set(param, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The first instant of a day in a time zone, as the ISO text `audit_event.at` is stored in. */
export function startOfDay(day: string, timeZone: 'UTC' | 'Europe/Stockholm'): string {
  const midnightUtc = Date.parse(`${day}T00:00:00Z`);
  if (timeZone === 'UTC') return new Date(midnightUtc).toISOString();
  // Stockholm is UTC+1 or, in summer, UTC+2; midnight always exists (the clocks change at night's 02:00/03:00).
  for (const hours of [1, 2]) {
    const candidate = midnightUtc - hours * 3_600_000;
    if (localDayAndHour(candidate, timeZone) === `${day} 00`) return new Date(candidate).toISOString();
  }
  return new Date(midnightUtc - 3_600_000).toISOString();
}

function localDayAndHour(instant: number, timeZone: string): string {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-CA', {
    timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', hourCycle: 'h23',
  }).formatToParts(instant).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}`;
}

const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** What the queries take: the filters with the period as instants (`since` included, `until` not). */
export type AuditQuery = {
  entity?: string;
  entityId?: string;
  actor?: string;
  since?: string;
  until?: string;
  before?: number;
  limit: number;
  /**
   * Events about accounts (sign-ins with addresses, users, API tokens) are personal data
   * and for administrators only.
   */
  accounts?: boolean;
};

/**
 * The API counts whole UTC days; the page and its CSV count Swedish calendar days, since
 * they show Swedish time.
 */
export function auditQuery(filter: AuditFilter, timeZone: 'UTC' | 'Europe/Stockholm', limit = filter.limit ?? defaultLimit): AuditQuery {
  return {
    entity: filter.entity,
    entityId: filter.entityId,
    actor: filter.actor,
    since: filter.from ? startOfDay(filter.from, timeZone) : undefined,
    until: filter.to ? startOfDay(nextDay(filter.to), timeZone) : undefined,
    before: filter.before,
    limit,
  };
}
