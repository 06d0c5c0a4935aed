import type { FC } from 'hono/jsx';
import { basisLabel } from '../../worker/costs/schemas.ts';
import type { AllocationKey } from '../../worker/costs/cost-queries.ts';
import type { FieldIssue } from '../../worker/outcome.ts';
import { issuesByField } from '../../worker/forms.ts';
import type { KeyPart } from '../../schema/costs.ts';
import { ErrorSummary, TextArea, TextField, VersionField } from '../components/forms.tsx';
import { ConfirmDelete, EmptyState, Notice, PageHeader } from '../components/page.tsx';

export const partsText = (parts: KeyPart[]) =>
  parts.map((p) => `${basisLabel[p.basis]} ${p.weight}${p.weights ? ` (${Object.entries(p.weights).map(([c, w]) => `${c}: ${w}`).join(', ')})` : ''}`).join(' + ');

const partsHint = 'En del per rad: underlag och vikt, t.ex. "equal 40" och "population 60". Underlag: equal, population, users, licences, custom. Egna vikter: "custom 1 1460=2 1492=3".';

const KeyFields: FC<{ values: Record<string, string>; errors: Record<string, string> }> = ({ values, errors }) => (
  <>
    <TextField name="name" label="Namn" value={values.name} error={errors.name} required />
    <TextArea name="description" label="Beskrivning" value={values.description} error={errors.description} />
    <TextField name="year" label="År för delarna" value={values.year} error={errors.year} inputmode="numeric" size="short" />
    <TextArea name="parts" label="Delar" hint={partsHint} value={values.parts} error={errors.parts} />
  </>
);

export const KeysPage: FC<{ keys: AllocationKey[]; canChange: boolean; values: Record<string, string>; issues: FieldIssue[]; error?: string; notice?: string }> =
  ({ keys, canChange, values, issues, error, notice }) => (
    <>
      <PageHeader title="Fördelningsnycklar" crumbs={[{ href: '/kostnader', label: 'Kostnader' }]} />
      <Notice message={notice} />
      {keys.length === 0 ? <EmptyState><p>Inga fördelningsnycklar ännu.</p></EmptyState> : (
        <ul class="key-list">
          {keys.map((k) => (
            <li>
              <h2>{canChange ? <a href={`/kostnader/nycklar/${k.id}`}>{k.name}</a> : k.name}</h2>
              {k.description && <p>{k.description}</p>}
              {k.years.length === 0 ? <p>Inga delar angivna.</p> : (
                <ul>{k.years.map((y) => <li>{y.year}: {partsText(y.parts)}</li>)}</ul>
              )}
            </li>
          ))}
        </ul>
      )}
      {canChange && (
        <>
          <h2>Ny fördelningsnyckel</h2>
          <ErrorSummary error={error} issues={issues} />
          <form method="post" action="/kostnader/nycklar" novalidate>
            <KeyFields values={values} errors={issuesByField(issues)} />
            <button type="submit" class="button">Spara</button>
          </form>
        </>
      )}
    </>
  );

export const KeyEditPage: FC<{ allocationKey: AllocationKey & { usedBy: number }; values: Record<string, string>; issues: FieldIssue[]; error?: string }> =
  ({ allocationKey: k, values, issues, error }) => (
    <>
      <PageHeader title={`Ändra ${k.name}`} crumbs={[{ href: '/kostnader', label: 'Kostnader' }, { href: '/kostnader/nycklar', label: 'Fördelningsnycklar' }]} />
      {k.years.length > 0 && <ul>{k.years.map((y) => <li>{y.year}: {partsText(y.parts)}</li>)}</ul>}
      <ErrorSummary error={error} issues={issues} />
      <form method="post" action={`/kostnader/nycklar/${k.id}`} novalidate>
        <VersionField version={k.version} />
        <KeyFields values={values} errors={issuesByField(issues)} />
        <button type="submit" class="button">Spara</button>
      </form>
      <h2>Ta bort</h2>
      <ConfirmDelete action={`/kostnader/nycklar/${k.id}/ta-bort`} version={k.version} what={`nyckeln ${k.name}`} back="/kostnader/nycklar"
        blockedBy={k.usedBy ? `Nyckeln används av ${k.usedBy} kostnader och kan inte tas bort.` : undefined} />
    </>
  );
