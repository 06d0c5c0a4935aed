import type { FC } from 'hono/jsx';
import { goalAreas } from '../../schema/goals.ts';
import type { GoalView } from '../../worker/goals/queries.ts';
import { EmptyState, PageHeader, ScrollTable } from '../components/page.tsx';
import { date } from '../format.ts';
import { areaLabel, goalTarget, goalValue, statusText } from './labels.ts';
import { Downloads } from '../transfer/downloads.tsx';

/** Value against target as a bar; the figures stand in the table cells next to it. */
export const Progress: FC<{ g: Pick<GoalView, 'unit' | 'value' | 'target'> }> = ({ g }) => {
  if (g.unit !== 'share' || g.value === null) return null;
  const width = 120;
  return (
    <svg class="progress" viewBox={`0 0 ${width} 12`} width={width} height="12" aria-hidden="true">
      <rect x="0" y="2" width={width} height="8" class="progress-track" />
      <rect x="0" y="2" width={Math.round(Math.min(1, g.value) * width)} height="8" class="progress-value" />
      {g.target !== null && <line x1={g.target * width} x2={g.target * width} y1="0" y2="12" class="progress-target" />}
    </svg>
  );
};

export const StatusTag: FC<{ status: GoalView['status'] }> = ({ status }) => (
  <span class={`goal-status goal-status-${status}`}><span aria-hidden="true">{statusText[status].symbol} </span>{statusText[status].label}</span>
);

export const GoalBoardPage: FC<{ goals: GoalView[]; admin: boolean }> = ({ goals, admin }) => {
  const counts = goals.reduce<Record<string, number>>((all, g) => ({ ...all, [g.status]: (all[g.status] ?? 0) + 1 }), {});
  return (
    <>
      <PageHeader title="Mål" lead={goals[0] ? `${goals[0].strategy}: hur långt strategin har kommit, räknat från registret när det går och inmatat annars.` : undefined}
        actions={<>
          <a class="button" href="/mal/tank-om">Tänk om …</a>
          <a class="button secondary" href="/handlingsplan">Handlingsplan</a>
          <a class="button secondary" href="/lagesrapporter">Lägesrapporter</a>
          <a class="button secondary" href="/offentligt/mal">Den offentliga sidan</a>
          <Downloads base="/export/malstatus" what="Hämta målstatus" />
        </>} />
      {goals.length === 0 ? <EmptyState><p>Inga mål är registrerade.</p></EmptyState> : (
        <>
          <p class="summary">
            {(['reached', 'onTrack', 'atRisk', 'behind'] as const).map((s) => `${statusText[s].label}: ${counts[s] ?? 0}`).join(' · ')}.
            Status räknas fram ur värdet, målet, tiden som är kvar och trenden de senaste månaderna.
          </p>
          {goalAreas.filter((area) => goals.some((g) => g.area === area)).map((area) => (
            <section aria-labelledby={`area-${area}`}>
              <h2 id={`area-${area}`}>{areaLabel[area]}</h2>
              <ScrollTable label={`Mål för ${areaLabel[area].toLowerCase()}`}>
                <table class="goals">
                  <thead>
                    <tr><th scope="col">Mål</th><th scope="col">Värde</th><th scope="col">Målvärde</th><th scope="col"><span class="visually-hidden">Värde mot mål</span></th><th scope="col">Senast</th><th scope="col">Status</th></tr>
                  </thead>
                  <tbody>
                    {goals.filter((g) => g.area === area).map((g) => (
                      <tr>
                        <th scope="row"><a href={`/mal/${g.id}`}>{g.title}</a>{!g.public && admin && <span class="tag">Inte offentligt</span>}</th>
                        <td class="num">{goalValue(g.unit, g.value)}{g.denominator !== null && g.unit === 'share' && g.type === 'computed' && <span class="fraction"> ({g.numerator} av {g.denominator})</span>}</td>
                        <td class="num">{goalTarget(g.unit, g.target, g.comparison)}</td>
                        <td><Progress g={g} /></td>
                        <td>{date(g.deadline)}</td>
                        <td><StatusTag status={g.status} /></td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ScrollTable>
            </section>
          ))}
        </>
      )}
    </>
  );
};
