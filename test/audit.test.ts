import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { summarize, swedishTime } from '../web/audit/changes.tsx';
import { csvCell, toCsv } from '../worker/audit/csv.ts';
import { auditLog, entityHistory } from '../worker/audit/queries.ts';
import { auditQuery, startOfDay } from '../worker/audit/schemas.ts';
import { drizzle } from 'drizzle-orm/d1';
import * as schema from '../schema/index.ts';
import { actAs, api, auditEvents, page, seedRegister, signIn, snapshot } from './helpers.ts';

/** An event written straight into D1 (INSERT is allowed; only UPDATE and DELETE are refused). */
async function logEvent(at: string, fields: { actor?: string; action?: string; entity?: string; entityId?: string; before?: unknown; after?: unknown } = {}) {
  await env.DB.prepare('INSERT INTO audit_event (at, actor, action, entity, entity_id, before, after, request_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
    .bind(at, fields.actor ?? 'someone@test.example', fields.action ?? 'update', fields.entity ?? 'product', fields.entityId ?? '1',
      fields.before === undefined ? null : JSON.stringify(fields.before), fields.after === undefined ? null : JSON.stringify(fields.after), 'req-test')
    .run();
}

const ids = (events: { id: number }[]) => events.map((e) => e.id);
const newestFirst = (list: number[]) => list.every((id, i) => i === 0 || id < list[i - 1]!);

describe('CSV writer', () => {
  it('quotes only where needed and doubles quotes', () => {
    expect(csvCell('Bengtsfors')).toBe('Bengtsfors');
    expect(csvCell('a;b')).toBe('"a;b"');
    expect(csvCell('säger "hej"')).toBe('"säger ""hej"""');
    expect(csvCell('rad 1\nrad 2')).toBe('"rad 1\nrad 2"');
    expect(csvCell('rad 1\r\nrad 2')).toBe('"rad 1\r\nrad 2"');
    expect(csvCell(' kant ')).toBe('" kant "');
    expect(csvCell('a,b')).toBe('a,b');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(42)).toBe('42');
    expect(csvCell(true)).toBe('ja');
  });

  it('keeps åäö as UTF-8 text behind a byte order mark, lines ended by CRLF', () => {
    const csv = toCsv(['vem', 'vad'], [['Åsa Öberg', 'Färgelanda; Åmål'], ['Ärlig', '{"name":"Dals-Ed"}']]);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toBe('\uFEFFvem;vad\r\nÅsa Öberg;"Färgelanda; Åmål"\r\nÄrlig;"{""name"":""Dals-Ed""}"\r\n');
    const bytes = new TextEncoder().encode(csv);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('turns what a spreadsheet would run as a formula into text', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvCell('+46701234567')).toBe("'+46701234567");
    expect(csvCell('-1')).toBe("'-1");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell(-1)).toBe('-1');
  });
});

