import { eq } from 'drizzle-orm';
import { plannedChange, type ExceptionStatus } from '../../schema/changes.ts';
import type { Actor, Database } from '../env.ts';
import { conflict, forbidden, invalid, notFound, ok, type FieldIssue, type Outcome } from '../outcome.ts';
import { validate } from '../validation.ts';
import { deleteVersioned, insertAudited, updateVersioned } from '../versioned.ts';
import { freezeRefusal } from './change-clearance.ts';
import { changeContext, changeFreezes, findChange, type ChangeRow, type PlannedChange } from './change-queries.ts';
import { changeCreate, changePatch, exceptionDecision } from './change-schemas.ts';

/**
 * Who may plan a change: administrators any; editors those of their own municipalities. A
 * change of the shared environment (no municipality) is for administrators.
 */
export function changeRefusal(actor: Actor, municipality: string | null): string | undefined {
  if (actor.role === 'admin') return undefined;
  if (actor.role !== 'editor') return 'Din roll får inte planera ändringar.';
  if (municipality === null) return 'Ändringar i den gemensamma miljön (utan kommun) planeras av IT-chefsgruppen. Välj en av dina kommuner.';
  return actor.municipalities.includes(municipality) ? undefined : 'Du får bara planera ändringar för de kommuner du är redaktör för.';
}

type Planned = Pick<ChangeRow, 'title' | 'description' | 'startsOn' | 'endsOn' | 'environment' | 'municipality' | 'installationId' | 'riskClass'
  | 'exceptionStatus' | 'riskAssessment' | 'rollbackPlan' | 'exceptionRequestedBy'>;
type Exception = { riskAssessment: string; rollbackPlan: string } | null | undefined;

/**
 * The checks every write of a change makes, with the row it will have: its references, who
 * may write it, and its freezes — refused (400 at the date) unless it is a standard change or
 * carries an exception, which then waits for the IT directors' group's approval.
 */
async function plan(db: Database, actor: Actor, values: Planned, exception: Exception, before?: ChangeRow): Promise<Outcome<Planned>> {
  const issues: FieldIssue[] = [];
  if (values.endsOn !== null && values.endsOn < values.startsOn) issues.push({ path: 'endsOn', message: 'Slutdatumet får inte vara före datumet.' });
  else if (values.endsOn !== null && Date.parse(values.endsOn) - Date.parse(values.startsOn) > 366 * 86_400_000) issues.push({ path: 'endsOn', message: 'En ändring får pågå högst ett år.' });
  if (issues.length) return invalid(issues);
  const ctx = await changeContext(db, { municipality: values.municipality, installationId: values.installationId });
  if (values.municipality !== null && !ctx.municipalityExists) issues.push({ path: 'municipality', message: `Det finns ingen kommun med koden ${values.municipality}.` });
  if (values.installationId !== null) {
    if (ctx.installationMunicipality === undefined) issues.push({ path: 'installationId', message: 'Systemet finns inte.' });
    else if (values.municipality === null) values = { ...values, municipality: ctx.installationMunicipality };
    else if (values.municipality !== ctx.installationMunicipality) issues.push({ path: 'installationId', message: 'Systemet hör till en annan kommun än den valda.' });
  }
  if (issues.length) return invalid(issues);
  const refusal = changeRefusal(actor, values.municipality);
  if (refusal) return forbidden(refusal);

  const freezes = changeFreezes(ctx.rules, values.environment, values.startsOn, values.endsOn);
  if (freezes.length === 0 || values.riskClass === 'standard') {
    // Nothing to be excepted from: an exception asked for is not kept.
    return ok({ ...values, exceptionStatus: 'none', riskAssessment: '', rollbackPlan: '', exceptionRequestedBy: null });
  }
  if (exception) {
    return ok({ ...values, exceptionStatus: 'requested', ...exception, exceptionRequestedBy: actor.name });
  }
  if (exception === undefined && before && before.exceptionStatus !== 'none') {
    // An approval was given for the change as it was: new days or another environment need a new one.
    const moved = before.startsOn !== values.startsOn || before.endsOn !== values.endsOn || before.environment !== values.environment;
    const status: ExceptionStatus = moved && before.exceptionStatus === 'approved' ? 'requested' : before.exceptionStatus;
    return ok({ ...values, exceptionStatus: status, riskAssessment: before.riskAssessment, rollbackPlan: before.rollbackPlan, exceptionRequestedBy: before.exceptionRequestedBy });
  }
  return invalid([{ path: 'startsOn', message: freezeRefusal(freezes) }], 'Ändringen ligger i en frysperiod.');
}

