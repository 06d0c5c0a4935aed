import type { FC } from 'hono/jsx';
import type { GoalDetail } from '../../worker/goals/queries.ts';
import { BarChart, type Bar } from '../components/bar-chart.tsx';
import { PageHeader, ScrollTable } from '../components/page.tsx';
import { count, date } from '../format.ts';
import { StatusTag } from './board.tsx';
import { TrendChart } from './trend-chart.tsx';
import { areaLabel, goalTarget, goalValue } from './labels.ts';

const memberHref = (g: GoalDetail, id: number) => (g.definition?.population === 'installations' ? `/system/${id}` : `/applikationer/${id}`);

/** Above this many members, a bar per member says nothing; the chart shows how the members spread instead. */
const barsPerMemberUpTo = 30;

/** The members by their share in steps of ten percent: "0–10 %" … "90–100 %", and those with nothing to count. */
function spread(breakdown: GoalDetail['breakdown']): Bar[] {
  const steps = Array.from({ length: 10 }, (_, i) => ({ label: `${i * 10}–${i * 10 + 10} %`, value: 0 }));
  let none = 0;
  for (const b of breakdown) {
    if (b.value === null) none++;
    else steps[Math.min(9, Math.floor(b.value * 10))]!.value++;
  }
  const bars = steps.map((s) => ({ ...s, display: `${s.value} ${s.value === 1 ? 'kommun' : 'kommuner'}` }));
  return none ? [...bars, { label: 'Inget att räkna', value: none, display: `${none} ${none === 1 ? 'kommun' : 'kommuner'}` }] : bars;
}

const MemberList: FC<{ g: GoalDetail; members: GoalDetail['members']; total: number; ok: boolean }> = ({ g, members, total, ok }) => {
  const users = g.definition?.population === 'installations' && g.definition.weight === 'users';
  return (
    <div>
      <h3>{ok ? 'Uppfyller' : 'Uppfyller inte'} ({count(total)})</h3>
      {members.length < total && <p>De {count(members.length)} första i bokstavsordning.</p>}
      {members.length
        ? <ul class="counts-list">{members.map((m) => <li class={ok ? 'ok' : 'not'}><a href={memberHref(g, m.id)}>{m.name}</a>{users && ` (${m.w} användare)`}</li>)}</ul>
        : <p>Inga.</p>}
    </div>
  );
};

/** One goal: its figure, why (who counts and who does not), per municipality, and how it has moved. */
export const GoalPage: FC<{ g: GoalDetail; admin: boolean }> = ({ g, admin }) => {
  const counted = g.members.filter((m) => m.ok);
  const notCounted = g.members.filter((m) => !m.ok);
  const { members: total, counted: totalCounted } = g.memberCounts;
  const users = g.definition?.population === 'installations' && g.definition.weight === 'users';
  return (
    <>
      <PageHeader title={g.title} crumbs={[{ href: '/mal', label: 'Mål' }]}
        lead={`${areaLabel[g.area]} · ${g.type === 'computed' ? 'räknas ur registret' : g.type === 'measured' ? 'mäts och matas in' : 'milstolpe'} · senast ${date(g.deadline)}`}
        actions={admin && <a class="button secondary" href={`/mal/${g.id}/hantera`}>Hantera målet</a>} />
      {g.description && <p>{g.description}</p>}
      <dl class="facts">
        <div><dt>Värde nu</dt><dd>{goalValue(g.unit, g.value)}{g.type === 'computed' && g.denominator !== null && ` (${g.numerator} av ${g.denominator}${users ? ' användare' : ''})`}</dd></div>
        <div><dt>Målvärde</dt><dd>{goalTarget(g.unit, g.target, g.comparison)}</dd></div>
        <div><dt>Status</dt><dd><StatusTag status={g.status} /></dd></div>
        <div><dt>Offentligt</dt><dd>{g.public ? 'Ja, visas på den offentliga sidan' : 'Nej'}</dd></div>
      </dl>

      {g.subareas && g.subareas.length > 0 && (
        <section aria-labelledby="subareas-heading">
          <h2 id="subareas-heading">Per delområde</h2>
          <p>Målet gäller inom varje delområde; målets värde är det lägsta delområdets andel.</p>
          <ScrollTable label="Per delområde">
            <table>
              <thead><tr><th scope="col">Delområde</th><th scope="col" class="num">Andel</th><th scope="col" class="num">Uppfyller</th><th scope="col" class="num">Totalt</th></tr></thead>
              <tbody>{g.subareas.map((s) => <tr><th scope="row">{s.name}</th><td class="num">{goalValue('share', s.value)}</td><td class="num">{s.numerator}</td><td class="num">{s.denominator}</td></tr>)}</tbody>
            </table>
          </ScrollTable>
        </section>
      )}

      {g.breakdown.length > 0 && (
        <section aria-labelledby="breakdown-heading">
          <h2 id="breakdown-heading">Per kommun</h2>
          {g.breakdown.length <= barsPerMemberUpTo
            ? <BarChart title="Andel per kommun" tableId="breakdown-table"
              bars={g.breakdown.map((b) => ({ label: b.name, value: Math.round((b.value ?? 0) * 1000), display: goalValue('share', b.value) }))} />
            : <BarChart title="Kommunerna efter andel" tableId="breakdown-table" bars={spread(g.breakdown)} />}
          <ScrollTable label="Per kommun">
            <table id="breakdown-table">
              <thead><tr><th scope="col">Kommun</th><th scope="col" class="num">Andel</th><th scope="col" class="num">Uppfyller</th><th scope="col" class="num">Totalt</th></tr></thead>
              <tbody>{g.breakdown.map((b) => <tr><th scope="row"><a href={`/kommuner/${b.code}`}>{b.name}</a></th><td class="num">{goalValue('share', b.value)}</td><td class="num">{b.numerator}</td><td class="num">{b.denominator}</td></tr>)}</tbody>
            </table>
          </ScrollTable>
        </section>
      )}

      {g.type === 'computed' && (
        <section aria-labelledby="why-heading">
          <h2 id="why-heading">Varför: vad som räknas</h2>
          <div class="two-columns">
            <MemberList g={g} members={counted} total={totalCounted} ok={true} />
            <MemberList g={g} members={notCounted} total={total - totalCounted} ok={false} />
          </div>
          {g.members.length < total && <p><a href={`/mal/${g.id}?visa=alla#why-heading`}>Visa alla {count(total)}</a> (en lång sida).</p>}
        </section>
      )}

      {g.measurements.length > 0 && (
        <section aria-labelledby="measurements-heading">
          <h2 id="measurements-heading">Mätningar</h2>
          <ScrollTable label="Mätningar">
            <table>
              <thead><tr><th scope="col">Period</th><th scope="col" class="num">Värde</th><th scope="col">Kommentar</th></tr></thead>
              <tbody>{g.measurements.map((m) => <tr><td>{date(m.period)}</td><td class="num">{goalValue(g.unit, m.value)}</td><td>{m.comment || '–'}</td></tr>)}</tbody>
            </table>
          </ScrollTable>
        </section>
      )}

      <section aria-labelledby="history-heading">
        <h2 id="history-heading">Utveckling</h2>
        <TrendChart title={`Utveckling: ${g.title}`} points={g.fullHistory} target={g.target} unit={g.unit} comparison={g.comparison} tableId="trend-table" />
      </section>
    </>
  );
};
