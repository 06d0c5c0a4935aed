import type { FC } from 'hono/jsx';
import { environments, riskClasses } from '../../schema/changes.ts';
import { scopeText } from '../../worker/changes/change-clearance.ts';
import { environmentLabel, riskLabel } from '../../worker/changes/change-labels.ts';
import type { ChangeFormChoices, PlannedChange } from '../../worker/changes/change-queries.ts';
import { issuesByField } from '../../worker/forms.ts';
import type { FieldIssue } from '../../worker/outcome.ts';
import { swedishTime } from '../audit/changes.tsx';
import { ErrorSummary, SelectField, TextArea, TextField, VersionField } from '../components/forms.tsx';
import { ConfirmDelete, Notice, PageHeader } from '../components/page.tsx';
import { ClearanceTag } from './calendar.tsx';

export type ChangeFormValues = Record<string, string>;

const labels = {
  title: 'Rubrik', description: 'Beskrivning', startsOn: 'Datum', endsOn: 'Slutdatum', environment: 'Miljö', municipality: 'Kommun',
  installationId: 'System', riskClass: 'Riskklass', riskAssessment: 'Riskbedömning', rollbackPlan: 'Återställningsplan',
};

export const ChangeForm: FC<{
  action: string; values: ChangeFormValues; choices: ChangeFormChoices; issues: FieldIssue[]; error?: string; change?: PlannedChange;
  /** The municipalities the person may plan for; all for an administrator. */
  allowed: (code: string) => boolean; isAdmin: boolean;
}> = ({ action, values, choices, issues, error, change, allowed, isAdmin }) => {
  const errors = issuesByField(issues);
  const municipalities = choices.municipalities.filter((m) => allowed(m.code));
  return (
    <>
      <PageHeader title={change ? `Ändra ${change.title}` : 'Planera ändring'} crumbs={[{ href: '/andringar', label: 'Ändringskalender' }]} />
      <ErrorSummary error={error} issues={issues} labels={labels} />
      <form method="post" action={action} novalidate>
        {change && <VersionField version={change.version} />}
        <TextField name="title" label={labels.title} value={values.title} error={errors.title} required />
        <TextArea name="description" label={labels.description} value={values.description} error={errors.description} />
        <TextField name="startsOn" label={labels.startsOn} type="date" hint="Dagen ändringen görs, ÅÅÅÅ-MM-DD." value={values.startsOn} error={errors.startsOn} required />
        <TextField name="endsOn" label={labels.endsOn} type="date" hint="Bara om ändringen pågår flera dagar." value={values.endsOn} error={errors.endsOn} />
        <SelectField name="environment" label={labels.environment} hint="I utbildningsmiljön gäller alla frysperioder, i den administrativa miljön bara de som gäller hela miljön."
          value={values.environment} error={errors.environment} empty="Välj miljö" options={environments.map((e) => ({ value: e, label: environmentLabel[e] }))} />
        <SelectField name="municipality" label={labels.municipality} hint={isAdmin ? 'Tomt: den gemensamma miljön.' : 'Du kan planera ändringar för dina egna kommuner.'}
          value={values.municipality} error={errors.municipality} empty={isAdmin ? 'Gemensam miljö (ingen kommun)' : 'Välj kommun'}
          options={municipalities.map((m) => ({ value: m.code, label: m.name }))} />
        <SelectField name="installationId" label={labels.installationId} hint="Det kommunens system ändringen gäller, om den gäller ett." value={values.installationId} error={errors.installationId} empty="Inget särskilt system"
          options={choices.installations.filter((i) => allowed(i.municipality)).map((i) => ({ value: String(i.id), label: `${i.applicationName} i ${i.municipalityName}` }))} />
        <SelectField name="riskClass" label={labels.riskClass} hint="Standardändringar är dokumenterade ändringar med låg risk och får göras även under frysperioder."
          value={values.riskClass} error={errors.riskClass} empty="Välj riskklass" options={riskClasses.map((r) => ({ value: r, label: riskLabel[r] }))} />
        <fieldset class="field-group">
          <legend>Undantag från frysperiod</legend>
          <p class="hint">Fyll bara i om ändringen måste göras under en frysperiod. Undantaget gäller först när IT-chefsgruppen har godkänt det.</p>
          <TextArea name="riskAssessment" label={labels.riskAssessment} value={values.riskAssessment} error={errors.riskAssessment} />
          <TextArea name="rollbackPlan" label={labels.rollbackPlan} value={values.rollbackPlan} error={errors.rollbackPlan} />
        </fieldset>
        <button type="submit" class="button">Spara</button>
      </form>
    </>
  );
};

