import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { demoStatements } from '../schema/demo/sql.ts';
import { transientTables, type BackupDocument } from '../worker/backup/document.ts';
import { actAs, api, createUser, nobody, page, sessionFor, signIn } from './helpers.ts';

// Backup → restore into an empty deployment → backup again, on the demo data, against the
// real D1; and every refusal writes nothing.

const all = async <T>(sql: string) => (await env.DB.prepare(sql).all<T>()).results;

/** Every table the migrations made, as the test reset finds them. */
const allTables = async () =>
  (await all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name <> 'd1_migrations' ORDER BY name")).map((r) => r.name);

/** Row counts of every table: "nothing was written" is the same counts before and after. */
async function counts(): Promise<Record<string, number>> {
  const tables = await allTables();
  const results = await env.DB.batch(tables.map((t) => env.DB.prepare(`SELECT count(*) AS n FROM "${t}"`)));
  return Object.fromEntries(tables.map((t, i) => [t, (results[i]!.results[0] as { n: number }).n]));
}

/** The demo register, plus writes through the API so the audit trail has events. */
async function loadDemo() {
  await env.DB.batch(demoStatements().map((s) => env.DB.prepare(s)));
  expect((await api('POST', '/business-areas', { name: 'Säkerhet och "beredskap" – 1\'a linjen' })).status).toBe(201);
  expect((await api('POST', '/tokens', { name: 'Integration', role: 'viewer', municipalities: [] })).status).toBe(201);
  expect((await api('POST', '/users', { email: 'ny@kommun.se', name: 'Ny Person', role: 'editor', municipalities: ['1460'] })).status).toBe(201);
  expect((await api('POST', '/goals/snapshots')).status).toBe(201);
  const key = await api('POST', '/allocation-keys', { name: 'Lika delar 2026', year: 2026, parts: [{ basis: 'equal', weight: 1 }] });
  expect((await api('POST', '/cost-items', { year: 2026, amountOre: 1_250_050, category: 'network', description: 'Nätet', keyId: key.body.id })).status).toBe(201);
  // Values that take the other paths of the INSERT builder: a long text (bound), quotes, newlines, emoji.
  await env.DB.prepare("INSERT INTO audit_event (at, actor, action, entity, entity_id, \"after\", request_id) VALUES ('2026-01-02T03:04:05.000Z', 'test', 'update', 'product', '1', ?, 'r-1')")
    .bind(JSON.stringify({ notes: 'lång '.repeat(2000), quote: "it's \"quoted\"\nrad två 🙂" })).run();
}

/**
 * A new deployment: every table emptied (as the test reset does it) and one administrator
 * signed in — the state a restore is allowed into.
 */
async function emptyDeployment() {
  const tables = await allTables();
  const triggers = await all<{ name: string; sql: string }>("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'");
  await env.DB.batch([
    ...triggers.map((t) => env.DB.prepare(`DROP TRIGGER "${t.name}"`)),
    env.DB.prepare('PRAGMA defer_foreign_keys = true'),
    ...tables.map((t) => env.DB.prepare(`DELETE FROM "${t}"`)),
    env.DB.prepare('DELETE FROM sqlite_sequence'),
    ...triggers.map((t) => env.DB.prepare(t.sql)),
  ]);
  const cookie = await signIn('admin');
  actAs(cookie);
  return cookie;
}

async function backupText(init: { headers?: HeadersInit; as?: string } = {}) {
  const response = await page('/api/v1/admin/backup', init);
  expect(response.status).toBe(200);
  return { text: await response.text(), headers: response.headers };
}

const withoutCreatedAt = (text: string) => text.replace(/"createdAt":"[^"]*"/, '"createdAt":""');
const restore = (doc: unknown, as?: string) => api('POST', '/admin/restore', typeof doc === 'string' ? doc : JSON.stringify(doc), as === undefined ? {} : { as });
const lastMigration = async () => (await all<{ name: string }>('SELECT name FROM d1_migrations ORDER BY id DESC LIMIT 1'))[0]!.name;

describe('backup', () => {
  it('is the whole database as one versioned document, in a stable order, byte-identical but for createdAt', async () => {
    await loadDemo();
    const first = await backupText();
    const second = await backupText();
    expect(first.headers.get('content-type')).toMatch(/^application\/json/);
    expect(first.headers.get('content-disposition')).toMatch(/^attachment; filename="samverkansplattformen-.*\.json"$/);
    expect(first.headers.get('cache-control')).toBe('no-store');
    expect(withoutCreatedAt(second.text)).toBe(withoutCreatedAt(first.text));

    const doc = JSON.parse(first.text) as BackupDocument;
    expect(doc).toMatchObject({ format: 'samverkansplattformen-backup', version: 1, schema: await lastMigration() });
    expect(Date.parse(doc.createdAt)).not.toBeNaN();
    // Every table but the transient ones, found rather than listed, in name order.
    const expected = (await allTables()).filter((t) => !(transientTables as readonly string[]).includes(t));
    expect(Object.keys(doc.tables)).toEqual(expected);
    expect(Object.keys(doc.tables)).not.toContain('session');
    // Rows in primary-key order; integers stay integers (öre), JSON columns stay their text.
    const installations = doc.tables.installation!;
    const id = installations.columns.indexOf('id');
    const ids = installations.rows.map((r) => r[id] as number);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    const licence = installations.columns.indexOf('licence_cost_ore');
    expect(installations.rows.every((r) => Number.isInteger(r[licence]))).toBe(true);
    const municipalities = doc.tables.municipality!;
    expect(municipalities.rows.map((r) => r[municipalities.columns.indexOf('code')])).toEqual(['1438', '1439', '1460', '1461', '1492']);
    const tokens = doc.tables.api_token!;
    expect(typeof tokens.rows[0]![tokens.columns.indexOf('municipalities')]).toBe('string');
    // Binary values (two-factor keys) as base64.
    const users = doc.tables.user!;
    expect(users.rows.some((r) => typeof r[users.columns.indexOf('totp_key')] === 'object' && r[users.columns.indexOf('totp_key')] !== null)).toBe(true);
    expect(doc.sequences.installation).toBe(Math.max(...ids));
  });

  it('is for administrators only: 401 without login, 403 for other roles; an administrator’s API token works', async () => {
    expect((await api('GET', '/admin/backup', undefined, nobody)).status).toBe(401);
    for (const role of ['viewer', 'editor', 'finance'] as const) {
      expect((await api('GET', '/admin/backup', undefined, { as: await signIn(role) })).status).toBe(403);
    }
    const token = (await api('POST', '/tokens', { name: 'Säkerhetskopiering', role: 'admin', municipalities: [] })).body.token as string;
    const viaToken = await backupText({ headers: { authorization: `Bearer ${token}` } });
    expect(JSON.parse(viaToken.text).format).toBe('samverkansplattformen-backup');
  });
});

describe('restore', () => {
  it('backup → restore into an empty deployment → backup again gives the same document', async () => {
    await loadDemo();
    const [admin] = await all<{ id: number }>("SELECT id FROM \"user\" WHERE email LIKE '%@test.example' AND role = 'admin'");
    const original = await backupText();
    const before = JSON.parse(original.text) as BackupDocument;

    const restorer = await emptyDeployment();
    const restored = await restore(original.text);
    expect(restored.status).toBe(200);
    expect(restored.body).toMatchObject({ createdAt: before.createdAt, schema: before.schema, signedOut: true });
    expect(restored.body.message).toMatch(/inloggning har avslutats/);
    expect(restored.body.tables.installation).toBe(before.tables.installation!.rows.length);
    // The restoring administrator's account and session are gone with the accounts they were replaced by.
    expect((await api('GET', '/auth/me', undefined, { as: restorer })).status).toBe(401);

    actAs(await sessionFor(admin!.id));
    const again = JSON.parse((await backupText()).text) as BackupDocument;
    // The one difference: the restore's own audit event, after every restored one.
    const events = again.tables.audit_event!;
    const event = Object.fromEntries(events.columns.map((c, i) => [c, events.rows.at(-1)![i]]));
    expect(event).toMatchObject({ action: 'restore', entity: 'backup', entity_id: before.createdAt, actor: expect.stringMatching(/@test\.example$/) });
    expect(JSON.parse(event.after as string)).toMatchObject({ createdAt: before.createdAt, rows: { installation: before.tables.installation!.rows.length } });
    expect(JSON.parse(event.before as string).accounts).toHaveLength(1);
    expect(event.id).toBe(before.sequences.audit_event! + 1);
    events.rows.pop();
    again.sequences.audit_event = before.sequences.audit_event!;
    expect({ ...again, createdAt: '' }).toEqual({ ...before, createdAt: '' });

    // The event keeps the replaced sign-ins, so it is for administrators' eyes only.
    expect((await api('GET', '/audit?entity=backup')).body).toHaveLength(1);
    const [viewer] = await all<{ id: number }>("SELECT id FROM \"user\" WHERE role = 'viewer' LIMIT 1");
    expect((await api('GET', '/audit?entity=backup', undefined, { as: await sessionFor(viewer!.id) })).body).toEqual([]);

    // The audit trail is append-only again, and new rows continue after the restored ids.
    await expect(env.DB.prepare('DELETE FROM audit_event WHERE id = 1').run()).rejects.toThrow(/append-only/);
    await expect(env.DB.prepare('UPDATE audit_event SET actor = ? WHERE id = 1').bind('x').run()).rejects.toThrow(/append-only/);
    const area = await api('POST', '/business-areas', { name: 'Nytt område' });
    expect(area.body.id).toBe(before.sequences.business_area! + 1);
  });

  it('restores a few thousand rows within D1’s limits', async () => {
    await env.DB.prepare(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 4000)
      INSERT INTO audit_event (at, actor, action, entity, entity_id, "after", request_id)
      SELECT '2026-01-01T00:00:00.000Z', 'import', 'create', 'product', CAST(i AS TEXT), json_object('name', 'Produkt ' || i, 'note', 'ö''ä'), 'r-' || i FROM n`).run();
    await env.DB.prepare(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000)
      INSERT INTO product (vendor, name) SELECT 'Leverantör ' || (i % 50), 'Produkt ' || i FROM n`).run();
    const original = await backupText();
    await emptyDeployment();
    expect((await restore(original.text)).status).toBe(200);
    // 4000 events, and the restore's own.
    expect(await counts()).toMatchObject({ product: 3000, audit_event: 4000 + 1 });
  });

  describe('refuses, writing nothing', () => {
    async function refused(doc: unknown, status: number) {
      const before = await counts();
      const response = await restore(doc);
      expect(response.status).toBe(status);
      expect(await counts()).toEqual(before);
      return response.body as { error: string; issues?: { path: string; message: string }[] };
    }
    const messages = (body: { issues?: { message: string }[] }) => (body.issues ?? []).map((i) => i.message).join('\n');

    async function backupThenEmpty() {
      await loadDemo();
      const doc = JSON.parse((await backupText()).text) as BackupDocument;
      await emptyDeployment();
      return doc;
    }

    it('what is not JSON, not a backup or of an unknown version', async () => {
      const doc = await backupThenEmpty();
      expect((await refused('{"format": ', 400)).error).toMatch(/JSON/);
      expect(messages(await refused({ ...doc, format: 'något-annat' }, 400))).toMatch(/Okänt format/);
      const version = await refused({ ...doc, version: 2 }, 400);
      expect(version.issues).toEqual([{ path: 'version', message: expect.stringMatching(/Okänd version 2.*version 1/) }]);
    });

    it('a document of another schema, naming both', async () => {
      const doc = await backupThenEmpty();
      const body = await refused({ ...doc, schema: '0001_access.sql' }, 400);
      expect(messages(body)).toContain('0001_access.sql');
      expect(messages(body)).toContain(await lastMigration());
    });

    it('unknown tables and columns, and rows of the wrong width', async () => {
      const doc = await backupThenEmpty();
      expect(messages(await refused({ ...doc, tables: { ...doc.tables, session: { columns: ['id'], rows: [] } } }, 400))).toMatch(/Okänd tabell session/);
      const products = doc.tables.product!;
      const extraColumn = { ...products, columns: [...products.columns, 'colour'], rows: products.rows.map((r) => [...r, 'blå']) };
      expect(messages(await refused({ ...doc, tables: { ...doc.tables, product: extraColumn } }, 400))).toMatch(/Okänd kolumn colour i tabellen product/);
      const short = { ...products, rows: [products.rows[0]!.slice(1), ...products.rows.slice(1)] };
      expect(messages(await refused({ ...doc, tables: { ...doc.tables, product: short } }, 400))).toMatch(/Rad 1 i tabellen product har/);
    });

    it('broken references, listing table, row and the missing reference', async () => {
      const doc = await backupThenEmpty();
      const products = doc.tables.product!;
      const installations = doc.tables.installation!;
      const productId = installations.rows[0]![installations.columns.indexOf('product_id')];
      const withoutProduct = { ...products, rows: products.rows.filter((r) => r[products.columns.indexOf('id')] !== productId) };
      const body = await refused({ ...doc, tables: { ...doc.tables, product: withoutProduct } }, 400);
      expect(body.issues![0]).toEqual({
        path: 'tables.installation.rows.0',
        message: expect.stringMatching(new RegExp(`^Rad 1 i tabellen installation \\(id ${installations.rows[0]![0]}\\) hänvisar med product_id till product där id = ${productId}, men den raden finns inte`)),
      });
    });

    it('rows that the database itself refuses (a duplicate key): the batch rolls back, triggers included', async () => {
      const doc = await backupThenEmpty();
      const areas = doc.tables.business_area!;
      const body = await refused({ ...doc, tables: { ...doc.tables, business_area: { ...areas, rows: [...areas.rows, areas.rows[0]!] } } }, 400);
      expect(body.error).toMatch(/UNIQUE constraint failed.*Ingenting har skrivits/);
      expect(await all("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_event'")).toHaveLength(2);
      expect((await api('GET', '/auth/me')).status).toBe(200);
    });

    it('a deployment that is not empty: 409, naming what is there', async () => {
      await loadDemo();
      const text = (await backupText()).text;
      const body = await refused(text, 409);
      expect(body.error).toMatch(/innehåller redan uppgifter \(.*municipality.*\)/);
    });

    it('callers who are not administrators: 401 and 403', async () => {
      const doc = await backupThenEmpty();
      expect((await restore(doc, '')).status).toBe(401);
      const editor = await createUser('editor');
      const before = await counts();
      expect((await restore(doc, await sessionFor(editor.id))).status).toBe(403);
      const after = await counts();
      expect({ ...after, session: 0 }).toEqual({ ...before, session: 0 });
    });
  });
});