export async function createChange(db: Database, actor: Actor, input: unknown): Promise<Outcome<PlannedChange>> {
  const parsed = validate(changeCreate, input);
  if (!parsed.ok) return parsed;
  const { exception, ...v } = parsed.value;
  const planned = await plan(db, actor, {
    title: v.title, description: v.description ?? '', startsOn: v.startsOn, endsOn: v.endsOn ?? null, environment: v.environment,
    municipality: v.municipality ?? null, installationId: v.installationId ?? null, riskClass: v.riskClass,
    exceptionStatus: 'none', riskAssessment: '', rollbackPlan: '', exceptionRequestedBy: null,
  }, exception);
  if (!planned.ok) return planned;
  const created = await insertAudited<ChangeRow>(db, actor, plannedChange, 'planned_change', planned.value);
  if (!created.ok) return created;
  return ok((await findChange(db, created.value.id))!);
}

const readChange = async (db: Database, id: number) => (await db.select().from(plannedChange).where(eq(plannedChange.id, id)))[0];

export async function updateChange(db: Database, actor: Actor, id: number, input: unknown): Promise<Outcome<PlannedChange>> {
  const parsed = validate(changePatch, input);
  if (!parsed.ok) return parsed;
  const { version, exception, ...patch } = parsed.value;
  const before = await readChange(db, id);
  if (!before) return notFound('Ändringen finns inte.');
  const refusal = changeRefusal(actor, before.municipality);
  if (refusal) return forbidden(refusal);
  const given = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
  const planned = await plan(db, actor, { ...before, ...given } as Planned, exception, before);
  if (!planned.ok) return planned;
  const set = Object.fromEntries(Object.entries(planned.value).filter(([k, v]) => before[k as keyof ChangeRow] !== v));
  // A new request for an exception clears the decision on the old one.
  if (set.exceptionStatus !== undefined || exception) Object.assign(set, { exceptionDecidedBy: null, exceptionDecidedAt: null });
  const updated = await updateVersioned(db, actor, { table: plannedChange, key: plannedChange.id, id, entity: 'planned_change', before, version }, set);
  if (!updated.ok) return updated;
  return ok((await findChange(db, id))!);
}

export async function deleteChange(db: Database, actor: Actor, id: number, version?: number): Promise<Outcome<void>> {
  const before = await readChange(db, id);
  if (!before) return notFound('Ändringen finns inte.');
  const refusal = changeRefusal(actor, before.municipality);
  if (refusal) return forbidden(refusal);
  return deleteVersioned(db, actor, { table: plannedChange, key: plannedChange.id, id, entity: 'planned_change', before, version });
}

/**
 * The IT directors' group approves or rejects a requested exception — its own audited write,
 * so the log shows who granted it. The route allows administrators only.
 */
export async function decideException(db: Database, actor: Actor, id: number, input: unknown): Promise<Outcome<PlannedChange>> {
  const parsed = validate(exceptionDecision, input);
  if (!parsed.ok) return parsed;
  const before = await readChange(db, id);
  if (!before) return notFound('Ändringen finns inte.');
  if (before.exceptionStatus !== 'requested') return conflict('Det finns ingen begäran om undantag att besluta om för den här ändringen.');
  const set = { exceptionStatus: parsed.value.decision, exceptionDecidedBy: actor.name, exceptionDecidedAt: new Date().toISOString() };
  const updated = await updateVersioned(db, actor, { table: plannedChange, key: plannedChange.id, id, entity: 'planned_change', before, version: parsed.value.version }, set);
  if (!updated.ok) return updated;
  return ok((await findChange(db, id))!);
}