describe('periods and summaries', () => {
  it('count Swedish calendar days on the page and UTC days in the API', () => {
    expect(startOfDay('2026-01-15', 'UTC')).toBe('2026-01-15T00:00:00.000Z');
    expect(startOfDay('2026-01-15', 'Europe/Stockholm')).toBe('2026-01-14T23:00:00.000Z');
    expect(startOfDay('2026-07-15', 'Europe/Stockholm')).toBe('2026-07-14T22:00:00.000Z');
    // The days the clocks change.
    expect(startOfDay('2026-03-29', 'Europe/Stockholm')).toBe('2026-03-28T23:00:00.000Z');
    expect(startOfDay('2026-10-25', 'Europe/Stockholm')).toBe('2026-10-24T22:00:00.000Z');
    expect(auditQuery({ from: '2026-03-01', to: '2026-03-31' }, 'UTC')).toMatchObject({ since: '2026-03-01T00:00:00.000Z', until: '2026-04-01T00:00:00.000Z', limit: 200 });
    expect(auditQuery({ from: '2026-03-01', to: '2026-03-31' }, 'Europe/Stockholm', 100))
      .toMatchObject({ since: '2026-02-28T23:00:00.000Z', until: '2026-03-31T22:00:00.000Z', limit: 100 });
    expect(swedishTime('2026-03-01T23:30:00.000Z')).toBe('2026-03-02 00:30:00');
    expect(swedishTime('2026-07-01T10:00:05.123Z')).toBe('2026-07-01 12:00:05');
  });

  it('describe an update field by field, öre as kronor, ids by name', () => {
    const { lines } = summarize({
      action: 'update', entity: 'installation',
      before: { id: 3, version: 1, updatedAt: 'x', users: 10, licenceCostOre: 1_250_050, productId: 7, singleSignOn: false, notes: '' },
      after: { id: 3, version: 2, updatedAt: 'y', users: 1200, licenceCostOre: 1_250_050, productId: 8, singleSignOn: true, notes: 'Ny' },
    }, { 'product:7': 'CGI Raindance', 'product:8': 'Unit4 ERP' });
    const text = lines.map((l) => ('value' in l ? `${l.label}: ${l.value}` : `${l.label}: ${l.before} → ${l.after}`));
    expect(text).toEqual([
      'Antal användare: 10 → 1\u00a0200',
      'Produkt: CGI Raindance → Unit4 ERP',
      'Single sign-on (inloggning med kommunens konto): Nej → Ja',
      'Anteckningar: – → Ny',
    ]);
    const cost = summarize({ action: 'update', entity: 'installation', before: { operationsCostOre: 0 }, after: { operationsCostOre: 4_000_000 } }).lines[0]!;
    expect(cost).toEqual({ label: 'Driftkostnad per år', before: '0\u00a0kr', after: '40\u00a0000\u00a0kr' });
  });
});

