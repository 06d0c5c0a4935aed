import * as v from 'valibot';
import { environments, freezeKinds, freezeScopes, riskClasses } from '../../schema/changes.ts';
import type { FieldIssue } from '../outcome.ts';
import { id, municipalityCode, requiredText, text, versionField, wholeNumber } from '../validation.ts';
import { isMonthDay } from './freeze-calendar.ts';

const unknownField = 'Okänt fält.';
const nullable = <S extends v.GenericSchema>(schema: S) => v.optional(v.nullable(schema));

/** A day between 2000 and 2099: enough for any plan, and keeps the calendar arithmetic bounded. */
export const day = (label: string) =>
  v.pipe(
    v.string(`${label} måste vara ett datum.`),
    v.regex(/^\d{4}-\d{2}-\d{2}$/, `${label} ska vara ett datum på formen ÅÅÅÅ-MM-DD, t.ex. 2027-08-16.`),
    v.check((s) => { const t = Date.parse(`${s}T00:00:00Z`); return !Number.isNaN(t) && new Date(t).toISOString().startsWith(s); }, `${label} är inget giltigt datum.`),
    v.check((s) => s >= '2000-01-01' && s <= '2099-12-31', `${label} ska ligga mellan år 2000 och 2099.`),
  );

const monthDay = (label: string) =>
  v.pipe(v.string(`${label} måste vara text.`), v.trim(), v.check(isMonthDay, `${label} ska vara en dag på formen MM-DD, t.ex. 12-15.`));

const week = (label: string) => wholeNumber(label, 1, 53);

export const environmentField = v.picklist(environments, 'Välj miljö: utbildningsmiljön eller den administrativa miljön.');

const timingFields = {
  kind: v.picklist(freezeKinds, 'Välj typ: veckor varje år, datum varje år eller ett daterat fönster.'),
  fromWeek: nullable(week('Första veckan')),
  toWeek: nullable(week('Sista veckan')),
  fromMonthDay: nullable(monthDay('Första dagen')),
  toMonthDay: nullable(monthDay('Sista dagen')),
  fromDate: nullable(day('Startdatumet')),
  toDate: nullable(day('Slutdatumet')),
};

const ruleFields = {
  name: requiredText('Namn', 200),
  reason: v.optional(text('Skäl', 2000)),
  scope: v.picklist(freezeScopes, 'Välj omfattning: hela miljön eller bara utbildningsmiljön.'),
  ...timingFields,
};

/**
 * `POST /api/v1/freeze-periods`: `{ name, reason?, scope, kind, … }` with the fields of its kind —
 * `fromWeek`/`toWeek` (weeks), `fromMonthDay`/`toMonthDay` ("12-15", yearly) or `fromDate`/`toDate` (window).
 */
export const freezeRuleCreate = v.strictObject(ruleFields, unknownField);
export const freezeRulePatch = v.strictObject({ version: versionField, ...v.partial(v.object(ruleFields)).entries }, unknownField);

type TimingInput = { kind: string; fromWeek?: number | null; toWeek?: number | null; fromMonthDay?: string | null; toMonthDay?: string | null; fromDate?: string | null; toDate?: string | null };

/** What a rule of its kind lacks, per field; the other kinds' fields are ignored. */
export function timingIssues(t: TimingInput): FieldIssue[] {
  const need = (path: keyof TimingInput, message: string) => (t[path] === undefined || t[path] === null ? [{ path, message }] : []);
  switch (t.kind) {
    case 'weeks':
      return [...need('fromWeek', 'Ange första veckan (1–53).'), ...need('toWeek', 'Ange sista veckan (1–53).')];
    case 'yearly':
      return [...need('fromMonthDay', 'Ange första dagen, t.ex. 12-15.'), ...need('toMonthDay', 'Ange sista dagen, t.ex. 01-15.')];
    default: {
      const missing = [...need('fromDate', 'Ange startdatumet.'), ...need('toDate', 'Ange slutdatumet.')];
      if (missing.length) return missing;
      if (t.toDate! < t.fromDate!) return [{ path: 'toDate', message: 'Slutdatumet får inte vara före startdatumet.' }];
      if (Date.parse(t.toDate!) - Date.parse(t.fromDate!) > 366 * 86_400_000) return [{ path: 'toDate', message: 'Ett daterat fönster får vara högst ett år långt.' }];
      return [];
    }
  }
}

const exception = v.strictObject({
  riskAssessment: requiredText('Riskbedömningen', 4000),
  rollbackPlan: requiredText('Återställningsplanen', 4000),
}, unknownField);

const changeFields = {
  title: requiredText('Rubrik', 200),
  description: v.optional(text('Beskrivning', 4000)),
  startsOn: day('Datumet'),
  endsOn: nullable(day('Slutdatumet')),
  environment: environmentField,
  municipality: nullable(municipalityCode('Kommun')),
  installationId: nullable(id('System')),
  riskClass: v.picklist(riskClasses, 'Välj riskklass: standardändring, normal eller akut.'),
  /** A request for an exception from a freeze; `null` withdraws it. */
  exception: nullable(exception),
};

/**
 * `POST /api/v1/changes`: `{ title, description?, startsOn, endsOn?, environment, municipality?,
 * installationId?, riskClass, exception?: { riskAssessment, rollbackPlan } }`.
 */
export const changeCreate = v.strictObject(changeFields, unknownField);
export const changePatch = v.strictObject({ version: versionField, ...v.partial(v.object(changeFields)).entries }, unknownField);

/** `POST /api/v1/changes/:id/exception-decision`: `{ version, decision: 'approved' | 'rejected' }`. */
export const exceptionDecision = v.strictObject({
  version: versionField,
  decision: v.picklist(['approved', 'rejected'] as const, 'Beslutet ska vara approved (godkänt) eller rejected (avslaget).'),
}, unknownField);

/** `GET /api/v1/changes/freeze-check?date=YYYY-MM-DD&environment=education|administration`. */
export const freezeCheckQuery = v.object({
  date: v.pipe(v.optional(v.string(), ''), v.nonEmpty('Ange datumet (date) på formen ÅÅÅÅ-MM-DD.'), day('Datumet')),
  environment: v.pipe(v.optional(v.string(), ''), v.nonEmpty('Ange miljön (environment): education eller administration.'), environmentField),
});

/** `GET /api/v1/changes?from=&to=&environment=`. */
export const changeListQuery = v.object({
  from: v.optional(day('Från-datumet')),
  to: v.optional(day('Till-datumet')),
  environment: v.optional(environmentField),
});

export type FreezeRuleCreate = v.InferOutput<typeof freezeRuleCreate>;
export type ChangeCreate = v.InferOutput<typeof changeCreate>;
