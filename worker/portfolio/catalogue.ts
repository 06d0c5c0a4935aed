import { and, eq, ne, sql } from 'drizzle-orm';
import { application, businessArea, installation, product, technicalSubarea } from '../../schema/portfolio.ts';
import type { Actor, Database } from '../env.ts';
import { invalid, notFound, type FieldIssue, type Outcome } from '../outcome.ts';
import { validate } from '../validation.ts';
import { deleteVersioned, insertAudited, updateVersioned } from '../versioned.ts';
import type { ApplicationRow, ProductRow } from './queries.ts';
import { applicationCreate, applicationPatch, namedCreate, namedPatch, productCreate, productPatch } from './schemas.ts';

const count = sql<number>`count(*)`;
const nameTaken = (what: string, name: string): FieldIssue => ({ path: 'name', message: `Det finns redan ${what} som heter ${name}.` });

/**
 * Business areas and technical subareas are both plain named lists; the applications point
 * at them. One set of commands serves both.
 */
function namedList(table: typeof businessArea | typeof technicalSubarea, entity: string, the: { one: string; indefinite: string; usedBy: string }) {
  type Row = typeof table.$inferSelect;
  const sameName = (db: Database, name: string, except = 0) =>
    db.select({ id: table.id }).from(table).where(and(eq(table.name, name), ne(table.id, except)));
  const usage = (db: Database, id: number) =>
    db.select({ n: count }).from(application).where(eq(table === businessArea ? application.businessAreaId : application.subareaId, id));

  return {
    async create(db: Database, actor: Actor, input: unknown): Promise<Outcome<Row>> {
      const parsed = validate(namedCreate, input);
      if (!parsed.ok) return parsed;
      if ((await sameName(db, parsed.value.name)).length) return invalid([nameTaken(the.indefinite, parsed.value.name)]);
      return insertAudited<Row>(db, actor, table, entity, parsed.value);
    },
    async update(db: Database, actor: Actor, id: number, input: unknown): Promise<Outcome<Row>> {
      const parsed = validate(namedPatch, input);
      if (!parsed.ok) return parsed;
      const { version, ...set } = parsed.value;
      const [[before], taken] = await db.batch([db.select().from(table).where(eq(table.id, id)), sameName(db, set.name ?? '', id)]);
      if (!before) return notFound(`${the.one} finns inte.`);
      if (taken.length) return invalid([nameTaken(the.indefinite, set.name!)]);
      return updateVersioned(db, actor, { table, key: table.id, id, entity, before, version }, set);
    },
    async remove(db: Database, actor: Actor, id: number, version?: number): Promise<Outcome<void>> {
      const [[before], [used]] = await db.batch([db.select().from(table).where(eq(table.id, id)), usage(db, id)]);
      if (!before) return notFound(`${the.one} finns inte.`);
      return deleteVersioned(db, actor, { table, key: table.id, id, entity, before, version },
        used?.n ? `${the.one} används av ${used.n} ${the.usedBy}.` : undefined);
    },
  };
}

export const businessAreas = namedList(businessArea, 'business_area',
  { one: 'Verksamhetsområdet', indefinite: 'ett verksamhetsområde', usedBy: 'applikationer' });
export const subareas = namedList(technicalSubarea, 'technical_subarea',
  { one: 'Delområdet', indefinite: 'ett delområde', usedBy: 'applikationer' });

type ApplicationFields = Pick<ApplicationRow, 'name' | 'kind' | 'subareaId' | 'businessAreaId'>;

/** The catalogue's rules for an application as a whole (after a PATCH is applied). */
async function applicationIssues(db: Database, app: ApplicationFields, except = 0): Promise<FieldIssue[]> {
  const [taken, subarea, area] = await db.batch([
    db.select({ id: application.id }).from(application).where(and(eq(application.name, app.name), ne(application.id, except))),
    db.select({ id: technicalSubarea.id }).from(technicalSubarea).where(eq(technicalSubarea.id, app.subareaId ?? 0)),
    db.select({ id: businessArea.id }).from(businessArea).where(eq(businessArea.id, app.businessAreaId ?? 0)),
  ]);
  const issues: FieldIssue[] = [];
  if (taken.length) issues.push({ path: 'name', message: `Det finns redan en applikation som heter ${app.name}.` });
  if (app.kind === 'technical' && app.subareaId == null) issues.push({ path: 'subareaId', message: 'Välj delområde: en teknisk applikation hör till ett delområde.' });
  if (app.kind !== 'technical' && app.subareaId != null) issues.push({ path: 'subareaId', message: 'Bara tekniska applikationer hör till ett delområde.' });
  if (app.subareaId != null && !subarea.length) issues.push({ path: 'subareaId', message: 'Delområdet finns inte.' });
  if (app.businessAreaId != null && !area.length) issues.push({ path: 'businessAreaId', message: 'Verksamhetsområdet finns inte.' });
  return issues;
}

