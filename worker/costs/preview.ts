import { and, asc, eq, ne, sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { application, installation, municipality, municipalityPopulation } from '../../schema/portfolio.ts';
import type { Database } from '../env.ts';
import { inList } from '../store.ts';
import { invalid, ok, type FieldIssue, type Outcome } from '../outcome.ts';
import { validate } from '../validation.ts';
import { AllocationError, allocate, type AllocationPart, type Share } from './allocation.ts';
import { previewSchema, type PreviewInput } from './schemas.ts';

export type Preview = { totalOre: number; shares: Share[] };

/** Everything the bases of several previews are read from, loaded once. */
export type BasisSource = {
  municipalities: { code: string; name: string }[];
  populations: { code: string; year: number; population: number }[];
  installations: { applicationId: number; code: string; users: number; licenceCostOre: number }[];
  applications: number[];
};

/** Years or application ids: a list, or a subquery that selects them. */
type Among = readonly number[] | SQL;
const among = (column: SQLiteColumn, values: Among) => (Array.isArray(values) ? inList(column, values as number[]) : sql`${column} IN (${values})`);

/**
 * The statements that read the bases for these years and applications, for a batch — a caller
 * that knows them only by a subquery (the cost items of a year) reads them in its own round trip.
 */
export const basisQueries = (db: Database, years: Among, applicationIds: Among) => [
  db.select({ code: municipality.code, name: municipality.name }).from(municipality).orderBy(asc(municipality.code)),
  db.select({ code: municipalityPopulation.municipalityCode, year: municipalityPopulation.year, population: municipalityPopulation.population })
    .from(municipalityPopulation).where(among(municipalityPopulation.year, years)),
  db.select({ applicationId: installation.applicationId, code: installation.municipality, users: installation.users, licenceCostOre: installation.licenceCostOre })
    .from(installation).where(and(among(installation.applicationId, applicationIds), ne(installation.lifecycle, 'retired'))),
  db.select({ id: application.id }).from(application).where(among(application.id, applicationIds)),
] as const;

type BasisRows = [BasisSource['municipalities'], BasisSource['populations'], BasisSource['installations'], { id: number }[]];
export const basisSource = ([municipalities, populations, installations, applications]: BasisRows): BasisSource =>
  ({ municipalities, populations, installations, applications: applications.map((a) => a.id) });

/** The bases for these years and applications — one D1 round trip, however many previews use them. */
export async function readBasisSource(db: Database, years: number[], applicationIds: number[]): Promise<BasisSource> {
  return basisSource(await db.batch(basisQueries(db, years, applicationIds)) as BasisRows);
}

/** One preview's view of the source. */
function basisFor(source: BasisSource, input: PreviewInput) {
  const codes = new Set(input.participants);
  return {
    known: source.municipalities.filter((m) => codes.has(m.code)),
    populations: source.populations.filter((p) => p.year === input.year && codes.has(p.code)),
    installed: source.installations.filter((i) => i.applicationId === (input.applicationId ?? 0) && codes.has(i.code)),
    applicationExists: source.applications.includes(input.applicationId ?? 0),
  };
}

const list = (names: string[]) => (names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} och ${names.at(-1)}`);

/**
 * The shares of an amount with a key, nothing written. Bases per participant:
 *  - equal: 1 each;
 *  - population: the municipality's population in `year` (every participant must have one);
 *  - users: the `users` of its current (not retired) installation of `applicationId`, 0 without one;
 *  - licences: the schema has no licence count, so the licence measure is the current
 *    installation's yearly licence cost (`licenceCostOre`): shares follow what each pays
 *    for its licences; 0 without an installation;
 *  - custom: `weights[code]`, which every participant needs (positive).
 * Weights are relative: a part's weight against the sum of the parts', a custom weight
 * against the sum of the participants'.
 */
export async function previewAllocation(db: Database, body: unknown, preloaded?: BasisSource): Promise<Outcome<Preview>> {
  const parsed = validate(previewSchema, body);
  if (!parsed.ok) return parsed;
  const input = parsed.value;
  const issues: FieldIssue[] = [];
  const needsApplication = input.key.parts.some((p) => p.basis === 'users' || p.basis === 'licences');
  input.key.parts.forEach((p, i) => {
    if (p.basis === 'custom') {
      const missing = input.participants.filter((code) => p.weights?.[code] === undefined);
      if (missing.length) issues.push({ path: `key.parts.${i}.weights`, message: `Ange en vikt större än 0 för varje kommun; saknas för ${list(missing)}.` });
      const outside = Object.keys(p.weights ?? {}).filter((code) => !input.participants.includes(code));
      if (outside.length) issues.push({ path: `key.parts.${i}.weights`, message: `Vikter för kommuner som inte är med: ${list(outside)}.` });
    } else if (p.weights !== undefined) {
      issues.push({ path: `key.parts.${i}.weights`, message: 'Egna vikter hör bara till underlaget egna vikter.' });
    }
  });
  if (needsApplication && input.applicationId === undefined) {
    issues.push({ path: 'applicationId', message: 'Välj applikation: underlagen användare och licenser hämtas från kommunernas system för den.' });
  }
  if (issues.length) return invalid(issues);

  const source = basisFor(preloaded ?? await readBasisSource(db, [input.year], input.applicationId === undefined ? [] : [input.applicationId]), input);
  const known = new Set(source.known.map((m) => m.code));
  input.participants.forEach((code, i) => {
    if (!known.has(code)) issues.push({ path: `participants.${i}`, message: `Det finns ingen kommun med koden ${code}.` });
  });
  if (needsApplication && !source.applicationExists) issues.push({ path: 'applicationId', message: 'Applikationen finns inte.' });
  if (issues.length) return invalid(issues);

  const names = new Map(source.known.map((m) => [m.code, m.name]));
  const population = new Map(source.populations.map((p) => [p.code, p.population]));
  const installed = new Map(source.installed.map((r) => [r.code, r]));
  const parts: AllocationPart[] = [];
  input.key.parts.forEach((p, i) => {
    if (p.basis === 'population') {
      const lacking = input.participants.filter((code) => !population.has(code));
      if (lacking.length) {
        issues.push({ path: `key.parts.${i}.basis`, message: `Folkmängd för ${input.year} saknas för ${list(lacking.map((c) => names.get(c) ?? c))}.` });
        return;
      }
    }
    const value = (code: string): number => {
      switch (p.basis) {
        case 'equal': return 1;
        case 'population': return population.get(code)!;
        case 'users': return installed.get(code)?.users ?? 0;
        case 'licences': return installed.get(code)?.licenceCostOre ?? 0;
        case 'custom': return p.weights![code]!;
      }
    };
    parts.push({ weight: p.weight, shares: Object.fromEntries(input.participants.map((code) => [code, value(code)])) });
  });
  if (issues.length) return invalid(issues);

  try {
    return ok({ totalOre: input.amountOre, shares: allocate({ totalOre: input.amountOre, participants: input.participants, parts }) });
  } catch (error) {
    if (!(error instanceof AllocationError)) throw error;
    // "parts.1" → the key's part; a part whose basis sums to 0 (no users, no licence costs).
    const part = /^parts\.(\d+)$/.exec(error.path);
    return invalid([{ path: part ? `key.parts.${part[1]}.basis` : error.path, message: error.message }]);
  }
}
