import type { FC } from 'hono/jsx';
import { documentTypes, type DocumentType } from '../../schema/documents.ts';
import type { DocumentAbilities } from '../../worker/documents/commands.ts';
import type { DocumentFormChoices, GoverningDocument } from '../../worker/documents/queries.ts';
import {
  defaultReviewCycle, documentTypeLabel, dueSoonDays, reviewDistance, reviewStatusLabel, type ReviewStatus,
} from '../../worker/documents/review.ts';
import { issuesByField, type FormValues } from '../../worker/forms.ts';
import type { FieldIssue } from '../../worker/outcome.ts';
import { ErrorSummary, SelectField, TextField, VersionField, type Option } from '../components/forms.tsx';
import { EmptyState, Notice, PageHeader, ScrollTable } from '../components/page.tsx';
import { date } from '../format.ts';
import { lifecycleLabel } from '../labels.ts';

const crumbs = [{ href: '/styrdokument', label: 'Styrdokument' }];

/** The page filter's value for documents common to the whole collaboration. */
export const commonScope = 'gemensam';

export const scopeLabel = (d: Pick<GoverningDocument, 'municipality' | 'municipalityName'>) =>
  d.municipality === null ? 'Gemensamt för samverkan' : d.municipalityName ?? d.municipality;

/** Field names as the audit trail and the error summary show them. */
export const documentLabels: Record<string, string> = {
  type: 'Typ', title: 'Titel', ownerId: 'Ägare', municipalityCode: 'Gäller', municipality: 'Gäller', decidedBy: 'Beslutat av',
  decidedOn: 'Beslutsdatum', reviewCycleYears: 'Granskningsintervall (år)', lastReviewedOn: 'Senast granskad',
  nextReviewOn: 'Nästa granskning', nextReviewExplicit: 'Nästa granskning satt för hand', url: 'Länk till dokumentet',
  installationIds: 'System som dokumentet gäller', reviewedOn: 'Granskad den',
};

/** The status in words, with a symbol and a border: never colour alone. */
export const ReviewStatusTag: FC<{ status: ReviewStatus }> = ({ status }) => (
  <span class={`doc-status doc-status-${status}`}>{reviewStatusLabel[status]}</span>
);

const years = (n: number) => `${n} år`;

/** The strategy's table 1.4 and our defaults for the other types, so the cycles are explained where they are used. */
const CycleGuide: FC = () => (
  <details class="doc-guide">
    <summary>Hur ofta ska styrdokumenten granskas?</summary>
    <p>
      Förvalt granskningsintervall per typ. IT-strategins tabell 1.4 anger varaktigheten för de gemensamma dokumenten; för
      de typer tabellen inte tar upp har vi valt ett intervall. Intervallet kan ändras för varje dokument.
      Ett dokument räknas som <strong>snart dags att granska</strong> när nästa granskning ligger inom {dueSoonDays} dagar
      – tid att revidera det och få ett nytt beslut.
    </p>
    <table>
      <caption>Förvalt granskningsintervall per dokumenttyp</caption>
      <thead><tr><th scope="col">Typ</th><th scope="col" class="num">Intervall</th><th scope="col">Grund</th></tr></thead>
      <tbody>
        {documentTypes.map((t) => (
          <tr><th scope="row">{documentTypeLabel[t]}</th><td class="num">{years(defaultReviewCycle[t].years)}</td><td>{defaultReviewCycle[t].basis}</td></tr>
        ))}
      </tbody>
    </table>
  </details>
);

/** A short table of documents needing attention: overdue or due soon. */
const AttentionTable: FC<{ caption: string; documents: GoverningDocument[]; today: string }> = ({ caption, documents, today }) => (
  <ScrollTable label={caption}>
    <table class="doc-attention">
      <caption>{caption}</caption>
      <thead><tr>
        <th scope="col">Dokument</th><th scope="col">Gäller</th><th scope="col">Ägare</th>
        <th scope="col">Nästa granskning</th><th scope="col">Status</th>
      </tr></thead>
      <tbody>
        {documents.map((d) => (
          <tr>
            <th scope="row"><a href={`/styrdokument/${d.id}`}>{d.title}</a><span class="doc-type">{documentTypeLabel[d.type]}</span></th>
            <td>{scopeLabel(d)}</td>
            <td>{d.owner.name}</td>
            <td class="doc-date">{d.nextReviewOn}</td>
            <td><ReviewStatusTag status={d.status} /> <span class="doc-distance">{reviewDistance(d.nextReviewOn, today)}</span></td>
          </tr>
        ))}
      </tbody>
    </table>
  </ScrollTable>
);

