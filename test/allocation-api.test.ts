import { describe, expect, it } from 'vitest';
import { api, page, seedRegister, signIn, snapshot } from './helpers.ts';

const preview = (body: unknown, init?: { as?: string }) => api('POST', '/allocations/preview', body, init);
const equal = { parts: [{ basis: 'equal', weight: 1 }] };

/** Bengtsfors 1460 (9 260 in 2024) and Åmål 1492 (12 020), plus Dals-Ed 1438 (4 712). */
async function seed() {
  const register = await seedRegister();
  expect((await api('POST', '/municipalities', { code: '1438', name: 'Dals-Ed', populations: [{ year: 2024, population: 4712 }] })).status).toBe(201);
  return register;
}

const issuesOf = (body: { issues: { path: string; message: string }[] }) => body.issues;

describe('POST /api/v1/allocations/preview', () => {
  it('shares equally to the öre, the extra öre to the lowest code, and writes nothing', async () => {
    await seed();
    const before = await snapshot();
    const response = await preview({ amountOre: 100_000, year: 2024, participants: ['1492', '1460', '1438'], key: equal });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      totalOre: 100_000,
      shares: [{ municipality: '1438', amountOre: 33_334 }, { municipality: '1460', amountOre: 33_333 }, { municipality: '1492', amountOre: 33_333 }],
    });
    expect(await snapshot()).toEqual(before);
  });

  it('mixes equal and population, shares credits negated, and is open to every role', async () => {
    await seed();
    // 200 000 öre: 40 % (80 000) equal, 40 000 each; 60 % (120 000) by population 9 260 : 12 020
    // (sum 21 280) → 52 218,04… and 67 781,95…; one öre left, to the larger remainder (Åmål).
    const body = { amountOre: 200_000, year: 2024, participants: ['1460', '1492'], key: { parts: [{ basis: 'equal', weight: 40 }, { basis: 'population', weight: 60 }] } };
    const response = await preview(body, { as: await signIn('viewer') });
    expect(response.status).toBe(200);
    expect(response.body.shares).toEqual([{ municipality: '1460', amountOre: 92_218 }, { municipality: '1492', amountOre: 107_782 }]);
    const credit = await preview({ ...body, amountOre: -200_000 });
    expect(credit.body.shares).toEqual([{ municipality: '1460', amountOre: -92_218 }, { municipality: '1492', amountOre: -107_782 }]);
  });

  it('reads users and licence costs from the current installations of the application', async () => {
    const r = await seed();
    const install = async (municipality: string, users: number, licenceCostOre: number, lifecycle = 'active') =>
      expect((await api('POST', '/installations', { municipality, applicationId: r.finance.id, productId: r.raindance.id, users, licenceCostOre, lifecycle })).status).toBe(201);
    await install('1460', 30, 1_000);
    await install('1492', 10, 3_000);
    await install('1438', 1000, 1000, 'retired'); // history: not counted
    const users = await preview({ amountOre: 1000, year: 2024, participants: ['1438', '1460', '1492'], applicationId: r.finance.id, key: { parts: [{ basis: 'users', weight: 1 }] } });
    expect(users.status).toBe(200);
    expect(users.body.shares).toEqual([{ municipality: '1438', amountOre: 0 }, { municipality: '1460', amountOre: 750 }, { municipality: '1492', amountOre: 250 }]);
    const licences = await preview({ amountOre: 1000, year: 2024, participants: ['1460', '1492'], applicationId: r.finance.id, key: { parts: [{ basis: 'licences', weight: 1 }] } });
    expect(licences.body.shares).toEqual([{ municipality: '1460', amountOre: 250 }, { municipality: '1492', amountOre: 750 }]);
    const custom = await preview({ amountOre: 10, year: 2024, participants: ['1460', '1492', '1438'], key: { parts: [{ basis: 'custom', weight: 1, weights: { '1438': 1, '1460': 2, '1492': 4 } }] } });
    expect(custom.body.shares).toEqual([{ municipality: '1438', amountOre: 1 }, { municipality: '1460', amountOre: 3 }, { municipality: '1492', amountOre: 6 }]);
  });

  it.each([
    ['no participants', { participants: [] }, 'participants', /minst en kommun/],
    ['an unknown code', { participants: ['1460', '9999'] }, 'participants.1', /ingen kommun med koden 9999/],
    ['a malformed code', { participants: ['14x'] }, 'participants.0', /fyrsiffriga kommunkod/],
    ['duplicate participants', { participants: ['1460', '1460'] }, 'participants', /flera gånger/],
    ['an amount that is not an integer', { amountOre: 100.5 }, 'amountOre', /hela öre/],
    ['an amount that is text', { amountOre: '100' }, 'amountOre', /heltal/],
    ['a weight of 0', { key: { parts: [{ basis: 'equal', weight: 0 }] } }, 'key.parts.0.weight', /större än 0/],
    ['a negative custom weight', { key: { parts: [{ basis: 'custom', weight: 1, weights: { '1460': 1, '1492': -2 } }] } }, 'key.parts.0.weights.1492', /större än 0/],
    ['a custom weight missing', { key: { parts: [{ basis: 'custom', weight: 1, weights: { '1460': 1 } }] } }, 'key.parts.0.weights', /saknas för 1492/],
    ['an unknown basis', { key: { parts: [{ basis: 'area', weight: 1 }] } }, 'key.parts.0.basis', /Okänt underlag/],
    ['no parts', { key: { parts: [] } }, 'key.parts', /minst en del/],
    ['users without an application', { key: { parts: [{ basis: 'users', weight: 1 }] } }, 'applicationId', /Välj applikation/],
    ['population missing for the year', { year: 2019, key: { parts: [{ basis: 'population', weight: 1 }] } }, 'key.parts.0.basis', /Folkmängd för 2019 saknas för Bengtsfors och Åmål/],
  ])('400 for %s, in Swedish, writing nothing', async (_, change, path, message) => {
    await seed();
    const before = await snapshot();
    const response = await preview({ amountOre: 100_000, year: 2024, participants: ['1460', '1492'], key: equal, ...change });
    expect(response.status).toBe(400);
    expect(response.body.error).toBeTruthy();
    expect(issuesOf(response.body)).toContainEqual({ path, message: expect.stringMatching(message) });
    expect(await snapshot()).toEqual(before);
  });

  it('400 when the users of every participant sum to 0, naming the part', async () => {
    const r = await seed();
    const response = await preview({ amountOre: 100, year: 2024, participants: ['1460'], applicationId: r.finance.id, key: { parts: [{ basis: 'equal', weight: 1 }, { basis: 'users', weight: 1 }] } });
    expect(response.status).toBe(400);
    expect(issuesOf(response.body)).toEqual([{ path: 'key.parts.1.basis', message: expect.stringContaining('del 2') }]);
  });

  it('400 for a body that is not JSON, 401 without signing in', async () => {
    expect((await preview('{')).status).toBe(400);
    expect((await preview({ amountOre: 1, year: 2024, participants: ['1460'], key: equal }, { as: '' })).status).toBe(401);
  });
});

