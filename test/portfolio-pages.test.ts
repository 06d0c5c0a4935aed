import { describe, expect, it } from 'vitest';
import { api, page, seedRegister, signIn, snapshot } from './helpers.ts';

const form = (fields: Record<string, string>) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
});

describe('pages', () => {
  it('render every main page in Swedish with the strict CSP', async () => {
    const r = await seedRegister();
    const inst = (await api('POST', '/installations', { municipality: '1460', applicationId: r.finance.id, productId: r.raindance.id, contractEnd: '2027-01-31', noticeMonths: 3 })).body;
    for (const [path, heading] of [
      ['/', 'Översikt'], ['/matris', 'Jämförelse'], ['/kommuner', 'Kommuner'], ['/kommuner/1460', 'Bengtsfors'],
      ['/applikationer', 'Applikationer'], [`/applikationer/${r.finance.id}`, 'Ekonomisystem'], ['/produkter', 'Produkter'],
      ['/indelningar', 'Indelningar'], ['/system/ny', 'Registrera system'], [`/system/${inst.id}`, 'Ekonomisystem i Bengtsfors'],
      [`/system/${inst.id}/andra`, 'Ändra Ekonomisystem'], ['/kommuner/ny', 'Lägg till kommun'], ['/applikationer/ny', 'Lägg till applikation'],
      ['/produkter/ny', 'Lägg till produkt'], [`/produkter/${r.unit4.id}/andra`, 'Ändra Unit4 ERP'], [`/indelningar/delomraden/${r.network.id}`, 'Ändra Nät'],
    ] as const) {
      const response = await page(path);
      expect(response.status, path).toBe(200);
      const html = await response.text();
      expect(html, path).toContain('<html lang="sv">');
      expect(html, path).toMatch(new RegExp(`<h1>${heading}`));
      expect(html, path).not.toMatch(/style=|<script>/);
      expect(response.headers.get('content-security-policy'), path).toContain("script-src 'self'");
    }
  });

  it('answer 404 with a page for what does not exist', async () => {
    for (const path of ['/kommuner/9999', '/applikationer/999', '/system/abc', '/nope']) {
      const response = await page(path);
      expect(response.status, path).toBe(404);
      expect(await response.text()).toContain('Sidan finns inte');
    }
  });

  it('filter the matrix from the URL', async () => {
    await seedRegister();
    const html = await (await page('/matris?typ=technical')).text();
    expect(html).toContain('Brandvägg');
    expect(html).not.toContain('>Ekonomisystem<');
    expect((await page('/matris?typ=nonsense')).status).toBe(400);
  });
});

describe('forms', () => {
  it('register an installation, kronor becoming öre, and redirect to it', async () => {
    const r = await seedRegister();
    const response = await page('/system/ny', form({
      municipality: '1492', applicationId: String(r.finance.id), productId: String(r.raindance.id), lifecycle: 'active',
      users: '45', licenceCostOre: '125 000,50', operationsCostOre: '', contractEnd: '', singleSignOn: 'on', notes: 'Gemensam upphandling 2025',
    }));
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toMatch(/^\/system\/\d+\?sparat$/);
    const [created] = (await api('GET', '/installations?municipality=1492')).body;
    expect(created).toMatchObject({ users: 45, licenceCostOre: 12_500_050, operationsCostOre: 0, contractEnd: null, singleSignOn: true, twoFactor: false });
  });

  it('show errors at the field and write nothing', async () => {
    const r = await seedRegister();
    const before = await snapshot();
    const response = await page('/system/ny', form({
      municipality: '1492', applicationId: String(r.finance.id), productId: '', lifecycle: 'active', users: '-3', licenceCostOre: 'tio kronor',
    }));
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('Ange beloppet i kronor');
    expect(html).toContain('Antal användare får inte vara mindre än 0.');
    expect(html).toContain('Välj produkt.');
    expect(html).toMatch(/id="f-users"[^>]*aria-invalid="true"/);
    expect(html).toContain('value="tio kronor"');
    expect(await snapshot()).toEqual(before);
  });

  it('refuse a stale edit with 409 and keep the other writer’s change', async () => {
    const r = await seedRegister();
    const inst = (await api('POST', '/installations', { municipality: '1460', applicationId: r.finance.id, productId: r.raindance.id })).body;
    await api('PATCH', `/installations/${inst.id}`, { version: 1, users: 7 });
    const response = await page(`/system/${inst.id}/andra`, form({ version: '1', productId: String(r.raindance.id), lifecycle: 'active', users: '9' }));
    expect(response.status).toBe(409);
    expect(await response.text()).toContain('Någon annan har ändrat');
    expect((await api('GET', `/installations/${inst.id}`)).body.users).toBe(7);
  });

  it('edit a municipality with populations typed line by line', async () => {
    await seedRegister();
    const response = await page('/kommuner/1460/andra', form({ version: '1', name: 'Bengtsfors', populations: '2023 9 301\n2024 9260' }));
    expect(response.status).toBe(303);
    expect((await api('GET', '/municipalities/1460')).body.populations).toEqual([{ year: 2023, population: 9301 }, { year: 2024, population: 9260 }]);
    const bad = await page('/kommuner/1460/andra', form({ version: '2', name: 'Bengtsfors', populations: 'tjugo' }));
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('Rad 1');
  });

  it('delete through a confirmation and refuse deleting what is in use', async () => {
    const r = await seedRegister();
    await api('POST', '/installations', { municipality: '1460', applicationId: r.finance.id, productId: r.raindance.id });
    const blocked = await page(`/produkter/${r.raindance.id}/ta-bort`, form({ version: '1' }));
    expect(blocked.status).toBe(409);
    const gone = await page(`/produkter/${r.unit4.id}/ta-bort`, form({ version: '1' }));
    expect(gone.status).toBe(303);
    expect((await api('GET', `/products/${r.unit4.id}`)).status).toBe(404);
  });

  it('add a business area from the shared page', async () => {
    await seedRegister();
    const ok = await page('/indelningar/verksamhetsomraden', form({ 'verksamhetsomraden-name': 'Socialtjänst' }));
    expect(ok.status).toBe(303);
    const duplicate = await page('/indelningar/verksamhetsomraden', form({ 'verksamhetsomraden-name': 'Socialtjänst' }));
    expect(duplicate.status).toBe(400);
    expect(await duplicate.text()).toContain('Det finns redan ett verksamhetsområde');
  });
});

describe('pages follow the role', () => {
  it('show a finance officer a costs-only edit form and a viewer no change buttons', async () => {
    const r = await seedRegister();
    const inst = (await api('POST', '/installations', { municipality: '1460', applicationId: r.finance.id, productId: r.raindance.id })).body;
    const finance = await signIn('finance');
    const html = await (await page(`/system/${inst.id}/andra`, { as: finance })).text();
    expect(html).toContain('name="licenceCostOre"');
    expect(html).not.toContain('name="users"');
    const viewer = await signIn('viewer');
    const portfolio = await (await page('/kommuner/1460', { as: viewer })).text();
    expect(portfolio).not.toContain('Lägg till system');
    expect(portfolio).not.toContain('Ändra kommunen');
    const editor = await signIn('editor', ['1460']);
    const form = await (await page('/system/ny', { as: editor })).text();
    expect(form).toContain('<option value="1460"');
    expect(form).not.toContain('<option value="1492"');
  });
});