const decisionLabel = { approved: 'godkände', rejected: 'avslog' } as const;

export const ChangeDetail: FC<{ change: PlannedChange; canEdit: boolean; canDecide: boolean; notice?: string; error?: string }> = ({ change: c, canEdit, canDecide, notice, error }) => (
  <>
    <PageHeader title={c.title} crumbs={[{ href: '/andringar', label: 'Ändringskalender' }]}
      actions={canEdit ? <a class="button" href={`/andringar/${c.id}/andra`}>Ändra</a> : undefined} />
    <Notice message={notice} />
    {error && <div class="error-summary" role="alert" tabindex={-1}><h2>Det gick inte</h2><p>{error}</p></div>}
    <dl class="facts">
      <div><dt>Datum</dt><dd>{c.endsOn && c.endsOn !== c.startsOn ? `${c.startsOn}–${c.endsOn}` : c.startsOn}</dd></div>
      <div><dt>Miljö</dt><dd>{environmentLabel[c.environment]}</dd></div>
      <div><dt>Kommun</dt><dd>{c.municipalityName ?? 'Gemensam miljö'}</dd></div>
      <div><dt>System</dt><dd>{c.installationId ? <a href={`/system/${c.installationId}`}>{c.installationLabel}</a> : '–'}</dd></div>
      <div><dt>Riskklass</dt><dd>{riskLabel[c.riskClass]}</dd></div>
      <div><dt>Status</dt><dd><ClearanceTag change={c} /></dd></div>
    </dl>
    {c.description && <p class="description">{c.description}</p>}
    <h2>Frysperioder</h2>
    {c.freezes.length === 0 ? <p>Ändringen ligger inte i någon frysperiod som gäller {c.environment === 'education' ? 'utbildningsmiljön' : 'den administrativa miljön'}.</p> : (
      <ul>{c.freezes.map((f) => <li>{f.name}: {f.from}–{f.to} (gäller {scopeText[f.scope]})</li>)}</ul>
    )}
    {c.exceptionStatus !== 'none' && (
      <>
        <h2>Undantag</h2>
        <dl class="facts">
          <div><dt>Begärt av</dt><dd>{c.exceptionRequestedBy ?? '–'}</dd></div>
          <div><dt>Riskbedömning</dt><dd>{c.riskAssessment}</dd></div>
          <div><dt>Återställningsplan</dt><dd>{c.rollbackPlan}</dd></div>
          {c.exceptionDecidedBy && c.exceptionStatus !== 'requested' && (
            <div><dt>Beslut</dt><dd>{c.exceptionDecidedBy} {decisionLabel[c.exceptionStatus as 'approved' | 'rejected']} undantaget {c.exceptionDecidedAt ? swedishTime(c.exceptionDecidedAt) : ''}</dd></div>
          )}
        </dl>
        {canDecide && c.exceptionStatus === 'requested' && (
          <form method="post" action={`/andringar/${c.id}/undantag`} class="decision-form">
            <VersionField version={c.version} />
            <p>Som IT-chefsgruppen beslutar du om undantaget efter riskbedömningen och återställningsplanen.</p>
            <button type="submit" name="decision" value="approved" class="button">Godkänn undantaget</button>{' '}
            <button type="submit" name="decision" value="rejected" class="button danger">Avslå undantaget</button>
          </form>
        )}
      </>
    )}
    {canEdit && (
      <>
        <h2>Ta bort</h2>
        <ConfirmDelete action={`/andringar/${c.id}/ta-bort`} version={c.version} what="ändringen" back="/andringar" />
      </>
    )}
  </>
);
