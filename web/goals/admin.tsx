import type { FC } from 'hono/jsx';
import type { FormValues } from '../../worker/forms.ts';
import type { MeasurementView } from '../../worker/goals/measurements.ts';
import type { GoalDetail } from '../../worker/goals/queries.ts';
import type { FieldIssue } from '../../worker/outcome.ts';
import { ErrorSummary, TextArea, TextField, VersionField } from '../components/forms.tsx';
import { EmptyState, Notice, PageHeader, ScrollTable } from '../components/page.tsx';
import { StatusTag } from './board.tsx';
import { goalTarget, goalValue } from './labels.ts';
import { trendValue, type GoalUnit } from './trend-chart.tsx';

/** The admin page's forms; a failed one is shown again with its errors at the fields. */
export type AdminForm = 'measurement' | 'done' | 'public' | 'edit';
export type AdminFailure = {
  form: AdminForm;
  values: FormValues;
  issues: FieldIssue[];
  error?: string;
  /** A value exists for the period: posting again with its version replaces it. */
  replace?: MeasurementView;
};

const decimal = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 4, useGrouping: false });

/** What a person types for a value: a share as percent ("91,5"), other numbers as they are. */
export const valueToInput = (value: number | null, unit: GoalUnit) =>
  value === null ? '' : decimal.format(unit === 'share' ? value * 100 : value);

export const adminHref = (id: number) => `/mal/${id}/hantera`;

const labels: Record<string, string> = {
  period: 'Period', value: 'Värde', comment: 'Kommentar', doneOn: 'Klar den', title: 'Titel', target: 'Målvärde', deadline: 'Slutdatum', definition: 'Definition', public: 'Offentligt', version: 'Version',
};

/** The first message per field; the definition's paths ("definition.condition.level") stand at its one field. */
function errorsOf(failure: AdminFailure | undefined, form: AdminForm): Record<string, string> {
  if (failure?.form !== form) return {};
  const errors: Record<string, string> = {};
  for (const i of failure.issues) {
    const field = i.path.split('.')[0]!;
    const message = i.path.startsWith('definition.') ? `${i.path.slice('definition.'.length)}: ${i.message}` : i.message;
    errors[field] = errors[field] ? `${errors[field]} ${message}` : message;
  }
  return errors;
}

/** The summary links each message to its field. */
const Summary: FC<{ failure?: AdminFailure; form: AdminForm }> = ({ failure, form }) =>
  failure?.form === form
    ? <ErrorSummary error={failure.error} labels={labels}
        issues={failure.issues.map((i) => (i.path.startsWith('definition.') ? { path: 'definition', message: `${i.path.slice('definition.'.length)}: ${i.message}` } : i))} />
    : null;

const valueOf = (failure: AdminFailure | undefined, form: AdminForm, name: string, fallback: string) =>
  failure?.form === form ? failure.values[name] ?? fallback : fallback;