describe('GET /api/v1/audit', () => {
  it('lists every write newest first with parsed before/after', async () => {
    await seedRegister();
    const response = await api('GET', '/audit');
    expect(response.status).toBe(200);
    const events = response.body as { id: number; action: string; entity: string; entityId: string; before: unknown; after: any; actor: string; requestId: string; at: string }[];
    expect(events).toHaveLength(8);
    expect(newestFirst(ids(events))).toBe(true);
    expect(events[0]).toMatchObject({ action: 'create', entity: 'product', before: null, after: { vendor: 'Unit4', name: 'ERP' } });
    expect(events.at(-1)).toMatchObject({ entity: 'municipality', entityId: '1460', after: { code: '1460', name: 'Bengtsfors' } });
    expect(Object.keys(events[0]!).sort()).toEqual(['action', 'actor', 'after', 'at', 'before', 'entity', 'entityId', 'id', 'requestId']);
    expect(events[0]!.actor).toMatch(/@test\.example$/);
    expect(events[0]!.requestId).not.toBe('');
    expect(response.headers.get('link')).toBeNull();
  });

  it('filters by entity, entity id, actor and period', async () => {
    const r = await seedRegister();
    const viewerKey = 'anna.andersson@bengtsfors.se';
    await logEvent('2026-03-01T23:30:00.000Z', { actor: viewerKey, entity: 'application', entityId: String(r.finance.id), before: { name: 'A' }, after: { name: 'B' } });
    await logEvent('2026-03-02T08:00:00.000Z', { actor: 'API-nyckel: Lönesystemet', entity: 'product', entityId: String(r.raindance.id) });

    const apps = (await api('GET', '/audit?entity=application')).body;
    expect(apps.map((e: { entity: string }) => e.entity)).toEqual(['application', 'application', 'application']);
    const one = (await api('GET', `/audit?entity=application&entityId=${r.finance.id}`)).body;
    expect(one).toHaveLength(2);
    expect(one[0]).toMatchObject({ actor: viewerKey, before: { name: 'A' }, after: { name: 'B' } });
    expect((await api('GET', '/audit?actor=ANNA.andersson')).body).toHaveLength(1);
    expect((await api('GET', `/audit?actor=${encodeURIComponent('API-nyckel')}`)).body).toHaveLength(1);

    // Whole UTC days, both ends included.
    const march1 = (await api('GET', '/audit?from=2026-03-01&to=2026-03-01')).body;
    expect(march1.map((e: { at: string }) => e.at)).toEqual(['2026-03-01T23:30:00.000Z']);
    expect((await api('GET', '/audit?from=2026-03-01&to=2026-03-02')).body).toHaveLength(2);
    expect((await api('GET', '/audit?to=2026-02-28')).body).toHaveLength(0);
    // Empty parameters (a form's empty fields) are no filter.
    expect((await api('GET', '/audit?entity=&actor=&from=&to=')).body).toHaveLength(10);
  });

  it('pages with limit and the before cursor, announced in the Link header', async () => {
    for (let i = 0; i < 7; i++) await logEvent(`2026-01-0${i + 1}T12:00:00.000Z`, { entityId: String(i) });
    const seen: number[] = [];
    let path: string | undefined = '/audit?entity=product&limit=3';
    const sizes: number[] = [];
    while (path) {
      const response = await api('GET', path);
      expect(response.status).toBe(200);
      sizes.push(response.body.length);
      seen.push(...ids(response.body));
      const link = response.headers.get('link');
      if (!link) break;
      const match = /^<([^>]+)>; rel="next"$/.exec(link);
      expect(match).not.toBeNull();
      const next = new URL(match![1]!);
      expect(next.pathname).toBe('/api/v1/audit');
      expect(next.searchParams.get('entity')).toBe('product');
      expect(next.searchParams.get('before')).toBe(String(response.body.at(-1).id));
      path = next.pathname.replace('/api/v1', '') + next.search;
    }
    expect(sizes).toEqual([3, 3, 1]);
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
    expect(newestFirst(seen)).toBe(true);
    expect((await api('GET', '/audit')).body).toHaveLength(7);
  });

  it('answers a bad filter with 400 and a Swedish message per parameter', async () => {
    for (const [query, path] of [
      ['entity=kommun', 'entity'], ['from=2026-13-01', 'from'], ['to=2026-02-30', 'to'], ['from=igår', 'from'],
      ['from=2026-03-02&to=2026-03-01', 'to'], ['limit=0', 'limit'], ['limit=1001', 'limit'], ['limit=tio', 'limit'], ['before=-3', 'before'],
    ] as const) {
      const response = await api('GET', `/audit?${query}`);
      expect(response.status, query).toBe(400);
      expect(response.body.error, query).toBeTruthy();
      expect(response.body.issues, query).toEqual([{ path, message: expect.stringMatching(/[a-zåäö]/i) }]);
    }
    expect((await api('GET', '/audit?from=2026-03-02&to=2026-03-01')).body.issues[0].message).toBe('Till-datumet får inte vara före från-datumet.');
  });

  it('never shows a secret, whoever put it in an event', async () => {
    await logEvent('2026-01-01T00:00:00.000Z', { entity: 'user', entityId: '5', before: { passwordHash: 'scrypt$abc', name: 'A' }, after: { passwordHash: 'scrypt$def', totpKey: null, name: 'B', password: 'ändrat' } });
    await logEvent('2026-01-02T00:00:00.000Z', { entity: 'api_token', entityId: '1', action: 'delete', before: { name: 'Lön', tokenHash: 'abc' } });
    const [token, event] = (await api('GET', '/audit')).body;
    expect(event.before).toEqual({ passwordHash: '(dold)', name: 'A' });
    expect(event.after).toEqual({ passwordHash: '(dold)', totpKey: null, name: 'B', password: 'ändrat' });
    expect(token.before).toEqual({ name: 'Lön', tokenHash: '(dold)' });
    const csv = await (await page('/logg.csv')).text();
    expect(csv).not.toMatch(/scrypt|abc/);
  });
});

describe('the trail cannot be changed', () => {
  it('lets a viewer read the log, page and file', async () => {
    await seedRegister();
    actAs(await signIn('viewer'));
    expect((await api('GET', '/audit')).status).toBe(200);
    expect((await page('/logg')).status).toBe(200);
    expect((await page('/logg.csv')).status).toBe(200);
    actAs(undefined);
    expect((await api('GET', '/audit')).status).toBe(401);
    expect((await page('/logg')).status).toBe(303);
  });

  it('has no route that changes or removes an event', async () => {
    await seedRegister();
    const [first] = await auditEvents();
    const before = await snapshot();
    for (const as of [undefined, await signIn('viewer')]) {
      if (as) actAs(as);
      for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
        for (const path of ['/audit', `/audit/${first!.id}`]) {
          const response = await api(method, path, method === 'DELETE' ? undefined : { actor: 'ingen' });
          expect([404, 405], `${method} ${path}`).toContain(response.status);
        }
      }
    }
    expect(await snapshot()).toEqual(before);
    expect((await auditEvents())[0]).toEqual(first);
  });

  it('is refused by the database itself: UPDATE and DELETE on audit_event fail', async () => {
    await seedRegister();
    const before = await auditEvents();
    await expect(env.DB.prepare("UPDATE audit_event SET actor = 'ingen'").run()).rejects.toThrow(/append-only/);
    await expect(env.DB.prepare('DELETE FROM audit_event WHERE id = ?').bind(before[0]!.id).run()).rejects.toThrow(/append-only/);
    await expect(env.DB.prepare('DELETE FROM audit_event').run()).rejects.toThrow(/append-only/);
    expect(await auditEvents()).toEqual(before);
  });
});

