/**
 * Concurrent editing: N clients call the real Worker at once (Promise.all of requests into
 * workerd, which interleaves them at every D1 round trip) and change the same rows or
 * different ones. Every request must end 200 or 409, no successful write may be lost or
 * half-done, and every successful write — and only those — leaves exactly one audit event.
 * The mechanism under test: worker/versioned.ts (read, compare the version, then one batch
 * of UPDATE … WHERE version = ?, the write_guard CHECK and the audit event).
 */
import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import { demoStatements } from '../schema/demo/sql.ts';
import { api, type ApiResponse } from './helpers.ts';

const clients = 20;

/** A versioned entity of the API and a text field that every client writes its own value into. */
type Entity = {
  name: string;
  /** Its name in the audit trail. */
  entity: string;
  path: string;
  field: string;
  /** Rows a client may change (cost items: only those of open years). */
  rows: string;
};

const entities: Entity[] = [
  { name: 'installations', entity: 'installation', path: '/installations', field: 'notes', rows: 'SELECT id FROM installation ORDER BY id' },
  { name: 'people', entity: 'person', path: '/people', field: 'title', rows: 'SELECT id FROM person ORDER BY id' },
  {
    name: 'cost items', entity: 'cost_item', path: '/cost-items', field: 'description',
    rows: 'SELECT id FROM cost_item WHERE year NOT IN (SELECT year FROM cost_year) ORDER BY id',
  },
  { name: 'collaborations', entity: 'collaboration', path: '/collaborations', field: 'scope', rows: 'SELECT id FROM collaboration ORDER BY id' },
];

const ids = async (sql: string) => (await env.DB.prepare(sql).all<{ id: number }>()).results.map((r) => r.id);

/** The audit events of one row, oldest first, with `after` parsed. */
async function auditOf(entity: string, id: number | string, action = 'update') {
  const rows = (await env.DB.prepare('SELECT after FROM audit_event WHERE entity = ? AND entity_id = ? AND action = ? ORDER BY id')
    .bind(entity, String(id), action).all<{ after: string | null }>()).results;
  return rows.map((r) => (r.after === null ? null : JSON.parse(r.after)) as Record<string, unknown> | null);
}

const countOf = async (sql: string, ...params: unknown[]) =>
  (await env.DB.prepare(sql).bind(...params).first<{ n: number }>())!.n;

/** Statuses that are allowed under contention; anything else is a bug (a 500 most of all). */
function onlyOkOrConflict(responses: ApiResponse[]) {
  const unexpected = responses.filter((r) => r.status !== 200 && r.status !== 409).map((r) => `${r.status} ${JSON.stringify(r.body)}`);
  expect(unexpected, unexpected.join('\n')).toEqual([]);
}

beforeEach(async () => {
  // The demo register: 161 installations, 33 people, 4 collaborations, cost items in a closed
  // (2023) and an open (2024) year. More open-year cost items so that N clients have N rows.
  await env.DB.batch(demoStatements().map((s) => env.DB.prepare(s)));
  const open = await ids(entities[2]!.rows);
  const [key] = await ids("SELECT id FROM allocation_key WHERE name = 'Lika delar'");
  for (let i = open.length; i < clients; i++) {
    const r = await api('POST', '/cost-items', { year: 2024, amountOre: 10_000 + i, category: 'licence', keyId: key, description: `Licens ${i}` });
    if (r.status !== 201) throw new Error(`setup failed: ${r.status} ${JSON.stringify(r.body)}`);
  }
});

