import { env } from 'cloudflare:test';
import { drizzle } from 'drizzle-orm/d1';
import { expect, it } from 'vitest';
import * as schema from '../schema/index.ts';
import { municipality, municipalityPopulation } from '../schema/portfolio.ts';
import { updateVersioned } from '../worker/versioned.ts';
import { api, snapshot } from './helpers.ts';

it('a writer that lost the race after reading rolls back its whole batch: row, follow-ups and audit event', async () => {
  await api('POST', '/municipalities', { code: '1460', name: 'Bengtsfors', populations: [{ year: 2024, population: 9260 }] });
  const db = drizzle(env.DB, { schema });
  const [readEarlier] = await db.select().from(municipality);
  // Someone else writes between our read and our write.
  expect((await api('PATCH', '/municipalities/1460', { version: 1, name: 'Bengtsfors kommun' })).status).toBe(200);
  const before = await snapshot();

  const outcome = await updateVersioned(db, { name: 'test', requestId: 'r1', role: 'admin', userId: null, municipalities: [], via: 'none' },
    { table: municipality, key: municipality.code, id: '1460', entity: 'municipality', before: readEarlier!, version: 1 },
    { name: 'Förlorad skrivning' },
    [db.insert(municipalityPopulation).values({ municipalityCode: '1460', year: 2025, population: 1 })]);

  expect(outcome).toMatchObject({ ok: false, status: 409 });
  expect(await snapshot()).toEqual(before);
  expect((await api('GET', '/municipalities/1460')).body.name).toBe('Bengtsfors kommun');
});
