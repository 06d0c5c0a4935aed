import type { FC } from 'hono/jsx';
import { freezeKinds, freezeScopes } from '../../schema/changes.ts';
import { scopeText } from '../../worker/changes/change-clearance.ts';
import { kindLabel } from '../../worker/changes/change-labels.ts';
import type { FreezeRule } from '../../worker/changes/change-queries.ts';
import { noticeDays } from '../../worker/changes/freeze-notice.ts';
import { issuesByField } from '../../worker/forms.ts';
import type { FieldIssue } from '../../worker/outcome.ts';
import { ErrorSummary, SelectField, TextArea, TextField, VersionField } from '../components/forms.tsx';
import { ConfirmDelete, EmptyState, Notice, PageHeader, ScrollTable } from '../components/page.tsx';

/** "Vecka 27–32", "15/12–15/1", "2027-08-09–2027-08-23" */
export function ruleTiming(r: FreezeRule): string {
  switch (r.kind) {
    case 'weeks': return r.fromWeek === r.toWeek ? `Vecka ${r.fromWeek}` : `Vecka ${r.fromWeek}–${r.toWeek}`;
    case 'yearly': return `${r.fromMonthDay} – ${r.toMonthDay} (månad-dag) varje år`;
    case 'window': return `${r.fromDate}–${r.toDate}`;
  }
}

export const FreezeRulesPage: FC<{ rules: FreezeRule[]; canChange: boolean; notice?: string }> = ({ rules, canChange, notice }) => (
  <>
    <PageHeader title="Frysperioder" crumbs={[{ href: '/andringar', label: 'Ändringskalender' }]}
      lead={`Under en frysperiod (förändringsstopp) får bara standardändringar göras, eller ändringar med ett undantag som IT-chefsgruppen har godkänt. Nya frysperioder meddelas minst sex veckor (${noticeDays} dagar) i förväg.`}
      actions={canChange ? <a class="button" href="/andringar/frysperioder/ny">Ny frysperiod</a> : undefined} />
    <Notice message={notice} />
    {rules.length === 0 ? <EmptyState><p>Inga frysperioder.</p></EmptyState> : (
      <ScrollTable label="Frysperioder">
        <table>
          <caption>Frysperioder</caption>
          <thead><tr><th scope="col">Namn</th><th scope="col">Gäller</th><th scope="col">Typ</th><th scope="col">När</th><th scope="col">Nästa period</th><th scope="col">Skäl</th></tr></thead>
          <tbody>
            {rules.map((r) => (
              <tr>
                <th scope="row">{canChange ? <a href={`/andringar/frysperioder/${r.id}`}>{r.name}</a> : r.name}</th>
                <td>{scopeText[r.scope].replace(/^./, (ch) => ch.toUpperCase())}</td>
                <td>{kindLabel[r.kind]}</td>
                <td>{ruleTiming(r)}</td>
                <td>{r.nextPeriod ? `${r.nextPeriod.from}–${r.nextPeriod.to}` : 'Ingen (passerad)'}</td>
                <td>{r.reason || '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollTable>
    )}
  </>
);

const labels = {
  name: 'Namn', reason: 'Skäl', scope: 'Gäller', kind: 'Typ', fromWeek: 'Första veckan', toWeek: 'Sista veckan',
  fromMonthDay: 'Första dagen (MM-DD)', toMonthDay: 'Sista dagen (MM-DD)', fromDate: 'Startdatum', toDate: 'Slutdatum',
};

export const FreezeRuleForm: FC<{ action: string; values: Record<string, string>; issues: FieldIssue[]; error?: string; rule?: FreezeRule }> = ({ action, values, issues, error, rule }) => {
  const errors = issuesByField(issues);
  return (
    <>
      <PageHeader title={rule ? `Ändra ${rule.name}` : 'Ny frysperiod'} crumbs={[{ href: '/andringar', label: 'Ändringskalender' }, { href: '/andringar/frysperioder', label: 'Frysperioder' }]} />
      <ErrorSummary error={error} issues={issues} labels={labels} />
      <form method="post" action={action} novalidate>
        {rule && <VersionField version={rule.version} />}
        <TextField name="name" label={labels.name} value={values.name} error={errors.name} required />
        <TextArea name="reason" label={labels.reason} value={values.reason} error={errors.reason} />
        <SelectField name="scope" label={labels.scope} value={values.scope} error={errors.scope} empty="Välj omfattning"
          options={freezeScopes.map((s) => ({ value: s, label: s === 'all' ? 'Hela miljön' : 'Bara utbildningsmiljön (skolmiljön)' }))} />
        <SelectField name="kind" label={labels.kind} hint="Fyll sedan i fälten för den typen; de andra fälten används inte." value={values.kind} error={errors.kind} empty="Välj typ"
          options={freezeKinds.map((k) => ({ value: k, label: kindLabel[k] }))} />
        <fieldset class="field-group">
          <legend>Veckor varje år</legend>
          <p class="hint">ISO-veckor, t.ex. 27–32 för sommaren. En första vecka som är större än den sista går över nyår.</p>
          <TextField name="fromWeek" label={labels.fromWeek} inputmode="numeric" size="short" value={values.fromWeek} error={errors.fromWeek} />
          <TextField name="toWeek" label={labels.toWeek} inputmode="numeric" size="short" value={values.toWeek} error={errors.toWeek} />
        </fieldset>
        <fieldset class="field-group">
          <legend>Datum varje år</legend>
          <p class="hint">T.ex. 12-15 till 01-15 för årsskiftet, över nyår.</p>
          <TextField name="fromMonthDay" label={labels.fromMonthDay} size="short" value={values.fromMonthDay} error={errors.fromMonthDay} />
          <TextField name="toMonthDay" label={labels.toMonthDay} size="short" value={values.toMonthDay} error={errors.toMonthDay} />
        </fieldset>
        <fieldset class="field-group">
          <legend>Daterat fönster</legend>
          <p class="hint">T.ex. skolstarten eller betygsveckorna ett visst år.</p>
          <TextField name="fromDate" label={labels.fromDate} type="date" value={values.fromDate} error={errors.fromDate} />
          <TextField name="toDate" label={labels.toDate} type="date" value={values.toDate} error={errors.toDate} />
        </fieldset>
        <button type="submit" class="button">Spara</button>
      </form>
      {rule && (
        <>
          <h2>Ta bort</h2>
          <ConfirmDelete action={`/andringar/frysperioder/${rule.id}/ta-bort`} version={rule.version} what="frysperioden" back="/andringar/frysperioder" />
        </>
      )}
    </>
  );
};
