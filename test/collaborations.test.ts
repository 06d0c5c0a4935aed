import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { collaborationIssues, type CollaborationDraft, type RuleContext } from '../worker/collaboration/rules.ts';
import { api, auditEvents, page, seedRegister, signIn, snapshot } from './helpers.ts';

/** Three members: Bengtsfors and Åmål on Raindance, Mellerud on Unit4; an owner in the directory. */
async function world() {
  const r = await seedRegister();
  await api('POST', '/municipalities', { code: '1461', name: 'Mellerud' });
  await api('POST', '/municipalities', { code: '1438', name: 'Dals-Ed' });
  for (const [code, productId] of [['1460', r.raindance.id], ['1492', r.raindance.id], ['1461', r.unit4.id]] as const) {
    await api('POST', '/installations', { municipality: code, applicationId: r.finance.id, productId });
  }
  const owner = await env.DB.prepare("INSERT INTO person (name, email, municipality_code) VALUES ('Sara Systemägare', 'sara@amal.se', '1492') RETURNING id").first<{ id: number }>();
  return { ...r, ownerId: owner!.id };
}

const base = (w: Awaited<ReturnType<typeof world>>) => ({ applicationId: w.finance.id, level: 2, participants: ['1460', '1492'], host: '1492' });

describe('creating a collaboration', () => {
  it('at level 2 between members on the same product, with its first level event and an audit event', async () => {
    const w = await world();
    const response = await api('POST', '/collaborations', { ...base(w), scope: 'Ekonomisystemet', decisionReference: 'KS 2026/12', decisionDate: '2026-10-01', validFrom: '2027-01-01' });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ id: expect.any(Number), version: 1, level: 2, participants: ['1460', '1492'], host: '1492', owner: null, active: true, decisionReference: 'KS 2026/12' });
    expect(response.body.history).toEqual([{ level: 2, on: '2027-01-01', note: 'Samverkan startade.', actor: expect.stringContaining('@') }]);
    expect((await auditEvents('collaboration')).map((e) => [e.action, e.entity_id])).toEqual([['create', String(response.body.id)]]);
    expect((await api('GET', `/collaborations/${response.body.id}`)).body.participants).toEqual(['1460', '1492']);
    expect((await api('GET', `/collaborations?application=${w.finance.id}`)).body).toHaveLength(1);
  });

  const refusals: [string, (w: Awaited<ReturnType<typeof world>>) => object, string, RegExp][] = [
    ['fewer than two participants', (w) => ({ ...base(w), participants: ['1492'] }), 'participants', /minst två/],
    ['a host that does not take part', (w) => ({ ...base(w), host: '1461' }), 'host', /Värdkommunen/],
    ['a participant without an installation', (w) => ({ ...base(w), participants: ['1460', '1492', '1438'] }), 'participants', /Dals-Ed har inget system/],
    ['level 2 with different products', (w) => ({ ...base(w), participants: ['1460', '1461'], host: '1460' }), 'level', /samma produkt/],
    ['level 3 without a system owner', (w) => ({ ...base(w), level: 3 }), 'ownerId', /systemägare/],
    ['an owner who does not exist', (w) => ({ ...base(w), level: 3, ownerId: 999 }), 'ownerId', /finns inte/],
    ['a level outside the agreed range', (w) => ({ ...base(w), lowestLevel: 3, highestLevel: 4 }), 'level', /utanför avtalets ram/],
    ['an unknown municipality', (w) => ({ ...base(w), participants: ['1460', '1492', '9999'] }), 'participants', /9999 finns inte/],
    ['level 6', (w) => ({ ...base(w), level: 6 }), 'level', /större än 5/],
  ];
  for (const [name, body, path, message] of refusals) {
    it(`refuses ${name} with the rule's message and writes nothing`, async () => {
      const w = await world();
      const before = await snapshot();
      const response = await api('POST', '/collaborations', body(w));
      expect(response.status).toBe(400);
      expect(response.body.issues).toEqual(expect.arrayContaining([{ path, message: expect.stringMatching(message) }]));
      expect(await snapshot()).toEqual(before);
      expect((await env.DB.prepare('SELECT count(*) AS n FROM collaboration').first<{ n: number }>())!.n).toBe(0);
    });
  }

  it('lets a municipality take part in at most one collaboration per application', async () => {
    const w = await world();
    expect((await api('POST', '/collaborations', base(w))).status).toBe(201);
    const second = await api('POST', '/collaborations', { ...base(w), level: 3, ownerId: w.ownerId, participants: ['1492', '1461'] });
    expect(second.status).toBe(400);
    expect(second.body.issues).toEqual(expect.arrayContaining([{ path: 'participants', message: expect.stringMatching(/Åmål deltar redan/) }]));
  });

  it('level 3 with its one shared system owner', async () => {
    const w = await world();
    const response = await api('POST', '/collaborations', { ...base(w), participants: ['1460', '1492', '1461'], level: 3, ownerId: w.ownerId });
    expect(response.status).toBe(201);
    expect(response.body.owner).toEqual({ id: w.ownerId, name: 'Sara Systemägare' });
  });

  it('is for administrators: an editor gets 403 and nothing is written', async () => {
    const w = await world();
    const before = await snapshot();
    expect((await api('POST', '/collaborations', base(w), { as: await signIn('editor', ['1460']) })).status).toBe(403);
    expect(await snapshot()).toEqual(before);
  });
});

