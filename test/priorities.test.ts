import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { addMonths, defaultWeights, endsSoon, rankPriorities, type PrioritySource, type Weights } from '../worker/planning/priorities.ts';
import { api, page, seedRegister, signIn } from './helpers.ts';

const today = '2026-06-15';
const members = [
  { code: '1460', name: 'Bengtsfors' }, { code: '1492', name: 'Åmål' }, { code: '1461', name: 'Mellerud' }, { code: '1438', name: 'Dals-Ed' },
];
const p1 = { id: 1, vendor: 'CGI', name: 'Raindance' };
const p2 = { id: 2, vendor: 'Unit4', name: 'ERP' };
const p3 = { id: 3, vendor: 'Fortinet', name: 'FortiGate' };

type Inst = PrioritySource['installations'][number];
const inst = (municipality: string, applicationId: number, fields: Partial<Inst> = {}): Inst => ({
  municipality, applicationId, lifecycle: 'active', product: p1, contractEnd: null, noticeMonths: null, functionScore: null, competenceRisk: null, ...fields,
});

/**
 * Ekonomisystem: two of three contracts end soon (one by its end date, one by its notice
 * deadline), function 2 and 3, competence risk 4 and 2, two of four members on Raindance.
 * Brandvägg: one member, works well, no risk, contract far off: every criterion 0.
 */
const source = (extra: Partial<PrioritySource> = {}): PrioritySource => ({
  municipalities: members,
  applications: [{ id: 1, name: 'Ekonomisystem', kind: 'common' }, { id: 2, name: 'Brandvägg', kind: 'technical' }],
  installations: [
    inst('1460', 1, { contractEnd: '2027-06-30', functionScore: 2, competenceRisk: 4 }),
    inst('1492', 1, { contractEnd: '2030-01-01', noticeMonths: 48, functionScore: 3 }),
    inst('1461', 1, { product: p2, competenceRisk: 2, lifecycle: 'planned' }),
    inst('1460', 2, { product: p3, contractEnd: '2035-01-01', noticeMonths: 3, functionScore: 5, competenceRisk: 1 }),
  ],
  participants: [],
  ...extra,
});

const weights = (w: Partial<Weights>): Weights => ({ ...defaultWeights, ...w });

