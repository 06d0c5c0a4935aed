import type { FC } from 'hono/jsx';
import { goalAreas } from '../../schema/goals.ts';
import type { FieldIssue } from '../../worker/outcome.ts';
import type { Report } from '../../worker/goals/reports.ts';
import { ErrorSummary, TextArea, TextField, VersionField } from '../components/forms.tsx';
import { EmptyState, PageHeader, ScrollTable } from '../components/page.tsx';
import { date } from '../format.ts';
import { StatusTag } from './board.tsx';
import { areaLabel, goalTarget, goalValue } from './labels.ts';

const actionStatus: Record<string, string> = { planned: 'Planerad', ongoing: 'Pågår', done: 'Klar', cancelled: 'Inställd' };

export const ReportListPage: FC<{ reports: { id: number; reportDate: string; title: string; issuedAt: string | null }[]; admin: boolean; today: string; issues?: FieldIssue[]; values?: Record<string, string> }> = ({ reports, admin, today, issues = [], values = {} }) => (
  <>
    <PageHeader title="Lägesrapporter" crumbs={[{ href: '/mal', label: 'Mål' }]}
      lead="IT-chefsgruppens rapport till ledningen två gånger om året: målen, trenderna och handlingsplanen som de var på rapportdagen." />
    {reports.length === 0 ? <EmptyState><p>Ingen lägesrapport är gjord än.</p></EmptyState> : (
      <ul class="plain-list">
        {reports.map((r) => <li><a href={`/lagesrapporter/${r.id}`}>{r.title}</a> ({date(r.reportDate)}{r.issuedAt ? ', utfärdad' : ', utkast'})</li>)}
      </ul>
    )}
    {admin && (
      <form method="post" action="/lagesrapporter" class="form" novalidate>
        <h2>Gör en ny lägesrapport</h2>
        <p>Målens värden och handlingsplanen kopieras in i rapporten nu och ändras inte efteråt. Analysen skriver du sedan.</p>
        <ErrorSummary issues={issues} labels={{ title: 'Rubrik', reportDate: 'Rapportdatum' }} />
        <TextField name="title" label="Rubrik" value={values.title ?? `Lägesrapport ${today.slice(0, 4)}`} error={issues.find((i) => i.path === 'title')?.message} />
        <TextField name="reportDate" label="Rapportdatum" type="date" size="short" value={values.reportDate ?? today} error={issues.find((i) => i.path === 'reportDate')?.message} />
        <button type="submit" class="button primary">Gör rapporten</button>
      </form>
    )}
  </>
);

/** The report as it goes to management; prints as a document (print styles hide the site around it). */
export const ReportPage: FC<{ report: Report; admin: boolean }> = ({ report, admin }) => {
  const { content } = report;
  return (
    <article class="report">
      <PageHeader title={report.title} crumbs={[{ href: '/lagesrapporter', label: 'Lägesrapporter' }]}
        lead={`${content.strategy} · läget ${date(report.reportDate)}${report.issuedAt ? ` · utfärdad ${date(report.issuedAt)}` : ' · utkast'}`}
        actions={admin && !report.issuedAt && <a class="button secondary" href={`/lagesrapporter/${report.id}/andra`}>Skriv analys eller utfärda</a>} />
      {goalAreas.filter((area) => content.goals.some((g) => g.area === area)).map((area) => (
        <section aria-labelledby={`report-${area}`} class="report-area">
          <h2 id={`report-${area}`}>{areaLabel[area]}</h2>
          <ScrollTable label={`Mål för ${areaLabel[area].toLowerCase()}`}>
            <table>
              <thead><tr><th scope="col">Mål</th><th scope="col" class="num">Värde</th><th scope="col" class="num">Målvärde</th><th scope="col">Senast</th><th scope="col">Status</th></tr></thead>
              <tbody>
                {content.goals.filter((g) => g.area === area).map((g) => (
                  <tr>
                    <th scope="row">{g.title}</th>
                    <td class="num">{goalValue(g.unit, g.value)}</td>
                    <td class="num">{goalTarget(g.unit, g.target, g.comparison)}</td>
                    <td>{date(g.deadline)}</td>
                    <td><StatusTag status={g.status} /></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
          {report.analysis[area] ? <div class="analysis"><h3>Analys</h3><p class="notes">{report.analysis[area]}</p></div> : null}
        </section>
      ))}
      <section aria-labelledby="report-actions">
        <h2 id="report-actions">Handlingsplanen</h2>
        {content.actions.length === 0 ? <p>Handlingsplanen är tom.</p> : (
          <ScrollTable label="Handlingsplanen">
            <table>
              <thead><tr><th scope="col">Aktivitet</th><th scope="col">Klar senast</th><th scope="col">Ansvarig</th><th scope="col">Status</th><th scope="col">Senaste lägesanteckning</th></tr></thead>
              <tbody>
                {content.actions.map((a) => (
                  <tr>
                    <th scope="row">{a.title}</th>
                    <td>{a.due ?? '–'}</td>
                    <td>{a.owner ?? '–'}</td>
                    <td>{actionStatus[a.status] ?? a.status}{a.overdue && <strong class="overdue-tag">Försenad</strong>}</td>
                    <td>{a.latestNote ?? '–'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
        )}
      </section>
    </article>
  );
};

export const ReportForm: FC<{ report: Report; issues?: FieldIssue[]; error?: string }> = ({ report, issues = [], error }) => (
  <form method="post" action={`/lagesrapporter/${report.id}/andra`} class="form" novalidate>
    <ErrorSummary error={error} issues={issues} />
    <VersionField version={report.version} />
    <TextField name="title" label="Rubrik" value={report.title} />
    {goalAreas.filter((area) => report.content.goals.some((g) => g.area === area)).map((area) => (
      <TextArea name={`analysis.${area}`} label={`Analys: ${areaLabel[area]}`} value={report.analysis[area] ?? ''} />
    ))}
    <div class="field checkbox">
      <input type="checkbox" id="f-issued" name="issued" />
      <label for="f-issued">Utfärda rapporten (den kan inte ändras efteråt)</label>
    </div>
    <button type="submit" class="button primary">Spara</button>
  </form>
);
