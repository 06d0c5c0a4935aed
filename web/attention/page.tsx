import type { FC } from 'hono/jsx';
import { attentionKinds, type AttentionKind } from '../../schema/attention.ts';
import { kindLabel } from '../../worker/attention/labels.ts';
import type { AttentionPageData } from '../../worker/attention/page-queries.ts';
import { pageCount } from '../../worker/attention/paging.ts';
import type { Option } from '../components/forms.tsx';
import { Notice, PageHeader } from '../components/page.tsx';
import { count } from '../format.ts';
import { AttentionSummary, filterQuery, Freshness, Item, MunicipalityFilter, NothingToAttend, type AttentionPageFilter } from './list.tsx';

/** `/att-hantera?kommun=…&typ=…&sida=…` */
const pageHref = (filter: AttentionPageFilter, page: number) => {
  const query = filterQuery(filter);
  return `/att-hantera${query}${page > 1 ? `${query ? '&' : '?'}sida=${page}` : ''}`;
};

/** One kind's pages: where this one is among them, and the way to the others. */
const Pager: FC<{ filter: AttentionPageFilter; page: number; pages: number; first: number; last: number; total: number }> = (p) => (
  <nav class="attention-pager" aria-label={`Sidor: ${kindLabel[p.filter.typ as AttentionKind].heading.toLowerCase()}`}>
    <p>Visar {count(p.first)}–{count(p.last)} av {count(p.total)} (sida {count(p.page)} av {count(p.pages)}).</p>
    <ul>
      {p.page > 1 && <li><a href={pageHref(p.filter, 1)}>Första sidan</a></li>}
      {p.page > 1 && <li><a href={pageHref(p.filter, p.page - 1)} rel="prev">Föregående</a></li>}
      {p.page < p.pages && <li><a href={pageHref(p.filter, p.page + 1)} rel="next">Nästa</a></li>}
      {p.page < p.pages && <li><a href={pageHref(p.filter, p.pages)}>Sista sidan</a></li>}
    </ul>
  </nav>
);

/**
 * The groups of the page, each with its count: all kinds show their first items and a link
 * to the rest; one chosen kind (`?typ=`) shows a page of its items with the way to the others.
 */
const Groups: FC<{ data: AttentionPageData; filter: AttentionPageFilter }> = ({ data, filter }) => (
  <>
    {attentionKinds.filter((kind) => data.counts[kind] > 0).map((kind) => {
      const total = data.counts[kind];
      const shown = data.items.filter((i) => i.kind === kind);
      const { page, size, offset } = data.window;
      const pages = pageCount(total, size);
      const id = `grupp-${kind}`;
      return (
        <section aria-labelledby={id} class="attention-group">
          <h2 id={id}>{kindLabel[kind].heading} ({count(total)})</h2>
          <p class="hint">{kindLabel[kind].about}</p>
          {shown.length > 0
            ? <ul class="attention-list">{shown.map((item) => <Item item={item} />)}</ul>
            : <p>Det finns ingen sida {count(page)}, bara {count(pages)}. <a href={pageHref({ ...filter, typ: kind }, 1)}>Till första sidan</a></p>}
          {filter.typ === ''
            ? offset + shown.length < total && (
              <p><a href={pageHref({ kommun: filter.kommun, typ: kind }, 1)}>Visa alla {count(total)}: {kindLabel[kind].heading.toLowerCase()}</a></p>
            )
            : pages > 1 && shown.length > 0 && <Pager filter={filter} page={page} pages={pages} first={offset + 1} last={offset + shown.length} total={total} />}
        </section>
      );
    })}
  </>
);

/** `/att-hantera`: the whole attention list, filtered by municipality and kind, a window of each kind at a time. */
export const AttentionPage: FC<{ data: AttentionPageData; municipalities: Option[]; filter: AttentionPageFilter; admin: boolean; notice?: string; error?: string }> = (p) => {
  const total = attentionKinds.reduce((sum, kind) => sum + p.data.counts[kind], 0);
  return (
    <>
      <PageHeader title="Att hantera" crumbs={[{ href: '/', label: 'Översikt' }]}
        lead="Uppsägningar, avtal, frysperioder, styrdokument, initiativ och system som behöver någons uppmärksamhet, det mest brådskande först." />
      <Notice message={p.notice} />
      <Freshness list={p.data} admin={p.admin} />
      <MunicipalityFilter action="/att-hantera" municipalities={p.municipalities} filter={p.filter} withKind />
      {p.error && <p class="error-message" role="alert">{p.error}</p>}
      {total === 0 ? <NothingToAttend filtered={p.filter.kommun !== '' || p.filter.typ !== ''} /> : (
        <>
          {p.filter.typ === '' && <AttentionSummary items={p.data.items} counts={p.data.counts} idPrefix="grupp" label="Per slag" />}
          <Groups data={p.data} filter={p.filter} />
        </>
      )}
    </>
  );
};
