import type { FC } from 'hono/jsx';
import type { GoalDetail } from '../../worker/goals/queries.ts';
import { BarChart } from '../components/bar-chart.tsx';
import { PageHeader, ScrollTable } from '../components/page.tsx';
import { date } from '../format.ts';
import { StatusTag } from './board.tsx';
import { TrendChart } from './trend-chart.tsx';
import { areaLabel, goalTarget, goalValue } from './labels.ts';

const memberHref = (g: GoalDetail, id: number) => (g.definition?.population === 'installations' ? `/system/${id}` : `/applikationer/${id}`);

/** One goal: its figure, why (who counts and who does not), per municipality, and how it has moved. */
export const GoalPage: FC<{ g: GoalDetail; admin: boolean }> = ({ g, admin }) => {
  const counted = g.members.filter((m) => m.ok);
  const notCounted = g.members.filter((m) => !m.ok);
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
          <BarChart title="Andel per kommun" tableId="breakdown-table"
            bars={g.breakdown.map((b) => ({ label: b.name, value: Math.round((b.value ?? 0) * 1000), display: goalValue('share', b.value) }))} />
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
            <div>
              <h3>Uppfyller ({counted.length})</h3>
              {counted.length ? <ul class="counts-list">{counted.map((m) => <li class="ok"><a href={memberHref(g, m.id)}>{m.name}</a>{users && ` (${m.w} användare)`}</li>)}</ul> : <p>Inga.</p>}
            </div>
            <div>
              <h3>Uppfyller inte ({notCounted.length})</h3>
              {notCounted.length ? <ul class="counts-list">{notCounted.map((m) => <li class="not"><a href={memberHref(g, m.id)}>{m.name}</a>{users && ` (${m.w} användare)`}</li>)}</ul> : <p>Inga.</p>}
            </div>
          </div>
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
