import { and, eq, ne } from 'drizzle-orm';
import { application, installation, municipality, product } from '../../schema/portfolio.ts';
import type { Actor, Database } from '../env.ts';
import { installationRefusal } from '../access/permissions.ts';
import { forbidden, invalid, notFound, ok, staleVersion, type FieldIssue, type Outcome } from '../outcome.ts';
import { validate } from '../validation.ts';
import { deleteVersioned, insertAudited, onlyChanges, updateVersioned } from '../versioned.ts';
import type { InstallationRow } from './queries.ts';
import { installationCreate, installationPatch } from './schemas.ts';

type Placement = { municipality: string; applicationId: number; productId: number; lifecycle: string; id?: number };

/**
 * What an installation refers to must exist, and a municipality has at most one current
 * (not retired) installation of an application — read in one round trip.
 */
async function placementIssues(db: Database, p: Placement): Promise<FieldIssue[]> {
  const [m, app, prod, current] = await db.batch([
    db.select({ code: municipality.code }).from(municipality).where(eq(municipality.code, p.municipality)),
    db.select({ name: application.name }).from(application).where(eq(application.id, p.applicationId)),
    db.select({ id: product.id }).from(product).where(eq(product.id, p.productId)),
    db.select({ id: installation.id }).from(installation).where(and(
      eq(installation.municipality, p.municipality),
      eq(installation.applicationId, p.applicationId),
      ne(installation.lifecycle, 'retired'),
      ne(installation.id, p.id ?? 0),
    )),
  ]);
  const issues: FieldIssue[] = [];
  if (!m.length) issues.push({ path: 'municipality', message: 'Kommunen finns inte.' });
  if (!app.length) issues.push({ path: 'applicationId', message: 'Applikationen finns inte.' });
  if (!prod.length) issues.push({ path: 'productId', message: 'Produkten finns inte.' });
  if (p.lifecycle !== 'retired' && current.length) {
    issues.push({ path: 'applicationId', message: `Kommunen har redan ${app[0]?.name ?? 'applikationen'} registrerad. Ändra det befintliga systemet, eller markera det som avvecklat först.` });
  }
  return issues;
}

export async function createInstallation(db: Database, actor: Actor, input: unknown): Promise<Outcome<InstallationRow>> {
  const parsed = validate(installationCreate, input);
  if (!parsed.ok) return parsed;
  const values = parsed.value;
  const refusal = installationRefusal(actor, values.municipality, 'all');
  if (refusal) return forbidden(refusal);
  const issues = await placementIssues(db, { ...values, lifecycle: values.lifecycle ?? 'active' });
  if (issues.length) return invalid(issues);
  return insertAudited<InstallationRow>(db, actor, installation, 'installation', values);
}

export async function updateInstallation(db: Database, actor: Actor, id: number, input: unknown): Promise<Outcome<InstallationRow>> {
  const parsed = validate(installationPatch, input);
  if (!parsed.ok) return parsed;
  const { version, ...patch } = parsed.value;
  const [before] = await db.select().from(installation).where(eq(installation.id, id));
  if (!before) return notFound('Systemet finns inte.');
  // A form posts every field; what counts (for permission and the audit trail) is what changes.
  const set = onlyChanges(before, patch);
  const refusal = installationRefusal(actor, before.municipality, Object.keys(set));
  if (refusal) return forbidden(refusal);
  // Nothing changes: nothing to write or record (a stale version still gets its 409).
  if (Object.keys(set).length === 0) return version === before.version ? ok(before) : staleVersion();
  if (set.productId !== undefined || set.lifecycle !== undefined) {
    const issues = await placementIssues(db, { ...before, ...set, id });
    if (issues.length) return invalid(issues);
  }
  return updateVersioned(db, actor, { table: installation, key: installation.id, id, entity: 'installation', before, version }, set);
}

export async function deleteInstallation(db: Database, actor: Actor, id: number, version?: number): Promise<Outcome<void>> {
  const [before] = await db.select().from(installation).where(eq(installation.id, id));
  if (!before) return notFound('Systemet finns inte.');
  const refusal = installationRefusal(actor, before.municipality, 'all');
  if (refusal) return forbidden(refusal);
  return deleteVersioned(db, actor, { table: installation, key: installation.id, id, entity: 'installation', before, version });
}