describe('audit atomicity', () => {
  it('a write refused for bad input leaves no event', async () => {
    const r = await seedRegister();
    const before = await snapshot();
    expect((await api('POST', '/applications', { name: '', kind: 'common' })).status).toBe(400);
    expect((await api('PATCH', `/applications/${r.finance.id}`, { version: 1, kind: 'nytt' })).status).toBe(400);
    expect((await api('POST', '/installations', { municipality: '1460', applicationId: r.finance.id, productId: r.raindance.id, users: -1 })).status).toBe(400);
    expect(await snapshot()).toEqual(before);
  });

  it('a write refused with 409 leaves no event', async () => {
    const r = await seedRegister();
    expect((await api('PATCH', `/applications/${r.finance.id}`, { version: 1, description: 'Först' })).status).toBe(200);
    await api('POST', '/installations', { municipality: '1460', applicationId: r.finance.id, productId: r.raindance.id });
    const before = await snapshot();
    expect((await api('PATCH', `/applications/${r.finance.id}`, { version: 1, description: 'Sent' })).status).toBe(409);
    expect((await api('DELETE', `/products/${r.raindance.id}`)).status).toBe(409);
    expect((await api('DELETE', '/municipalities/1460')).status).toBe(409);
    expect(await snapshot()).toEqual(before);
  });

  it('a successful PATCH leaves exactly one event, with before and after', async () => {
    const r = await seedRegister();
    const count = (await auditEvents()).length;
    const response = await api('PATCH', `/products/${r.unit4.id}`, { version: 1, name: 'ERP 7' });
    expect(response.status).toBe(200);
    const events = await auditEvents();
    expect(events).toHaveLength(count + 1);
    const [event] = (await api('GET', `/audit?entity=product&entityId=${r.unit4.id}&limit=1`)).body;
    expect(event).toMatchObject({
      action: 'update', entity: 'product', entityId: String(r.unit4.id),
      before: { name: 'ERP', vendor: 'Unit4', version: 1 }, after: { name: 'ERP 7', vendor: 'Unit4', version: 2 },
    });
    expect(event.id).toBe(Number(events.at(-1)!.id));
  });
});