describe('the ranking (pure)', () => {
  it('computes each criterion, its contribution and the score from known inputs', () => {
    const list = rankPriorities(source(), defaultWeights, today);
    expect(list.municipalityCount).toBe(4);
    expect(list.candidates.map((c) => c.application.name)).toEqual(['Ekonomisystem', 'Brandvägg']);
    const [finance, firewall] = list.candidates;
    expect(finance!.rank).toBe(1);
    expect(finance!.members).toBe(3);
    expect(finance!.criteria.contracts).toMatchObject({ ending: 2, of: 3 });
    expect(finance!.criteria.contracts.value).toBeCloseTo(2 / 3, 10);
    expect(finance!.criteria.functioning).toMatchObject({ value: 0.625, average: 2.5, scored: 2 });
    expect(finance!.criteria.competence).toMatchObject({ value: 0.5, average: 3, scored: 2 });
    expect(finance!.criteria.sameProduct).toMatchObject({ value: 0.5, largestGroup: 2, of: 4, product: p1 });
    expect(finance!.score).toBeCloseTo((2 / 3 + 0.625 + 0.5 + 0.5) / 4, 10);
    expect(finance!.criteria.functioning.contribution).toBeCloseTo(0.625 / 4, 10);
    const sum = Object.values(finance!.criteria).reduce((s, c) => s + c.contribution, 0);
    expect(sum).toBeCloseTo(finance!.score, 12);
    expect(finance!.level).toBe(1);
    expect(firewall!.score).toBe(0);
    expect(firewall!.criteria.sameProduct).toMatchObject({ value: 0, largestGroup: 0, product: null });
  });

  it('weights change the order; a weight of 0 removes a criterion; all 0 leaves name order', () => {
    // Brandvägg gets a bad competence risk: on competence alone it leads.
    const s = source();
    s.installations[3] = { ...s.installations[3]!, competenceRisk: 5 };
    const onlyCompetence = rankPriorities(s, { contracts: 0, functioning: 0, competence: 1, sameProduct: 0 }, today);
    expect(onlyCompetence.candidates.map((c) => [c.application.name, c.score])).toEqual([['Brandvägg', 1], ['Ekonomisystem', 0.5]]);
    expect(onlyCompetence.candidates[1]!.criteria.contracts.contribution).toBe(0);
    expect(onlyCompetence.candidates[1]!.criteria.contracts.value).toBeCloseTo(2 / 3, 10);

    const heavy = rankPriorities(s, weights({ competence: 10 }), today);
    expect(heavy.candidates[0]!.application.name).toBe('Brandvägg');
    expect(heavy.candidates[0]!.score).toBeCloseTo(10 / 13, 10);

    const none = rankPriorities(s, { contracts: 0, functioning: 0, competence: 0, sameProduct: 0 }, today);
    expect(none.candidates.map((c) => [c.application.name, c.score])).toEqual([['Brandvägg', 0], ['Ekonomisystem', 0]]);
    expect(none.candidates.every((c) => Object.values(c.criteria).every((k) => k.contribution === 0))).toBe(true);
  });

  it('breaks ties by name in Swedish order (Z before Å, Ä, Ö), whatever the input order', () => {
    const names = ['Ärendehantering', 'Zonindelning', 'Arkiv', 'Öppna data', 'Åtgärdsplan'];
    const s: PrioritySource = {
      municipalities: members,
      applications: names.map((name, i) => ({ id: 10 + i, name, kind: 'specific' })),
      installations: names.map((_, i) => inst('1460', 10 + i, { functionScore: 3 })),
      participants: [],
    };
    const ranked = rankPriorities(s, defaultWeights, today).candidates;
    expect(ranked.map((c) => c.application.name)).toEqual(['Arkiv', 'Zonindelning', 'Åtgärdsplan', 'Ärendehantering', 'Öppna data']);
    expect(ranked.map((c) => c.rank)).toEqual([1, 2, 3, 4, 5]);
  });

  it('treats scores equal when float arithmetic reaches them by different paths', () => {
    const s: PrioritySource = {
      municipalities: [{ code: '1', name: 'A' }, { code: '2', name: 'B' }, { code: '3', name: 'C' }, { code: '4', name: 'D' }, { code: '5', name: 'E' }],
      applications: [{ id: 1, name: 'Alfa', kind: 'general' }, { id: 2, name: 'Bravo', kind: 'general' }],
      installations: [
        // Alfa: functioning (5 − 4.2)/4 = 0.2 but 0.19999999999999996 as floats; Bravo: competence (1.8 − 1)/4 = 0.2.
        ...['1', '2', '3', '4', '5'].map((m, i) => inst(m, 1, { product: { ...p1, id: 100 + i }, functionScore: [4, 4, 4, 5, 4][i]! })),
        ...['1', '2', '3', '4', '5'].map((m, i) => inst(m, 2, { product: { ...p1, id: 200 + i }, competenceRisk: [2, 2, 2, 1, 2][i]! })),
      ],
      participants: [],
    };
    const ranked = rankPriorities(s, defaultWeights, today).candidates;
    expect(ranked[0]!.score).toBeLessThan(ranked[1]!.score);
    expect(ranked.map((c) => c.application.name)).toEqual(['Alfa', 'Bravo']);
  });

  it('leaves out what no member uses, retired installations, and what every member already shares at level 5', () => {
    const s = source({
      applications: [
        ...source().applications,
        { id: 3, name: 'E-post', kind: 'general' },
        { id: 4, name: 'Planerat', kind: 'specific' },
        { id: 5, name: 'Avvecklat', kind: 'specific' },
        { id: 6, name: 'Nästan', kind: 'general' },
      ],
      installations: [
        ...source().installations,
        ...members.map((m) => inst(m.code, 3)),
        inst('1460', 4, { lifecycle: 'planned' }),
        inst('1460', 5, { lifecycle: 'retired', functionScore: 1 }),
        ...members.map((m) => inst(m.code, 6)),
        // A retired installation does not count towards a criterion either.
        inst('1438', 1, { lifecycle: 'retired', contractEnd: '2026-07-01', functionScore: 1 }),
      ],
      participants: [
        ...members.map((m) => ({ collaborationId: 7, applicationId: 3, level: 5, municipality: m.code })),
        ...members.slice(0, 3).map((m) => ({ collaborationId: 8, applicationId: 6, level: 5, municipality: m.code })),
        ...members.slice(0, 2).map((m) => ({ collaborationId: 9, applicationId: 1, level: 2, municipality: m.code })),
      ],
    });
    const ranked = rankPriorities(s, defaultWeights, today).candidates;
    expect(ranked.map((c) => c.application.name).sort()).toEqual(['Brandvägg', 'Ekonomisystem', 'Nästan']);
    const nearly = ranked.find((c) => c.application.name === 'Nästan')!;
    expect(nearly).toMatchObject({ level: 5, collaborations: [{ id: 8, level: 5, participants: 3 }], members: 4 });
    expect(nearly.criteria.sameProduct).toMatchObject({ value: 1, largestGroup: 4 });
    const finance = ranked.find((c) => c.application.name === 'Ekonomisystem')!;
    expect(finance).toMatchObject({ level: 2, members: 3, collaborations: [{ id: 9, level: 2, participants: 2 }] });
    expect(finance.criteria.contracts).toMatchObject({ ending: 2, of: 3 });
  });

  it('counts a contract as ending soon by its end within 24 months or its notice deadline within 12', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2026-06-15', 24)).toBe('2028-06-15');
    expect(endsSoon(null, 3, today)).toBe(false);
    expect(endsSoon('2028-06-15', null, today)).toBe(true);
    expect(endsSoon('2028-06-16', null, today)).toBe(false);
    expect(endsSoon('2029-06-15', 24, today)).toBe(true); // notice by 2027-06-15
    expect(endsSoon('2029-06-16', 24, today)).toBe(false);
    expect(endsSoon('2020-01-01', 0, today)).toBe(true); // already ended
  });
});

