import { and, eq, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { allocationKey, allocationKeyYear } from '../../schema/costs.ts';
import { auditStatement } from '../audit/events.ts';
import type { Actor, Database } from '../env.ts';
import { conflict, notFound, ok, type Outcome } from '../outcome.ts';
import { writeBatch } from '../store.ts';
import { validate } from '../validation.ts';
import { deleteVersioned, onlyChanges, updateVersioned } from '../versioned.ts';
import { keyCreate, keyPatch } from './cost-schemas.ts';
import { findKey, type AllocationKey } from './cost-queries.ts';
import { closedAmong, closedYearMessage, requireOpenYears } from './years.ts';

/** The id of the key inserted earlier in the same batch. */
const newKeyId = sql`(SELECT seq FROM sqlite_sequence WHERE name = 'allocation_key')`;

export async function createKey(db: Database, actor: Actor, input: unknown): Promise<Outcome<AllocationKey>> {
  const parsed = validate(keyCreate, input);
  if (!parsed.ok) return parsed;
  const { year, parts, ...values } = parsed.value;
  const statements: [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]] = [
    db.insert(allocationKey).values(values).returning(),
    auditStatement(db, actor, { action: 'create', entity: 'allocation_key', after: { ...values, years: year === undefined ? [] : [{ year, parts }] } }),
  ];
  if (year !== undefined && parts) {
    statements.push(db.insert(allocationKeyYear).values({ keyId: newKeyId as unknown as number, year, parts }));
  }
  const created = await writeBatch(db, statements, (results) => (results[0] as { id: number }[])[0]!.id);
  if (!created.ok) return created;
  return ok((await findKey(db, created.value))!);
}

export async function updateKey(db: Database, actor: Actor, id: number, input: unknown): Promise<Outcome<AllocationKey>> {
  const parsed = validate(keyPatch, input);
  if (!parsed.ok) return parsed;
  const { version, year, parts, ...patch } = parsed.value;
  const before = await findKey(db, id);
  if (!before) return notFound('Fördelningsnyckeln finns inte.');
  const { years, usedBy: _usedBy, ...stored } = before;
  const set = onlyChanges(stored, patch);
  const follow: BatchItem<'sqlite'>[] = [];
  // A closed year's parts are what its booked statements were computed with.
  if (year !== undefined && parts !== undefined) {
    const [closed] = await closedAmong(db, [year]);
    if (closed !== undefined) return conflict(`Fördelningsnyckelns delar för ${year} kan inte ändras: ${closedYearMessage(year)}`);
    follow.push(requireOpenYears(db, [year]));
  }
  let afterYears = years;
  if (year !== undefined) {
    if (parts === null) {
      follow.push(db.delete(allocationKeyYear).where(and(eq(allocationKeyYear.keyId, id), eq(allocationKeyYear.year, year))));
      afterYears = years.filter((y) => y.year !== year);
    } else if (parts) {
      follow.push(db.insert(allocationKeyYear).values({ keyId: id, year, parts })
        .onConflictDoUpdate({ target: [allocationKeyYear.keyId, allocationKeyYear.year], set: { parts } }));
      afterYears = [...years.filter((y) => y.year !== year), { year, parts }].sort((a, b) => a.year - b.year);
    }
  }
  const updated = await updateVersioned(db, actor,
    { table: allocationKey, key: allocationKey.id, id, entity: 'allocation_key', before: { ...stored, years }, version },
    set, follow, { years: afterYears });
  if (!updated.ok) return updated;
  return ok((await findKey(db, id))!);
}

export async function deleteKey(db: Database, actor: Actor, id: number, version?: number): Promise<Outcome<void>> {
  const before = await findKey(db, id);
  if (!before) return notFound('Fördelningsnyckeln finns inte.');
  const { usedBy, ...row } = before;
  return deleteVersioned(db, actor, { table: allocationKey, key: allocationKey.id, id, entity: 'allocation_key', before: row, version },
    usedBy ? `Fördelningsnyckeln används av ${usedBy} ${usedBy === 1 ? 'kostnad' : 'kostnader'} och kan inte tas bort.` : undefined);
}
