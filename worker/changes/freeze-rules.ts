import { eq } from 'drizzle-orm';
import { freezeRule } from '../../schema/changes.ts';
import type { Actor, Database } from '../env.ts';
import { invalid, notFound, ok, type Outcome } from '../outcome.ts';
import { validate } from '../validation.ts';
import { deleteVersioned, insertAudited, updateVersioned } from '../versioned.ts';
import { freezeRuleCreate, freezeRulePatch, timingIssues } from './change-schemas.ts';
import { definition, findFreezeRule, type FreezeRule, type FreezeRuleRow } from './change-queries.ts';
import { earliestFreezeStart, unannouncedPeriod } from './freeze-notice.ts';

type RuleValues = Pick<FreezeRuleRow, 'name' | 'reason' | 'kind' | 'scope' | 'fromWeek' | 'toWeek' | 'fromMonthDay' | 'toMonthDay' | 'fromDate' | 'toDate'>;

/** Only the columns of the rule's kind are kept; the others are emptied. */
function normalized(v: Partial<RuleValues> & Pick<RuleValues, 'name' | 'kind' | 'scope'>): RuleValues {
  return {
    name: v.name, reason: v.reason ?? '', kind: v.kind, scope: v.scope,
    fromWeek: v.kind === 'weeks' ? v.fromWeek ?? null : null,
    toWeek: v.kind === 'weeks' ? v.toWeek ?? null : null,
    fromMonthDay: v.kind === 'yearly' ? v.fromMonthDay ?? null : null,
    toMonthDay: v.kind === 'yearly' ? v.toMonthDay ?? null : null,
    fromDate: v.kind === 'window' ? v.fromDate ?? null : null,
    toDate: v.kind === 'window' ? v.toDate ?? null : null,
  };
}

const firstField = { weeks: 'fromWeek', yearly: 'fromMonthDay', window: 'fromDate' } as const;

/** The rule's kind is complete, and what it newly freezes is announced six weeks ahead. */
function checkRule(values: RuleValues, today: string, before?: FreezeRuleRow): Outcome<RuleValues> {
  const issues = timingIssues(values);
  if (issues.length) return invalid(issues);
  const row = { ...values, id: 0, version: 1, createdAt: '', updatedAt: '' };
  const period = unannouncedPeriod(today, definition(row), before && definition(before));
  if (period) {
    return invalid([{
      path: firstField[values.kind],
      message: `Nya frysperioder ska meddelas minst sex veckor i förväg. Perioden ${period.from}–${period.to} börjar för tidigt: `
        + `en frysperiod som meddelas i dag (${today}) kan börja tidigast ${earliestFreezeStart(today)}.`,
    }]);
  }
  return { ok: true, value: values };
}

export async function createFreezeRule(db: Database, actor: Actor, input: unknown, today: string): Promise<Outcome<FreezeRule>> {
  const parsed = validate(freezeRuleCreate, input);
  if (!parsed.ok) return parsed;
  const checked = checkRule(normalized(parsed.value), today);
  if (!checked.ok) return checked;
  const created = await insertAudited<FreezeRuleRow>(db, actor, freezeRule, 'freeze_rule', checked.value);
  if (!created.ok) return created;
  return ok((await findFreezeRule(db, created.value.id, today))!);
}

export async function updateFreezeRule(db: Database, actor: Actor, id: number, input: unknown, today: string): Promise<Outcome<FreezeRule>> {
  const parsed = validate(freezeRulePatch, input);
  if (!parsed.ok) return parsed;
  const { version, ...patch } = parsed.value;
  const [before] = await db.select().from(freezeRule).where(eq(freezeRule.id, id));
  if (!before) return notFound('Frysperioden finns inte.');
  const given = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
  const checked = checkRule(normalized({ ...before, ...given } as RuleValues), today, before);
  if (!checked.ok) return checked;
  const set = Object.fromEntries(Object.entries(checked.value).filter(([k, v]) => before[k as keyof FreezeRuleRow] !== v));
  const updated = await updateVersioned(db, actor, { table: freezeRule, key: freezeRule.id, id, entity: 'freeze_rule', before, version }, set);
  if (!updated.ok) return updated;
  return ok((await findFreezeRule(db, id, today))!);
}

export async function deleteFreezeRule(db: Database, actor: Actor, id: number, version?: number): Promise<Outcome<void>> {
  const [before] = await db.select().from(freezeRule).where(eq(freezeRule.id, id));
  if (!before) return notFound('Frysperioden finns inte.');
  return deleteVersioned(db, actor, { table: freezeRule, key: freezeRule.id, id, entity: 'freeze_rule', before, version });
}
