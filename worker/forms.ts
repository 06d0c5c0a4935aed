import type { FieldIssue } from './outcome.ts';

/**
 * How a form field's text becomes the value the JSON API takes, so that pages and API run
 * the same commands: numbers as numbers, kronor as öre, empty dates as null, checkboxes as
 * booleans.
 */
export type FieldType = 'text' | 'choice' | 'select' | 'integer' | 'optionalInteger' | 'kronor' | 'date' | 'checkbox';

export type FormSpec = Record<string, FieldType>;
export type FormValues = Record<string, string>;

const moneyPattern = /^(\d+)(?:[.,](\d{1,2}))?$/;

/** "12 500,50" → 1250050 öre; exact, no floating point. */
export function kronorToOre(text: string): number | undefined {
  const match = moneyPattern.exec(text.replace(/[\s\u00a0]/g, '').replace(/kr$/i, ''));
  if (!match) return undefined;
  const ore = BigInt(match[1]!) * 100n + BigInt((match[2] ?? '0').padEnd(2, '0'));
  return ore <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(ore) : undefined;
}

export function formInput(form: Record<string, unknown>, spec: FormSpec): { input: Record<string, unknown>; values: FormValues; issues: FieldIssue[] } {
  const input: Record<string, unknown> = {};
  const values: FormValues = {};
  const issues: FieldIssue[] = [];
  for (const [name, type] of Object.entries(spec)) {
    const raw = typeof form[name] === 'string' ? (form[name] as string) : undefined;
    const text = raw?.trim() ?? '';
    values[name] = raw ?? '';
    switch (type) {
      case 'text':
        if (raw !== undefined) input[name] = raw;
        break;
      case 'checkbox':
        input[name] = raw !== undefined;
        break;
      case 'date':
      case 'choice':
        input[name] = text === '' ? null : text;
        break;
      case 'select':
        // A required choice left empty stays '' so the schema answers with its own "Välj …".
        input[name] = /^\d+$/.test(text) ? Number(text) : text;
        break;
      case 'integer':
      case 'optionalInteger':
        if (text === '') { if (type === 'optionalInteger') input[name] = null; }
        else input[name] = /^-?\d+$/.test(text) ? Number(text) : text;
        break;
      case 'kronor': {
        if (text === '') { input[name] = 0; break; }
        const ore = kronorToOre(text);
        if (ore === undefined) issues.push({ path: name, message: 'Ange beloppet i kronor, t.ex. 12 500 eller 12 500,50.' });
        else input[name] = ore;
        break;
      }
    }
  }
  return { input, values, issues };
}

/** The first message per field, for showing errors at the field. */
export const issuesByField = (issues: FieldIssue[]) =>
  issues.reduce<Record<string, string>>((byField, i) => (byField[i.path] ??= i.message, byField), {});
