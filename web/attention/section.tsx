import type { FC } from 'hono/jsx';
import type { AttentionPageData } from '../../worker/attention/page-queries.ts';
import type { Option } from '../components/forms.tsx';
import { AttentionGroups, AttentionSummary, filterQuery, Freshness, MunicipalityFilter, NothingToAttend, type AttentionPageFilter } from './list.tsx';

/** How many items of each kind the overview shows; the rest are one link away on /att-hantera. */
export const overviewLimit = 3;

/** "Att hantera" on the overview: the stored attention list, grouped by kind, first items of each. */
export const AttentionSection: FC<{ list: AttentionPageData; municipalities: Option[]; filter: AttentionPageFilter; admin: boolean }> = ({ list, municipalities, filter, admin }) => (
  <section aria-labelledby="attention-heading" class="attention">
    <h2 id="attention-heading">Att hantera</h2>
    <Freshness list={list} admin={admin} />
    <MunicipalityFilter action="/" municipalities={municipalities} filter={filter} />
    {list.items.length === 0 ? <NothingToAttend filtered={filter.kommun !== ''} /> : (
      <>
        <AttentionSummary items={list.items} counts={list.counts} idPrefix="att" label="Att hantera per slag" />
        <AttentionGroups items={list.items} counts={list.counts} filter={filter} limit={overviewLimit} headingLevel={3} idPrefix="att" />
        <p><a href={`/att-hantera${filterQuery({ kommun: filter.kommun })}`}>Hela listan att hantera</a></p>
      </>
    )}
  </section>
);
