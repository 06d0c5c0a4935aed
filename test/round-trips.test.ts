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
  // Portfolio: a municipality, an application with collaborations, an installation with governing documents (ids below).
  '/kommuner/1438', '/applikationer/:application', '/system/:installation',
  // Collaborations, governing documents, changes, initiatives (ids below); the administrators' pages.
  '/samverkan', '/samverkan/:collaboration', '/styrdokument', '/styrdokument/:document', '/andringar', '/initiativ/:initiative',
  '/anvandare', '/api-nycklar', '/sakerhetskopia',
];

/** Demo rows that exercise every section of their page, found by what they have rather than by id. */
const ids: Record<string, string> = {
  ':application': 'SELECT application_id AS id FROM collaboration ORDER BY id LIMIT 1',
  ':installation': 'SELECT installation_id AS id FROM governing_document_installation ORDER BY document_id, installation_id LIMIT 1',
  ':collaboration': 'SELECT collaboration_id AS id FROM collaboration_level_event ORDER BY id LIMIT 1',
  ':document': 'SELECT document_id AS id FROM governing_document_installation ORDER BY document_id LIMIT 1',
  ':initiative': 'SELECT initiative_id AS id FROM initiative_decision ORDER BY id LIMIT 1',
};
const resolved = async (path: string) => {
  const token = Object.keys(ids).find((t) => path.endsWith(t));
  return token ? path.replace(token, String((await env.DB.prepare(ids[token]!).first<{ id: number }>())!.id)) : path;
};

describe('D1 round trips per page', () => {
  let cookie: string;
  beforeEach(async () => {
    await env.DB.batch(demoStatements().map((s) => env.DB.prepare(s)));
    // Eleven hours left: no renewal write on these requests.
    cookie = await sessionFor((await createUser('admin')).id, true, Date.now() + 11 * 3_600_000);
  });

  const roundTrips = async (path: string) => {
    const ctx = createExecutionContext();
    const response = await countedFetch(app.fetch, new Request(`http://localhost${await resolved(path)}`, { headers: { cookie } }), env, ctx);
    await waitOnExecutionContext(ctx);
    expect(response.status).toBe(200);
    return Number(response.headers.get('X-D1-Round-Trips'));
  };

  for (const path of pages) {
    it(`${path}: at most ${budget}`, async () => {
      expect(await roundTrips(path)).toBeLessThanOrEqual(budget);
    });
  }

  // The overview's attention list is stored by the nightly run; before the first run, the first
  // view computes and stores it: one write more, on that view only.
  it(`/ (overview): at most ${budget}, and one write more on the first view ever`, async () => {
    expect(await roundTrips('/')).toBeLessThanOrEqual(budget + 1);
    expect((await env.DB.prepare('SELECT count(*) AS n FROM attention_refresh').first<{ n: number }>())!.n).toBe(1);
    expect(await roundTrips('/')).toBeLessThanOrEqual(budget);
    expect(await roundTrips('/?kommun=1438')).toBeLessThanOrEqual(budget);
  });

  // The same stored list, the whole of it: a window of each kind.
  it(`/att-hantera: at most ${budget}, and one write more on the first view ever`, async () => {
    expect(await roundTrips('/att-hantera')).toBeLessThanOrEqual(budget + 1);
    expect(await roundTrips('/att-hantera')).toBeLessThanOrEqual(budget);
    expect(await roundTrips('/att-hantera?kommun=1438&typ=missing_system_owner&sida=2')).toBeLessThanOrEqual(budget);
  });
});
