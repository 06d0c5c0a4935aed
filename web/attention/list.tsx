import type { FC } from 'hono/jsx';
import { attentionKinds, type AttentionKind } from '../../schema/attention.ts';
import { kindLabel, urgencyLabel } from '../../worker/attention/labels.ts';
import type { KindCounts } from '../../worker/attention/paging.ts';
import type { AttentionList } from '../../worker/attention/queries.ts';
import type { AttentionItem } from '../../worker/attention/rules.ts';
import { EmptyState } from '../components/page.tsx';
import { SelectField, type Option } from '../components/forms.tsx';
import { count } from '../format.ts';

const stockholm = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', dateStyle: 'short', timeStyle: 'short' });

/** The filter in the page address: `?kommun=1460&typ=notice_deadline`. */
export type AttentionPageFilter = { kommun: string; typ: AttentionKind | '' };

export const filterQuery = (f: Partial<AttentionPageFilter>) => {
  const params = new URLSearchParams();
  if (f.kommun) params.set('kommun', f.kommun);
  if (f.typ) params.set('typ', f.typ);
  const text = params.toString();
  return text ? `?${text}` : '';
};

export const groupsOf = (items: AttentionItem[]) =>
  attentionKinds.map((kind) => ({ kind, items: items.filter((i) => i.kind === kind) }));

/** When the list was computed, by whom, and (for administrators) the button that computes it now. */
export const Freshness: FC<{ list: Pick<AttentionList, 'refresh'>; admin: boolean }> = ({ list, admin }) => (
  <div class="attention-freshness">
    <p>
      {list.refresh
        ? <>Uppdaterad {stockholm.format(new Date(list.refresh.computedAt))} ({list.refresh.computedBy}). Listan räknas om varje natt.</>
        : <>Listan är inte beräknad ännu.</>}
    </p>
    {admin && (
      <form method="post" action="/att-hantera/uppdatera">
        <button type="submit" class="button">Uppdatera nu</button>
      </form>
    )}
  </div>
);

export const MunicipalityFilter: FC<{ action: string; municipalities: Option[]; filter: AttentionPageFilter; withKind?: boolean }> = ({ action, municipalities, filter, withKind }) => (
  <form method="get" action={action} class="filters" aria-label="Filtrera listan att hantera">
    <SelectField name="kommun" label="Kommun" value={filter.kommun} empty="Alla kommuner" options={municipalities}
      hint="En kommuns lista tar med det som gäller alla, som frysperioder och gemensamma styrdokument." />
    {withKind && (
      <SelectField name="typ" label="Vad" value={filter.typ} empty="Allt" options={attentionKinds.map((k) => ({ value: k, label: kindLabel[k].heading }))} />
    )}
    <button type="submit" class="button">Visa</button>
    {(filter.kommun || filter.typ) && <a href={action}>Visa allt</a>}
  </form>
);

/** One item: its link, its status in words (the colour only repeats it) and what is due. */
export const Item: FC<{ item: AttentionItem }> = ({ item }) => (
  <li class={`attention-item attention-${item.urgency}`}>
    <a href={item.href}>{item.subject}</a>
    {' '}<span class={`attention-status attention-status-${item.urgency}`}>{urgencyLabel[item.urgency]}</span>
    <span class="attention-detail">{item.detail}</span>
  </li>
);

/**
 * The items grouped by kind, each group with its count. `limit` shows the first items of a
 * group only, with a link to all of them (the overview); without it every item is shown.
 */
/** `counts` when `items` are only the first of each kind (the overview reads no more). */
export const AttentionGroups: FC<{ items: AttentionItem[]; counts?: KindCounts; filter: AttentionPageFilter; limit?: number; headingLevel: 2 | 3; idPrefix: string }> = ({ items, counts, filter, limit, headingLevel, idPrefix }) => {
  const H = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <>
      {groupsOf(items).filter((g) => g.items.length > 0).map(({ kind, items: group }) => {
        const shown = limit === undefined ? group : group.slice(0, limit);
        const total = counts ? counts[kind] : group.length;
        const id = `${idPrefix}-${kind}`;
        return (
          <section aria-labelledby={id} class="attention-group">
            <H id={id}>{kindLabel[kind].heading} ({count(total)})</H>
            <p class="hint">{kindLabel[kind].about}</p>
            <ul class="attention-list">{shown.map((item) => <Item item={item} />)}</ul>
            {shown.length < total && (
              <p><a href={`/att-hantera${filterQuery({ kommun: filter.kommun, typ: kind })}`}>Visa alla {count(total)}: {kindLabel[kind].heading.toLowerCase()}</a></p>
            )}
          </section>
        );
      })}
    </>
  );
};

/** The counts per kind, each a link to its group: the list at a glance. `counts` when `items` are not all of them. */
export const AttentionSummary: FC<{ items: AttentionItem[]; counts?: KindCounts; idPrefix: string; label: string }> = ({ items, counts, idPrefix, label }) => (
  <ul class="attention-summary" aria-label={label}>
    {groupsOf(items).map(({ kind, items: group }) => {
      const total = counts ? counts[kind] : group.length;
      return (
        <li>
          {total > 0
            ? <a href={`#${idPrefix}-${kind}`}>{kindLabel[kind].heading}: {count(total)}</a>
            : <>{kindLabel[kind].heading}: inga</>}
        </li>
      );
    })}
  </ul>
);

export const NothingToAttend: FC<{ filtered: boolean }> = ({ filtered }) => (
  <EmptyState>
    <p>
      Inget att hantera{filtered ? ' här' : ''} just nu: inga uppsägningar inom sex månader, inga avtal som löper ut inom
      tolv månader, inga frysperioder inom sex veckor, inga försenade styrdokument, inga initiativ som står still och
      alla system har systemägare och är bekräftade det senaste året.
    </p>
  </EmptyState>
);
