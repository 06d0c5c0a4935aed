/**
 * Governing documents (styrdokument): API contract (success, 400 per field with nothing
 * written, 404, 409), review, the overdue / due-soon lists, who may change what (role ×
 * municipality), the pages and the function the overview's attention list calls.
 */
import { env } from 'cloudflare:workers';
import { drizzle } from 'drizzle-orm/d1';
import { describe, expect, it } from 'vitest';
import * as schema from '../schema/index.ts';
import { demoToday } from '../schema/demo/data.ts';
import { demoDocuments } from '../schema/demo/documents.ts';
import { demoStatements } from '../schema/demo/sql.ts';
import { today } from '../worker/clock.ts';
import { documentsNeedingAttention } from '../worker/documents/queries.ts';
import { addDays, addYears } from '../worker/documents/review.ts';
import { actAs, api, auditEvents, page, seedRegister, signIn, type ApiResponse } from './helpers.ts';

const created = (r: ApiResponse) => {
  if (r.status !== 201) throw new Error(`setup failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
};

const form = (fields: Record<string, string | string[]>) => {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const value of ([] as string[]).concat(v)) body.append(k, value);
  return { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: body.toString() };
};

const tables = ['governing_document', 'governing_document_installation', 'audit_event'];

/** Every row of the tables this area writes: "nothing written" in full. */
async function dump() {
  const results = await env.DB.batch(tables.map((t) => env.DB.prepare(`SELECT * FROM ${t} ORDER BY rowid`)));
  return Object.fromEntries(tables.map((t, i) => [t, results[i]!.results]));
}

const links = async (documentId: number) =>
  (await env.DB.prepare('SELECT installation_id AS id FROM governing_document_installation WHERE document_id = ? ORDER BY installation_id')
    .bind(documentId).all<{ id: number }>()).results.map((r) => r.id);

/** Bengtsfors and Åmål with Ekonomisystem (both) and Brandvägg (Bengtsfors), and three people. */
async function world() {
  const r = await seedRegister();
  const finance1460 = created(await api('POST', '/installations', { municipality: '1460', applicationId: r.finance.id, productId: r.raindance.id }));
  const finance1492 = created(await api('POST', '/installations', { municipality: '1492', applicationId: r.finance.id, productId: r.raindance.id }));
  const firewall1460 = created(await api('POST', '/installations', { municipality: '1460', applicationId: r.firewall.id, productId: r.unit4.id }));
  const anna = created(await api('POST', '/people', { name: 'Anna Berg', municipality: '1460', title: 'IT-chef' }));
  const olle = created(await api('POST', '/people', { name: 'Olle Åberg', municipality: '1492', title: 'IT-chef' }));
  const sara = created(await api('POST', '/people', { name: 'Sara Lind', municipality: null, title: 'IT-säkerhetsansvarig' }));
  return { ...r, finance1460, finance1492, firewall1460, anna, olle, sara };
}

type World = Awaited<ReturnType<typeof world>>;

const day = today();
/** Decided so that, with a one-year cycle, the next review is `offset` days from today. */
const decidedForNextReviewIn = (offset: number) => addYears(addDays(day, offset), -1);

const plan = (w: World, extra: Record<string, unknown> = {}) => ({
  type: 'system_security_plan', title: 'Systemsäkerhetsplan för ekonomisystemet', ownerId: w.anna.id, municipality: '1460',
  decidedBy: 'Kommunstyrelsen', decidedOn: decidedForNextReviewIn(30), url: 'https://www.bengtsfors.se/ssp-ekonomi.pdf',
  installationIds: [w.finance1460.id], ...extra,
});

describe('documents API', () => {
  it('creates a document with the type\'s cycle and a computed next review; reads it; audits it with its links', async () => {
    const w = await world();
    const r = await api('POST', '/documents', plan(w));
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      type: 'system_security_plan', municipality: '1460', municipalityName: 'Bengtsfors', owner: { id: w.anna.id, name: 'Anna Berg' },
      reviewCycleYears: 1, lastReviewedOn: null, nextReviewOn: addDays(day, 30), nextReviewExplicit: false, status: 'due-soon', version: 1,
    });
    expect(r.body.installations).toEqual([expect.objectContaining({ id: w.finance1460.id, municipality: '1460', applicationName: 'Ekonomisystem' })]);
    expect(r.body).not.toHaveProperty('municipalityCode');
    expect((await api('GET', `/documents/${r.body.id}`)).body).toEqual(r.body);
    const [event] = await auditEvents('governing_document');
    expect(event).toMatchObject({ action: 'create', entity_id: String(r.body.id) });
    expect(JSON.parse(event!.after!)).toMatchObject({ title: 'Systemsäkerhetsplan för ekonomisystemet', installationIds: [w.finance1460.id] });
  });

  it('uses the strategy\'s cycles by default: an IT policy 5 years, 29 February + 1 year is 28 February', async () => {
    const w = await world();
    const policy = created(await api('POST', '/documents', { type: 'it_policy', title: 'IT-policy', ownerId: w.sara.id, decidedBy: 'Kommunfullmäktige', decidedOn: '2024-02-29' }));
    expect(policy).toMatchObject({ reviewCycleYears: 5, nextReviewOn: '2029-02-28', municipality: null, municipalityName: null, url: '', installations: [] });
    const instruction = created(await api('POST', '/documents', { type: 'it_security_instruction', title: 'IT-säkerhetsinstruktion', ownerId: w.sara.id, decidedBy: 'IT-chefsgruppen', decidedOn: '2024-02-29' }));
    expect(instruction).toMatchObject({ reviewCycleYears: 1, nextReviewOn: '2025-02-28', status: 'overdue' });
    const explicit = created(await api('POST', '/documents', { type: 'it_strategy', title: 'IT-strategi', ownerId: w.sara.id, decidedBy: 'IT-chefsgruppen', decidedOn: '2024-01-10', reviewCycleYears: 3, nextReviewOn: '2026-06-30' }));
    expect(explicit).toMatchObject({ reviewCycleYears: 3, nextReviewOn: '2026-06-30', nextReviewExplicit: true });
  });

  it('lists by status: overdue, due soon and valid', async () => {
    const w = await world();
    const overdue = created(await api('POST', '/documents', plan(w, { title: 'Försenad', decidedOn: decidedForNextReviewIn(-1) })));
    const soon = created(await api('POST', '/documents', plan(w, { title: 'Snart', decidedOn: decidedForNextReviewIn(90) })));
    const later = created(await api('POST', '/documents', plan(w, { title: 'Gäller', decidedOn: decidedForNextReviewIn(91) })));
    expect(overdue.status).toBe('overdue');
    const titles = async (q: string) => (await api('GET', `/documents${q}`)).body.map((d: { title: string }) => d.title);
    expect(await titles('')).toEqual(['Försenad', 'Snart', 'Gäller']);
    expect(await titles('?status=overdue')).toEqual(['Försenad']);
    expect(await titles('?status=due-soon')).toEqual(['Snart']);
    expect(await titles('?status=valid')).toEqual(['Gäller']);
    expect(await titles('?municipality=1492')).toEqual([]);
    expect(await titles('?municipality=1460&type=system_security_plan')).toEqual(['Försenad', 'Snart', 'Gäller']);
    expect(await titles('?municipality=common')).toEqual([]);
    expect(later.installations).toHaveLength(1);
    // The filtered list carries its documents' installations too.
    expect((await api('GET', '/documents?status=due-soon')).body[0].installations.map((i: { id: number }) => i.id)).toEqual([w.finance1460.id]);
    const bad = await api('GET', '/documents?status=late');
    expect(bad.status).toBe(400);
    expect(bad.body.issues[0]).toMatchObject({ path: 'status', message: 'Status ska vara overdue, due-soon eller valid.' });
    expect(soon.id).toBeGreaterThan(0);
  });

  it('refuses bad input with a Swedish message per field and writes nothing', async () => {
    const w = await world();
    const before = await dump();
    const r = await api('POST', '/documents', {
      type: 'policy', title: ' ', ownerId: 0, municipality: '14', decidedBy: '', decidedOn: '2026-02-30', reviewCycleYears: 0,
      url: 'javascript:alert(1)', installationIds: [w.finance1460.id, w.finance1460.id], colour: 'red',
    });
    expect(r.status).toBe(400);
    const byPath = Object.fromEntries(r.body.issues.map((i: { path: string; message: string }) => [i.path, i.message]));
    expect(byPath).toMatchObject({
      type: expect.stringContaining('Välj typ'),
      title: 'Ange titel.',
      ownerId: 'Välj ägare.',
      municipality: expect.stringContaining('fyrsiffriga'),
      decidedBy: 'Ange beslutande organ.',
      decidedOn: 'Beslutsdatum är inget giltigt datum.',
      reviewCycleYears: 'Granskningsintervallet (år) får inte vara mindre än 1.',
      url: expect.stringContaining('https://'),
      installationIds: 'Samma system finns med flera gånger.',
      colour: 'Okänt fält.',
    });
    for (const url of ['ftp://filer.amal.se/policy.pdf', 'www.amal.se/policy.pdf', 'https://']) {
      const bad = await api('POST', '/documents', plan(w, { url }));
      expect(bad.status, url).toBe(400);
      expect(bad.body.issues.map((i: { path: string }) => i.path)).toEqual(['url']);
    }
    expect(await dump()).toEqual(before);
  });

  it('checks references and dates against the register and today', async () => {
    const w = await world();
    const before = await dump();
    const issues = async (body: Record<string, unknown>) => {
      const r = await api('POST', '/documents', body);
      expect(r.status).toBe(400);
      return Object.fromEntries(r.body.issues.map((i: { path: string; message: string }) => [i.path, i.message]));
    };
    expect(await issues(plan(w, { ownerId: 999, municipality: '9999', installationIds: [999] }))).toEqual({
      ownerId: 'Personen finns inte i personregistret.', municipality: 'Kommunen finns inte.', installationIds: 'Systemet med id 999 finns inte.',
    });
    expect(await issues(plan(w, { decidedOn: addDays(day, 1) }))).toEqual({ decidedOn: 'Beslutsdatumet kan inte ligga i framtiden.' });
    expect(await issues(plan(w, { decidedOn: '2025-01-01', lastReviewedOn: '2024-12-31' }))).toEqual({ lastReviewedOn: 'Granskningen kan inte ligga före beslutet.' });
    expect(await issues(plan(w, { decidedOn: '2025-01-01', lastReviewedOn: addDays(day, 1) }))).toEqual({ lastReviewedOn: 'Granskningen kan inte ligga i framtiden.' });
    expect(await issues(plan(w, { decidedOn: '2025-01-01', nextReviewOn: '2025-01-01' }))).toEqual({ nextReviewOn: 'Nästa granskning måste ligga efter beslutsdatumet.' });
    // A municipality's document covers only that municipality's systems — for administrators too.
    expect((await issues(plan(w, { installationIds: [w.finance1460.id, w.finance1492.id] }))).installationIds)
      .toBe('Ett styrdokument för Bengtsfors kan bara gälla Bengtsfors system, inte Ekonomisystem i Åmål.');
    expect(await dump()).toEqual(before);
  });

  it('changes a document with its version: recomputes the next review, sets it by hand, relinks; stale → 409', async () => {
    const w = await world();
    const doc = created(await api('POST', '/documents', plan(w, { decidedOn: '2025-03-01' })));
    expect(doc.nextReviewOn).toBe('2026-03-01');
    const longer = await api('PATCH', `/documents/${doc.id}`, { version: 1, reviewCycleYears: 3, installationIds: [w.firewall1460.id, w.finance1460.id] });
    expect(longer.status).toBe(200);
    expect(longer.body).toMatchObject({ version: 2, reviewCycleYears: 3, nextReviewOn: '2028-03-01', nextReviewExplicit: false });
    expect(await links(doc.id)).toEqual([w.finance1460.id, w.firewall1460.id].sort((a, b) => a - b));
    const events = await auditEvents('governing_document');
    expect(JSON.parse(events[1]!.before!)).toMatchObject({ reviewCycleYears: 1, installationIds: [w.finance1460.id] });
    expect(JSON.parse(events[1]!.after!)).toMatchObject({ reviewCycleYears: 3, nextReviewOn: '2028-03-01', version: 2 });

    expect((await api('PATCH', `/documents/${doc.id}`, { version: 1, title: 'Gammal' })).status).toBe(409);
    const byHand = await api('PATCH', `/documents/${doc.id}`, { version: 2, nextReviewOn: '2027-01-15' });
    expect(byHand.body).toMatchObject({ nextReviewOn: '2027-01-15', nextReviewExplicit: true, version: 3 });
    // A new cycle leaves a date set by hand alone; null goes back to the computed date.
    expect((await api('PATCH', `/documents/${doc.id}`, { version: 3, reviewCycleYears: 2 })).body).toMatchObject({ nextReviewOn: '2027-01-15' });
    expect((await api('PATCH', `/documents/${doc.id}`, { version: 4, nextReviewOn: null })).body)
      .toMatchObject({ nextReviewOn: '2027-03-01', nextReviewExplicit: false, version: 5 });
    const unlinked = await api('PATCH', `/documents/${doc.id}`, { version: 5, installationIds: [] });
    expect(unlinked.body).toMatchObject({ version: 6, installations: [] });
    expect(await links(doc.id)).toEqual([]);

    const before = await dump();
    expect((await api('PATCH', `/documents/${doc.id}`, { version: 6, url: 'mailto:x@y.se' })).status).toBe(400);
    expect((await api('PATCH', `/documents/${doc.id}`, { title: 'Utan version' })).body.issues[0].path).toBe('version');
    expect((await api('PATCH', '/documents/999', { version: 1, title: 'X' })).status).toBe(404);
    expect(await dump()).toEqual(before);
  });

  it('one of two concurrent changes at the same version wins, the other gets 409 and writes nothing', async () => {
    const w = await world();
    const doc = created(await api('POST', '/documents', plan(w)));
    const results = await Promise.all([
      api('PATCH', `/documents/${doc.id}`, { version: 1, title: 'Först', installationIds: [] }),
      api('PATCH', `/documents/${doc.id}`, { version: 1, title: 'Sist', installationIds: [w.firewall1460.id, w.finance1460.id] }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const winner = results.find((r) => r.status === 200)!.body;
    expect((await api('GET', `/documents/${doc.id}`)).body).toMatchObject({ title: winner.title, version: 2 });
    expect(await links(doc.id)).toEqual(winner.installations.map((i: { id: number }) => i.id).sort((a: number, b: number) => a - b));
    expect((await auditEvents('governing_document')).filter((e) => e.action === 'update')).toHaveLength(1);
  });

  it('marks a document reviewed: last review set, next one recomputed, audited; bad dates refused', async () => {
    const w = await world();
    const doc = created(await api('POST', '/documents', plan(w, { decidedOn: decidedForNextReviewIn(-10) })));
    expect(doc.status).toBe('overdue');
    const before = await dump();
    expect((await api('POST', `/documents/${doc.id}/review`, { reviewedOn: addDays(day, 1) })).body.issues)
      .toEqual([{ path: 'reviewedOn', message: 'Granskningen kan inte ligga i framtiden.' }]);
    expect((await api('POST', `/documents/${doc.id}/review`, { reviewedOn: '2000-01-01' })).status).toBe(400);
    expect((await api('POST', `/documents/${doc.id}/review`, { version: 7 })).status).toBe(409);
    expect(await dump()).toEqual(before);

    const reviewed = await api('POST', `/documents/${doc.id}/review`, { version: 1 });
    expect(reviewed.status).toBe(200);
    expect(reviewed.body).toMatchObject({ lastReviewedOn: day, nextReviewOn: addYears(day, 1), status: 'valid', version: 2 });
    const event = (await auditEvents('governing_document')).at(-1)!;
    expect(event.action).toBe('update');
    expect(JSON.parse(event.before!).lastReviewedOn).toBeNull();
    expect(JSON.parse(event.after!).lastReviewedOn).toBe(day);
    // The next review may be given; a later PATCH of the cycle then counts from the review.
    const earlier = await api('POST', `/documents/${doc.id}/review`, { reviewedOn: day, nextReviewOn: addDays(day, 100) });
    expect(earlier.body).toMatchObject({ nextReviewOn: addDays(day, 100), nextReviewExplicit: true });
    expect((await api('PATCH', `/documents/${doc.id}`, { version: 3, nextReviewOn: null, reviewCycleYears: 2 })).body.nextReviewOn).toBe(addYears(day, 2));
    expect((await api('POST', '/documents/999/review', {})).status).toBe(404);
  });

  it('deletes with the version, its links go with it, the event keeps them', async () => {
    const w = await world();
    const doc = created(await api('POST', '/documents', plan(w)));
    expect((await api('DELETE', `/documents/${doc.id}?version=2`)).status).toBe(409);
    expect((await api('DELETE', `/documents/${doc.id}?version=x`)).status).toBe(400);
    expect((await api('DELETE', `/documents/${doc.id}?version=1`)).status).toBe(204);
    expect((await api('GET', `/documents/${doc.id}`)).status).toBe(404);
    expect(await links(doc.id)).toEqual([]);
    const event = (await auditEvents('governing_document')).at(-1)!;
    expect(event.action).toBe('delete');
    expect(JSON.parse(event.before!).installationIds).toEqual([w.finance1460.id]);
    expect((await api('DELETE', `/documents/${doc.id}`)).status).toBe(404);
  });

  it('removing a covered installation removes its link; a person owning a document cannot be removed', async () => {
    const w = await world();
    const doc = created(await api('POST', '/documents', plan(w)));
    expect((await api('DELETE', `/installations/${w.finance1460.id}`)).status).toBe(204);
    expect((await api('GET', `/documents/${doc.id}`)).body.installations).toEqual([]);
    expect((await api('DELETE', `/people/${w.anna.id}`)).status).toBe(409);
  });
});

describe('who may change documents', () => {
  it('an editor changes only their own municipality\'s documents and links only its systems', async () => {
    const w = await world();
    const common = created(await api('POST', '/documents', { ...plan(w), municipality: null, installationIds: [w.finance1460.id, w.finance1492.id] }));
    const amal = created(await api('POST', '/documents', plan(w, { municipality: '1492', ownerId: w.olle.id, installationIds: [w.finance1492.id] })));
    actAs(await signIn('editor', ['1460']));
    const before = await dump();
    const refused = async (r: Promise<ApiResponse>, status = 403) => { const x = await r; expect(x.status, JSON.stringify(x.body)).toBe(status); return x.body; };
    expect((await refused(api('POST', '/documents', plan(w, { municipality: '1492', installationIds: [] })))).error)
      .toBe('Du får bara ändra styrdokument i de kommuner du är redaktör för.');
    expect((await refused(api('POST', '/documents', plan(w, { municipality: null, installationIds: [] })))).error)
      .toBe('Bara administratörer (IT-chefsgruppen) får ändra styrdokument som är gemensamma för samverkan.');
    await refused(api('PATCH', `/documents/${amal.id}`, { version: 1, title: 'X' }));
    await refused(api('PATCH', `/documents/${common.id}`, { version: 1, title: 'X' }));
    await refused(api('POST', `/documents/${amal.id}/review`, {}));
    await refused(api('POST', `/documents/${common.id}/review`, {}));
    await refused(api('DELETE', `/documents/${amal.id}`));
    await refused(api('DELETE', `/documents/${common.id}`));
    expect((await refused(api('POST', '/documents', plan(w, { installationIds: [w.finance1492.id] })), 400)).issues[0].path).toBe('installationIds');
    expect(await dump()).toEqual(before);

    const own = created(await api('POST', '/documents', plan(w, { installationIds: [w.finance1460.id, w.firewall1460.id] })));
    expect((await api('POST', `/documents/${own.id}/review`, { version: 1 })).status).toBe(200);
    // Moving its own document to another municipality, or making it common, is refused too.
    await refused(api('PATCH', `/documents/${own.id}`, { version: 2, municipality: '1492', installationIds: [] }));
    await refused(api('PATCH', `/documents/${own.id}`, { version: 2, municipality: null, installationIds: [] }));
    expect((await api('PATCH', `/documents/${own.id}`, { version: 2, title: 'Ny titel' })).status).toBe(200);
    expect((await api('DELETE', `/documents/${own.id}?version=3`)).status).toBe(204);
  });

  it('viewers and finance officers read but change nothing; administrators change common documents; nobody signed out reads', async () => {
    const w = await world();
    const doc = created(await api('POST', '/documents', plan(w)));
    for (const role of ['viewer', 'finance'] as const) {
      actAs(await signIn(role));
      expect((await api('GET', '/documents')).status).toBe(200);
      expect((await api('GET', `/documents/${doc.id}`)).status).toBe(200);
      expect((await api('POST', '/documents', plan(w))).status).toBe(403);
      expect((await api('PATCH', `/documents/${doc.id}`, { version: 1, title: 'X' })).status).toBe(403);
      expect((await api('POST', `/documents/${doc.id}/review`, {})).status).toBe(403);
      expect((await api('DELETE', `/documents/${doc.id}`)).status).toBe(403);
    }
    expect((await api('GET', '/documents', undefined, { as: '' })).status).toBe(401);
    actAs(await signIn('admin'));
    const common = await api('POST', '/documents', { ...plan(w), municipality: null, installationIds: [w.finance1460.id, w.finance1492.id] });
    expect(common.status).toBe(201);
    expect(common.body.installations.map((i: { municipality: string }) => i.municipality)).toEqual(['1460', '1492']);
  });
});

describe('documentsNeedingAttention', () => {
  it('returns the overdue documents, longest overdue first, in one query', async () => {
    const w = await world();
    created(await api('POST', '/documents', plan(w, { title: 'Lite sen', decidedOn: decidedForNextReviewIn(-2) })));
    created(await api('POST', '/documents', plan(w, { title: 'Mycket sen', decidedOn: decidedForNextReviewIn(-200) })));
    created(await api('POST', '/documents', plan(w, { title: 'I dag', decidedOn: decidedForNextReviewIn(0) })));
    created(await api('POST', '/documents', { ...plan(w), title: 'Gemensam', municipality: null, ownerId: w.sara.id, decidedOn: decidedForNextReviewIn(-5) }));
    const list = await documentsNeedingAttention(drizzle(env.DB, { schema }), day);
    expect(list.map((d) => [d.title, d.daysOverdue])).toEqual([['Mycket sen', 200], ['Gemensam', 5], ['Lite sen', 2]]);
    expect(list[1]).toMatchObject({ municipality: null, municipalityName: null, ownerName: 'Sara Lind', type: 'system_security_plan' });
    expect(list[0]).toMatchObject({ municipality: '1460', municipalityName: 'Bengtsfors', ownerName: 'Anna Berg' });
  });
});

describe('pages', () => {
  it('/styrdokument shows the overdue and due-soon lists at the top in words, and filters', async () => {
    const w = await world();
    created(await api('POST', '/documents', plan(w, { title: 'Försenad plan', decidedOn: decidedForNextReviewIn(-3) })));
    created(await api('POST', '/documents', plan(w, { title: 'Snart-plan', decidedOn: decidedForNextReviewIn(20) })));
    created(await api('POST', '/documents', { type: 'it_policy', title: 'Gemensam IT-policy', ownerId: w.sara.id, decidedBy: 'IT-chefsgruppen', decidedOn: day }));
    const r = await page('/styrdokument');
    expect(r.status).toBe(200);
    const html = await r.text();
    const overdue = html.slice(html.indexOf('id="forsenade"'), html.indexOf('id="snart"'));
    const soon = html.slice(html.indexOf('id="snart"'), html.indexOf('id="alla"'));
    expect(overdue).toContain('Försenad plan');
    expect(overdue).toContain('Försenad granskning');
    expect(overdue).toContain('Försenad sedan 3 dagar');
    expect(overdue).not.toContain('Snart-plan');
    expect(soon).toContain('Snart-plan');
    expect(soon).toContain('Om 20 dagar');
    expect(html.indexOf('id="forsenade"')).toBeLessThan(html.indexOf('id="alla"'));
    expect(html).toContain('href="/styrdokument" aria-current="page"');

    const common = await (await page('/styrdokument?kommun=gemensam')).text();
    expect(common).toContain('Gemensam IT-policy');
    expect(common).not.toContain('Försenad plan');
    const plans = await (await page('/styrdokument?typ=system_security_plan&kommun=1460')).text();
    expect(plans).toContain('Snart-plan');
    expect(plans).not.toContain('Gemensam IT-policy');
    expect((await page('/styrdokument?typ=recept')).status).toBe(400);
  });

  it('adds a document through the form; errors at the field write nothing; the page shows its systems', async () => {
    const w = await world();
    const before = await dump();
    const bad = await page('/styrdokument/ny', form({ type: '', title: '', ownerId: '', municipality: '1460', decidedBy: 'Kommunstyrelsen', decidedOn: '2025-13-01', url: 'ftp://x' }));
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain('href="#f-title"');
    expect(html).toMatch(/id="f-title-fel"[^>]*>.*Ange titel\./);
    expect(html).toMatch(/id="f-url-fel"[^>]*>.*https:\/\//);
    expect(html).toContain('aria-invalid="true"');
    expect(await dump()).toEqual(before);

    const ok = await page('/styrdokument/ny', form({
      type: 'system_security_plan', title: 'SSP brandvägg', ownerId: String(w.anna.id), municipality: '1460', decidedBy: 'Kommunstyrelsen',
      decidedOn: decidedForNextReviewIn(45), reviewCycleYears: '', lastReviewedOn: '', nextReviewOn: '', url: '',
      installationIds: [String(w.firewall1460.id), String(w.finance1460.id)],
    }));
    expect(ok.status).toBe(303);
    const location = ok.headers.get('location')!;
    expect(location).toMatch(/^\/styrdokument\/\d+\?sparat$/);
    const id = Number(/\/styrdokument\/(\d+)/.exec(location)![1]);
    const shown = await (await page(location)).text();
    expect(shown).toContain('Ändringarna är sparade.');
    expect(shown).toContain('Granskas snart');
    expect(shown).toContain(`href="/system/${w.firewall1460.id}"`);
    expect(shown).toContain('Brandvägg');
    expect(shown).toContain('Markera som granskad');
    expect((await api('GET', `/documents/${id}`)).body).toMatchObject({ reviewCycleYears: 1, nextReviewOn: addDays(day, 45), installations: [{}, {}] });

    const reviewed = await page(`/styrdokument/${id}/granskad`, form({ version: '1', reviewedOn: '' }));
    expect(reviewed.status).toBe(303);
    expect((await api('GET', `/documents/${id}`)).body).toMatchObject({ lastReviewedOn: day, version: 2 });
    const wrong = await page(`/styrdokument/${id}/granskad`, form({ version: '2', reviewedOn: addDays(day, 3) }));
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toMatch(/id="f-reviewedOn-fel"[^>]*>.*Granskningen kan inte ligga i framtiden\./);

    const edit = await (await page(`/styrdokument/${id}/andra`)).text();
    expect(edit).toContain(`value="${w.firewall1460.id}" checked`);
    const saved = await page(`/styrdokument/${id}/andra`, form({
      version: '2', type: 'system_security_plan', title: 'SSP brandvägg 2', ownerId: String(w.anna.id), municipality: '1460', decidedBy: 'Kommunstyrelsen',
      decidedOn: decidedForNextReviewIn(45), reviewCycleYears: '2', lastReviewedOn: day, nextReviewOn: '', url: 'https://www.bengtsfors.se/ssp.pdf',
      installationIds: [String(w.firewall1460.id)],
    }));
    expect(saved.status).toBe(303);
    expect((await api('GET', `/documents/${id}`)).body).toMatchObject({ title: 'SSP brandvägg 2', nextReviewOn: addYears(day, 2), installations: [{ id: w.firewall1460.id }] });
    const stale = await page(`/styrdokument/${id}/andra`, form({ version: '2', type: 'system_security_plan', title: 'X', ownerId: String(w.anna.id), municipality: '1460', decidedBy: 'KS', decidedOn: '2025-01-01' }));
    expect(stale.status).toBe(409);

    expect((await page(`/styrdokument/${id}/ta-bort`)).status).toBe(200);
    const removed = await page(`/styrdokument/${id}/ta-bort`, form({ version: '3' }));
    expect(removed.headers.get('location')).toBe('/styrdokument?borttaget');
    expect((await page(`/styrdokument/${id}`)).status).toBe(404);
  });

  it('an installation\'s page lists the documents covering it: title linked, type and review status in words', async () => {
    const w = await world();
    const due = created(await api('POST', '/documents', plan(w, { title: 'Systemsäkerhetsplan ekonomi' })));
    const late = created(await api('POST', '/documents', plan(w, { type: 'continuity_plan', title: 'Kontinuitetsplan ekonomi', decidedOn: decidedForNextReviewIn(-10) })));
    created(await api('POST', '/documents', plan(w, { title: 'SSP brandvägg', installationIds: [w.firewall1460.id] })));
    const html = await (await page(`/system/${w.finance1460.id}`)).text();
    expect(html).toContain('<h2 id="styrdokument">Styrdokument</h2>');
    expect(html).toContain('<caption>Styrdokument som gäller systemet</caption>');
    // By title; each with its type and its status in words.
    expect(html).toMatch(new RegExp(`<a href="/styrdokument/${late.id}">Kontinuitetsplan ekonomi</a></th><td>Kontinuitetsplan</td><td><span class="doc-status doc-status-overdue">Försenad granskning</span>`));
    expect(html).toMatch(new RegExp(`<a href="/styrdokument/${due.id}">Systemsäkerhetsplan ekonomi</a></th><td>Systemsäkerhetsplan</td><td><span class="doc-status doc-status-due-soon">Granskas snart</span>`));
    expect(html.indexOf('Kontinuitetsplan ekonomi')).toBeLessThan(html.indexOf('Systemsäkerhetsplan ekonomi'));
    expect(html).not.toContain('SSP brandvägg');
    const none = await (await page(`/system/${w.finance1492.id}`)).text();
    expect(none).toContain('Inga styrdokument är kopplade till systemet.');
  });

  it('shows an editor only what it may do', async () => {
    const w = await world();
    const common = created(await api('POST', '/documents', { ...plan(w), municipality: null, installationIds: [] }));
    actAs(await signIn('editor', ['1460']));
    const list = await (await page('/styrdokument')).text();
    expect(list).toContain('href="/styrdokument/ny"');
    const detail = await (await page(`/styrdokument/${common.id}`)).text();
    expect(detail).not.toContain(`href="/styrdokument/${common.id}/andra"`);
    expect(detail).not.toContain('Markera som granskad');
    expect((await page(`/styrdokument/${common.id}/andra`)).status).toBe(403);
    const blank = await (await page('/styrdokument/ny')).text();
    expect(blank).toContain('<option value="1460" selected');
    expect(blank).not.toContain('<option value="1492"');
    expect(blank).not.toContain('Gemensamt för hela samverkan');
    actAs(await signIn('viewer'));
    const viewer = await (await page('/styrdokument')).text();
    expect(viewer).not.toContain('href="/styrdokument/ny"');
    expect((await page('/styrdokument/ny')).status).toBe(403);
  });
});

describe('demo data', () => {
  it('has documents for every member and common ones, some overdue and some due soon, plans covering systems of their own municipality', async () => {
    await env.DB.batch(demoStatements().map((sql) => env.DB.prepare(sql)));
    const db = drizzle(env.DB, { schema });
    const { listDocuments } = await import('../worker/documents/queries.ts');
    const documents = await listDocuments(db, demoToday);
    expect(documents).toHaveLength(demoDocuments.length);
    expect(new Set(documents.map((d) => d.municipality))).toEqual(new Set([null, '1438', '1439', '1460', '1461', '1492']));
    const count = (status: string) => documents.filter((d) => d.status === status).length;
    expect(count('overdue')).toBeGreaterThanOrEqual(3);
    expect(count('due-soon')).toBeGreaterThanOrEqual(3);
    expect(count('valid')).toBeGreaterThanOrEqual(2);
    expect((await documentsNeedingAttention(db, demoToday)).length).toBe(count('overdue'));
    // Every link the demo asks for exists: no system was missing.
    for (const d of demoDocuments) {
      const found = documents.find((x) => x.title === d.title)!;
      expect(found.installations.length, d.title).toBe(d.covers.length);
      for (const i of found.installations) if (found.municipality !== null) expect(i.municipality).toBe(found.municipality);
    }
    const plans = documents.filter((d) => d.type === 'system_security_plan');
    expect(plans.length).toBeGreaterThanOrEqual(3);
    for (const p of plans) expect(p.installations.length, p.title).toBeGreaterThan(0);
  });
});
