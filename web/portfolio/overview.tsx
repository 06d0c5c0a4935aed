import type { Child, FC } from 'hono/jsx';
import { applicationKinds } from '../../schema/portfolio.ts';
import { noticeDeadline, noticeStatus } from '../../worker/portfolio/contracts.ts';
import type { overview } from '../../worker/portfolio/queries.ts';
import { BarChart } from '../components/bar-chart.tsx';
import { EmptyState, PageHeader, ScrollTable } from '../components/page.tsx';
import { count, date, sek, productLabel } from '../format.ts';
import { kindShort } from '../labels.ts';

/** `attention`: the "Att hantera" section (web/attention/section.tsx), shown first. */
type Props = { data: Awaited<ReturnType<typeof overview>>; today: string; attention?: Child };

/** What must be acted on first comes first: the last day to give notice. */
const byNoticeDeadline = <R extends { installation: { contractEnd: string | null; noticeMonths: number | null } }>(rows: R[]) =>
  rows.map((row) => ({ row, deadline: noticeDeadline(row.installation.contractEnd!, row.installation.noticeMonths) }))
    .sort((a, b) => a.deadline.localeCompare(b.deadline))
    .map(({ row }) => row);

const noticeText = { passed: 'Uppsägningstiden har passerat', soon: 'Säg upp snart', later: 'I god tid' } as const;

export const OverviewPage: FC<Props> = ({ data, today, attention }) => {
  const perCode = new Map(data.perMunicipality.map((p) => [p.municipality, p]));
  const rows = data.municipalities.map((m) => ({ ...m, ...(perCode.get(m.code) ?? { installations: 0, yearlyCostOre: 0, unconfirmed: 0 }) }));
  const kinds = new Map(data.kinds.map((k) => [k.kind, k.count]));
  const totalApplications = data.kinds.reduce((sum, k) => sum + k.count, 0);
  return (
    <>
      <PageHeader
        title="Översikt"
        lead={`Vad de ${data.municipalities.length} kommunerna i samverkan använder, vad det kostar och vilka avtal som snart löper ut.`}
      />
      {data.municipalities.length === 0 ? (
        <EmptyState>
          <p>Registret är tomt. Börja med att <a href="/kommuner/ny">lägga till kommunerna</a> i samverkan.</p>
        </EmptyState>
      ) : (
        <>
          {attention}
          <section aria-labelledby="catalogue-heading" class="stats">
            <h2 id="catalogue-heading">Applikationer i katalogen</h2>
            <dl class="stat-list">
              <div><dt>Totalt</dt><dd><a href="/applikationer">{count(totalApplications)}</a></dd></div>
              {applicationKinds.map((k) => (
                <div><dt>{kindShort[k]}</dt><dd><a href={`/applikationer?typ=${k}`}>{count(kinds.get(k) ?? 0)}</a></dd></div>
              ))}
            </dl>
          </section>

          <section aria-labelledby="cost-heading">
            <h2 id="cost-heading">System och kostnader per kommun</h2>
            <BarChart
              title="Licens- och driftkostnad per år, per kommun"
              tableId="cost-table"
              bars={rows.map((r) => ({ label: r.name, value: r.yearlyCostOre, display: sek(r.yearlyCostOre) }))}
            />
            <ScrollTable label="System och kostnader per kommun">
              <table id="cost-table">
                <thead>
                  <tr>
                    <th scope="col">Kommun</th>
                    <th scope="col" class="num">System</th>
                    <th scope="col" class="num">Kostnad per år</th>
                    <th scope="col" class="num">Ej bekräftade på 12 månader</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr>
                      <th scope="row"><a href={`/kommuner/${r.code}`}>{r.name}</a></th>
                      <td class="num">{count(r.installations)}</td>
                      <td class="num">{sek(r.yearlyCostOre)}</td>
                      <td class="num">{count(r.unconfirmed)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollTable>
          </section>

          <section aria-labelledby="contracts-heading">
            <h2 id="contracts-heading">Avtal som löper ut inom ett år</h2>
            <p>Enligt strategin är avtal som är på väg att gå ut ett skäl att prioritera samverkan: ta upp dem med de andra kommunerna före uppsägningen.</p>
            {data.endingContracts.length === 0 ? (
              <EmptyState><p>Inga registrerade avtal löper ut under de närmaste tolv månaderna.</p></EmptyState>
            ) : (
              <ScrollTable label="Avtal som löper ut">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">Applikation</th>
                      <th scope="col">Kommun</th>
                      <th scope="col">Produkt</th>
                      <th scope="col">Avtalet löper ut</th>
                      <th scope="col">Säg upp senast</th>
                      <th scope="col">Läge</th>
                    </tr>
                  </thead>
                  <tbody>
                    {byNoticeDeadline(data.endingContracts).map((row) => {
                      const end = row.installation.contractEnd!;
                      const status = noticeStatus(end, row.installation.noticeMonths, today);
                      return (
                        <tr>
                          <th scope="row"><a href={`/system/${row.installation.id}`}>{row.applicationName}</a></th>
                          <td>{row.municipalityName}</td>
                          <td>{productLabel(row.productVendor, row.productName)}</td>
                          <td>{date(end)}</td>
                          <td>{date(noticeDeadline(end, row.installation.noticeMonths))}</td>
                          <td><span class={`status status-${status}`}>{noticeText[status]}</span></td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </ScrollTable>
            )}
          </section>
        </>
      )}
    </>
  );
};