export const GoalAdminPage: FC<{
  goal: GoalDetail;
  measurements: MeasurementView[];
  today: string;
  notice?: string;
  failure?: AdminFailure;
}> = ({ goal: g, measurements, today, notice, failure }) => {
  const unit = g.unit as GoalUnit;
  const action = (what: string) => `${adminHref(g.id)}/${what}`;
  const lastSnapshot = g.fullHistory.length ? g.fullHistory[g.fullHistory.length - 1]!.on : undefined;
  return (
    <div class="goal-admin">
      <PageHeader title="Hantera målet" crumbs={[{ href: '/mal', label: 'Mål' }, { href: `/mal/${g.id}`, label: 'Målet' }]} lead={g.title} />
      <Notice message={notice} />

      <section aria-labelledby="now-heading">
        <h2 id="now-heading">Läget nu</h2>
        <dl class="goal-figures">
          <div><dt>Värde</dt><dd>{goalValue(unit, g.value)}</dd></div>
          <div><dt>Mål</dt><dd>{goalTarget(unit, g.target, g.comparison)}</dd></div>
          <div><dt>Status</dt><dd><StatusTag status={g.status} /></dd></div>
          <div><dt>Senast</dt><dd>{g.deadline ?? 'Inget slutdatum'}</dd></div>
          <div><dt>Offentligt</dt><dd>{g.public ? 'Ja' : 'Nej'}</dd></div>
        </dl>
        <p><a href={`/mal/${g.id}`}>Till målets sida</a></p>
      </section>

      {g.type === 'measured' && (
        <section aria-labelledby="measurement-heading">
          <h2 id="measurement-heading">Mätvärden</h2>
          <p>Målet mäts: mata in värdet för en period (periodens sista dag) med en kommentar om varifrån det kommer. Det senaste värdet är målets värde.</p>
          {measurements.length === 0 ? (
            <EmptyState><p>Inga värden är inmatade än.</p></EmptyState>
          ) : (
            <ScrollTable label="Inmatade värden">
              <table>
                <thead><tr><th scope="col">Period</th><th scope="col" class="num">Värde</th><th scope="col">Kommentar</th><th scope="col">Inmatat av</th></tr></thead>
                <tbody>
                  {measurements.map((m) => (
                    <tr><th scope="row">{m.period}</th><td class="num">{trendValue(m.value, unit)}</td><td>{m.comment}</td><td>{m.actor}</td></tr>
                  ))}
                </tbody>
              </table>
            </ScrollTable>
          )}
          <h3>Lägg till ett värde</h3>
          <form method="post" action={action('matvarde')} novalidate>
            <Summary failure={failure} form="measurement" />
            {failure?.form === 'measurement' && failure.replace && (
              <div class="confirm" role="alert">
                <p>Perioden {failure.replace.period} har redan värdet {trendValue(failure.replace.value, unit)}. Skicka igen för att ersätta det med det nya värdet.</p>
                <VersionField version={failure.replace.version} />
              </div>
            )}
            <TextField name="period" label="Period" type="date" size="short" required hint="Periodens sista dag, ÅÅÅÅ-MM-DD, t.ex. 2026-06-30."
              value={valueOf(failure, 'measurement', 'period', '')} error={errorsOf(failure, 'measurement').period} />
            <TextField name="value" label={unit === 'share' ? 'Värde i procent' : 'Värde'} size="short" inputmode="decimal" required
              hint={unit === 'share' ? 'T.ex. 91 eller 91,5.' : undefined}
              value={valueOf(failure, 'measurement', 'value', '')} error={errorsOf(failure, 'measurement').value} />
            <TextArea name="comment" label="Kommentar" hint="Varifrån värdet kommer, och vad som har ändrats."
              value={valueOf(failure, 'measurement', 'comment', '')} error={errorsOf(failure, 'measurement').comment} />
            <button type="submit" class="button primary">{failure?.form === 'measurement' && failure.replace ? 'Ersätt värdet' : 'Spara värdet'}</button>
          </form>
        </section>
      )}

      {g.type === 'milestone' && (
        <section aria-labelledby="milestone-heading">
          <h2 id="milestone-heading">Milstolpe</h2>
          {g.doneOn ? (
            <form method="post" action={action('klar')}>
              <p>Milstolpen blev klar {g.doneOn}.</p>
              <Summary failure={failure} form="done" />
              <input type="hidden" name="done" value="nej" />
              <VersionField version={g.version} />
              <button type="submit" class="button secondary">Markera som inte klar</button>
            </form>
          ) : (
            <form method="post" action={action('klar')} novalidate>
              <p>Milstolpen är inte klar{g.deadline ? `; den ska vara klar senast ${g.deadline}` : ''}.</p>
              <Summary failure={failure} form="done" />
              <input type="hidden" name="done" value="ja" />
              <VersionField version={g.version} />
              <TextField name="doneOn" label="Klar den" type="date" size="short" required
                value={valueOf(failure, 'done', 'doneOn', today)} error={errorsOf(failure, 'done').doneOn} />
              <button type="submit" class="button primary">Markera som klar</button>
            </form>
          )}
        </section>
      )}

      <section aria-labelledby="public-heading">
        <h2 id="public-heading">Offentlig sida</h2>
        <form method="post" action={action('offentlig')}>
          <p>
            {g.public
              ? 'Målet visas utan inloggning på den offentliga sidan: titel, värde, mål, status och utveckling.'
              : 'Målet visas bara för inloggade. Visas det offentligt syns titel, värde, mål, status och utveckling utan inloggning.'}
            {' '}<a href="/offentligt/mal">Den offentliga sidan</a>
          </p>
          <Summary failure={failure} form="public" />
          <input type="hidden" name="public" value={g.public ? 'nej' : 'ja'} />
          <VersionField version={g.version} />
          <button type="submit" class="button secondary">{g.public ? 'Sluta visa offentligt' : 'Visa offentligt'}</button>
        </form>
      </section>

      <section aria-labelledby="edit-heading">
        <h2 id="edit-heading">Ändra målet</h2>
        <form method="post" action={action('andra')} novalidate>
          <Summary failure={failure} form="edit" />
          <VersionField version={valueOf(failure, 'edit', 'version', String(g.version))} />
          <TextArea name="title" label="Titel" value={valueOf(failure, 'edit', 'title', g.title)} error={errorsOf(failure, 'edit').title} />
          {g.type !== 'milestone' && (
            <TextField name="target" label={unit === 'share' ? 'Målvärde i procent' : 'Målvärde'} size="short" inputmode="decimal"
              hint={g.comparison === 'above' ? 'Målet nås när värdet är större än målvärdet.' : 'Målet nås när värdet är minst målvärdet.'}
              value={valueOf(failure, 'edit', 'target', valueToInput(g.target, unit))} error={errorsOf(failure, 'edit').target} />
          )}
          <TextField name="deadline" label="Slutdatum" type="date" size="short" hint="ÅÅÅÅ-MM-DD. Lämna tomt om målet saknar slutdatum."
            value={valueOf(failure, 'edit', 'deadline', g.deadline ?? '')} error={errorsOf(failure, 'edit').deadline} />
          {g.type === 'computed' && (
            <TextArea name="definition" label="Definition (JSON)"
              hint='Vad som räknas, t.ex. {"population": "applications", "kinds": ["common"], "condition": {"type": "levelAtLeast", "level": 3}}. Ändringen syns direkt i målets värde.'
              value={valueOf(failure, 'edit', 'definition', g.definition ? JSON.stringify(g.definition, null, 2) : '')} error={errorsOf(failure, 'edit').definition} />
          )}
          <button type="submit" class="button primary">Spara ändringarna</button>
        </form>
      </section>

      <section aria-labelledby="snapshot-heading">
        <h2 id="snapshot-heading">Historik</h2>
        <p>
          Alla måls värden sparas automatiskt varje natt; trenden och statusen räknas från dem.
          {' '}{lastSnapshot ? `Senaste sparade värdet för det här målet är från ${lastSnapshot}.` : 'Inget värde är sparat för det här målet än.'}
          {' '}En ny ögonblicksbild samma dag ersätter dagens tidigare.
        </p>
        <form method="post" action={action('ogonblicksbild')}>
          <button type="submit" class="button secondary">Ta en ögonblicksbild nu</button>
        </form>
      </section>
    </div>
  );
};
