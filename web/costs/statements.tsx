import type { FC } from 'hono/jsx';
import { categoryLabel } from '../../worker/costs/cost-schemas.ts';
import { percentText, type Statement, type Unallocated, type YearStatements } from '../../worker/costs/statements.ts';
import { BarChart } from '../components/bar-chart.tsx';
import { EmptyState, PageHeader, ScrollTable } from '../components/page.tsx';
import { kronorWithOre } from './calculator.tsx';

const base = '/kostnader/fakturaunderlag';

/** A statement limited to one collaboration's costs (`?samverkan=<id>`), or null for all costs. */
export type Scope = { id: number; name: string };
const scopeQuery = (scope: Scope | null) => (scope ? `&samverkan=${scope.id}` : '');
const scopeTitle = (scope: Scope | null) => (scope ? `, samverkan ${scope.name}` : '');

const UnallocatedList: FC<{ items: Unallocated[] }> = ({ items }) =>
  items.length === 0 ? null : (
    <section aria-labelledby="ej-fordelade">
      <h2 id="ej-fordelade">Ej fördelade kostnader</h2>
      <p>Kostnaderna nedan kan inte fördelas och ingår inte i fakturaunderlagen eller i summan.</p>
      <ul>
        {items.map((u) => <li><strong>{u.description}</strong>: <span class="error-message">{u.problem}</span></li>)}
      </ul>
    </section>
  );

/** The year's statements: the total per municipality as a chart and a table, each linking to its statement. */
export const StatementsPage: FC<{ statements: YearStatements; balances: boolean; scope: Scope | null }> = ({ statements, balances, scope }) => {
  const { year, municipalities, unallocated, totalOre } = statements;
  const withLines = municipalities.filter((m) => m.lines.length > 0);
  return (
    <>
      <PageHeader title={`Fakturaunderlag ${year}${scopeTitle(scope)}`} crumbs={[{ href: `/kostnader?ar=${year}`, label: 'Kostnader' }]}
        lead={scope ? `Vad varje kommun ska betala för samverkan ${scope.name}s kostnader ${year}.` : 'Vad varje kommun ska betala för årets gemensamma kostnader, fördelat med fördelningsnycklarna.'}
        actions={<>
          {scope && <a href={`${base}?ar=${year}`}>Alla kostnader</a>}
          <a href={`${base}.xlsx?ar=${year}${scopeQuery(scope)}`} download>Ladda ner alla som Excel</a>
        </>} />
      <nav aria-label="År" class="year-nav">
        <a href={`${base}?ar=${year - 1}${scopeQuery(scope)}`}>← {year - 1}</a> <a href={`${base}?ar=${year + 1}${scopeQuery(scope)}`}>{year + 1} →</a>
      </nav>
      {withLines.length === 0 ? <EmptyState><p>Inga fördelade kostnader för {year}.</p></EmptyState> : (
        <>
          <BarChart title={`Att betala per kommun ${year}`} tableId="fakturaunderlag-tabell"
            bars={withLines.map((m) => ({ label: m.name, value: Math.abs(m.totalOre), display: kronorWithOre(m.totalOre) }))} />
          <ScrollTable label={`Att betala per kommun ${year}`}>
            <table id="fakturaunderlag-tabell">
              <caption>Att betala per kommun {year}</caption>
              <thead><tr><th scope="col">Kommun</th><th scope="col" class="num">Kostnader</th><th scope="col" class="num">Att betala</th></tr></thead>
              <tbody>
                {municipalities.map((m) => (
                  <tr>
                    <th scope="row"><a href={`${base}/${m.municipality}?ar=${year}${scopeQuery(scope)}`}>{m.name}</a></th>
                    <td class="num">{m.lines.length}</td>
                    <td class="num">{kronorWithOre(m.totalOre)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr><th scope="row" colspan={2}>Summa fördelade kostnader</th><td class="num">{kronorWithOre(totalOre)}</td></tr>
                {statements.creditsOre !== 0 && <tr><th scope="row" colspan={2}>Krediterad solidarisk finansiering</th><td class="num">{kronorWithOre(statements.creditsOre)}</td></tr>}
                {statements.creditsOre !== 0 && <tr><th scope="row" colspan={2}>Att betala totalt</th><td class="num">{kronorWithOre(statements.netOre)}</td></tr>}
              </tfoot>
            </table>
          </ScrollTable>
          <p>{balances
            ? 'Kontroll: fakturaunderlagen summerar till årets fördelade kostnader på öret.'
            : 'Kontroll misslyckades: fakturaunderlagen summerar inte till årets fördelade kostnader.'}</p>
        </>
      )}
      <UnallocatedList items={unallocated} />
    </>
  );
};

/** One municipality's statement for a year: its lines and total; printable. */
export const StatementPage: FC<{ year: number; statement: Statement; unallocated: Unallocated[]; scope: Scope | null }> = ({ year, statement, unallocated, scope }) => (
  <>
    <PageHeader title={`Fakturaunderlag ${year}: ${statement.name}${scopeTitle(scope)}`}
      crumbs={[{ href: `/kostnader?ar=${year}`, label: 'Kostnader' }, { href: `${base}?ar=${year}${scopeQuery(scope)}`, label: `Fakturaunderlag ${year}` }]}
      lead={`Kommunkod ${statement.municipality}. Kommunens andel av ${scope ? `samverkan ${scope.name}s` : 'årets gemensamma'} kostnader.`}
      actions={<>
        <a href={`${base}/${statement.municipality}.xlsx?ar=${year}${scopeQuery(scope)}`} download>Ladda ner som Excel</a>
        <a href={`${base}/${statement.municipality}.csv?ar=${year}${scopeQuery(scope)}`} download>Ladda ner som CSV</a>
        <button type="button" class="button secondary" data-print hidden>Skriv ut</button>
      </>} />
    <nav aria-label="År" class="year-nav">
      <a href={`${base}/${statement.municipality}?ar=${year - 1}${scopeQuery(scope)}`}>← {year - 1}</a> <a href={`${base}/${statement.municipality}?ar=${year + 1}${scopeQuery(scope)}`}>{year + 1} →</a>
    </nav>
    {statement.lines.length === 0 ? <EmptyState><p>{statement.name} har inga fördelade kostnader för {year}.</p></EmptyState> : (
      <ScrollTable label={`Fakturaunderlag ${year} för ${statement.name}`}>
        <table>
          <caption>Fakturaunderlag {year} för {statement.name}</caption>
          <thead><tr><th scope="col">Kostnad</th><th scope="col">Kategori</th><th scope="col">Nyckel</th><th scope="col" class="num">Andel</th><th scope="col" class="num">Belopp</th></tr></thead>
          <tbody>
            {statement.lines.map((l) => (
              <tr>
                <th scope="row">{l.description}</th>
                <td>{categoryLabel[l.category]}</td>
                <td>{l.kind === 'credit' ? 'Kreditering' : l.keyName}</td>
                <td class="num">{l.kind === 'credit' ? '–' : `${percentText(l.sharePercent)} %`}</td>
                <td class="num">{kronorWithOre(l.amountOre)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot><tr><th scope="row" colspan={4}>Summa att betala</th><td class="num">{kronorWithOre(statement.totalOre)}</td></tr></tfoot>
        </table>
      </ScrollTable>
    )}
    <UnallocatedList items={unallocated} />
  </>
);