describe('changing a collaboration', () => {
  it('keeps every change of level as a dated event', async () => {
    const w = await world();
    const created = (await api('POST', '/collaborations', { ...base(w), levelChangedOn: '2026-01-15' })).body;
    const raised = await api('PATCH', `/collaborations/${created.id}`, { version: 1, level: 3, ownerId: w.ownerId, levelChangedOn: '2026-09-01', levelNote: 'Gemensam driftmiljö' });
    expect(raised.status).toBe(200);
    expect(raised.body.history.map((h: { level: number; on: string }) => [h.level, h.on])).toEqual([[3, '2026-09-01'], [2, '2026-01-15']]);
    expect(raised.body.version).toBe(2);
    // A change that keeps the level adds no level event.
    const renamed = await api('PATCH', `/collaborations/${created.id}`, { version: 2, scope: 'Redovisning' });
    expect(renamed.body.history).toHaveLength(2);
  });

  it('refuses a broken rule, a stale version and an unknown id, writing nothing', async () => {
    const w = await world();
    const created = (await api('POST', '/collaborations', base(w))).body;
    const before = await snapshot();
    const events = await env.DB.prepare('SELECT count(*) AS n FROM collaboration_level_event').first<{ n: number }>();
    expect((await api('PATCH', `/collaborations/${created.id}`, { version: 1, level: 4 })).body.issues[0].path).toBe('ownerId');
    expect((await api('PATCH', `/collaborations/${created.id}`, { version: 1, participants: ['1460', '1492', '1461'] })).status).toBe(400);
    expect((await api('PATCH', `/collaborations/${created.id}`, { version: 9, scope: 'x' })).status).toBe(409);
    expect((await api('PATCH', '/collaborations/999', { version: 1, scope: 'x' })).status).toBe(404);
    expect(await snapshot()).toEqual(before);
    expect(await env.DB.prepare('SELECT count(*) AS n FROM collaboration_level_event').first<{ n: number }>()).toEqual(events);
  });

  it('changes participants, and an ended collaboration frees its members for another', async () => {
    const w = await world();
    const created = (await api('POST', '/collaborations', { ...base(w), level: 3, ownerId: w.ownerId })).body;
    const grown = await api('PATCH', `/collaborations/${created.id}`, { version: 1, participants: ['1460', '1492', '1461'] });
    expect(grown.body.participants).toEqual(['1460', '1461', '1492']);
    const ended = await api('PATCH', `/collaborations/${created.id}`, { version: 2, endedOn: '2026-11-30' });
    expect(ended.body).toMatchObject({ active: false, endedOn: '2026-11-30' });
    expect((await api('POST', '/collaborations', { ...base(w), participants: ['1460', '1492'] })).status).toBe(201);
    expect((await api('DELETE', `/collaborations/${created.id}?version=3`)).status).toBe(204);
    expect((await api('GET', `/collaborations/${created.id}`)).status).toBe(404);
  });
});

describe('the matrix shows levels', () => {
  it('gives each cell its level: the collaboration’s, else 1; and filters by level', async () => {
    const w = await world();
    const created = (await api('POST', '/collaborations', { ...base(w), level: 3, ownerId: w.ownerId })).body;
    const matrix = (await api('GET', '/portfolio/matrix')).body;
    const row = matrix.rows.find((r: any) => r.application.id === w.finance.id);
    expect(row.cells['1460']).toMatchObject({ level: 3, collaborationId: created.id });
    expect(row.cells['1492'].level).toBe(3);
    expect(row.cells['1461'].level).toBe(1);
    expect((await api('GET', '/portfolio/matrix?level=3')).body.rows.map((r: any) => r.application.id)).toEqual([w.finance.id]);
    expect((await api('GET', '/portfolio/matrix?level=4')).body.rows).toEqual([]);
    expect((await api('GET', '/portfolio/matrix?level=9')).status).toBe(400);
  });
});

