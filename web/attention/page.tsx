import type { FC } from 'hono/jsx';
import type { AttentionList } from '../../worker/attention/queries.ts';
import type { Option } from '../components/forms.tsx';
import { Notice, PageHeader } from '../components/page.tsx';
import { AttentionGroups, AttentionSummary, Freshness, MunicipalityFilter, NothingToAttend, type AttentionPageFilter } from './list.tsx';

/** `/att-hantera`: the whole attention list, filtered by municipality and kind. */
export const AttentionPage: FC<{ list: AttentionList; municipalities: Option[]; filter: AttentionPageFilter; admin: boolean; notice?: string; error?: string }> = (p) => (
  <>
    <PageHeader title="Att hantera" crumbs={[{ href: '/', label: 'Översikt' }]}
      lead="Uppsägningar, avtal, frysperioder, styrdokument, initiativ och system som behöver någons uppmärksamhet, det mest brådskande först." />
    <Notice message={p.notice} />
    <Freshness list={p.list} admin={p.admin} />
    <MunicipalityFilter action="/att-hantera" municipalities={p.municipalities} filter={p.filter} withKind />
    {p.error && <p class="error-message" role="alert">{p.error}</p>}
    {p.list.items.length === 0 ? <NothingToAttend filtered={p.filter.kommun !== '' || p.filter.typ !== ''} /> : (
      <>
        {p.filter.typ === '' && <AttentionSummary items={p.list.items} idPrefix="grupp" label="Per slag" />}
        <AttentionGroups items={p.list.items} filter={p.filter} headingLevel={2} idPrefix="grupp" />
      </>
    )}
  </>
);
