import { attentionKinds, type AttentionKind } from '../../schema/attention.ts';
import type { AttentionItem } from './rules.ts';

/**
 * How much of the attention list `/att-hantera` shows at a time (no I/O). At national size a
 * kind can have tens of thousands of items (~44 000 systems without a system owner), so the
 * page shows the first `perKind` of every kind, and one kind (`?typ=`) `perPage` at a time
 * (`&sida=`): the page stays well under 150 kB whatever the register's size.
 */
export const attentionPaging = { perKind: 50, perPage: 100 } as const;

/** The items shown of each kind: the `size` after the first `offset`, on page `page` (from 1). */
export type AttentionWindow = { page: number; size: number; offset: number };

export function attentionWindow(kindChosen: boolean, page: number): AttentionWindow {
  const size = kindChosen ? attentionPaging.perPage : attentionPaging.perKind;
  return { page, size, offset: (page - 1) * size };
}

export type KindCounts = Record<AttentionKind, number>;

export const kindCounts = (rows: { kind: AttentionKind; n: number }[]): KindCounts =>
  Object.fromEntries(attentionKinds.map((kind) => [kind, rows.find((r) => r.kind === kind)?.n ?? 0])) as KindCounts;

export const countItems = (items: AttentionItem[]): KindCounts =>
  kindCounts(attentionKinds.map((kind) => ({ kind, n: items.filter((i) => i.kind === kind).length })));

/** The window of each kind, in the list's order — what the page's query reads, done on a list in memory. */
export function windowOf(items: AttentionItem[], window: AttentionWindow): AttentionItem[] {
  const seen = new Map<AttentionKind, number>();
  return items.filter((item) => {
    const rank = seen.get(item.kind) ?? 0;
    seen.set(item.kind, rank + 1);
    return rank >= window.offset && rank < window.offset + window.size;
  });
}

/** How many pages a kind's `total` items make, at least one. */
export const pageCount = (total: number, size: number) => Math.max(1, Math.ceil(total / size));
