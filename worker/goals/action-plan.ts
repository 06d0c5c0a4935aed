import * as v from 'valibot';
import { actionStatuses } from '../../schema/goals.ts';
import { id, isoDate, requiredText, text, versionField } from '../validation.ts';

/*
 * The action plan (handlingsplan, strategy section 10 and appendix G): pure rules and the
 * API's input schemas. No I/O, so the rules are unit-tested with known dates.
 */

export type ActionStatus = (typeof actionStatuses)[number];

const quarterPattern = /^(\d{4})-Q([1-4])$/;
const datePattern = /^\d{4}-\d{2}-\d{2}$/;

/** The last day of a quarter ("2026-Q3" → "2026-09-30") or the date itself; null without a due. */
export function dueEnd(due: string | null | undefined): string | null {
  if (!due) return null;
  const quarter = quarterPattern.exec(due);
  if (quarter) return `${quarter[1]}-${['03-31', '06-30', '09-30', '12-31'][Number(quarter[2]) - 1]}`;
  return datePattern.test(due) ? due : null;
}

/** The year a due falls in, for grouping; null without a due. */
export const dueYear = (due: string | null | undefined) => dueEnd(due)?.slice(0, 4) ?? null;

/** Still to do: planned or ongoing. */
export const isOpen = (status: ActionStatus) => status === 'planned' || status === 'ongoing';

/**
 * Overdue: not done or cancelled, and the due has passed — the quarter's last day (or the
 * date) is before `today` (YYYY-MM-DD). Due on the day itself is not yet overdue.
 */
export function isOverdue(action: { due: string | null; status: ActionStatus }, today: string): boolean {
  const end = dueEnd(action.due);
  return end !== null && isOpen(action.status) && end < today;
}

/** By due (the quarter's end; a date within the quarter first), activities without a due last, then by title. */
export function byDue(a: { due: string | null; title: string }, b: { due: string | null; title: string }): number {
  const ea = dueEnd(a.due);
  const eb = dueEnd(b.due);
  if (ea !== eb) return ea === null ? 1 : eb === null ? -1 : ea < eb ? -1 : 1;
  if (a.due !== b.due) return quarterPattern.test(a.due ?? '') ? 1 : -1;
  return a.title.localeCompare(b.title, 'sv');
}

const validDate = (s: string) => {
  const t = Date.parse(`${s}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().startsWith(s);
};

/** A quarter ("2026-Q3", "2026-q3" is accepted and written upper-case) or a date (YYYY-MM-DD). */
export const due = v.pipe(
  v.string('Klart senast måste vara text: ett kvartal som 2027-Q2 eller ett datum som 2027-03-31.'),
  v.trim(),
  v.toUpperCase(),
  v.check((s) => quarterPattern.test(s) || (datePattern.test(s) && validDate(s)),
    'Klart senast ska vara ett kvartal på formen ÅÅÅÅ-Qn (t.ex. 2027-Q2) eller ett datum på formen ÅÅÅÅ-MM-DD (t.ex. 2027-03-31).'),
  v.check((s) => Number(s.slice(0, 4)) >= 2000 && Number(s.slice(0, 4)) <= 2100, 'Klart senast ska ligga mellan år 2000 och 2100.'),
);

const unknownField = 'Okänt fält.';
const nullable = <S extends v.GenericSchema>(schema: S) => v.optional(v.nullable(schema));

const goalIds = v.pipe(
  v.array(id('Mål'), 'Ange målen som en lista med id, t.ex. [1, 4].'),
  v.maxLength(100, 'Högst 100 mål per aktivitet.'),
);

const statusField = v.picklist(actionStatuses, 'Välj status: planned (planerad), ongoing (pågår), done (klar) eller cancelled (inställd).');

const changeable = {
  title: requiredText('Aktivitet', 300),
  description: v.optional(text('Beskrivning', 4000)),
  due: nullable(due),
  ownerId: nullable(id('Ansvarig person')),
  ownerText: v.optional(text('Ansvarig (grupp eller funktion)', 200)),
  status: v.optional(statusField),
  goalIds: v.optional(goalIds),
};

export const actionCreate = v.strictObject({
  /** The strategy the activity belongs to; the newest strategy when left out. */
  strategyId: v.optional(id('Strategi')),
  ...changeable,
}, unknownField);

export const actionPatch = v.strictObject({
  version: versionField,
  ...v.partial(v.object(changeable)).entries,
}, unknownField);

export const noteCreate = v.strictObject({
  text: requiredText('Anteckning', 4000),
  /** The day the note is about; today when left out. */
  on: v.optional(isoDate('Datum')),
}, unknownField);

/** `GET /actions?status=&strategy=`: a status, or `open` (planned and ongoing) or `overdue`. */
export const actionFilters = [...actionStatuses, 'open', 'overdue'] as const;
export type ActionFilter = (typeof actionFilters)[number];

export const actionListQuery = v.object({
  status: v.optional(v.picklist(actionFilters, `Status ska vara en av: ${actionFilters.join(', ')}.`)),
  strategy: v.optional(v.pipe(v.string(), v.regex(/^[1-9]\d{0,15}$/, 'Strategi måste vara ett id (ett positivt heltal).'), v.transform(Number))),
});

export function matchesFilter(action: { due: string | null; status: ActionStatus }, filter: ActionFilter | undefined, today: string): boolean {
  if (filter === undefined) return true;
  if (filter === 'open') return isOpen(action.status);
  if (filter === 'overdue') return isOverdue(action, today);
  return action.status === filter;
}
