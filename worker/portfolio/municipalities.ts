import { and, eq, ne, sql } from 'drizzle-orm';
import { installation, municipality, municipalityPopulation } from '../../schema/portfolio.ts';
import { auditStatement } from '../audit/events.ts';
import type { Actor, Database } from '../env.ts';
import { invalid, notFound, type Outcome } from '../outcome.ts';
import { writeBatch } from '../store.ts';
import { validate } from '../validation.ts';
import { deleteVersioned, updateVersioned } from '../versioned.ts';
import { municipalityQueries, oneMunicipality, type Municipality } from './queries.ts';
import { municipalityCreate, municipalityPatch } from './schemas.ts';

type Population = { year: number; population: number };

const insertPopulations = (db: Database, code: string, populations: Population[]) =>
  populations.map((p) => db.insert(municipalityPopulation).values({ municipalityCode: code, ...p }));

export async function createMunicipality(db: Database, actor: Actor, input: unknown): Promise<Outcome<Municipality>> {
  const parsed = validate(municipalityCreate, input);
  if (!parsed.ok) return parsed;
  const { code, name, populations = [] } = parsed.value;
  const [sameCode, sameName] = await db.batch([
    db.select({ code: municipality.code }).from(municipality).where(eq(municipality.code, code)),
    db.select({ code: municipality.code }).from(municipality).where(eq(municipality.name, name)),
  ]);
  const issues = [
    ...(sameCode.length ? [{ path: 'code', message: `Kommunkod ${code} är redan registrerad.` }] : []),
    ...(sameName.length ? [{ path: 'name', message: `Det finns redan en kommun som heter ${name}.` }] : []),
  ];
  if (issues.length) return invalid(issues);
  return writeBatch(db, [
    db.insert(municipality).values({ code, name }).returning(),
    ...insertPopulations(db, code, populations),
    auditStatement(db, actor, { action: 'create', entity: 'municipality', entityId: code, after: { code, name, populations } }),
  ], (results) => ({ ...(results[0] as Municipality[])[0]!, populations }));
}

export async function updateMunicipality(db: Database, actor: Actor, code: string, input: unknown): Promise<Outcome<Municipality>> {
  const parsed = validate(municipalityPatch, input);
  if (!parsed.ok) return parsed;
  const { version, name, populations } = parsed.value;
  const [rows, populationRows, sameName] = await db.batch([
    ...municipalityQueries(db, code),
    db.select({ code: municipality.code }).from(municipality)
      .where(and(eq(municipality.name, name ?? ''), ne(municipality.code, code))),
  ]);
  const before = oneMunicipality(rows, populationRows);
  if (!before) return notFound('Kommunen finns inte.');
  if (sameName.length) return invalid([{ path: 'name', message: `Det finns redan en kommun som heter ${name}.` }]);
  const replacePopulations = populations === undefined ? [] : [
    db.delete(municipalityPopulation).where(eq(municipalityPopulation.municipalityCode, code)),
    ...insertPopulations(db, code, populations),
  ];
  const result = await updateVersioned(db, actor,
    { table: municipality, key: municipality.code, id: code, entity: 'municipality', before, version },
    name === undefined ? {} : { name }, replacePopulations, { populations: populations ?? before.populations });
  return result.ok ? { ok: true, value: { ...result.value, populations: populations ?? before.populations } } : result;
}

export async function deleteMunicipality(db: Database, actor: Actor, code: string, version?: number): Promise<Outcome<void>> {
  const [rows, populationRows, [used]] = await db.batch([
    ...municipalityQueries(db, code),
    db.select({ n: sql<number>`count(*)` }).from(installation).where(eq(installation.municipality, code)),
  ]);
  const before = oneMunicipality(rows, populationRows);
  if (!before) return notFound('Kommunen finns inte.');
  return deleteVersioned(db, actor, { table: municipality, key: municipality.code, id: code, entity: 'municipality', before, version },
    used?.n ? `Kommunen har ${used.n} registrerade system. Ta bort dem först.` : undefined);
}