type ListProps = {
  documents: GoverningDocument[]; today: string; may: DocumentAbilities; municipalities: { code: string; name: string }[];
  filter: { typ: string; kommun: string }; notice?: string; error?: string;
};

export const DocumentsPage: FC<ListProps> = ({ documents, today, may, municipalities, filter, notice, error }) => {
  const overdue = documents.filter((d) => d.status === 'overdue');
  const dueSoon = documents.filter((d) => d.status === 'due-soon');
  const filtered = filter.typ !== '' || filter.kommun !== '';
  const scopeOptions: Option[] = [...municipalities.map((m) => ({ value: m.code, label: m.name })), { value: commonScope, label: 'Gemensamma för samverkan' }];
  return (
    <>
      <PageHeader title="Styrdokument"
        lead="IT-policy, strategi, säkerhetsinstruktioner, systemsäkerhetsplaner och andra styrande dokument: vem som äger dem, vem som beslutade dem och när de ska granskas igen."
        actions={may.add && <a class="button" href="/styrdokument/ny">Nytt styrdokument</a>} />
      <Notice message={notice} />
      <form method="get" action="/styrdokument" class="filters" aria-label="Filtrera styrdokumenten">
        <SelectField name="typ" label="Typ" value={filter.typ} empty="Alla typer" options={documentTypes.map((t) => ({ value: t, label: documentTypeLabel[t] }))} />
        <SelectField name="kommun" label="Gäller" value={filter.kommun} empty="Alla kommuner och gemensamma" options={scopeOptions} />
        <button type="submit" class="button">Visa</button>
        {filtered && <a href="/styrdokument">Visa alla</a>}
      </form>
      {error && <p class="error-message" role="alert">{error}</p>}

      <section aria-labelledby="forsenade">
        <h2 id="forsenade">Försenade granskningar ({overdue.length})</h2>
        {overdue.length === 0
          ? <EmptyState><p>Inget styrdokument{filtered ? ' här' : ''} har passerat sitt granskningsdatum.</p></EmptyState>
          : <AttentionTable caption="Styrdokument vars granskning är försenad" documents={overdue} today={today} />}
      </section>

      <section aria-labelledby="snart">
        <h2 id="snart">Granskas inom {dueSoonDays} dagar ({dueSoon.length})</h2>
        {dueSoon.length === 0
          ? <EmptyState><p>Inget styrdokument{filtered ? ' här' : ''} ska granskas de närmaste {dueSoonDays} dagarna.</p></EmptyState>
          : <AttentionTable caption={`Styrdokument som ska granskas inom ${dueSoonDays} dagar`} documents={dueSoon} today={today} />}
      </section>

      <section aria-labelledby="alla">
        <h2 id="alla">{filtered ? 'Styrdokument som matchar filtret' : 'Alla styrdokument'} ({documents.length})</h2>
        {documents.length === 0 ? (
          <EmptyState><p>{filtered ? 'Inga styrdokument matchar filtret.' : 'Inga styrdokument är registrerade än.'}
            {may.add && <> <a href="/styrdokument/ny">Lägg till ett styrdokument</a>.</>}</p></EmptyState>
        ) : (
          <ScrollTable label="Styrdokument">
            <table class="documents">
              <caption>Styrdokument, den närmaste granskningen först</caption>
              <thead><tr>
                <th scope="col">Dokument</th><th scope="col">Gäller</th><th scope="col">Ägare</th>
                <th scope="col">Beslutat</th><th scope="col" class="num">Intervall</th><th scope="col">Nästa granskning</th><th scope="col">Status</th>
              </tr></thead>
              <tbody>
                {documents.map((d) => (
                  <tr>
                    <th scope="row"><a href={`/styrdokument/${d.id}`}>{d.title}</a><span class="doc-type">{documentTypeLabel[d.type]}</span></th>
                    <td>{scopeLabel(d)}</td>
                    <td>{d.owner.name}</td>
                    <td>{d.decidedBy}, <span class="doc-date">{d.decidedOn}</span></td>
                    <td class="num">{years(d.reviewCycleYears)}</td>
                    <td class="doc-date">{d.nextReviewOn}</td>
                    <td><ReviewStatusTag status={d.status} /></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
        )}
      </section>
      <CycleGuide />
    </>
  );
};

type ReviewFormProps = { document: GoverningDocument; today: string; values?: FormValues; issues?: FieldIssue[]; error?: string };

/** "Markera som granskad": the day of the review (today unless changed); the next review follows from the cycle. */
const ReviewForm: FC<ReviewFormProps> = ({ document: d, today, values = {}, issues = [], error }) => {
  const errors = issuesByField(issues);
  return (
    <section aria-labelledby="granskning">
      <h2 id="granskning">Markera som granskad</h2>
      <p>När dokumentet är granskat och fortfarande gäller (eller är reviderat) räknas nästa granskning fram från granskningsdagen
        plus intervallet, {years(d.reviewCycleYears)}.</p>
      <ErrorSummary error={error} issues={issues} labels={documentLabels} />
      <form method="post" action={`/styrdokument/${d.id}/granskad`} class="inline-form" novalidate>
        <VersionField version={d.version} />
        <TextField name="reviewedOn" label="Granskad den" type="date" value={values.reviewedOn ?? today} error={errors.reviewedOn} size="short" />
        <button type="submit" class="button">Markera som granskad</button>
      </form>
    </section>
  );
};

type DetailProps = {
  document: GoverningDocument; today: string; may: DocumentAbilities; notice?: string;
  review?: Omit<ReviewFormProps, 'document' | 'today'>;
};

export const DocumentPage: FC<DetailProps> = ({ document: d, today, may, notice, review }) => {
  const editable = may.change(d.municipality);
  return (
    <>
      <PageHeader title={d.title} crumbs={crumbs} lead={`${documentTypeLabel[d.type]} · ${scopeLabel(d)}`}
        actions={editable && <>
          <a class="button" href={`/styrdokument/${d.id}/andra`}>Ändra</a>
          <a class="button danger-link" href={`/styrdokument/${d.id}/ta-bort`}>Ta bort</a>
        </>} />
      <Notice message={notice} />
      <p class="doc-summary">
        <ReviewStatusTag status={d.status} />{' '}
        {d.status === 'valid' ? `Nästa granskning ${d.nextReviewOn}.` : `${reviewDistance(d.nextReviewOn, today)} – nästa granskning ${d.nextReviewOn}.`}
      </p>
      <dl class="facts">
        <div><dt>Typ</dt><dd>{documentTypeLabel[d.type]}</dd></div>
        <div><dt>Gäller</dt><dd>{d.municipality === null ? scopeLabel(d) : <a href={`/kommuner/${d.municipality}`}>{scopeLabel(d)}</a>}</dd></div>
        <div><dt>Ägare</dt><dd><a href={`/personer/${d.owner.id}`}>{d.owner.name}</a></dd></div>
        <div><dt>Beslutat av</dt><dd>{d.decidedBy}</dd></div>
        <div><dt>Beslutsdatum</dt><dd>{d.decidedOn}</dd></div>
        <div><dt>Granskningsintervall</dt><dd>{years(d.reviewCycleYears)}</dd></div>
        <div><dt>Senast granskad</dt><dd>{d.lastReviewedOn ?? 'Inte granskad sedan beslutet'}</dd></div>
        <div><dt>Nästa granskning</dt><dd>{d.nextReviewOn}{d.nextReviewExplicit ? ' (satt för hand)' : ' (beräknad)'}</dd></div>
        <div><dt>Dokumentet</dt><dd>{d.url ? <a href={d.url} rel="noopener noreferrer">{d.url}</a> : 'Ingen länk registrerad'}</dd></div>
      </dl>

      <section aria-labelledby="system">
        <h2 id="system">System som dokumentet gäller ({d.installations.length})</h2>
        {d.installations.length === 0 ? (
          <EmptyState><p>Dokumentet är inte kopplat till några system.{editable && <> <a href={`/styrdokument/${d.id}/andra#f-installationIds`}>Koppla system</a>.</>}</p></EmptyState>
        ) : (
          <table>
            <caption>System som {d.title} gäller</caption>
            <thead><tr><th scope="col">System</th><th scope="col">Kommun</th><th scope="col">Livscykel</th></tr></thead>
            <tbody>
              {d.installations.map((i) => (
                <tr>
                  <th scope="row"><a href={`/system/${i.id}`}>{i.applicationName}</a></th>
                  <td>{i.municipalityName}</td>
                  <td>{lifecycleLabel[i.lifecycle as keyof typeof lifecycleLabel] ?? i.lifecycle}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {editable && <ReviewForm document={d} today={today} {...review} />}
      <p class="meta">Version {d.version}, senast ändrad {date(d.updatedAt)}.</p>
    </>
  );
};

type FormProps = {
  action: string; submit: string; values: FormValues; checked: number[]; choices: DocumentFormChoices;
  /** The scopes this actor may choose: its municipalities, and for administrators the whole collaboration. */
  scopes: Option[];
  document?: GoverningDocument; issues?: FieldIssue[]; error?: string; version?: number;
};

/** The form values of a stored document; the next review only when it was set by hand (empty means computed). */
export const documentFormValues = (d: GoverningDocument): FormValues => ({
  type: d.type, title: d.title, ownerId: String(d.ownerId), municipality: d.municipality ?? '', decidedBy: d.decidedBy,
  decidedOn: d.decidedOn, reviewCycleYears: String(d.reviewCycleYears), lastReviewedOn: d.lastReviewedOn ?? '',
  nextReviewOn: d.nextReviewExplicit ? d.nextReviewOn : '', url: d.url,
});

export const DocumentForm: FC<FormProps> = ({ action, submit, values, checked, choices, scopes, document, issues = [], error, version }) => {
  const errors = issuesByField(issues);
  const field = (name: string) => ({ name, label: documentLabels[name]!, value: values[name], error: errors[name] });
  const names = new Map(choices.municipalities.map((m) => [m.code, m.name]));
  const people: Option[] = choices.people.map((p) => ({
    value: String(p.id), label: `${p.name}${p.title ? `, ${p.title}` : ''} (${p.municipality === null ? 'hela samverkan' : names.get(p.municipality) ?? p.municipality})`,
  }));
  // Installations grouped by municipality; each group starts open when it is the document's or has checked systems.
  const groups = choices.municipalities
    .map((m) => ({ ...m, installations: choices.installations.filter((i) => i.municipality === m.code) }))
    .filter((g) => g.installations.length > 0);
  const computedHint = document && !document.nextReviewExplicit ? ` Beräknad nu: ${document.nextReviewOn}.` : '';
  return (
    <>
      <ErrorSummary error={error} issues={issues} labels={documentLabels} />
      <form method="post" action={action} class="form" novalidate>
        {version !== undefined && <VersionField version={version} />}
        <SelectField {...field('type')} empty="Välj typ" options={documentTypes.map((t: DocumentType) => ({ value: t, label: `${documentTypeLabel[t]} (förval ${years(defaultReviewCycle[t].years)})` }))} />
        <TextField {...field('title')} hint="Till exempel IT-policy för Åmåls kommun eller Systemsäkerhetsplan för ekonomisystemet." />
        <SelectField {...field('ownerId')} empty="Välj ägare" options={people} hint="Den som äger dokumentet och ser till att det granskas. Saknas personen? Lägg till den under Personer och roller." />
        <SelectField {...field('municipality')} options={scopes} />
        <TextField {...field('decidedBy')} hint="Till exempel Kommunstyrelsen, Kommunfullmäktige eller IT-chefsgruppen." />
        <TextField {...field('decidedOn')} type="date" size="short" hint="ÅÅÅÅ-MM-DD." />
        <TextField {...field('reviewCycleYears')} inputmode="numeric" size="short"
          hint="1–10 år. Lämna tomt för typens förval (IT-strategins tabell 1.4: IT-policy 5 år, IT-strategi 3–5 år, säkerhetsinstruktioner och systemsäkerhetsplaner 1 år)." />
        <TextField {...field('lastReviewedOn')} type="date" size="short" hint="Lämna tomt om dokumentet inte har granskats sedan beslutet." />
        <TextField {...field('nextReviewOn')} type="date" size="short"
          hint={`Lämna tomt så räknas den fram: senaste granskning (eller beslutet) plus intervallet.${computedHint}`} />
        <TextField {...field('url')} hint="Webbadress till dokumentet, t.ex. i kommunens författningssamling. Börjar med https://." />
        <fieldset class={errors.installationIds ? 'field field-error' : 'field'} id="f-installationIds">
          <legend>{documentLabels.installationIds}</legend>
          <p class="hint">En systemsäkerhetsplan gäller ett eller flera system. Ett dokument för en kommun kan bara gälla den kommunens system.</p>
          {errors.installationIds && <p class="error-message"><span class="visually-hidden">Fel: </span>{errors.installationIds}</p>}
          {groups.length === 0 ? <p>Det finns inga system att välja.</p> : groups.map((g) => {
            const selected = g.installations.filter((i) => checked.includes(i.id)).length;
            return (
              <details class="doc-systems" open={selected > 0 || values.municipality === g.code}>
                <summary>{g.name} ({selected} {selected === 1 ? 'valt' : 'valda'} av {g.installations.length})</summary>
                {g.installations.map((i) => (
                  <div class="field checkbox">
                    <input type="checkbox" id={`f-installationIds-${i.id}`} name="installationIds" value={String(i.id)} checked={checked.includes(i.id)} />
                    <label for={`f-installationIds-${i.id}`}>{i.applicationName} <span class="visually-hidden">i {g.name}</span></label>
                  </div>
                ))}
              </details>
            );
          })}
        </fieldset>
        <button type="submit" class="button primary">{submit}</button>
      </form>
    </>
  );
};
