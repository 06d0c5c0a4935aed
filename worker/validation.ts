import * as v from 'valibot';
import { invalid, ok, type FieldIssue, type Outcome } from './outcome.ts';

/** Valibot issues as `{ path, message }` with dotted paths ("populations.0.year"). */
export function fieldIssues(issues: readonly v.BaseIssue<unknown>[]): FieldIssue[] {
  return issues.map((issue) => ({
    path: issue.path?.map((item) => String(item.key)).join('.') ?? '',
    message: isMissingKey(issue) ? 'Uppgiften saknas.' : issue.message,
  }));
}

// An object schema reports a missing key and an unknown key with the same message; tell them apart.
const isMissingKey = (issue: v.BaseIssue<unknown>) =>
  (issue.type === 'strict_object' || issue.type === 'object') && issue.expected !== 'never' && issue.input === undefined;

export function validate<S extends v.GenericSchema>(schema: S, input: unknown): Outcome<v.InferOutput<S>> {
  const result = v.safeParse(schema, input, { abortPipeEarly: true });
  return result.success ? ok(result.output) : invalid(fieldIssues(result.issues));
}

// Reusable field schemas with Swedish messages.
export const requiredText = (label: string, max = 200) =>
  v.pipe(
    v.string(`${label} måste vara text.`),
    v.trim(),
    v.nonEmpty(`Ange ${label.toLowerCase()}.`),
    v.maxLength(max, `${label} får vara högst ${max} tecken.`),
  );

export const text = (label: string, max = 2000) =>
  v.pipe(v.string(`${label} måste vara text.`), v.trim(), v.maxLength(max, `${label} får vara högst ${max} tecken.`));

export const wholeNumber = (label: string, min: number, max: number) =>
  v.pipe(
    v.number(`${label} måste vara ett tal.`),
    v.integer(`${label} måste vara ett heltal.`),
    v.minValue(min, `${label} får inte vara mindre än ${min}.`),
    v.maxValue(max, `${label} får inte vara större än ${max}.`),
  );

/** Money is integer öre; 10^13 öre (100 000 000 000 kr) is far above any municipal IT cost. */
export const ore = (label: string) =>
  v.pipe(
    v.number(`${label} måste anges i öre som ett heltal.`),
    v.integer(`${label} måste anges i hela öre.`),
    v.minValue(0, `${label} får inte vara negativt.`),
    v.maxValue(10_000_000_000_000, `${label} är orimligt stort.`),
  );

export const isoDate = (label: string) =>
  v.pipe(
    v.string(`${label} måste vara ett datum.`),
    v.isoDate(`${label} måste vara ett datum på formen ÅÅÅÅ-MM-DD.`),
    v.check((value) => !Number.isNaN(Date.parse(value)) && new Date(value).toISOString().startsWith(value), `${label} är inget giltigt datum.`),
  );

export const id = (label: string) =>
  v.pipe(v.number(`Välj ${label.toLowerCase()}.`), v.integer(`Välj ${label.toLowerCase()}.`), v.minValue(1, `Välj ${label.toLowerCase()}.`));

export const municipalityCode = (label = 'Kommunkod') =>
  v.pipe(v.string(`${label} måste vara text.`), v.trim(), v.regex(/^\d{4}$/, `${label} ska vara SCB:s fyrsiffriga kommunkod, t.ex. 1460.`));

export const bool = (label: string) => v.boolean(`${label} ska vara ja eller nej.`);

/** PATCH bodies carry the version they were read at. */
export const versionField = v.pipe(
  v.number('Ange versionen du läste (version).'),
  v.integer('Versionen måste vara ett heltal.'),
  v.minValue(1, 'Versionen måste vara minst 1.'),
);