const day = () => new Date().toISOString().slice(0, 10);

/** Four members; Ekonomisystem on Raindance in two, Unit4 in one; Brandvägg in one; E-post shared by all at level 5. */
async function world() {
  const r = await seedRegister();
  const ok = async (p: Promise<{ status: number; body: any }>) => {
    const response = await p;
    if (response.status !== 201) throw new Error(`seed failed: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  };
  await ok(api('POST', '/municipalities', { code: '1461', name: 'Mellerud' }));
  await ok(api('POST', '/municipalities', { code: '1438', name: 'Dals-Ed' }));
  const mail = await ok(api('POST', '/applications', { name: 'E-post', kind: 'general' }));
  const exchange = await ok(api('POST', '/products', { vendor: 'Microsoft', name: 'Exchange' }));
  const today = day();
  await ok(api('POST', '/installations', { municipality: '1460', applicationId: r.finance.id, productId: r.raindance.id, contractEnd: addMonths(today, 12), noticeMonths: 3, functionScore: 2, competenceRisk: 4 }));
  await ok(api('POST', '/installations', { municipality: '1492', applicationId: r.finance.id, productId: r.raindance.id, contractEnd: addMonths(today, 40), noticeMonths: 36, functionScore: 3 }));
  await ok(api('POST', '/installations', { municipality: '1461', applicationId: r.finance.id, productId: r.unit4.id, lifecycle: 'planned', competenceRisk: 2 }));
  await ok(api('POST', '/installations', { municipality: '1460', applicationId: r.firewall.id, productId: exchange.id, functionScore: 4, competenceRisk: 5, contractEnd: addMonths(today, 60) }));
  for (const code of ['1460', '1492', '1461', '1438']) await ok(api('POST', '/installations', { municipality: code, applicationId: mail.id, productId: exchange.id }));
  const owner = await env.DB.prepare("INSERT INTO person (name, municipality_code) VALUES ('Olle Ägare', '1492') RETURNING id").first<{ id: number }>();
  const finance = await ok(api('POST', '/collaborations', { applicationId: r.finance.id, level: 2, participants: ['1460', '1492'], host: '1492' }));
  await ok(api('POST', '/collaborations', { applicationId: mail.id, level: 5, participants: ['1460', '1492', '1461', '1438'], host: '1460', ownerId: owner!.id }));
  return { ...r, mail, collaboration: finance };
}

describe('GET /api/v1/priorities', () => {
  it('ranks the register with every criterion, the level and the link to start a collaboration', async () => {
    const w = await world();
    const response = await api('GET', '/priorities');
    expect(response.status).toBe(200);
    const { candidates, weights, municipalityCount, today } = response.body;
    expect(weights).toEqual(defaultWeights);
    expect(municipalityCount).toBe(4);
    expect(today).toBe(day());
    // E-post is left out: all four share it at level 5.
    expect(candidates.map((c: any) => c.application.name)).toEqual(['Ekonomisystem', 'Brandvägg']);
    const [finance, firewall] = candidates;
    expect(finance).toMatchObject({
      rank: 1, members: 3, level: 2,
      collaborations: [{ id: w.collaboration.id, level: 2, participants: 2 }],
      startCollaboration: `/samverkan/ny?applikation=${w.finance.id}`,
      criteria: {
        contracts: { ending: 2, of: 3 },
        functioning: { value: 0.625, average: 2.5, scored: 2 },
        competence: { value: 0.5, average: 3, scored: 2 },
        sameProduct: { value: 0.5, largestGroup: 2, of: 4, product: { id: w.raindance.id, vendor: 'CGI', name: 'Raindance' } },
      },
    });
    expect(finance.score).toBeCloseTo((2 / 3 + 0.625 + 0.5 + 0.5) / 4, 10);
    expect(firewall).toMatchObject({ rank: 2, members: 1, level: 1, collaborations: [] });
    expect(firewall.score).toBeCloseTo((0 + 0.25 + 1 + 0) / 4, 10);
  });

  it('takes the weights from the query', async () => {
    await world();
    const response = await api('GET', '/priorities?contracts=0&functioning=0&competence=3&sameProduct=0');
    expect(response.status).toBe(200);
    expect(response.body.weights).toEqual({ contracts: 0, functioning: 0, competence: 3, sameProduct: 0 });
    expect(response.body.candidates.map((c: any) => [c.application.name, c.score])).toEqual([['Brandvägg', 1], ['Ekonomisystem', 0.5]]);
    expect(response.body.candidates[1].criteria.contracts.contribution).toBe(0);
  });

  it('refuses bad weights with 400 and a Swedish message per field', async () => {
    const response = await api('GET', '/priorities?contracts=11&functioning=abc&competence=-1&sameProduct=2.5');
    expect(response.status).toBe(400);
    expect(response.body.issues).toEqual([
      { path: 'contracts', message: 'Vikten för avtal som löper ut ska vara ett heltal från 0 till 10.' },
      { path: 'functioning', message: 'Vikten för fungerar dåligt ska vara ett heltal från 0 till 10.' },
      { path: 'competence', message: 'Vikten för svårt att upprätthålla kompetens ska vara ett heltal från 0 till 10.' },
      { path: 'sameProduct', message: 'Vikten för flera kommuner har samma produkt ska vara ett heltal från 0 till 10.' },
    ]);
  });

  it('is for signed-in users only, and every role may read it', async () => {
    expect((await api('GET', '/priorities', undefined, { as: '' })).status).toBe(401);
    expect((await api('GET', '/priorities', undefined, { as: await signIn('viewer') })).status).toBe(200);
  });

  it('answers an empty list for an empty register', async () => {
    const response = await api('GET', '/priorities');
    expect(response.body).toMatchObject({ candidates: [], municipalityCount: 0 });
  });
});

describe('/prioritering.csv', () => {
  it('opens in Swedish Excel: BOM, semicolons, CRLF, decimal comma, the page’s weights', async () => {
    await world();
    const response = await page('/prioritering.csv?kompetens=3&avtal=0&funktion=0&produkt=0');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="prioriteringslista-\d{4}-\d{2}-\d{2}\.csv"$/);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true, fatal: true }).decode(bytes);
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('\uFEFFplats;applikation;typ;poäng;avtal som löper ut;bidrag: avtal som löper ut;fungerar dåligt;bidrag: fungerar dåligt;'
      + 'svårt att upprätthålla kompetens;bidrag: svårt att upprätthålla kompetens;flera kommuner har samma produkt;bidrag: flera kommuner har samma produkt;'
      + 'kommuner som använder;kommuner i samverkan;samverkansnivå nu');
    expect(lines[1]).toBe('1;Brandvägg;Teknisk;1,000;0,000;0,000;0,250;0,000;1,000;1,000;0,000;0,000;1;4;1');
    expect(lines[2]).toBe('2;Ekonomisystem;Gemensam;0,500;0,667;0,000;0,625;0,000;0,500;0,500;0,500;0,000;3;4;2');
    expect(lines[3]).toBe('');
    expect(lines).toHaveLength(4);
  });

  it('refuses bad weights with 400', async () => {
    const response = await page('/prioritering.csv?avtal=elva');
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('Vikten för avtal som löper ut ska vara ett heltal från 0 till 10.');
  });
});

describe('/prioritering', () => {
  it('renders the list with figures, bars, levels, the weights form, the explanation and links', async () => {
    const w = await world();
    const response = await page('/prioritering?kompetens=5');
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toMatch(/<h1>Prioritering/);
    expect(html).not.toMatch(/style=|<script>/);
    expect(html).toContain('aria-current="page"');
    expect(html).toMatch(/id="f-kompetens"[^>]*value="5"|value="5"[^>]*id="f-kompetens"/);
    expect(html).toContain(`href="/samverkan/ny?applikation=${w.finance.id}"`);
    expect(html).toContain(`href="/samverkan/${w.collaboration.id}"`);
    expect(html).toContain('href="/prioritering.csv?kompetens=5"');
    expect(html).toContain('2 av 3 avtal');
    expect(html).toContain('2 av 4 på CGI Raindance');
    expect(html).toContain('class="prio-segment prio-contracts"');
    expect(html).toContain('Så räknas prioriteringen');
    expect(html).not.toContain('>E-post<');
    // With competence weighing 5, Brandvägg (5·1 + 0,25)/8 outranks Ekonomisystem (2/3 + 0,625 + 5·0,5 + 0,5)/8.
    expect(html.indexOf('>Brandvägg<')).toBeLessThan(html.indexOf('>Ekonomisystem<'));
  });

  it('offers starting a collaboration only to those who may', async () => {
    const w = await world();
    const html = await (await page('/prioritering', { as: await signIn('viewer') })).text();
    expect(html).toContain('>Ekonomisystem<');
    expect(html).not.toContain(`/samverkan/ny?applikation=${w.finance.id}`);
  });

  it('shows bad weights at their fields with 400', async () => {
    const response = await page('/prioritering?avtal=11&produkt=x');
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('Vikten för avtal som löper ut ska vara ett heltal från 0 till 10.');
    expect(html).toContain('href="#f-produkt"');
    expect(html).toMatch(/id="f-avtal"[^>]*aria-invalid="true"/);
    expect(html).toContain('value="x"');
  });

  it('has an empty state', async () => {
    const html = await (await page('/prioritering')).text();
    expect(html).toContain('class="empty-state"');
    expect(html).toContain('Det finns inga kandidater');
  });
});