describe.each(entities)('$name under concurrent PATCH', (e) => {
  it(`${clients} clients changing different rows at once: every write is there, each with one audit event`, async () => {
    const rows = (await ids(e.rows)).slice(0, clients);
    expect(rows.length).toBeGreaterThanOrEqual(Math.min(clients, 4));
    const before = await Promise.all(rows.map((id) => api('GET', `${e.path}/${id}`)));
    const value = (i: number) => `Skrivning från klient ${i}`;

    const responses = await Promise.all(rows.map((id, i) =>
      api('PATCH', `${e.path}/${id}`, { version: before[i]!.body.version, [e.field]: value(i) })));

    onlyOkOrConflict(responses);
    // Nobody else touched these rows, so nothing may have been refused.
    expect(responses.map((r) => r.status)).toEqual(rows.map(() => 200));
    const after = await Promise.all(rows.map((id) => api('GET', `${e.path}/${id}`)));
    for (const [i, id] of rows.entries()) {
      expect(after[i]!.body[e.field], `${e.entity} ${id}`).toBe(value(i));
      expect(after[i]!.body.version).toBe(before[i]!.body.version + 1);
      const events = await auditOf(e.entity, id);
      expect(events, `${e.entity} ${id}`).toHaveLength(1);
      expect(events[0]![e.field]).toBe(value(i));
    }
  });

  it(`${clients} clients changing the same row with the version they read: the row holds exactly one successful write`, async () => {
    const [id] = await ids(e.rows);
    const before = await api('GET', `${e.path}/${id}`);
    const value = (i: number) => `Samtidig skrivning ${i}`;

    const responses = await Promise.all(Array.from({ length: clients }, (_, i) =>
      api('PATCH', `${e.path}/${id}`, { version: before.body.version, [e.field]: value(i) })));

    onlyOkOrConflict(responses);
    const won = responses.flatMap((r, i) => (r.status === 200 ? [value(i)] : []));
    const lost = responses.flatMap((r, i) => (r.status === 409 ? [value(i)] : []));
    // All read the same version, and a write moves it on: exactly one can win.
    expect(won).toHaveLength(1);
    const after = await api('GET', `${e.path}/${id}`);
    expect(after.body[e.field]).toBe(won[0]);
    expect(after.body.version).toBe(before.body.version + won.length);
    // One audit event per success, none for the refused writes.
    const events = await auditOf(e.entity, id!);
    expect(events).toHaveLength(won.length);
    expect(events.map((a) => a![e.field])).toEqual(won);
    const trail = JSON.stringify(await auditOf(e.entity, id!));
    for (const v of lost) expect(trail).not.toContain(`"${v}"`);
  });

  it(`${clients} clients each adding to the same row, re-reading after every 409: no update is lost`, async () => {
    const [id] = await ids(e.rows);
    const start = await api('PATCH', `${e.path}/${id}`, { version: (await api('GET', `${e.path}/${id}`)).body.version, [e.field]: 'Start' });
    expect(start.status).toBe(200);
    const marker = (i: number) => `;k${i}`;
    const all: ApiResponse[] = [];

    // Each client: read, append its marker, write with the version it read; on 409 read again.
    const client = async (i: number) => {
      for (let attempt = 0; attempt < clients * 3; attempt++) {
        const current = await api('GET', `${e.path}/${id}`);
        const r = await api('PATCH', `${e.path}/${id}`, { version: current.body.version, [e.field]: current.body[e.field] + marker(i) });
        all.push(r);
        if (r.status !== 409) return r.status;
      }
      return 'gave up';
    };
    const outcomes = await Promise.all(Array.from({ length: clients }, (_, i) => client(i)));

    onlyOkOrConflict(all);
    expect(outcomes).toEqual(Array.from({ length: clients }, () => 200));
    const after = await api('GET', `${e.path}/${id}`);
    const markers = (after.body[e.field] as string).split(';').slice(1).sort();
    expect(markers).toEqual(Array.from({ length: clients }, (_, i) => marker(i).slice(1)).sort());
    expect(after.body.version).toBe(start.body.version + clients);
    // The start write plus one event per client; the refused attempts left none.
    expect(await auditOf(e.entity, id!)).toHaveLength(1 + clients);
    expect(all.filter((r) => r.status === 200)).toHaveLength(clients);
  }, 60_000);
});

describe('concurrent DELETE', () => {
  it(`${clients} clients deleting the same installation: one succeeds, one audit event`, async () => {
    // An installation nothing refers to (no roles, documents or changes), so deleting may succeed.
    const [id] = await ids(`SELECT id FROM installation i WHERE NOT EXISTS (SELECT 1 FROM role_assignment r WHERE r.installation_id = i.id)
      AND NOT EXISTS (SELECT 1 FROM governing_document_installation d WHERE d.installation_id = i.id)
      AND NOT EXISTS (SELECT 1 FROM planned_change c WHERE c.installation_id = i.id) ORDER BY id`);
    const { version } = (await api('GET', `/installations/${id}`)).body;

    const responses = await Promise.all(Array.from({ length: clients }, () => api('DELETE', `/installations/${id}?version=${version}`)));

    const statuses = responses.map((r) => r.status);
    // 404 for a client that read after the row was gone, 409 for one that lost inside the batch.
    expect(statuses.filter((s) => ![204, 404, 409].includes(s))).toEqual([]);
    expect(statuses.filter((s) => s === 204)).toHaveLength(1);
    expect((await api('GET', `/installations/${id}`)).status).toBe(404);
    expect(await auditOf('installation', id!, 'delete')).toHaveLength(1);
  });
});

