import type { FC } from 'hono/jsx';
import { actionStatuses } from '../../schema/goals.ts';
import { issuesByField, type FormValues } from '../../worker/forms.ts';
import { dueYear, type ActionFilter, type ActionStatus } from '../../worker/goals/action-plan.ts';
import type { Action, ActionDetail, ActionFormChoices } from '../../worker/goals/action-queries.ts';
import type { FieldIssue } from '../../worker/outcome.ts';
import { ErrorSummary, SelectField, TextArea, TextField, VersionField, fieldId, type Option } from '../components/forms.tsx';
import { EmptyState, Notice, PageHeader, ScrollTable } from '../components/page.tsx';
import { count, date } from '../format.ts';

/** The action plan's statuses in words; the words carry the meaning, the styles only help the eye. */
export const actionStatusLabel: Record<ActionStatus, string> = {
  planned: 'Planerad',
  ongoing: 'Pågår',
  done: 'Klar',
  cancelled: 'Inställd',
};

export const actionFilterLabel: Record<ActionFilter, string> = {
  open: 'Ej avslutade (planerade och pågående)',
  overdue: 'Försenade',
  planned: 'Planerade',
  ongoing: 'Pågående',
  done: 'Klara',
  cancelled: 'Inställda',
};

/** "2026-Q3" → "kvartal 3 2026"; a date stays a date; nothing → "Ingen tidplan". */
export function dueLabel(due: string | null): string {
  if (!due) return 'Ingen tidplan';
  const quarter = /^(\d{4})-Q([1-4])$/.exec(due);
  return quarter ? `kvartal ${quarter[2]} ${quarter[1]}` : date(due);
}

const crumbs = [{ href: '/handlingsplan', label: 'Handlingsplan' }];

const Status: FC<{ status: ActionStatus; overdue: boolean }> = ({ status, overdue }) => (
  <>
    <span class={`action-status action-${status}`}>{actionStatusLabel[status]}</span>
    {overdue && <> <strong class="overdue-tag">Försenad</strong></>}
  </>
);

const Owner: FC<{ action: Action }> = ({ action: a }) =>
  a.owner ? (
    <>
      <a href={`/personer/${a.owner.id}`}>{a.owner.name}</a>
      {a.ownerText && <span class="meta action-owner-text">{a.ownerText}</span>}
    </>
  ) : <>{a.ownerText || '–'}</>;

const Goals: FC<{ goals: Action['goals'] }> = ({ goals }) =>
  goals.length ? (
    <ul class="action-goals">{goals.map((g) => <li><a href={`/mal/${g.id}`}>{g.title}</a></li>)}</ul>
  ) : <>–</>;

const excerpt = (text: string, max = 160) => (text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text);

type Group = { key: string; title: string; actions: Action[] };

/** By the year they should be done in (the list is sorted by due already), those without a due last. */
function groups(actions: Action[]): Group[] {
  const byYear = new Map<string, Action[]>();
  for (const a of actions) {
    const year = dueYear(a.due) ?? '';
    byYear.set(year, [...(byYear.get(year) ?? []), a]);
  }
  return [...byYear.entries()]
    .sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b)))
    .map(([year, list]) => ({ key: year || 'utan-tidplan', title: year ? `Klart senast ${year}` : 'Utan tidplan', actions: list }));
}

