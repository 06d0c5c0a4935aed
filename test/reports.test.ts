import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { api, auditEvents, page, signIn, snapshot } from './helpers.ts';

async function demo() {
  const { demoStatements } = await import('../schema/demo/sql.ts');
  await env.DB.batch(demoStatements().map((s) => env.DB.prepare(s)));
}

describe('status reports', () => {
  it('freeze the goals and the action plan as they were on the report date', async () => {
    await demo();
    const created = await api('POST', '/reports', { reportDate: '2026-06-30', title: 'Lägesrapport juni 2026', analysis: { collaboration: 'Ekonomisystemet går bra.' } });
    expect(created.status).toBe(201);
    const id = created.body.id;
    const frozen = created.body.content.goals.find((g: { key: string }) => g.key === 'traceability');
    expect(frozen.value).toBeGreaterThan(0);
    expect(created.body.content.actions.length).toBeGreaterThan(5);

    // The register changes afterwards: every system gets traceability…
    await env.DB.prepare('UPDATE installation SET traceability = 1').run();
    expect((await api('GET', '/goals')).body.find((g: { key: string }) => g.key === 'traceability').value).toBe(1);
    // …but the June report still says what June said.
    const june = (await api('GET', `/reports/${id}`)).body;
    expect(june.content.goals.find((g: { key: string }) => g.key === 'traceability').value).toBe(frozen.value);

    const html = await (await page(`/lagesrapporter/${id}`)).text();
    expect(html).toContain('Lägesrapport juni 2026');
    expect(html).toContain('Ekonomisystemet går bra.');
    expect(html).toContain('Handlingsplanen');
  });

  it('take analysis until issued, then refuse changes; bad input and other roles write nothing', async () => {
    await demo();
    const { id } = (await api('POST', '/reports', { reportDate: '2026-12-31', title: 'December' })).body;
    expect((await api('PATCH', `/reports/${id}`, { version: 1, analysis: { information_security: 'Tvåfaktor saknas i socialtjänsten.' } })).status).toBe(200);
    expect((await api('PATCH', `/reports/${id}`, { version: 2, issued: true })).body.issuedAt).toBeTruthy();
    const before = await snapshot();
    expect((await api('PATCH', `/reports/${id}`, { version: 3, title: 'Ändrad' })).status).toBe(409);
    expect((await api('POST', '/reports', { reportDate: '2026-13-01', title: '' })).body.issues.map((i: { path: string }) => i.path).sort()).toEqual(['reportDate', 'title']);
    expect((await api('POST', '/reports', { reportDate: '2026-12-31', title: 'X' }, { as: await signIn('viewer') })).status).toBe(403);
    expect(await snapshot()).toEqual(before);
    expect((await auditEvents('status_report')).map((e) => e.action)).toEqual(['create', 'update', 'update']);
  });

  it('are made through the page and printed without the site around them', async () => {
    await demo();
    const made = await page('/lagesrapporter', {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ title: 'Lägesrapport hösten 2026', reportDate: '2026-11-25' }).toString(),
    });
    expect(made.status).toBe(303);
    expect(await (await page('/lagesrapporter')).text()).toContain('Lägesrapport hösten 2026');
  });
});

describe('ids the route pattern admits but no row can have', () => {
  it('answer 404, not 500 (0, leading zeros, more than 16 digits)', async () => {
    for (const id of ['0', '007', '10000000000000000']) {
      expect((await api('GET', `/reports/${id}`)).status).toBe(404);
      expect((await page(`/lagesrapporter/${id}`)).status).toBe(404);
      expect((await page(`/kostnader/${id}`)).status).toBe(404);
    }
  });
});