describe('collaborationIssues (pure)', () => {
  const ctx: RuleContext = {
    applicationName: 'E-post',
    municipalities: new Map([['1460', 'Bengtsfors'], ['1492', 'Åmål'], ['1461', 'Mellerud']]),
    installations: [{ municipality: '1460', productId: 1, productName: 'Exchange' }, { municipality: '1492', productId: 1, productName: 'Exchange' }, { municipality: '1461', productId: 2, productName: 'Gmail' }],
    elsewhere: [],
    ownerExists: true,
  };
  const draft: CollaborationDraft = { level: 2, participants: ['1460', '1492'], host: '1460', ownerId: null, lowestLevel: null, highestLevel: null, validFrom: null, validTo: null };

  it('accepts a valid draft and names the products when level 2 is broken', () => {
    expect(collaborationIssues(draft, ctx)).toEqual([]);
    expect(collaborationIssues({ ...draft, participants: ['1460', '1461'] }, ctx)[0]!.message).toBe('Nivå 2 (egna system men likadana) kräver samma produkt hos alla: Bengtsfors Exchange, Mellerud Gmail.');
    expect(collaborationIssues({ ...draft, level: 3, participants: ['1460', '1461'], ownerId: 5 }, ctx)).toEqual([]);
    expect(collaborationIssues({ ...draft, validFrom: '2027-01-01', validTo: '2026-01-01' }, ctx)).toEqual([{ path: 'validTo', message: expect.any(String) }]);
  });
});

describe('collaboration pages', () => {
  const form = (fields: [string, string][]) => ({
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString(),
  });

  it('start a level-3 collaboration through the form and show it, its owner and history', async () => {
    const w = await world();
    const response = await page('/samverkan/ny', form([
      ['applicationId', String(w.finance.id)], ['level', '3'], ['participants', '1460'], ['participants', '1492'], ['participants', '1461'],
      ['host', '1492'], ['ownerId', String(w.ownerId)], ['scope', 'Ekonomisystem för alla tre'], ['validFrom', '2027-01-01'],
    ]));
    expect(response.status).toBe(303);
    const location = response.headers.get('location')!;
    expect(location).toMatch(/^\/samverkan\/\d+\?sparat$/);
    const html = await (await page(location)).text();
    expect(html).toContain('Samverkan om Ekonomisystem');
    expect(html).toContain('Gemensam IT-lösning med separerad information');
    expect(html).toContain('Sara Systemägare');
    expect(await (await page('/samverkan')).text()).toContain('Bengtsfors, Mellerud, Åmål');
    expect(await (await page('/matris?niva=3')).text()).toContain('Nivå 3');
  });

  it('show the rule that was broken at its field, writing nothing', async () => {
    const w = await world();
    const before = await snapshot();
    const response = await page('/samverkan/ny', form([['applicationId', String(w.finance.id)], ['level', '3'], ['participants', '1460'], ['host', '1460']]));
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('minst två deltagande kommuner');
    expect(html).toContain('gemensam systemägare');
    expect(await snapshot()).toEqual(before);
  });

  it('change the level through the edit form, recording it in the history', async () => {
    const w = await world();
    const created = (await api('POST', '/collaborations', { ...base(w), levelChangedOn: '2026-02-01' })).body;
    const response = await page(`/samverkan/${created.id}/andra`, form([
      ['version', '1'], ['level', '3'], ['participants', '1460'], ['participants', '1492'], ['host', '1492'], ['ownerId', String(w.ownerId)],
      ['levelChangedOn', '2026-11-01'], ['levelNote', 'Beslut i IT-chefsgruppen'], ['endedOn', ''],
    ]));
    expect(response.status).toBe(303);
    const detail = (await api('GET', `/collaborations/${created.id}`)).body;
    expect(detail.history.map((h: { level: number; on: string; note: string }) => [h.level, h.on, h.note])).toEqual([[3, '2026-11-01', 'Beslut i IT-chefsgruppen'], [2, '2026-02-01', 'Samverkan startade.']]);
  });
});

describe('the application page', () => {
  it('shows the collaboration, its owner and its level history', async () => {
    const w = await world();
    const created = (await api('POST', '/collaborations', { ...base(w), levelChangedOn: '2026-02-01' })).body;
    await api('PATCH', `/collaborations/${created.id}`, { version: 1, level: 3, ownerId: w.ownerId, levelChangedOn: '2026-10-01', levelNote: 'Gemensam drift' });
    const html = await (await page(`/applikationer/${w.finance.id}`)).text();
    expect(html).toContain('Nivå 3: Gemensam IT-lösning med separerad information');
    expect(html).toContain('gemensam systemägare Sara Systemägare');
    expect(html).toMatch(/2026-10-01<\/td><td>Nivå 3[^<]*<\/td><td>Gemensam drift/);
    expect(html).toMatch(/2026-02-01<\/td><td>Nivå 2/);
  });
});
