import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { drizzle } from 'drizzle-orm/d1';
import { describe, expect, it } from 'vitest';
import * as schema from '../schema/index.ts';
import { municipality } from '../schema/portfolio.ts';
import { app } from '../worker/app.ts';
import worker from '../worker/index.ts';
import { countedFetch, countingD1, type D1Counts } from '../worker/instrumentation.ts';
import { createUser, sessionFor } from './helpers.ts';

// The benchmark's D1 counting (worker/instrumentation.ts): round trips and statements, on the real D1.

describe('D1 instrumentation', () => {
  it('counts a statement run alone as one round trip, and a batch as one round trip of its statements', async () => {
    const counts: D1Counts = { roundTrips: 0, statements: 0 };
    const d1 = countingD1(env.DB, counts);
    expect((await d1.prepare('SELECT ?1 AS n').bind(7).first<{ n: number }>())!.n).toBe(7);
    expect(counts).toEqual({ roundTrips: 1, statements: 1 });
    const results = await d1.batch([d1.prepare('SELECT 1 AS a'), d1.prepare('SELECT ?1 AS b').bind(2), d1.prepare("SELECT 'c' AS c")]);
    expect(results.map((r) => r.results[0])).toEqual([{ a: 1 }, { b: 2 }, { c: 'c' }]);
    expect(counts).toEqual({ roundTrips: 2, statements: 4 });
    // Through drizzle, as the app uses it: a select, then a batch of two.
    const db = drizzle(d1, { schema });
    await db.select().from(municipality);
    await db.batch([db.select().from(municipality), db.select({ code: municipality.code }).from(municipality)]);
    expect(counts).toEqual({ roundTrips: 4, statements: 7 });
  });

  it('puts the counts of a request in its response headers', async () => {
    // Eleven hours left: a session is renewed (one more write) only in its last six.
    const cookie = await sessionFor((await createUser('admin')).id, true, Date.now() + 11 * 3_600_000);
    const ctx = createExecutionContext();
    const trivial = await countedFetch(app.fetch, new Request('http://localhost/ping'), env, ctx);
    expect(await trivial.text()).toBe('ok');
    expect([trivial.headers.get('X-D1-Round-Trips'), trivial.headers.get('X-D1-Statements')]).toEqual(['0', '0']);
    const signedIn = await countedFetch(app.fetch, new Request('http://localhost/ping', { headers: { cookie } }), env, ctx);
    // The session lookup: one batch of the session with its user and the user's municipalities.
    expect([signedIn.headers.get('X-D1-Round-Trips'), signedIn.headers.get('X-D1-Statements')]).toEqual(['1', '2']);
    await waitOnExecutionContext(ctx);
  });

  it('only when BENCH_INSTRUMENT is 1: otherwise the Worker answers without the headers', async () => {
    const ctx = createExecutionContext();
    const plain = await worker.fetch(new Request('http://localhost/ping'), env, ctx);
    expect(plain.headers.has('X-D1-Round-Trips')).toBe(false);
    const counted = await worker.fetch(new Request('http://localhost/ping'), { ...env, BENCH_INSTRUMENT: '1' } as typeof env, ctx);
    expect(counted.headers.get('X-D1-Round-Trips')).toBe('0');
    await waitOnExecutionContext(ctx);
  });
});
