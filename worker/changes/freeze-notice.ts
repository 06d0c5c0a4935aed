/**
 * The notice rule (no I/O): freeze periods other than the standing ones are announced at
 * least six weeks in advance, so nobody's planned change is frozen without warning.
 */
import { environments, type FreezeScope } from '../../schema/changes.ts';
import { addDays, appliesTo, occurrences, type FreezeTiming, type Occurrence } from './freeze-calendar.ts';

export const noticeDays = 42;

type Rule = FreezeTiming & { scope: FreezeScope };

/**
 * The first period of `after` that freezes a day within the notice time (today and the 41
 * days after it) which `before` (the rule as it was, when it is being changed) did not
 * already freeze in that environment; undefined when the rule gives enough notice. A period
 * starting exactly 42 days from today is fine; one starting 41 days from today is not.
 */
export function unannouncedPeriod(today: string, after: Rule, before?: Rule): Occurrence | undefined {
  const last = addDays(today, noticeDays - 1);
  const beforePeriods = before ? occurrences(before, today, last) : [];
  for (const period of occurrences(after, today, last)) {
    for (let day = period.from < today ? today : period.from; day <= period.to && day <= last; day = addDays(day, 1)) {
      const isNew = environments.some((env) => appliesTo(after.scope, env)
        && !(before && appliesTo(before.scope, env) && beforePeriods.some((p) => p.from <= day && day <= p.to)));
      if (isNew) return period;
    }
  }
  return undefined;
}

/** The earliest day a new freeze may start when announced `today`. */
export const earliestFreezeStart = (today: string) => addDays(today, noticeDays);