describe('the page /sakerhetskopia', () => {
  it('is linked from the users page and offers download and upload', async () => {
    expect(await (await page('/anvandare')).text()).toContain('href="/sakerhetskopia"');
    const html = await (await page('/sakerhetskopia')).text();
    expect(html).toContain('href="/api/v1/admin/backup"');
    expect(html).toContain('enctype="multipart/form-data"');
    expect((await page('/sakerhetskopia', { as: await signIn('viewer') })).status).toBe(403);
  });

  it('restores an uploaded file and shows the result, signed out', async () => {
    await loadDemo();
    const text = (await backupText()).text;
    await emptyDeployment();
    const form = new FormData();
    form.set('fil', new File([text], 'sakerhetskopia.json', { type: 'application/json' }));
    form.set('bekrafta', 'ja');
    const response = await page('/sakerhetskopia/aterstall', { method: 'POST', body: form });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('Säkerhetskopian är återställd');
    expect(html).toMatch(/<th scope="row">installation<\/th><td class="num">161<\/td>/);
    expect(response.headers.getSetCookie().at(-1)).toMatch(/^session=;/);
    expect((await counts()).municipality).toBe(5);
  });

  it('shows what is wrong at the form, and writes nothing', async () => {
    const before = await counts();
    const missing = await page('/sakerhetskopia/aterstall', { method: 'POST', body: new FormData() });
    expect(missing.status).toBe(400);
    const html = await missing.text();
    expect(html).toContain('Välj en fil med en säkerhetskopia.');
    expect(html).toContain('Bekräfta att alla konton ersätts');
    const form = new FormData();
    form.set('fil', new File(['{"format":"samverkansplattformen-backup","version":7}'], 'x.json'));
    form.set('bekrafta', 'ja');
    const wrong = await page('/sakerhetskopia/aterstall', { method: 'POST', body: form });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain('Okänd version 7');
    expect(await counts()).toEqual(before);
  });
});
