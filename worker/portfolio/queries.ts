import { and, asc, eq, ne, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import {
  application, businessArea, installation, municipality, municipalityPopulation, product, technicalSubarea,
} from '../../schema/portfolio.ts';
import type { Database } from '../env.ts';
import { activeLevels } from '../collaboration/queries.ts';
import { aliased, inList } from '../store.ts';
import type { Results } from './batch.ts';
import { matrixColumns, matrixLimits, type MatrixScope } from './matrix.ts';
import { bySwedishName } from './sorting.ts';
import type { CatalogueFilter } from './schemas.ts';

export type MunicipalityRow = typeof municipality.$inferSelect;
export type ApplicationRow = typeof application.$inferSelect;
export type ProductRow = typeof product.$inferSelect;
export type InstallationRow = typeof installation.$inferSelect;

/**
 * How a query names an installation: its id and its municipality and application with their
 * names (the query joins municipality and application). Aliased: in a D1 batch two columns
 * called `name` would overwrite each other.
 */
export const installationNames = () => ({
  id: installation.id,
  municipality: installation.municipality,
  municipalityName: aliased(municipality.name, 'municipality_name'),
  applicationId: installation.applicationId,
  applicationName: aliased(application.name, 'application_name'),
});

const populationsOf = (rows: (typeof municipalityPopulation.$inferSelect)[], code: string) =>
  rows.filter((p) => p.municipalityCode === code).map(({ year, population }) => ({ year, population }));

export const municipalityQueries = (db: Database, code?: string) => [
  db.select().from(municipality).where(code === undefined ? undefined : eq(municipality.code, code)),
  db.select().from(municipalityPopulation)
    .where(code === undefined ? undefined : eq(municipalityPopulation.municipalityCode, code))
    .orderBy(asc(municipalityPopulation.year)),
] as const;

export async function listMunicipalities(db: Database) {
  const [rows, populations] = await db.batch(municipalityQueries(db));
  return rows.sort(bySwedishName).map((m) => ({ ...m, populations: populationsOf(populations, m.code) }));
}

/** The one municipality that `municipalityQueries(db, code)` read, with its populations. */
export function oneMunicipality(rows: MunicipalityRow[], populations: (typeof municipalityPopulation.$inferSelect)[]) {
  const row = rows[0];
  return row && { ...row, populations: populationsOf(populations, row.code) };
}

export async function findMunicipality(db: Database, code: string) {
  const [rows, populations] = await db.batch(municipalityQueries(db, code));
  return oneMunicipality(rows, populations);
}
export type Municipality = NonNullable<Awaited<ReturnType<typeof findMunicipality>>>;

function catalogueWhere(filter: CatalogueFilter): SQL | undefined {
  return and(
    filter.kind ? eq(application.kind, filter.kind) : undefined,
    filter.businessArea ? eq(application.businessAreaId, filter.businessArea) : undefined,
  );
}

const applicationColumns = {
  ...{ id: application.id, name: application.name, kind: application.kind, subareaId: application.subareaId },
  ...{ businessAreaId: application.businessAreaId, description: application.description, version: application.version },
  ...{ createdAt: application.createdAt, updatedAt: application.updatedAt },
  subareaName: aliased(technicalSubarea.name, 'subarea_name'),
  businessAreaName: aliased(businessArea.name, 'business_area_name'),
};

const applicationsQuery = (db: Database, where: SQL | undefined) =>
  db.select(applicationColumns).from(application)
    .leftJoin(technicalSubarea, eq(application.subareaId, technicalSubarea.id))
    .leftJoin(businessArea, eq(application.businessAreaId, businessArea.id))
    .where(where);

export type Application = Awaited<ReturnType<typeof applicationsQuery>>[number];

export async function listApplications(db: Database, filter: CatalogueFilter = {}) {
  return (await applicationsQuery(db, catalogueWhere(filter))).sort(bySwedishName);
}

export async function findApplication(db: Database, id: number) {
  return (await applicationsQuery(db, eq(application.id, id)))[0];
}

export async function listProducts(db: Database) {
  const rows = await db.select({
    id: product.id, vendor: product.vendor, name: product.name, version: product.version,
    createdAt: product.createdAt, updatedAt: product.updatedAt,
    installations: sql<number>`(SELECT count(*) FROM installation i WHERE i.product_id = ${product.id} AND i.lifecycle <> 'retired')`,
  }).from(product);
  return rows.sort((a, b) => `${a.vendor} ${a.name}`.localeCompare(`${b.vendor} ${b.name}`, 'sv'));
}

export async function findProduct(db: Database, id: number) {
  return (await db.select().from(product).where(eq(product.id, id)))[0];
}

export const listBusinessAreas = async (db: Database) => (await db.select().from(businessArea)).sort(bySwedishName);
export const listSubareas = async (db: Database) => (await db.select().from(technicalSubarea)).sort(bySwedishName);

export const findBusinessArea = async (db: Database, id: number) => (await db.select().from(businessArea).where(eq(businessArea.id, id)))[0];
export const findSubarea = async (db: Database, id: number) => (await db.select().from(technicalSubarea).where(eq(technicalSubarea.id, id)))[0];

/** Both lists the catalogue is sorted by — one round trip. */
export async function classifications(db: Database) {
  const [areas, subareas] = await db.batch([db.select().from(businessArea), db.select().from(technicalSubarea)]);
  return { businessAreas: areas.sort(bySwedishName), subareas: subareas.sort(bySwedishName) };
}

/** What an installation form chooses from — one round trip. */
export async function installationChoices(db: Database) {
  const [municipalities, applications, products] = await db.batch([
    db.select({ code: municipality.code, name: municipality.name }).from(municipality),
    db.select({ id: application.id, name: application.name, kind: application.kind }).from(application),
    db.select({ id: product.id, vendor: product.vendor, name: product.name }).from(product),
  ]);
  return {
    municipalities: municipalities.sort(bySwedishName),
    applications: applications.sort(bySwedishName),
    products: products.sort((a, b) => `${a.vendor} ${a.name}`.localeCompare(`${b.vendor} ${b.name}`, 'sv')),
  };
}

/** Installations with the names people read them by. */
const installationView = (db: Database) =>
  db.select({
    installation,
    applicationName: aliased(application.name, 'application_name'),
    applicationKind: application.kind,
    municipalityName: aliased(municipality.name, 'municipality_name'),
    productVendor: product.vendor,
    productName: aliased(product.name, 'product_name'),
  }).from(installation)
    .innerJoin(application, eq(installation.applicationId, application.id))
    .innerJoin(municipality, eq(installation.municipality, municipality.code))
    .innerJoin(product, eq(installation.productId, product.id));

export type InstallationView = Awaited<ReturnType<ReturnType<typeof installationView>['where']>>[number];

export function installationsQuery(db: Database, filter: { municipality?: string; application?: number }) {
  return installationView(db).where(and(
    filter.municipality ? eq(installation.municipality, filter.municipality) : undefined,
    filter.application ? eq(installation.applicationId, filter.application) : undefined,
  ));
}

export async function listInstallations(db: Database, filter: { municipality?: string; application?: number } = {}) {
  return (await installationsQuery(db, filter)).map((row) => row.installation);
}

export async function findInstallation(db: Database, id: number) {
  return (await installationQuery(db, id))[0];
}

/** The statement behind `findInstallation`, for a page's one batch: at most one row. */
export const installationQuery = (db: Database, id: number) => installationView(db).where(eq(installation.id, id));

/** An application's page: the entry, who runs which product, and who lacks it — one round trip. */
export async function applicationDetail(db: Database, id: number) {
  return applicationDetailOf(await db.batch(applicationDetailQueries(db, id)));
}

export const applicationDetailQueries = (db: Database, id: number) => [
  applicationsQuery(db, eq(application.id, id)),
  installationsQuery(db, { application: id }),
  db.select({ code: municipality.code, name: municipality.name }).from(municipality),
] as const;

export function applicationDetailOf([apps, installations, municipalities]: Results<ReturnType<typeof applicationDetailQueries>>) {
  const app = apps[0];
  if (!app) return undefined;
  return { application: app, installations, municipalities: municipalities.sort(bySwedishName) };
}

/** A municipality's portfolio — one round trip. */
export async function municipalityPortfolio(db: Database, code: string) {
  return municipalityPortfolioOf(await db.batch(municipalityPortfolioQueries(db, code)));
}

export const municipalityPortfolioQueries = (db: Database, code: string) => [
  ...municipalityQueries(db, code),
  installationsQuery(db, { municipality: code }),
] as const;

export function municipalityPortfolioOf([rows, populations, installations]: Results<ReturnType<typeof municipalityPortfolioQueries>>) {
  const found = oneMunicipality(rows, populations);
  if (!found) return undefined;
  return {
    municipality: found,
    installations: installations.sort((a, b) => a.applicationName.localeCompare(b.applicationName, 'sv')),
  };
}

/**
 * SQL: is this municipality code in the page's scope? Every member while the register is small
 * (Dalsland), so the page needs no round trip to count them first.
 */
function inMatrixScope(code: SQL, scope: MatrixScope): SQL {
  const small = sql`(SELECT count(*) FROM "municipality") <= ${sql.raw(String(matrixLimits.compareAllUpTo))}`;
  const chosen = scope.by === 'first-county'
    ? sql`substr(${code}, 1, 2) = (SELECT min(substr(m2.code, 1, 2)) FROM "municipality" AS m2)`
    : scope.by === 'own'
      ? inList(code, scope.municipalities)
      : sql`(${inList(code, scope.municipalities)} OR ${inList(sql`substr(${code}, 1, 2)`, scope.counties)})`;
  return sql`(${small} OR ${chosen})`;
}

/**
 * What the comparison matrix is built from — one round trip. With a scope (the page), only the
 * chosen members' installations are read, at most `matrixLimits.maxColumns` of them by code;
 * without (the API, the export), everyone's.
 */
export async function matrixSource(db: Database, filter: CatalogueFilter, scope?: MatrixScope) {
  const shownColumns = (code: SQLWrapper) => scope
    && sql`${code} IN (SELECT m.code FROM "municipality" AS m WHERE ${inMatrixScope(sql`m.code`, scope)} ORDER BY m.code LIMIT ${sql.raw(String(matrixLimits.maxColumns))})`;
  const levels = activeLevels(db).as('levels');
  const [municipalities, applications, cells, businessAreas, levelRows] = await db.batch([
    db.select({ code: municipality.code, name: municipality.name, chosen: (scope ? sql<number>`${inMatrixScope(sql`${municipality.code}`, scope)}` : sql<number>`1`).as('chosen') })
      .from(municipality),
    db.select({ id: application.id, name: application.name, kind: application.kind }).from(application).where(catalogueWhere(filter)),
    db.select({
      installationId: installation.id,
      municipality: installation.municipality,
      applicationId: installation.applicationId,
      lifecycle: installation.lifecycle,
      product: { id: aliased(product.id, 'cell_product_id'), vendor: product.vendor, name: aliased(product.name, 'product_name') },
    }).from(installation)
      .innerJoin(product, eq(installation.productId, product.id))
      .innerJoin(application, eq(installation.applicationId, application.id))
      .where(and(ne(installation.lifecycle, 'retired'), shownColumns(installation.municipality), catalogueWhere(filter))),
    db.select({ id: businessArea.id, name: businessArea.name }).from(businessArea),
    db.select().from(levels).where(shownColumns(levels.municipality)),
  ]);
  const selection = matrixColumns(municipalities, scope !== undefined);
  return { municipalities: selection.columns, selection, applications, cells, levels: levelRows, businessAreas: businessAreas.sort(bySwedishName) };
}

/** Per municipality: current systems, their yearly cost, and how many are not confirmed within a year. */
const portfolioTotals = (db: Database, today: string) =>
  db.select({
    municipality: installation.municipality,
    installations: sql<number>`count(*)`,
    yearlyCostOre: sql<number>`sum(${installation.licenceCostOre} + ${installation.operationsCostOre})`,
    unconfirmed: sql<number>`sum(${installation.confirmedOn} IS NULL OR ${installation.confirmedOn} < date(${today}, '-12 months'))`,
  }).from(installation).where(ne(installation.lifecycle, 'retired')).groupBy(installation.municipality);

export type PortfolioTotals = Awaited<ReturnType<typeof portfolioTotals>>[number];

/** The municipalities page: each member with populations and portfolio totals — one round trip. */
export async function municipalityList(db: Database, today: string) {
  const [rows, populations, totals] = await db.batch([...municipalityQueries(db), portfolioTotals(db, today)]);
  const byCode = new Map(totals.map((t) => [t.municipality, t]));
  return rows.sort(bySwedishName).map((m) => ({ ...m, populations: populationsOf(populations, m.code), totals: byCode.get(m.code) }));
}

/** The catalogue page: applications with how many members use them and with how many products. */
export async function catalogue(db: Database, filter: CatalogueFilter) {
  const [applications, usage, businessAreas, [members]] = await db.batch([
    applicationsQuery(db, catalogueWhere(filter)),
    db.select({
      applicationId: installation.applicationId,
      municipalities: sql<number>`count(DISTINCT ${installation.municipality})`,
      products: sql<number>`count(DISTINCT ${installation.productId})`,
    }).from(installation).where(ne(installation.lifecycle, 'retired')).groupBy(installation.applicationId),
    db.select({ id: businessArea.id, name: businessArea.name }).from(businessArea),
    db.select({ n: sql<number>`count(*)` }).from(municipality),
  ]);
  const byApplication = new Map(usage.map((u) => [u.applicationId, u]));
  return {
    applications: applications.sort(bySwedishName).map((a) => ({ ...a, usage: byApplication.get(a.id) })),
    businessAreas: businessAreas.sort(bySwedishName),
    municipalityCount: members?.n ?? 0,
  };
}

/** The overview's figures — one round trip. */
export async function overview(db: Database, today: string) {
  return overviewOf(await db.batch(overviewQueries(db, today)));
}

export function overviewQueries(db: Database, today: string) {
  const contractHorizon = sql`date(${today}, '+12 months')`;
  return [
    db.select({ code: municipality.code, name: municipality.name }).from(municipality),
    db.select({ kind: application.kind, count: sql<number>`count(*)` }).from(application).groupBy(application.kind),
    portfolioTotals(db, today),
    installationView(db).where(and(
      ne(installation.lifecycle, 'retired'),
      sql`${installation.contractEnd} IS NOT NULL AND ${installation.contractEnd} <= ${contractHorizon}`,
    )).orderBy(asc(installation.contractEnd)),
  ] as const;
}

export function overviewOf([municipalities, kinds, perMunicipality, endingContracts]: Results<ReturnType<typeof overviewQueries>>) {
  return { municipalities: municipalities.sort(bySwedishName), kinds, perMunicipality, endingContracts };
}