export async function createApplication(db: Database, actor: Actor, input: unknown): Promise<Outcome<ApplicationRow>> {
  const parsed = validate(applicationCreate, input);
  if (!parsed.ok) return parsed;
  const values = { ...parsed.value, subareaId: parsed.value.subareaId ?? null, businessAreaId: parsed.value.businessAreaId ?? null };
  const issues = await applicationIssues(db, values);
  if (issues.length) return invalid(issues);
  return insertAudited<ApplicationRow>(db, actor, application, 'application', values);
}

export async function updateApplication(db: Database, actor: Actor, id: number, input: unknown): Promise<Outcome<ApplicationRow>> {
  const parsed = validate(applicationPatch, input);
  if (!parsed.ok) return parsed;
  const { version, ...set } = parsed.value;
  const [before] = await db.select().from(application).where(eq(application.id, id));
  if (!before) return notFound('Applikationen finns inte.');
  // Leaving the technical kind leaves the subarea too, unless the caller says otherwise.
  if (set.kind && set.kind !== 'technical' && set.subareaId === undefined) set.subareaId = null;
  const merged = { ...before, ...set };
  const issues = await applicationIssues(db, merged, id);
  if (issues.length) return invalid(issues);
  return updateVersioned(db, actor, { table: application, key: application.id, id, entity: 'application', before, version }, set);
}

export async function deleteApplication(db: Database, actor: Actor, id: number, version?: number): Promise<Outcome<void>> {
  const [[before], [used]] = await db.batch([
    db.select().from(application).where(eq(application.id, id)),
    db.select({ n: count }).from(installation).where(eq(installation.applicationId, id)),
  ]);
  if (!before) return notFound('Applikationen finns inte.');
  return deleteVersioned(db, actor, { table: application, key: application.id, id, entity: 'application', before, version },
    used?.n ? `Applikationen har ${used.n} registrerade installationer i kommunerna. Ta bort dem först.` : undefined);
}

const productTaken = (p: { vendor: string; name: string }): FieldIssue =>
  ({ path: 'name', message: `Produkten ${p.vendor} ${p.name} finns redan.` });

export async function createProduct(db: Database, actor: Actor, input: unknown): Promise<Outcome<ProductRow>> {
  const parsed = validate(productCreate, input);
  if (!parsed.ok) return parsed;
  const values = parsed.value;
  const taken = await db.select({ id: product.id }).from(product).where(and(eq(product.vendor, values.vendor), eq(product.name, values.name)));
  if (taken.length) return invalid([productTaken(values)]);
  return insertAudited<ProductRow>(db, actor, product, 'product', values);
}

export async function updateProduct(db: Database, actor: Actor, id: number, input: unknown): Promise<Outcome<ProductRow>> {
  const parsed = validate(productPatch, input);
  if (!parsed.ok) return parsed;
  const { version, ...set } = parsed.value;
  const [before] = await db.select().from(product).where(eq(product.id, id));
  if (!before) return notFound('Produkten finns inte.');
  const merged = { ...before, ...set };
  const taken = await db.select({ id: product.id }).from(product)
    .where(and(eq(product.vendor, merged.vendor), eq(product.name, merged.name), ne(product.id, id)));
  if (taken.length) return invalid([productTaken(merged)]);
  return updateVersioned(db, actor, { table: product, key: product.id, id, entity: 'product', before, version }, set);
}

export async function deleteProduct(db: Database, actor: Actor, id: number, version?: number): Promise<Outcome<void>> {
  const [[before], [used]] = await db.batch([
    db.select().from(product).where(eq(product.id, id)),
    db.select({ n: count }).from(installation).where(eq(installation.productId, id)),
  ]);
  if (!before) return notFound('Produkten finns inte.');
  return deleteVersioned(db, actor, { table: product, key: product.id, id, entity: 'product', before, version },
    used?.n ? `Produkten används av ${used.n} installationer. Byt produkt i dem först.` : undefined);
}
