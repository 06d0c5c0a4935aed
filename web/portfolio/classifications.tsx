import type { FC } from 'hono/jsx';
import type { FormValues } from '../../worker/forms.ts';
import { issuesByField } from '../../worker/forms.ts';
import type { FieldIssue } from '../../worker/outcome.ts';
import { ErrorSummary, TextField, VersionField } from '../components/forms.tsx';
import { EmptyState, Notice, PageHeader } from '../components/page.tsx';

type Named = { id: number; name: string; version: number };

/** The two lists the catalogue is sorted by, and their URL segments. */
export const classificationKinds = {
  verksamhetsomraden: { title: 'Verksamhetsområden', one: 'verksamhetsområde', lead: 'Vilken verksamhet en applikation stödjer.' },
  delomraden: { title: 'Delområden inom den tekniska plattformen', one: 'delområde', lead: 'Varje teknisk applikation hör till ett delområde; ansvaret för ett delområde kan delegeras till en kommun.' },
} as const;
export type ClassificationKind = keyof typeof classificationKinds;

const Section: FC<{ kind: ClassificationKind; items: Named[]; form?: { values: FormValues; issues: FieldIssue[] } }> = ({ kind, items, form }) => {
  const meta = classificationKinds[kind];
  // Two add-forms share the page, so each field is named after its list (ids must be unique).
  const field = `${kind}-name`;
  const issues = (form?.issues ?? []).map((i) => ({ ...i, path: i.path === 'name' ? field : i.path }));
  const errors = issuesByField(issues);
  return (
    <section aria-labelledby={`${kind}-heading`}>
      <h2 id={`${kind}-heading`}>{meta.title}</h2>
      <p>{meta.lead}</p>
      {items.length === 0 ? <EmptyState><p>Inga {meta.title.toLowerCase()} än.</p></EmptyState> : (
        <ul class="plain-list">
          {items.map((i) => <li>{i.name} <a href={`/indelningar/${kind}/${i.id}`}>Ändra<span class="visually-hidden"> {i.name}</span></a></li>)}
        </ul>
      )}
      <form method="post" action={`/indelningar/${kind}`} class="form inline-form" novalidate>
        {form && <ErrorSummary issues={issues} labels={{ [field]: `Nytt ${meta.one}` }} />}
        <TextField name={field} label={`Nytt ${meta.one}`} value={form?.values[field]} error={errors[field]} />
        <button type="submit" class="button">Lägg till</button>
      </form>
    </section>
  );
};

type Props = { businessAreas: Named[]; subareas: Named[]; notice?: string; failed?: { kind: ClassificationKind; values: FormValues; issues: FieldIssue[] } };

export const ClassificationsPage: FC<Props> = ({ businessAreas, subareas, notice, failed }) => (
  <>
    <PageHeader title="Indelningar" lead="Områdena som applikationerna sorteras efter." />
    <Notice message={notice} />
    <Section kind="verksamhetsomraden" items={businessAreas} form={failed?.kind === 'verksamhetsomraden' ? failed : undefined} />
    <Section kind="delomraden" items={subareas} form={failed?.kind === 'delomraden' ? failed : undefined} />
  </>
);

type EditProps = { kind: ClassificationKind; item: Named; values: FormValues; issues?: FieldIssue[]; error?: string };

export const ClassificationForm: FC<EditProps> = ({ kind, item, values, issues = [], error }) => {
  const errors = issuesByField(issues);
  return (
    <>
      <form method="post" action={`/indelningar/${kind}/${item.id}`} class="form" novalidate>
        <ErrorSummary error={error} issues={issues} labels={{ name: 'Namn' }} />
        <VersionField version={item.version} />
        <TextField name="name" label="Namn" value={values.name} error={errors.name} required />
        <button type="submit" class="button primary">Spara</button>
      </form>
      <p><a class="danger-link" href={`/indelningar/${kind}/${item.id}/ta-bort`}>Ta bort {classificationKinds[kind].one}t</a></p>
    </>
  );
};