describe('the log page /logg', () => {
  it('shows who did what in Swedish, newest first, with links to what still exists', async () => {
    const r = await seedRegister();
    const inst = (await api('POST', '/installations', { municipality: '1460', applicationId: r.finance.id, productId: r.raindance.id })).body;
    await api('PATCH', `/installations/${inst.id}`, { version: 1, licenceCostOre: 1_250_050, productId: r.unit4.id, twoFactor: true });
    await api('DELETE', `/subareas/${(await api('POST', '/subareas', { name: 'Telefoni' })).body.id}`);
    const response = await page('/logg');
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toMatch(/<h1>Ändringslogg/);
    expect(html).toContain('aria-current="page"');
    expect(html).not.toMatch(/style=|<script>/);
    for (const word of ['skapade', 'ändrade', 'tog bort']) expect(html).toContain(`<td>${word}</td>`);
    expect(html).toContain(`<a href="/system/${inst.id}">Ekonomisystem i Bengtsfors</a>`);
    expect(html).toContain('<a href="/kommuner/1460">Bengtsfors</a>');
    expect(html).toContain(`<a href="/produkter/${r.unit4.id}/andra">Unit4 ERP</a>`);
    expect(html).toMatch(/Delområde <span>Telefoni<\/span><span class="meta"> \(finns inte längre\)<\/span>/);
    expect(html).toContain('Licenskostnad per år: 0\u00a0kr <span aria-hidden="true">→</span><span class="visually-hidden"> blev</span> 12\u00a0500,50\u00a0kr');
    expect(html).toContain('Produkt: CGI Raindance <span aria-hidden="true">→</span>');
    expect(html).toContain('Tvåfaktorsinloggning: Nej');
    expect(html).toContain('href="/logg.csv"');
    // Newest first: the deletion comes before the creation of the first municipality.
    expect(html.indexOf('tog bort')).toBeLessThan(html.indexOf('<a href="/kommuner/1460">'));
  });

  it('filters with Swedish parameters and Swedish calendar days, and says when nothing matches', async () => {
    // 00:30 and 23:30 Swedish time: UTC puts both on 1 March, Sweden the first on 2 March.
    await logEvent('2026-03-01T23:30:00.000Z', { actor: 'sen@test.example' });
    await logEvent('2026-03-01T22:30:00.000Z', { actor: 'tidig@test.example' });
    const march2 = await (await page('/logg?fran=2026-03-02&till=2026-03-02')).text();
    expect(march2).toContain('sen@test.example');
    expect(march2).toContain('<time datetime="2026-03-01T23:30:00.000Z">2026-03-02 00:30:00</time>');
    expect(march2).not.toContain('tidig@test.example');
    expect(await (await page('/logg?till=2026-03-01')).text()).toContain('tidig@test.example');
    expect(await (await page('/logg?till=2026-03-01')).text()).not.toContain('sen@test.example');
    expect(march2).toContain('href="/logg.csv?fran=2026-03-02&amp;till=2026-03-02"');
    expect(march2).toContain('value="2026-03-02"');
    const nobody = await page('/logg?vem=ingen-alls&vad=application');
    expect(nobody.status).toBe(200);
    const html = await nobody.text();
    expect(html).toContain('Inga händelser matchar filtret.');
    expect(html).toMatch(/<option value="application" selected="">Applikation<\/option>/);
  });

  it('pages with "Visa äldre" and works without JavaScript', async () => {
    for (let i = 0; i < 105; i++) await logEvent(`2026-01-01T10:00:${String(i % 60).padStart(2, '0')}.000Z`, { entityId: String(i) });
    const first = await (await page('/logg')).text();
    const older = /<a class="button secondary" href="(\/logg\?fore=\d+)">Visa äldre<\/a>/.exec(first);
    expect(older).not.toBeNull();
    expect(first.match(/<tr>/g)).toHaveLength(101);
    const second = await (await page(older![1]!)).text();
    expect(second.match(/<tr>/g)).toHaveLength(6);
    expect(second).not.toContain('Visa äldre');
    expect(second).toContain('<a href="/logg">Till de senaste</a>');
  });

  it('shows a bad filter at its field with 400', async () => {
    const response = await page('/logg?fran=2026-02-30&vad=kommun');
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('Från-datumet är inget giltigt datum.');
    expect(html).toMatch(/id="f-fran"[^>]*aria-invalid="true"/);
    expect(html).toContain('href="#f-vad"');
    expect(html).toContain('value="2026-02-30"');
  });

  it('says so when the log is empty', async () => {
    const html = await (await page('/logg')).text();
    expect(html).toContain('Inga händelser är loggade än.');
  });
});

describe('the CSV file /logg.csv', () => {
  it('opens in Swedish Excel: BOM, semicolons, CRLF, quoted JSON, the page’s filters', async () => {
    const r = await seedRegister();
    await api('PATCH', `/applications/${r.finance.id}`, { version: 1, description: 'Budget; redovisning och "bokslut"\nsamt åäö' });
    const response = await page('/logg.csv?vad=application');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="andringslogg-\d{4}-\d{2}-\d{2}\.csv"$/);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true, fatal: true }).decode(bytes);
    expect(text.startsWith('\uFEFFtid;vem;händelse;vad;id;före;efter;begäran\r\n')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    const lines = text.slice(1).split('\r\n').filter(Boolean);
    expect(lines).toHaveLength(4); // header, the update, two creates
    const update = lines[1]!;
    expect(update).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2};admin\d+@test\.example;ändrade;Applikation;\d+;"\{/);
    expect(update).toContain('\\"bokslut\\"'.replaceAll('"', '""'));
    expect(update).toContain('åäö');
    expect(lines[2]).toMatch(/;skapade;Applikation;\d+;;"\{""name"":""Brandvägg""/);
  });

  it('refuses a bad filter with 400', async () => {
    const response = await page('/logg.csv?till=igår');
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('Till-datumet ska vara ett datum');
  });
});

