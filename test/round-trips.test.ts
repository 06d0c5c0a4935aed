import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import { demoStatements } from '../schema/demo/sql.ts';
import { app } from '../worker/app.ts';
import { countedFetch } from '../worker/instrumentation.ts';
import { createUser, sessionFor } from './helpers.ts';

// Issue 10's budget: a page costs at most 2 D1 round trips, the session lookup included.
// Counted by the benchmark's instrumentation on the demo data.

const budget = 2;

const pages = [
  // Costs: without ?ar= the latest year with costs is found by the same statements.
  '/kostnader', '/kostnader?ar=2024', '/kostnader/1', '/kostnader/budget', '/kostnader/budget?ar=2024', '/kostnader/fakturaunderlag?ar=2024',
  '/kostnader/fakturaunderlag', '/kostnader/fakturaunderlag/1438?ar=2024', '/kostnader/fakturaunderlag/1438', '/kostnader/nycklar', '/kostnader/kalkylator',
];

describe('D1 round trips per page', () => {
  let cookie: string;
  beforeEach(async () => {
    await env.DB.batch(demoStatements().map((s) => env.DB.prepare(s)));
    // Eleven hours left: no renewal write on these requests.
    cookie = await sessionFor((await createUser('admin')).id, true, Date.now() + 11 * 3_600_000);
  });

  for (const path of pages) {
    it(`${path}: at most ${budget}`, async () => {
      const ctx = createExecutionContext();
      const response = await countedFetch(app.fetch, new Request(`http://localhost${path}`, { headers: { cookie } }), env, ctx);
      await waitOnExecutionContext(ctx);
      expect(response.status).toBe(200);
      expect(Number(response.headers.get('X-D1-Round-Trips'))).toBeLessThanOrEqual(budget);
    });
  }
});