describe('GET /kostnader/kalkylator', () => {
  it('shows the form, and with parameters the shares as a table and a chart', async () => {
    await seed();
    const empty = await page('/kostnader/kalkylator');
    expect(empty.status).toBe(200);
    const form = await empty.text();
    expect(form).toContain('name="belopp"');
    expect(form).toContain('value="2024"');
    expect(form).toContain('<script src="/calculator.js" defer="">');

    const response = await page('/kostnader/kalkylator?belopp=1+000%2C00&ar=2024&kommun=1492&kommun=1460&kommun=1438&del1=equal&del1-vikt=1&del2=&del2-vikt=&del3=&del3-vikt=&applikation=');
    expect(response.status).toBe(200);
    const html = (await response.text()).replace(/\u00a0/g, ' ');
    expect(html).toContain('<svg');
    expect(html).toMatch(/Dals-Ed.*333,34 kr.*Bengtsfors.*333,33 kr.*Åmål.*333,33 kr.*Summa.*100,00 %.*1 000,00 kr/s);
  });

  it('shows errors at the fields in Swedish', async () => {
    await seed();
    const response = await page('/kostnader/kalkylator?belopp=mycket&ar=2024&del1=custom&del1-vikt=1&kommun=1460&kommun=1492&del1-vikt-1460=x');
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('Ange beloppet i kronor');
    expect(html).toContain('id="f-belopp-fel"');
    expect(html).toContain('id="f-del1-vikt-1460-fel"');

    const unfair = await (await page('/kostnader/kalkylator?belopp=100&ar=2024&del1=custom&del1-vikt=1&kommun=1460&kommun=1492&del1-vikt-1460=2')).text();
    expect(unfair).toContain('id="f-del1-vikter-fel"');
    expect(unfair).toContain('saknas för 1492');
    const none = await (await page('/kostnader/kalkylator?belopp=100&ar=2024&del1=equal&del1-vikt=1')).text();
    expect(none).toContain('id="f-kommun-fel"');
  });
});