const ActionTable: FC<{ group: Group }> = ({ group }) => (
  <section aria-labelledby={`ar-${group.key}`}>
    <h2 id={`ar-${group.key}`}>{group.title} <span class="meta">({group.actions.length} {group.actions.length === 1 ? 'aktivitet' : 'aktiviteter'})</span></h2>
    <ScrollTable label={`Handlingsplan: ${group.title}`}>
      <table class="action-plan">
        <thead>
          <tr>
            <th scope="col">Aktivitet</th>
            <th scope="col">Klart senast</th>
            <th scope="col">Status</th>
            <th scope="col">Ansvarig</th>
            <th scope="col">Mål</th>
            <th scope="col">Senaste anteckning</th>
          </tr>
        </thead>
        <tbody>
          {group.actions.map((a) => (
            <tr class={a.overdue ? 'overdue' : undefined}>
              <th scope="row"><a href={`/handlingsplan/${a.id}`}>{a.title}</a></th>
              <td>{dueLabel(a.due)}</td>
              <td><Status status={a.status} overdue={a.overdue} /></td>
              <td><Owner action={a} /></td>
              <td><Goals goals={a.goals} /></td>
              <td>{a.latestNote ? <><span class="action-note-date">{date(a.latestNote.on)}</span> {excerpt(a.latestNote.text)}</> : '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollTable>
  </section>
);

type PlanProps = {
  /** Every activity, for the figures; `shown` are those the filter lets through. */
  all: Action[];
  shown: Action[];
  filter: string;
  admin: boolean;
  notice?: string;
  filterError?: string;
  strategyName?: string;
};

export const ActionPlanPage: FC<PlanProps> = ({ all, shown, filter, admin, notice, filterError, strategyName }) => {
  const tally = (p: (a: Action) => boolean) => count(all.filter(p).length);
  const filterOptions: Option[] = (['open', 'overdue', ...actionStatuses] as const).map((f) => ({ value: f, label: actionFilterLabel[f] }));
  return (
    <>
      <PageHeader title="Handlingsplan"
        lead={<>Aktiviteterna som förverkligar {strategyName ? <>”{strategyName}”</> : 'strategin'} (avsnitt 10 och bilaga G): när de ska vara klara, vem som ansvarar, hur det går och vilka mål de bidrar till. IT-chefsgruppen fastställer planen varje år.</>}
        actions={admin ? <a class="button" href="/handlingsplan/ny">Lägg till aktivitet</a> : undefined} />
      <Notice message={notice} />
      {all.length > 0 && (
        <dl class="stat-list" aria-label="Handlingsplanen i siffror">
          <div><dt>Aktiviteter</dt><dd>{count(all.length)}</dd></div>
          <div><dt>Planerade</dt><dd>{tally((a) => a.status === 'planned')}</dd></div>
          <div><dt>Pågår</dt><dd>{tally((a) => a.status === 'ongoing')}</dd></div>
          <div><dt>Klara</dt><dd>{tally((a) => a.status === 'done')}</dd></div>
          <div><dt>Försenade</dt><dd>{tally((a) => a.overdue)}</dd></div>
        </dl>
      )}
      <form method="get" action="/handlingsplan" class="filters" aria-label="Filtrera aktiviteterna">
        <SelectField name="status" label="Status" value={filter} empty="Alla" options={filterOptions} error={filterError} />
        <button type="submit" class="button">Visa</button>
        {filter && <a href="/handlingsplan">Visa alla</a>}
      </form>
      <p class="meta">En aktivitet är <strong>försenad</strong> när dagen den skulle vara klar har passerat (för ett kvartal: kvartalets sista dag) och den varken är klar eller inställd.</p>
      {all.length === 0 ? (
        <EmptyState>
          <p>Handlingsplanen har inga aktiviteter än.{admin && <> <a href="/handlingsplan/ny">Lägg till den första</a>.</>}</p>
        </EmptyState>
      ) : shown.length === 0 ? (
        <EmptyState><p>Inga aktiviteter har den statusen. <a href="/handlingsplan">Visa alla</a>.</p></EmptyState>
      ) : groups(shown).map((g) => <ActionTable group={g} />)}
    </>
  );
};

type NoteFormProps = { actionId: number; values?: FormValues; issues?: FieldIssue[]; error?: string };

const noteLabels: Record<string, string> = { text: 'Anteckning', on: 'Datum' };

const NoteForm: FC<NoteFormProps> = ({ actionId, values = {}, issues = [], error }) => {
  const errors = issuesByField(issues);
  return (
    <form method="post" action={`/handlingsplan/${actionId}/anteckningar`} class="form" novalidate aria-labelledby="ny-anteckning">
      <h3 id="ny-anteckning">Skriv en lägesanteckning</h3>
      <ErrorSummary error={error} issues={issues} labels={noteLabels} />
      <TextArea name="text" label={noteLabels.text!} value={values.text ?? ''} error={errors.text} hint="Hur det går, vad som är gjort och vad som hindrar." />
      <TextField name="on" label={noteLabels.on!} type="date" size="short" value={values.on ?? ''} error={errors.on} hint="Lämna tomt för i dag." />
      <button type="submit" class="button primary">Spara anteckningen</button>
    </form>
  );
};

type DetailProps = { action: ActionDetail; admin: boolean; notice?: string; note?: NoteFormProps };

export const ActionPage: FC<DetailProps> = ({ action: a, admin, notice, note }) => (
  <>
    <PageHeader title={a.title} crumbs={crumbs}
      lead={<>{actionStatusLabel[a.status]}{a.overdue && <> · <strong class="overdue-tag">Försenad</strong></>} · klart senast {dueLabel(a.due)}</>}
      actions={admin ? <>
        <a class="button" href={`/handlingsplan/${a.id}/andra`}>Ändra</a>
        <a class="button danger-link" href={`/handlingsplan/${a.id}/ta-bort`}>Ta bort</a>
      </> : undefined} />
    <Notice message={notice} />
    <dl class="facts">
      <div><dt>Status</dt><dd><Status status={a.status} overdue={a.overdue} /></dd></div>
      <div><dt>Klart senast</dt><dd>{dueLabel(a.due)}{a.dueEnd && a.due !== a.dueEnd ? ` (senast ${date(a.dueEnd)})` : ''}</dd></div>
      <div><dt>Ansvarig</dt><dd><Owner action={a} /></dd></div>
      <div><dt>Strategi</dt><dd>{a.strategyName}</dd></div>
    </dl>
    {a.description && <><h2>Beskrivning</h2><p class="notes">{a.description}</p></>}
    <h2>Mål som aktiviteten bidrar till</h2>
    {a.goals.length ? <Goals goals={a.goals} /> : <p>Aktiviteten är inte kopplad till något mål.</p>}
    <h2 id="anteckningar">Lägesanteckningar</h2>
    {a.notes.length === 0 ? (
      <EmptyState><p>Inga anteckningar än.</p></EmptyState>
    ) : (
      <ol class="action-notes" aria-label="Lägesanteckningar, nyaste först">
        {a.notes.map((n) => (
          <li>
            <p class="meta"><time datetime={n.on}>{date(n.on)}</time> · {n.actor}</p>
            <p class="notes">{n.text}</p>
          </li>
        ))}
      </ol>
    )}
    {admin && <NoteForm actionId={a.id} {...note} />}
  </>
);

export const actionLabels: Record<string, string> = {
  title: 'Aktivitet', description: 'Beskrivning', due: 'Klart senast', status: 'Status', ownerId: 'Ansvarig person',
  ownerText: 'Ansvarig grupp eller funktion', goalIds: 'Mål som aktiviteten bidrar till', strategyId: 'Strategi',
};

type FormProps = {
  action: string;
  values: FormValues;
  goalIds: string[];
  choices: ActionFormChoices;
  /** The strategy whose goals are offered; every strategy's when undefined (a new activity with several to choose from). */
  strategyId?: number;
  issues?: FieldIssue[];
  error?: string;
  version?: number;
};

/** One form for adding and changing an activity. */
export const ActionForm: FC<FormProps> = ({ action, values, goalIds, choices, strategyId, issues = [], error, version }) => {
  const errors = issuesByField(issues);
  const field = (name: string) => ({ name, label: actionLabels[name]!, value: values[name] ?? '', error: errors[name] });
  const strategyNames = new Map(choices.strategies.map((s) => [s.id, s.name]));
  const several = choices.strategies.length > 1;
  const goals = choices.goals.filter((g) => strategyId === undefined || g.strategyId === strategyId);
  return (
    <form method="post" action={action} class="form" novalidate>
      <ErrorSummary error={error} issues={issues} labels={actionLabels} />
      {version !== undefined && <VersionField version={version} />}
      {version === undefined && several && (
        <SelectField {...field('strategyId')} options={choices.strategies.map((s) => ({ value: String(s.id), label: s.name }))} hint="Lämnar du den tom hamnar aktiviteten i den senaste strategin." empty="Den senaste strategin" />
      )}
      <TextField {...field('title')} required />
      <TextArea {...field('description')} />
      <TextField {...field('due')} size="short" hint="Ett kvartal, t.ex. 2027-Q2, eller ett datum, t.ex. 2027-03-31. Lämna tomt om det inte finns någon tidplan." />
      <SelectField {...field('status')} options={actionStatuses.map((s) => ({ value: s, label: actionStatusLabel[s] }))} required />
      <SelectField {...field('ownerId')} options={choices.people.map((p) => ({ value: String(p.id), label: p.title ? `${p.name}, ${p.title}` : p.name }))}
        empty="Ingen person" hint="Saknas personen? Lägg till den under Personer och roller." />
      <TextField {...field('ownerText')} hint="När en grupp eller funktion ansvarar, t.ex. IT-chefsgruppen." />
      <fieldset class={errors.goalIds ? 'field-error' : undefined}>
        <legend>{actionLabels.goalIds}</legend>
        {errors.goalIds && <p class="error-message" id={`${fieldId('goalIds')}-fel`}><span class="visually-hidden">Fel: </span>{errors.goalIds}</p>}
        {goals.length === 0 ? <p class="hint" id={fieldId('goalIds')}>Strategin har inga mål än.</p> : goals.map((g, i) => {
          const id = i === 0 ? fieldId('goalIds') : `${fieldId('goalIds')}-${g.id}`;
          return (
            <div class="field checkbox">
              <input type="checkbox" name="goalIds" value={String(g.id)} id={id} checked={goalIds.includes(String(g.id))} />
              <label for={id}>{g.title}{several && strategyId === undefined ? ` (${strategyNames.get(g.strategyId) ?? ''})` : ''}</label>
            </div>
          );
        })}
      </fieldset>
      <button type="submit" class="button primary">Spara</button>
    </form>
  );
};
