import type { FC } from 'hono/jsx';
import type { BudgetComparison } from '../../worker/costs/budget.ts';
import { categoryLabel } from '../../worker/costs/cost-schemas.ts';
import { EmptyState, PageHeader, ScrollTable } from '../components/page.tsx';
import { kronorWithOre } from './calculator.tsx';

const base = '/kostnader/budget';

/** "+1 200,00 kr" over budget, "−300,00 kr" under: the sign says it, not a colour. */
const deviation = (ore: number) => (ore > 0 ? `+${kronorWithOre(ore)}` : kronorWithOre(ore));

/**
 * Budget and outcome side by side per municipality as server-rendered SVG: the budget bar
 * outlined, the outcome bar filled, each with its word and figure beside it, so neither
 * colour nor fill alone tells them apart. The table below carries the same figures.
 */
const BudgetChart: FC<{ title: string; rows: { label: string; budget: number; outcome: number }[]; tableId: string }> = ({ title, rows, tableId }) => {
  const max = Math.max(1, ...rows.flatMap((r) => [Math.abs(r.budget), Math.abs(r.outcome)]));
  const labelWidth = 130;
  const barArea = 300;
  const group = 44;
  return (
    <figure class="chart">
      <svg viewBox={`0 0 ${labelWidth + barArea + 190} ${rows.length * group + 8}`} role="img" aria-label={`${title}. Siffrorna finns i tabellen nedan.`} aria-describedby={tableId}>
        {rows.map((r, i) => {
          const y = i * group + 4;
          const width = (value: number) => Math.max(1, Math.round((Math.abs(value) / max) * barArea));
          return (
            <g>
              <text x={labelWidth - 8} y={y + 24} text-anchor="end" class="chart-label">{r.label}</text>
              <rect x={labelWidth} y={y + 2} width={width(r.budget)} height={16} class="chart-bar-outline" />
              <text x={labelWidth + width(r.budget) + 6} y={y + 15} class="chart-value">Budget {kronorWithOre(r.budget)}</text>
              <rect x={labelWidth} y={y + 21} width={width(r.outcome)} height={16} class="chart-bar" />
              <text x={labelWidth + width(r.outcome) + 6} y={y + 34} class="chart-value">Utfall {kronorWithOre(r.outcome)}</text>
            </g>
          );
        })}
      </svg>
      <figcaption>{title}</figcaption>
    </figure>
  );
};

export const BudgetPage: FC<{ budget: BudgetComparison & { closed: boolean } }> = ({ budget }) => {
  const { year, municipalities, items, total } = budget;
  return (
    <>
      <PageHeader title={`Budget och utfall ${year}`} crumbs={[{ href: `/kostnader?ar=${year}`, label: 'Kostnader' }]}
        lead={`Varje kommuns andel av de budgeterade och de verkliga kostnaderna, fördelade med samma nycklar.${budget.closed ? ` Året är stängt; siffrorna är de bokförda.` : ''}`}
        actions={<>
          <a href={`${base}.xlsx?ar=${year}`} download>Ladda ner som Excel</a>
          <a href={`${base}.csv?ar=${year}`} download>Ladda ner som CSV</a>
        </>} />
      <nav aria-label="År" class="year-nav">
        <a href={`${base}?ar=${year - 1}`}>← {year - 1}</a> <a href={`${base}?ar=${year + 1}`}>{year + 1} →</a>
      </nav>
      {items.length === 0 ? <EmptyState><p>Inga kostnader för {year}.</p></EmptyState> : (
        <>
          <BudgetChart title={`Budget och utfall per kommun ${year}`} tableId="budget-per-kommun"
            rows={municipalities.filter((m) => m.budgetOre !== 0 || m.outcomeOre !== 0).map((m) => ({ label: m.name, budget: m.budgetOre, outcome: m.outcomeOre }))} />
          <ScrollTable label={`Budget och utfall per kommun ${year}`}>
            <table id="budget-per-kommun">
              <caption>Budget och utfall per kommun {year}</caption>
              <thead><tr><th scope="col">Kommun</th><th scope="col" class="num">Budget</th><th scope="col" class="num">Utfall</th><th scope="col" class="num">Avvikelse</th></tr></thead>
              <tbody>
                {municipalities.map((m) => (
                  <tr><th scope="row">{m.name}</th><td class="num">{kronorWithOre(m.budgetOre)}</td><td class="num">{kronorWithOre(m.outcomeOre)}</td><td class="num">{deviation(m.deviationOre)}</td></tr>
                ))}
              </tbody>
              <tfoot><tr><th scope="row">Summa</th><td class="num">{kronorWithOre(total.budgetOre)}</td><td class="num">{kronorWithOre(total.outcomeOre)}</td><td class="num">{deviation(total.deviationOre)}</td></tr></tfoot>
            </table>
          </ScrollTable>
          <p class="hint">Avvikelse är utfall minus budget: plus betyder över budget, minus under. Solidarisk finansiering räknas netto: kommunen som får ersättningen krediteras den.</p>
          <ScrollTable label={`Budget och utfall per kostnad ${year}`}>
            <table>
              <caption>Budget och utfall per kostnad {year}</caption>
              <thead><tr><th scope="col">Kostnad</th><th scope="col">Kategori</th><th scope="col" class="num">Budget</th><th scope="col" class="num">Utfall</th><th scope="col" class="num">Avvikelse</th></tr></thead>
              <tbody>
                {items.map((i) => (
                  <tr>
                    <th scope="row">{i.description}{!i.allocated && ' (ej fördelad)'}</th>
                    <td>{categoryLabel[i.category]}</td>
                    <td class="num">{i.budgeted ? kronorWithOre(i.budgetOre) : 'Ej budgeterad'}</td>
                    <td class="num">{kronorWithOre(i.outcomeOre)}</td>
                    <td class="num">{i.budgeted ? deviation(i.deviationOre) : '–'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
        </>
      )}
    </>
  );
};
