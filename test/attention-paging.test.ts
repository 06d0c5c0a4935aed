import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { attentionPaging, attentionWindow, countItems, kindCounts, pageCount, windowOf } from '../worker/attention/paging.ts';
import type { AttentionItem } from '../worker/attention/rules.ts';
import { api, page, seedRegister } from './helpers.ts';

// /att-hantera at national size: a window of each kind, one kind a page at a time.

const item = (kind: AttentionItem['kind'], n: number): AttentionItem => ({
  kind, urgency: 'missing', dueOn: null, municipality: '1460', municipalityName: 'Bengtsfors',
  subject: `${kind} ${n}`, detail: '', href: `/system/${n}`, entity: 'installation', entityId: n,
});

describe('attention paging (pure)', () => {
  it('shows the first of every kind, or one kind a page at a time', () => {
    expect(attentionWindow(false, 1)).toEqual({ page: 1, size: attentionPaging.perKind, offset: 0 });
    expect(attentionWindow(true, 3)).toEqual({ page: 3, size: attentionPaging.perPage, offset: 2 * attentionPaging.perPage });
    expect([pageCount(0, 100), pageCount(100, 100), pageCount(101, 100)]).toEqual([1, 1, 2]);
  });

  it('takes each kind\'s window in the list\'s order, as the page\'s query does', () => {
    const items = [item('notice_deadline', 1), item('missing_system_owner', 2), item('notice_deadline', 3), item('missing_system_owner', 4), item('notice_deadline', 5)];
    expect(windowOf(items, { page: 2, size: 1, offset: 1 }).map((i) => i.entityId)).toEqual([3, 4]);
    expect(windowOf(items, { page: 1, size: 2, offset: 0 }).map((i) => i.entityId)).toEqual([1, 2, 3, 4]);
    const counts = countItems(items);
    expect([counts.notice_deadline, counts.missing_system_owner, counts.upcoming_freeze]).toEqual([3, 2, 0]);
    expect(kindCounts([{ kind: 'contract_ending', n: 7 }]).contract_ending).toBe(7);
  });
});

describe('/att-hantera with many items of a kind', () => {
  /** `n` systems in Bengtsfors without a system owner (confirmed, no contract: nothing else to attend to). */
  async function withoutOwner(n: number, refreshed = true) {
    const r = await seedRegister();
    const names = Array.from({ length: n }, (_, i) => `System ${String(i + 1).padStart(3, '0')}`);
    await env.DB.batch(names.map((name) =>
      env.DB.prepare("INSERT INTO application (name, kind, business_area_id) VALUES (?, 'common', ?)").bind(name, r.economy.id)));
    await env.DB.prepare("INSERT INTO installation (municipality_code, application_id, product_id, confirmed_on) SELECT '1460', a.id, ?, date('now') FROM application a WHERE a.name LIKE 'System %'")
      .bind(r.raindance.id).run();
    if (refreshed) expect((await api('POST', '/attention/refresh')).status).toBe(200);
  }
  const owners = (html: string) => html.match(/Ingen systemägare är utsedd/g)?.length ?? 0;

  it('shows the first of the kind with its count and a link to all of them', async () => {
    await withoutOwner(130);
    const html = await (await page('/att-hantera')).text();
    expect(html).toContain('System utan systemägare (130)');
    expect(html).toContain('<a href="#grupp-missing_system_owner">System utan systemägare: 130</a>');
    expect(owners(html)).toBe(attentionPaging.perKind);
    expect(html).toContain('<a href="/att-hantera?typ=missing_system_owner">Visa alla 130: system utan systemägare</a>');
  });

  it('shows the same window when its first view computes the list', async () => {
    await withoutOwner(130, false);
    const html = await (await page('/att-hantera?typ=missing_system_owner&sida=2')).text();
    expect(html).toContain('första visningen');
    expect(owners(html)).toBe(30);
    expect(html).toContain('Visar 101–130 av 130 (sida 2 av 2).');
  });

  it('pages one kind with ?sida=, keeping the filter', async () => {
    await withoutOwner(130);
    const first = await (await page('/att-hantera?kommun=1460&typ=missing_system_owner')).text();
    expect(owners(first)).toBe(100);
    expect(first).toContain('Visar 1–100 av 130 (sida 1 av 2).');
    expect(first).toContain('<a href="/att-hantera?kommun=1460&amp;typ=missing_system_owner&amp;sida=2" rel="next">Nästa</a>');
    expect(first).not.toContain('rel="prev"');

    const second = await (await page('/att-hantera?kommun=1460&typ=missing_system_owner&sida=2')).text();
    expect(owners(second)).toBe(30);
    expect(second).toContain('Visar 101–130 av 130 (sida 2 av 2).');
    expect(second).toContain('<a href="/att-hantera?kommun=1460&amp;typ=missing_system_owner" rel="prev">Föregående</a>');
    expect(second).not.toContain('rel="next"');
    // The same items, in the list's order, as the API's whole list.
    const all = (await api('GET', '/attention?kind=missing_system_owner')).body.items as AttentionItem[];
    expect(all).toHaveLength(130);
    expect(second).toContain(`>${all[100]!.subject}</a>`);
    expect(second).not.toContain(`>${all[99]!.subject}</a>`);
  });

  it('says when a page does not exist, and refuses a page number it cannot read', async () => {
    await withoutOwner(3);
    const beyond = await page('/att-hantera?typ=missing_system_owner&sida=5');
    expect(beyond.status).toBe(200);
    expect(await beyond.text()).toContain('Det finns ingen sida 5, bara 1.');
    const bad = await page('/att-hantera?sida=noll');
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain('Sidnumret i adressen gick inte att förstå; första sidan visas.');
    expect(owners(html)).toBe(3);
  });
});
