import type { FC } from 'hono/jsx';
import type { WhatIfRow } from '../../worker/goals/queries.ts';
import type { FieldIssue } from '../../worker/outcome.ts';
import { ErrorSummary, SelectField, type Option } from '../components/forms.tsx';
import { PageHeader, ScrollTable } from '../components/page.tsx';
import { goalTarget, goalValue } from './labels.ts';

type Props = {
  collaborations: Option[]; municipalities: Option[]; applications: Option[];
  values: Record<string, string>; participants: string[];
  rows?: WhatIfRow[]; issues?: FieldIssue[]; description?: string;
};

const points = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 1, signDisplay: 'exceptZero' });

function change(row: WhatIfRow): string {
  const { before, after } = { before: row.before.value, after: row.after.value };
  if (before === null || after === null) return before === after ? 'Ingen ändring' : 'Får ett värde';
  const diff = (after - before) * 100;
  return Math.abs(diff) < 0.05 ? 'Ingen ändring' : `${points.format(diff)} procentenheter`;
}

const levels: Option[] = [2, 3, 4, 5].map((n) => ({ value: String(n), label: `Nivå ${n}` }));

/** Try a change and see every computed goal move, before anything is decided or written. */
export const WhatIfPage: FC<Props> = ({ collaborations, municipalities, applications, values, participants, rows, issues = [], description }) => (
  <>
    <PageHeader title="Tänk om" crumbs={[{ href: '/mal', label: 'Mål' }]}
      lead="Pröva en förändring och se hur varje mål som räknas ur registret skulle påverkas. Inget sparas." />
    <form method="get" action="/mal/tank-om" class="form">
      <ErrorSummary issues={issues} />
      <fieldset>
        <legend>Ändra nivån på en samverkan</legend>
        <SelectField name="samverkan" label="Samverkan" value={values.samverkan} options={collaborations} empty="Ingen ändring" />
        <SelectField name="niva" label="Ny nivå" value={values.niva} options={levels} empty="Välj nivå" />
      </fieldset>
      <fieldset>
        <legend>En kommun går med i en samverkan</legend>
        <SelectField name="gar_med_i" label="Samverkan att gå med i" value={values.gar_med_i} options={collaborations} empty="Ingen ändring" />
        <SelectField name="kommun" label="Kommun" value={values.kommun} options={municipalities} empty="Välj kommun" />
      </fieldset>
      <fieldset>
        <legend>En ny samverkan</legend>
        <SelectField name="applikation" label="Applikation" value={values.applikation} options={applications} empty="Ingen ny samverkan" />
        <SelectField name="ny_niva" label="Nivå för den nya samverkan" value={values.ny_niva} options={levels} empty="Välj nivå" />
        <fieldset class="checkbox-group">
          <legend>Deltagare</legend>
          {municipalities.map((m) => (
            <div class="field checkbox">
              <input type="checkbox" id={`deltagare-${m.value}`} name="deltagare" value={m.value} checked={participants.includes(m.value)} />
              <label for={`deltagare-${m.value}`}>{m.label}</label>
            </div>
          ))}
        </fieldset>
      </fieldset>
      <button type="submit" class="button primary">Pröva</button>
    </form>
    {rows && (
      <section aria-labelledby="result-heading">
        <h2 id="result-heading">Om {description}</h2>
        <ScrollTable label="Målen före och efter">
          <table>
            <thead><tr><th scope="col">Mål</th><th scope="col" class="num">Nu</th><th scope="col" class="num">Efter</th><th scope="col">Förändring</th><th scope="col" class="num">Målvärde</th></tr></thead>
            <tbody>
              {rows.map((r) => (
                <tr>
                  <th scope="row"><a href={`/mal/${r.id}`}>{r.title}</a></th>
                  <td class="num">{goalValue(r.unit, r.before.value)}</td>
                  <td class="num">{goalValue(r.unit, r.after.value)}</td>
                  <td>{change(r)}</td>
                  <td class="num">{goalTarget(r.unit, r.target, r.comparison)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      </section>
    )}
  </>
);
