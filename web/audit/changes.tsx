import type { FC } from 'hono/jsx';
import type { AuditEntry, Names } from '../../worker/audit/queries.ts';
import { referenceFields } from '../../worker/audit/queries.ts';
import type { AuditAction, AuditEntity } from '../../worker/audit/schemas.ts';
import { roleLabel } from '../layout.tsx';
import { count, productLabel, sek } from '../format.ts';
import { criticalityLabel, kindShort, lifecycleLabel } from '../labels.ts';
import { applicationLabels } from '../portfolio/applications.tsx';
import { installationLabels } from '../portfolio/installation.tsx';
import { municipalityLabels } from '../portfolio/municipalities.tsx';
import { productLabels } from '../portfolio/products.tsx';
import { documentLabels } from '../documents/pages.tsx';
import { documentTypeLabel } from '../../worker/documents/review.ts';

/** The log's words for what an event is about and what happened. */
export const entityLabel: Record<AuditEntity, string> = {
  municipality: 'Kommun',
  application: 'Applikation',
  product: 'Produkt',
  installation: 'Kommunens system',
  business_area: 'Verksamhetsområde',
  technical_subarea: 'Delområde',
  collaboration: 'Samverkan',
  person: 'Person',
  role_assignment: 'Roll',
  action_item: 'Aktivitet i handlingsplanen',
  action_note: 'Lägesanteckning',
  goal: 'Mål',
  goal_snapshot: 'Ögonblicksbild av målen',
  goal_measurement: 'Mätning',
  status_report: 'Lägesrapport',
  allocation_key: 'Fördelningsnyckel',
  cost_item: 'Kostnad',
  cost_year: 'Bokslut för kostnadsår',
  initiative: 'Initiativ (nytt system)',
  initiative_answer: 'Svar om att delta i initiativ',
  user: 'Användare',
  api_token: 'API-nyckel',
  backup: 'Säkerhetskopia',
  import: 'Import',
  freeze_rule: 'Frysperiod',
  planned_change: 'Planerad ändring',
  calendar_link: 'Kalenderlänk',
  governing_document: 'Styrdokument',
};

export const actionLabel: Record<AuditAction, string> = {
  create: 'skapade',
  update: 'ändrade',
  delete: 'tog bort',
  login: 'loggade in',
  'login-failed': 'misslyckad inloggning',
  logout: 'loggade ut',
  restore: 'återställde',
};

export const entityName = (entity: string) => entityLabel[entity as AuditEntity] ?? entity;

/** Where a row's page is, while the row exists. */
export function entityHref(entity: string, entityId: string): string | undefined {
  const id = encodeURIComponent(entityId);
  switch (entity) {
    case 'municipality': return `/kommuner/${id}`;
    case 'application': return `/applikationer/${id}`;
    case 'product': return `/produkter/${id}/andra`;
    case 'installation': return `/system/${id}`;
    case 'collaboration': return `/samverkan/${id}`;
    case 'person': return `/personer/${id}`;
    case 'action_item': return `/handlingsplan/${id}`;
    case 'goal': return `/mal/${id}`;
    case 'status_report': return `/lagesrapporter/${id}`;
    case 'planned_change': return `/andringar/${id}`;
    case 'freeze_rule': return `/andringar/frysperioder/${id}`;
    case 'allocation_key': return `/kostnader/nycklar/${id}`;
    case 'cost_item': return `/kostnader/${id}`;
    case 'cost_year': return `/kostnader?ar=${id}`;
    case 'initiative': return `/initiativ/${id}`;
    case 'governing_document': return `/styrdokument/${id}`;
    case 'import': return `/dataoverforing/import/${id}`;
    case 'initiative_answer': return `/initiativ/${encodeURIComponent(entityId.split('/')[0] ?? '')}`;
    default: return undefined;
  }
}

const stockholm = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
});

/** "2026-11-25 13:04:05", Swedish local time (the log stores UTC). */
export const swedishTime = (iso: string) => {
  const instant = Date.parse(iso);
  return Number.isNaN(instant) ? iso : stockholm.format(instant);
};

export const Time: FC<{ at: string }> = ({ at }) => <time datetime={at}>{swedishTime(at)}</time>;

const commonLabels: Record<string, string> = {
  code: 'Kommunkod', name: 'Namn', email: 'E-post', role: 'Roll', active: 'Aktiv', municipalities: 'Kommuner',
  twoFactor: 'Tvåstegsverifiering', address: 'Adress', reason: 'Orsak', everywhere: 'På alla enheter', via: 'Via',
  password: 'Lösenord', sessions: 'Inloggningar', recoveryCodes: 'Reservkoder', invitation: 'Inbjudan',
  invitationExpiresAt: 'Inbjudan gäller till', createdBy: 'Skapad av', lastUsedAt: 'Senast använd', revokedAt: 'Återkallad',
};

const fieldLabels: Record<string, Record<string, string>> = {
  municipality: municipalityLabels,
  application: applicationLabels,
  product: productLabels,
  installation: installationLabels,
  governing_document: documentLabels,
  backup: { accounts: 'Ersatta konton', auditEvents: 'Ersatta händelser', schema: 'Databasversion', rows: 'Återställda rader' },
  import: { file: 'Fil', rows: 'Rader', created: 'Nya system', changed: 'Ändrade system', unchanged: 'Oförändrade system', newApplications: 'Nya applikationer', newProducts: 'Nya produkter', detail: 'Raderna' },
};

export const fieldLabel = (entity: string, field: string) =>
  (fieldLabels[entity]?.[field] ?? commonLabels[field] ?? field).replace(/\s*\(kr\)$/, '');

