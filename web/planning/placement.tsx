import type { FC } from 'hono/jsx';
import { differenceInWords, figure, measures, type Measure, type Placement } from '../../worker/planning/placement.ts';
import { BarChart } from '../components/bar-chart.tsx';
import { EmptyState, PageHeader, ScrollTable } from '../components/page.tsx';
import { count } from '../format.ts';

export const measureLabel: Record<Measure, { heading: string; short: string; chart: string; none: string }> = {
  hosting: {
    heading: 'Värd för samverkan', short: 'Värd', chart: 'Antal samverkan där kommunen är värd',
    none: 'Ingen aktiv samverkan har en värdkommun bland kommunerna.',
  },
  ownership: {
    heading: 'Systemägare för samverkan', short: 'Systemägare', chart: 'Antal samverkan där systemägaren kommer från kommunen',
    none: 'Ingen aktiv samverkan har ännu en systemägare från någon av kommunerna.',
  },
  administration: {
    heading: 'Förvaltningsansvar', short: 'Förvaltningsansvar',
    chart: 'Antal förvaltningsansvar (systemadministratör, driftansvarig, systemtekniker) som kommunens personer har',
    none: 'Ingen från kommunerna har ännu en roll som systemadministratör, driftansvarig eller systemtekniker i en aktiv samverkan.',
  },
};

const tableId = 'placement-table';

export const PlacementPage: FC<{ placement: Placement }> = ({ placement }) => (
  <>
    <PageHeader
      title="Rättvis fördelning"
      crumbs={[{ href: '/samverkan', label: 'Samverkan' }]}
      lead="Strategin lägger driftansvaret där kunskapen finns, men bördan ska fördelas rättvist. Här syns hur många samverkan varje kommun är värd för, hur många systemägare den har och hur många förvaltningsansvar den bär – jämfört med en jämn andel."
    />
    {placement.municipalities.length === 0 ? (
      <EmptyState><p>Det finns inga kommuner i registret. Börja med att <a href="/kommuner/ny">lägga till kommunerna</a>.</p></EmptyState>
    ) : placement.activeCollaborations === 0 ? (
      <EmptyState>
        <p>Det finns ingen aktiv samverkan ännu, så det finns inget att fördela.</p>
        <p>Se <a href="/prioritering">prioriteringslistan</a> för vilka applikationer som är kandidater för samverkan.</p>
      </EmptyState>
    ) : (
      <Figures placement={placement} />
    )}
    <Explanation />
  </>
);

const Figures: FC<{ placement: Placement }> = ({ placement }) => (
  <>
    <p class="summary">
      {count(placement.activeCollaborations)} aktiva samverkan mellan {count(placement.municipalities.length)} kommuner.
      {placement.withoutOwner > 0 && ` ${count(placement.withoutOwner)} av dem har ingen systemägare.`}
      {measures.filter((m) => placement.totals[m].unattributed > 0).map((m) =>
        ` ${measureLabel[m].short}: ${count(placement.totals[m].unattributed)} hör inte till någon kommun och räknas inte med.`)}
    </p>
    <div class="placement-charts">
      {measures.map((m) => (
        <section aria-labelledby={`chart-${m}`}>
          <h2 id={`chart-${m}`}>{measureLabel[m].heading}</h2>
          {placement.totals[m].total === 0 ? (
            <EmptyState><p>{measureLabel[m].none}</p></EmptyState>
          ) : (
            <>
              <p>Jämn andel: {figure(placement.totals[m].evenShare)} per kommun ({count(placement.totals[m].total)} totalt).</p>
              <BarChart
                title={`${measureLabel[m].chart}, jämn andel ${figure(placement.totals[m].evenShare)}`}
                tableId={tableId}
                bars={placement.municipalities.map((row) => ({ label: row.name, value: row[m].count, display: count(row[m].count) }))}
              />
            </>
          )}
        </section>
      ))}
    </div>
    <section aria-labelledby="placement-table-heading">
      <h2 id="placement-table-heading">Alla siffror</h2>
      <ScrollTable label="Fördelning per kommun">
        <table id={tableId}>
          <caption class="visually-hidden">Per kommun: antal och skillnad mot jämn andel för värdskap, systemägare och förvaltningsansvar</caption>
          <thead>
            <tr>
              <td></td>
              {measures.map((m) => <th scope="colgroup" colspan={2}>{measureLabel[m].short}</th>)}
            </tr>
            <tr>
              <th scope="col">Kommun</th>
              {measures.map((m) => (
                <>
                  <th scope="col" class="num">Antal<span class="visually-hidden"> {measureLabel[m].short.toLowerCase()}</span></th>
                  <th scope="col">Mot jämn andel<span class="visually-hidden"> {measureLabel[m].short.toLowerCase()}</span></th>
                </>
              ))}
            </tr>
          </thead>
          <tbody>
            {placement.municipalities.map((row) => (
              <tr>
                <th scope="row"><a href={`/kommuner/${row.code}`}>{row.name}</a></th>
                {measures.map((m) => (
                  <>
                    <td class="num">{count(row[m].count)}</td>
                    <td>{differenceInWords(row[m].difference)}</td>
                  </>
                ))}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">Totalt (jämn andel)</th>
              {measures.map((m) => (
                <>
                  <td class="num">{count(placement.totals[m].total)}</td>
                  <td>{figure(placement.totals[m].evenShare)} per kommun</td>
                </>
              ))}
            </tr>
          </tfoot>
        </table>
      </ScrollTable>
    </section>
  </>
);

const Explanation: FC = () => (
  <section aria-labelledby="placement-explanation">
    <h2 id="placement-explanation">Så räknas det</h2>
    <dl class="planning-definitions">
      <div><dt>{measureLabel.hosting.heading}</dt><dd>Aktiva samverkan (inte avslutade) där kommunen är värd: driver den gemensamma lösningen eller har expertisen.</dd></div>
      <div><dt>{measureLabel.ownership.heading}</dt><dd>Aktiva samverkan vars gemensamma systemägare är en person från kommunen.</dd></div>
      <div>
        <dt>{measureLabel.administration.heading}</dt>
        <dd>
          Roller som systemadministratör, driftansvarig eller systemtekniker som personer från kommunen har – för en aktiv samverkan, eller för
          ett system som ingår i en aktiv samverkan. Varje rolltilldelning räknas en gång.
        </dd>
      </div>
      <div>
        <dt>Jämn andel</dt>
        <dd>
          Summan för alla kommuner delad med antalet kommuner. Skillnaden visar hur mycket kommunen har över eller under den. Personer som
          inte hör till någon kommun (de arbetar för samverkan som helhet) räknas inte in.
        </dd>
      </div>
    </dl>
  </section>
);