describe('concurrent creates that collide on a unique key', () => {
  /** N identical creates; exactly one may win. `seen` is the status when the duplicate is found before writing. */
  async function race(path: string, body: unknown, refused: number[]) {
    const responses = await Promise.all(Array.from({ length: clients }, () => api('POST', path, body)));
    const statuses = responses.map((r) => r.status);
    const unexpected = responses.filter((r) => r.status !== 201 && !refused.includes(r.status)).map((r) => `${r.status} ${JSON.stringify(r.body)}`);
    expect(unexpected, unexpected.join('\n')).toEqual([]);
    expect(statuses.filter((s) => s === 201), JSON.stringify(responses[0]!.body)).toHaveLength(1);
    for (const r of responses) if (r.status >= 400) expect(typeof r.body.error).toBe('string');
    return responses.find((r) => r.status === 201)!.body;
  }

  it('allocation keys with the same name: one 201, the others 409 from the unique index, one audit event', async () => {
    const created = await race('/allocation-keys', { name: 'Samma nyckel', year: 2024, parts: [{ basis: 'equal', weight: 1 }] }, [409]);
    expect(await countOf("SELECT count(*) AS n FROM allocation_key WHERE name = 'Samma nyckel'")).toBe(1);
    // The key's parts of the losers were in their rolled-back batches.
    expect(await countOf('SELECT count(*) AS n FROM allocation_key_year WHERE key_id = ?', created.id)).toBe(1);
    expect(await countOf("SELECT count(*) AS n FROM audit_event WHERE entity = 'allocation_key' AND action = 'create'")).toBe(1);
    expect(await auditOf('allocation_key', created.id, 'create')).toHaveLength(1);
  });

  // These commands look for a duplicate before writing and answer 400 at the field when they find
  // one; a client that passed that check in the same instant loses at the unique index with 409.
  it('municipalities with the same code: one 201, the others 400 or 409, one row and one audit event', async () => {
    await race('/municipalities', { code: '2180', name: 'Göteborg', populations: [{ year: 2024, population: 600_000 }] }, [400, 409]);
    expect(await countOf("SELECT count(*) AS n FROM municipality WHERE code = '2180'")).toBe(1);
    expect(await countOf("SELECT count(*) AS n FROM municipality_population WHERE municipality_code = '2180'")).toBe(1);
    expect(await auditOf('municipality', '2180', 'create')).toHaveLength(1);
  });

  it('installations of the same application in the same municipality: one 201, the others 400 or 409, one audit event', async () => {
    // An application nobody has yet.
    const [businessAreaId] = await ids('SELECT id FROM business_area ORDER BY id');
    const { id: applicationId } = (await api('POST', '/applications', { name: 'Nytt system', kind: 'common', businessAreaId })).body;
    const [productId] = await ids('SELECT id FROM product ORDER BY id');
    const created = await race('/installations', { municipality: '1460', applicationId, productId, users: 5 }, [400, 409]);
    expect(await countOf("SELECT count(*) AS n FROM installation WHERE municipality_code = '1460' AND application_id = ?", applicationId)).toBe(1);
    expect(await countOf("SELECT count(*) AS n FROM audit_event WHERE entity = 'installation' AND action = 'create'")).toBe(1);
    expect(await auditOf('installation', created.id, 'create')).toHaveLength(1);
  });

  it('users with the same e-mail address: one 201, the others 400 or 409, one audit event', async () => {
    await race('/users', { email: 'samma@kommun.example', name: 'Samma Person', role: 'viewer' }, [400, 409]);
    expect(await countOf("SELECT count(*) AS n FROM user WHERE email = 'samma@kommun.example'")).toBe(1);
    expect(await countOf("SELECT count(*) AS n FROM audit_event WHERE entity = 'user' AND action = 'create'")).toBe(1);
  });

  // Both commands check for the duplicate before writing; clients that pass the check in the same
  // instant are stopped by the guard in the insert batch (requireNone → 409).
  it('people with the same e-mail address: one 201, the others 400 or 409', async () => {
    await race('/people', { name: 'Eva Ek', email: 'eva.ek@bengtsfors.se', municipality: '1460' }, [400, 409]);
    expect(await countOf("SELECT count(*) AS n FROM person WHERE email = 'eva.ek@bengtsfors.se'")).toBe(1);
    expect(await countOf("SELECT count(*) AS n FROM audit_event WHERE entity = 'person' AND action = 'create'")).toBe(1);
  });

  it('the same role for the same person on the same installation: one 201, the others 400 or 409', async () => {
    const [personId] = await ids('SELECT id FROM person ORDER BY id');
    const [installationId] = await ids(`SELECT id FROM installation WHERE id NOT IN (SELECT installation_id FROM role_assignment
      WHERE person_id = ${personId} AND role = 'system_technician' AND installation_id IS NOT NULL) ORDER BY id`);
    await race('/role-assignments', { personId, role: 'system_technician', installationId }, [400, 409]);
    expect(await countOf("SELECT count(*) AS n FROM role_assignment WHERE person_id = ? AND role = 'system_technician' AND installation_id = ?", personId, installationId)).toBe(1);
  });
});