/** Bookkeeping that every write changes; not what anyone changed. */
const bookkeeping = new Set(['id', 'version', 'createdAt', 'updatedAt']);

/** What names a deleted row in its summary, in this order. */
const identifying = ['code', 'vendor', 'name', 'email', 'municipality', 'applicationId', 'productId', 'kind'];

const enumLabels: Record<string, Record<string, string>> = {
  kind: kindShort, lifecycle: lifecycleLabel, criticality: criticalityLabel, role: roleLabel,
  type: documentTypeLabel,
};

const maxText = 120;

/** A stored value as a person reads it: kronor for öre, Ja/Nej, names for ids, Swedish for codes. */
export function formatValue(field: string, value: unknown, names: Names = {}): string {
  if (value === null || value === undefined || value === '') return '–';
  if (typeof value === 'boolean') return value ? 'Ja' : 'Nej';
  if (field.endsWith('At') && (typeof value === 'number' || (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value)))) {
    return swedishTime(new Date(value).toISOString());
  }
  if (typeof value === 'number') {
    if (field.endsWith('Ore')) return sek(value);
    const entity = referenceFields[field as keyof typeof referenceFields];
    if (entity) return names[`${entity}:${value}`] ?? `nr ${value}`;
    return count(value);
  }
  if (typeof value === 'string') {
    const label = enumLabels[field]?.[value];
    if (label) return label;
    return value.length > maxText ? `${value.slice(0, maxText)}…` : value;
  }
  if (Array.isArray(value)) {
    if (value.every((p) => p && typeof p === 'object' && 'year' in p && 'population' in p)) {
      return value.map((p: { year: number; population: number }) => `${p.year}: ${count(p.population)}`).join(', ') || '–';
    }
    return value.map((item) => formatValue(field, item, names)).join(', ') || '–';
  }
  const json = JSON.stringify(value);
  return json.length > maxText ? `${json.slice(0, maxText)}…` : json;
}

export type ChangeLine = { label: string; before: string; after: string } | { label: string; value: string };

export type Summary = { lines: ChangeLine[]; more: number };

const fields = (side: unknown): Record<string, unknown> =>
  side !== null && typeof side === 'object' && !Array.isArray(side) ? (side as Record<string, unknown>) : {};

const isEmpty = (value: unknown) => value === null || value === undefined || value === '' || value === false || (Array.isArray(value) && value.length === 0);

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * What an event changed, readably: for an update each changed field before → after; for a
 * create what was given; for a delete what identified the row; for logins their details.
 */
export function summarize(event: Pick<AuditEntry, 'action' | 'entity' | 'before' | 'after'>, names: Names = {}, max = 8): Summary {
  const before = fields(event.before);
  const after = fields(event.after);
  const line = (field: string, value: unknown): ChangeLine => ({ label: fieldLabel(event.entity, field), value: formatValue(field, value, names) });
  let lines: ChangeLine[];
  if (event.action === 'update') {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => !bookkeeping.has(k) && !same(before[k], after[k]));
    lines = keys.map((k) => ({ label: fieldLabel(event.entity, k), before: formatValue(k, before[k], names), after: formatValue(k, after[k], names) }));
    return { lines, more: 0 };
  }
  if (event.action === 'delete') {
    lines = identifying.filter((k) => !isEmpty(before[k])).map((k) => line(k, before[k]));
  } else {
    const shown = event.action === 'create' ? after : { ...before, ...after };
    lines = Object.entries(shown).filter(([k, v]) => !bookkeeping.has(k) && (event.action !== 'create' || !isEmpty(v))).map(([k, v]) => line(k, v));
  }
  return { lines: lines.slice(0, max), more: Math.max(0, lines.length - max) };
}

/** The name an event's row had, from the event itself (for rows that no longer exist). */
export function recordedName(event: Pick<AuditEntry, 'before' | 'after'>): string | undefined {
  const row = { ...fields(event.after), ...fields(event.before) };
  if (typeof row.vendor === 'string' && typeof row.name === 'string') return productLabel(row.vendor, row.name);
  return typeof row.name === 'string' ? row.name : undefined;
}

export const Changes: FC<{ event: AuditEntry; names: Names; max?: number }> = ({ event, names, max }) => {
  const { lines, more } = summarize(event, names, max);
  if (!lines.length) return null;
  return (
    <ul class="plain-list">
      {lines.map((l) => (
        <li>
          {l.label}:{' '}
          {'value' in l ? l.value : (
            <>{l.before} <span aria-hidden="true">→</span><span class="visually-hidden"> blev</span> {l.after}</>
          )}
        </li>
      ))}
      {more > 0 && <li>… och {more} {more === 1 ? 'uppgift' : 'uppgifter'} till</li>}
    </ul>
  );
};

/** What an event is about: its kind, and its name linking to its page while it exists. */
export const Subject: FC<{ event: AuditEntry }> = ({ event }) => {
  const href = event.label !== null ? entityHref(event.entity, event.entityId) : undefined;
  const name = event.label ?? recordedName(event) ?? event.entityId;
  // A restored backup is named by its time and never had a row of its own.
  const gone = event.label === null && !(event.entity === 'user' && !/^\d+$/.test(event.entityId)) && event.entity !== 'backup';
  return (
    <>
      {entityName(event.entity)}{' '}
      {href ? <a href={href}>{name}</a> : <span>{name}</span>}
      {gone && <span class="meta"> (finns inte längre)</span>}
    </>
  );
};