describe('history on the entity pages', () => {
  it('shows an application’s latest changes and links to its whole log', async () => {
    const r = await seedRegister();
    await api('PATCH', `/applications/${r.finance.id}`, { version: 1, name: 'Ekonomi och budget' });
    const html = await (await page(`/applikationer/${r.finance.id}`)).text();
    expect(html).toContain('<h2 id="historik">Historik</h2>');
    expect(html).toMatch(/admin\d+@test\.example ändrade/);
    expect(html).toContain('Namn: Ekonomisystem <span aria-hidden="true">→</span><span class="visually-hidden"> blev</span> Ekonomi och budget');
    expect(html).toMatch(/admin\d+@test\.example skapade/);
    expect(html).toContain(`href="/logg?vad=application&amp;id=${r.finance.id}"`);
    expect(html.indexOf('ändrade')).toBeLessThan(html.indexOf('skapade'));
  });

  it('appears on the municipality, installation and product pages too', async () => {
    const r = await seedRegister();
    const inst = (await api('POST', '/installations', { municipality: '1460', applicationId: r.finance.id, productId: r.raindance.id })).body;
    await api('PATCH', `/installations/${inst.id}`, { version: 1, users: 140 });
    for (const [path, log] of [
      ['/kommuner/1460', '/logg?vad=municipality&amp;id=1460'],
      [`/system/${inst.id}`, `/logg?vad=installation&amp;id=${inst.id}`],
      [`/produkter/${r.unit4.id}/andra`, `/logg?vad=product&amp;id=${r.unit4.id}`],
    ] as const) {
      const response = await page(path);
      expect(response.status, path).toBe(200);
      const html = await response.text();
      expect(html, path).toContain('<h2 id="historik">Historik</h2>');
      expect(html, path).toContain(`href="${log}"`);
    }
    expect(await (await page(`/system/${inst.id}`)).text()).toContain('Antal användare: 0 <span aria-hidden="true">→</span><span class="visually-hidden"> blev</span> 140');
  });

  it('names what the events point at in the same batch as the events, exactly as the log does', async () => {
    const r = await seedRegister();
    const db = drizzle(env.DB, { schema });
    const inst = (await api('POST', '/installations', { municipality: '1460', applicationId: r.finance.id, productId: r.raindance.id })).body;
    await api('PATCH', `/installations/${inst.id}`, { version: 1, productId: r.unit4.id });
    // Only whole positive numbers are ids; nested and odd values are not looked up.
    await logEvent('2030-01-01T00:00:00.000Z', { entity: 'installation', entityId: String(inst.id), before: [r.finance.id], after: { productId: 0, applicationId: -1, subareaId: 'x', businessAreaId: 2.5, nested: { productId: r.unit4.id } } });
    for (const limit of [1, 2, 3, 10]) {
      const history = await entityHistory(db, 'installation', inst.id, limit);
      expect(history, `limit ${limit}`).toEqual(await auditLog(db, { entity: 'installation', entityId: String(inst.id), limit }));
    }
    const history = await entityHistory(db, 'installation', inst.id);
    expect(history.names).toEqual({
      [`product:${r.raindance.id}`]: 'CGI Raindance', [`product:${r.unit4.id}`]: 'Unit4 ERP', [`application:${r.finance.id}`]: 'Ekonomisystem',
    });
    expect((await entityHistory(db, 'installation', inst.id, 1)).names).toEqual({});
  });

  it('says so when a row has no logged history', async () => {
    await env.DB.prepare("INSERT INTO product (vendor, name) VALUES ('Tieto', 'Lifecare')").run();
    const [{ id }] = (await env.DB.prepare('SELECT id FROM product').all<{ id: number }>()).results as [{ id: number }];
    const html = await (await page(`/produkter/${id}/andra`)).text();
    expect(html).toContain('Inga ändringar är loggade.');
  });
});
