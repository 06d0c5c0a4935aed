import type { FC } from 'hono/jsx';
import { initiativeStages, participationAnswers, procurementRoutes, type InitiativeStage } from '../../schema/initiatives.ts';
import { answerLabel, finalStage, gateFields, nextStage, procurementRouteLabel, stageIndex, stageLabel, stallDays } from '../../worker/initiatives/gates.ts';
import type { FormChoices, InitiativeDetail, InitiativeSummary } from '../../worker/initiatives/queries.ts';
import { issuesByField } from '../../worker/forms.ts';
import type { FieldIssue } from '../../worker/outcome.ts';
import { Time } from '../audit/changes.tsx';
import { ErrorSummary, SelectField, TextArea, TextField, VersionField } from '../components/forms.tsx';
import { EmptyState, Notice, PageHeader, ScrollTable } from '../components/page.tsx';
import { count, date, productLabel, sek } from '../format.ts';

const days = (n: number) => (n === 1 ? '1 dag' : `${count(n)} dagar`);

const Stalled: FC<{ stalled: boolean }> = ({ stalled }) =>
  stalled ? <span class="overdue-tag">Står still</span> : null;

/** The board: every stage a section with its heading, count and list — readable in order, no dragging. */
export const InitiativeBoard: FC<{ initiatives: InitiativeSummary[]; canStart: boolean; notice?: string }> = ({ initiatives, canStart, notice }) => (
  <>
    <PageHeader title="Nya system"
      lead={<>Införande av nya applikationer enligt IT-strategins process (bilaga F): från förstudie till godkännande av drift, alltid samordnat med de övriga kommunerna först. Ett initiativ som inte rört sig på mer än {stallDays} dagar står still.</>}
      actions={canStart ? <a class="button" href="/initiativ/nytt">Starta initiativ</a> : undefined} />
    <Notice message={notice} />
    <ol class="initiative-board">
      {initiativeStages.map((stage) => {
        const inStage = initiatives.filter((i) => i.stage === stage);
        return (
          <li class="initiative-stage">
            <section aria-labelledby={`stage-${stage}`}>
              <h2 id={`stage-${stage}`}>{stageIndex(stage) + 1}. {stageLabel[stage]} <span class="stage-count">({inStage.length === 1 ? '1 initiativ' : `${inStage.length} initiativ`})</span></h2>
              {inStage.length === 0 ? <p class="hint">Inga initiativ.</p> : (
                <ul class="initiative-list">
                  {inStage.map((i) => (
                    <li>
                      <a href={`/initiativ/${i.id}`}>{i.applicationName}</a> <Stalled stalled={i.stalled} />
                      <br /><span class="hint">{i.sponsorName} · {stage === finalStage ? `godkänt ${date(i.approvedOn)}` : `i steget ${days(i.daysInStage)}`}</span>
                    </li>
                  ))}
                </ul>
              )}
            </section>
          </li>
        );
      })}
    </ol>
  </>
);

export const NewInitiativeForm: FC<{ choices: FormChoices; sponsors: string[]; values: Record<string, string>; issues: FieldIssue[]; error?: string }> = ({ choices, sponsors, values, issues, error }) => {
  const errors = issuesByField(issues);
  return (
    <>
      <PageHeader title="Starta initiativ" crumbs={[{ href: '/initiativ', label: 'Nya system' }]}
        lead="Ett nytt system börjar med en förstudie. När initiativet startar tillfrågas de övriga kommunerna om att delta." />
      <ErrorSummary error={error} issues={issues} />
      <form method="post" action="/initiativ/nytt" novalidate>
        <SelectField name="applicationId" label="Applikation" hint="Ur den gemensamma katalogen. Saknas den: be en administratör lägga till den först." value={values.applicationId} error={errors.applicationId} empty="Välj applikation"
          options={choices.applications.map((a) => ({ value: String(a.id), label: a.name }))} />
        <SelectField name="sponsor" label="Initierande kommun" value={values.sponsor} error={errors.sponsor} empty={sponsors.length === 1 ? undefined : 'Välj kommun'}
          options={choices.municipalities.filter((m) => sponsors.includes(m.code)).map((m) => ({ value: m.code, label: m.name }))} />
        <TextArea name="purpose" label="Syfte" hint="Verksamhetens behov: vad det nya IT-stödet ska åstadkomma." value={values.purpose} error={errors.purpose} />
        <button type="submit" class="button">Starta initiativ</button>
      </form>
    </>
  );
};

const costFieldLabels = {
  investmentOre: 'Investering/licens (kr)',
  operationOrePerYear: 'Drift per år (kr)',
  trainingOre: 'Utbildning (kr)',
  routineChangeOre: 'Ändrade rutiner (kr)',
  benefitOrePerYear: 'Uppskattad nytta per år (kr)',
} as const;

/** The form fields of a stage's gate (and, for the pre-study, the cost estimate it must contain). */
const GateInputs: FC<{ stage: InitiativeStage; values: Record<string, string>; errors: Record<string, string>; choices: FormChoices }> = ({ stage, values, errors, choices }) => {
  switch (stage) {
    case 'pre_study':
      return (
        <>
          <TextArea name="purpose" label="Syfte" value={values.purpose} error={errors.purpose} />
          <TextArea name="preStudySummary" label="Förstudiens sammanfattning" hint="Verksamhetens behov, vilka nya och befintliga funktioner som önskas, och värderingen av effekten (PENG eller motsvarande)." value={values.preStudySummary} error={errors.preStudySummary} />
          <CostInputs values={values} errors={errors} />
        </>
      );
    case 'decision':
      return (
        <>
          <TextField name="decisionDate" type="date" label="Beslutsdatum" hint="ÅÅÅÅ-MM-DD" value={values.decisionDate} error={errors.decisionDate} size="short" />
          <TextField name="decisionBody" label="Beslutande organ" hint="T.ex. kommunstyrelsen eller nämnden." value={values.decisionBody} error={errors.decisionBody} />
          <TextField name="decisionReference" label="Beslutets diarienummer (frivilligt)" value={values.decisionReference} error={errors.decisionReference} />
        </>
      );
    case 'requirements':
      return <TextArea name="requirementsReference" label="Kravspecifikation" hint="Hänvisning (diarienummer, länk) eller en sammanfattning av funktionskraven och IT-enhetens tekniska krav." value={values.requirementsReference} error={errors.requirementsReference} />;
    case 'procurement':
      return (
        <>
          <SelectField name="procurementRoute" label="Upphandlingsform" value={values.procurementRoute} error={errors.procurementRoute} empty="Välj upphandlingsform"
            hint="En ny upphandling tecknas i första hand som ramavtal, så att övriga kommuner kan införa samma lösning senare."
            options={procurementRoutes.map((r) => ({ value: r, label: procurementRouteLabel[r] }))} />
          <TextField name="procurementReference" label="Upphandlingens eller ramavtalets hänvisning" value={values.procurementReference} error={errors.procurementReference} />
        </>
      );
    case 'system_choice':
      return (
        <SelectField name="productId" label="Valt system (produkt)" hint="Saknas produkten: lägg till den under Produkter först." value={values.productId} error={errors.productId} empty="Välj produkt"
          options={choices.products.map((p) => ({ value: String(p.id), label: productLabel(p.vendor, p.name) }))} />
      );
    case 'agreements':
      return (
        <>
          {errors.productId && <p class="error-message" id="f-productId">{errors.productId}</p>}
          <TextField name="supplierAgreementReference" label="Avtal med leverantören" hint="Avtalets hänvisning eller diarienummer: applikationens omfattning och drift." value={values.supplierAgreementReference} error={errors.supplierAgreementReference} />
          <TextField name="operatingAgreementReference" label="Driftavtal (SLA) med IT-enheten" hint="Avtal om drift och service ska tecknas innan driftsättning." value={values.operatingAgreementReference} error={errors.operatingAgreementReference} />
          <TextField name="operatingAgreementDate" type="date" label="Driftavtalets datum" hint="ÅÅÅÅ-MM-DD" value={values.operatingAgreementDate} error={errors.operatingAgreementDate} size="short" />
        </>
      );
    default:
      return null;
  }
};

const CostInputs: FC<{ values: Record<string, string>; errors: Record<string, string> }> = ({ values, errors }) => (
  <fieldset class="field">
    <legend>Kostnadsuppskattning</legend>
    <p class="hint">I kronor. Lämna tomt det som inte är uppskattat ännu; skriv 0 om kostnaden inte finns.</p>
    {(Object.keys(costFieldLabels) as (keyof typeof costFieldLabels)[]).map((name) => (
      <TextField name={name} label={costFieldLabels[name]} value={values[name]} error={errors[name]} inputmode="decimal" size="short" />
    ))}
    <TextArea name="benefitNote" label="Nyttan i ord" value={values.benefitNote} error={errors.benefitNote} />
  </fieldset>
);

const outcomeRows = (i: InitiativeDetail): [string, string][] => [
  ['Förstudiens sammanfattning', i.preStudySummary],
  ['Beslut', i.decisionDate ? `${i.decisionBody} ${i.decisionDate}${i.decisionReference ? ` (${i.decisionReference})` : ''}` : ''],
  ['Kravspecifikation', i.requirementsReference],
  ['Upphandling', i.procurementRoute ? `${procurementRouteLabel[i.procurementRoute]}: ${i.procurementReference}` : ''],
  ['Valt system', i.product ? productLabel(i.product.vendor, i.product.name) : ''],
  ['Avtal med leverantören', i.supplierAgreementReference],
  ['Driftavtal (SLA)', i.operatingAgreementReference ? `${i.operatingAgreementReference} (${date(i.operatingAgreementDate)})` : ''],
];

export type DetailProps = {
  initiative: InitiativeDetail;
  choices: FormChoices;
  canMove: boolean;
  /** The municipalities whose answer this person may give. */
  answerFor: string[];
  gate: { values: Record<string, string>; issues: FieldIssue[]; error?: string };
  /** Which form the issues came from: the gate, the cost estimate, going back or an answer. */
  failedForm?: 'gate' | 'costs' | 'return' | `answer-${string}`;
  notice?: string;
};

export const InitiativePage: FC<DetailProps> = ({ initiative: i, choices, canMove, answerFor, gate, failedForm = 'gate', notice }) => {
  const next = nextStage(i.stage);
  const errors = issuesByField(gate.issues);
  const formErrors = (form: string) => (failedForm === form ? errors : {});
  const approved = i.stage === finalStage;
  const costs = i.costs;
  return (
    <>
      <PageHeader title={`Införande av ${i.applicationName}`} crumbs={[{ href: '/initiativ', label: 'Nya system' }]} lead={i.purpose} />
      <Notice message={notice} />
      <ErrorSummary error={gate.error} issues={gate.issues} />
      <dl class="facts">
        <div><dt>Initierande kommun</dt><dd><a href={`/kommuner/${i.sponsor}`}>{i.sponsorName}</a></dd></div>
        <div><dt>Applikation</dt><dd><a href={`/applikationer/${i.applicationId}`}>{i.applicationName}</a></dd></div>
        <div><dt>Steg</dt><dd>{stageIndex(i.stage) + 1} av {initiativeStages.length}: {stageLabel[i.stage]} {approved ? `(godkänt ${date(i.approvedOn)})` : `(sedan ${date(i.stageSince)}, ${days(i.daysInStage)})`} <Stalled stalled={i.stalled} /></dd></div>
        <div><dt>Startat</dt><dd>{date(i.createdAt)}</dd></div>
        <div><dt>Senast ändrat</dt><dd>{date(i.updatedAt)} (version {i.version})</dd></div>
      </dl>

      <ol class="stage-steps" aria-label="Processens steg">
        {initiativeStages.map((s) => (
          <li aria-current={s === i.stage ? 'step' : undefined} class={s === i.stage ? 'current' : stageIndex(s) < stageIndex(i.stage) ? 'done' : undefined}>
            {stageLabel[s]}{s === i.stage ? ' (nuvarande steg)' : stageIndex(s) < stageIndex(i.stage) ? ' (klart)' : ''}
          </li>
        ))}
      </ol>

      {approved && i.approvalResult && (
        <section aria-labelledby="approval-heading">
          <h2 id="approval-heading">Godkänt för drift</h2>
          <p>Systemen lades in som planerade; varje kommun markerar sitt system som i drift när det tas i bruk.</p>
          <ul>
            {i.approvalResult.installed.map((code) => (
              <li>{i.members.find((m) => m.code === code)?.name ?? code}: nytt system <a href={`/kommuner/${code}`}>i kommunens portfölj</a></li>
            ))}
            {i.approvalResult.skipped.map((s) => <li>{s.reason}</li>)}
          </ul>
          <p>{i.collaborationId !== null ? <a href={`/samverkan/${i.collaborationId}`}>Samverkan på nivå 2 om {i.applicationName} (värd: {i.sponsorName})</a> : i.approvalResult.collaborationNote}</p>
        </section>
      )}

      {!approved && next && canMove && (
        <section aria-labelledby="gate-heading">
          <h2 id="gate-heading">Nästa steg: {stageLabel[next]}</h2>
          <p>{next === finalStage
            ? 'Godkännandet av drift lägger in systemet för den initierande kommunen och för varje kommun som ska delta, och startar en samverkan på nivå 2 när två eller fler är med.'
            : `Fyll i det som steget ${stageLabel[i.stage]} ska ha gett innan initiativet går vidare.`}</p>
          <form method="post" action={`/initiativ/${i.id}/steg`} novalidate>
            <VersionField version={i.version} />
            <input type="hidden" name="toStage" value={next} />
            <GateInputs stage={i.stage} values={gate.values} errors={formErrors('gate')} choices={choices} />
            <TextField name="note" label="Anteckning till beslutsloggen (frivilligt)" value={gate.values.note} error={formErrors('gate').note} />
            <div class="actions">
              <button type="submit" class="button" name="action" value="advance">{next === finalStage ? 'Godkänn för drift' : `Gå vidare till ${stageLabel[next]}`}</button>
              {gateFields[i.stage].length > 0 && <button type="submit" class="button secondary" name="action" value="save">Spara utan att gå vidare</button>}
            </div>
          </form>
        </section>
      )}

      <section aria-labelledby="answers-heading">
        <h2 id="answers-heading">Samordning med övriga kommuner</h2>
        <div id="f-answers" tabindex={-1}>
          {errors.answers && <p class="error-message">{errors.answers}</p>}
        </div>
        {i.answers.length === 0 ? <EmptyState><p>Inga andra kommuner är tillfrågade.</p></EmptyState> : (
          <ScrollTable label="Svar från övriga kommuner">
            <table>
              <caption>Svar från övriga kommuner</caption>
              <thead><tr><th scope="col">Kommun</th><th scope="col">Svar</th><th scope="col">Kommentar</th><th scope="col">Svarat av</th></tr></thead>
              <tbody>
                {i.answers.map((a) => (
                  <tr>
                    <th scope="row">{a.municipalityName}</th>
                    <td>{a.answer ? answerLabel[a.answer] : 'Inte svarat'}</td>
                    <td>{a.comment}</td>
                    <td>{a.answeredBy ? <>{a.answeredBy}, <Time at={a.answeredAt!} /></> : '–'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
        )}
        {!approved && i.answers.filter((a) => answerFor.includes(a.municipality)).map((a) => {
          const own = failedForm === `answer-${a.municipality}`;
          const value = own ? gate.values.answer : a.answer ?? '';
          return (
            <form method="post" action={`/initiativ/${i.id}/svar/${a.municipality}`} class="answer-form" novalidate>
              <input type="hidden" name="version" value={String(a.version)} />
              <fieldset class={own && errors.answer ? 'field field-error' : 'field'}>
                <legend>Svar för {a.municipalityName}</legend>
                {own && errors.answer && <p class="error-message">{errors.answer}</p>}
                {participationAnswers.map((option) => (
                  <div class="radio-option">
                    <input type="radio" id={`f-answer-${a.municipality}-${option}`} name="answer" value={option} checked={value === option} />
                    <label for={`f-answer-${a.municipality}-${option}`}>{answerLabel[option]}</label>
                  </div>
                ))}
              </fieldset>
              <div class="field">
                <label for={`f-comment-${a.municipality}`}>Kommentar från {a.municipalityName}</label>
                <textarea id={`f-comment-${a.municipality}`} name="comment" rows={2}>{own ? gate.values.comment : a.comment}</textarea>
              </div>
              <button type="submit" class="button secondary">Spara svar för {a.municipalityName}</button>
            </form>
          );
        })}
      </section>

      <section aria-labelledby="costs-heading">
        <h2 id="costs-heading">Kostnadsuppskattning och nytta</h2>
        <table>
          <caption>Uppskattad kostnad mot uppskattad nytta</caption>
          <tbody>
            <tr><th scope="row">Investering/licens</th><td class="num">{i.investmentOre === null ? 'Inte uppskattat' : sek(i.investmentOre)}</td></tr>
            <tr><th scope="row">Utbildning</th><td class="num">{i.trainingOre === null ? 'Inte uppskattat' : sek(i.trainingOre)}</td></tr>
            <tr><th scope="row">Ändrade rutiner</th><td class="num">{i.routineChangeOre === null ? 'Inte uppskattat' : sek(i.routineChangeOre)}</td></tr>
            <tr><th scope="row">Engångskostnader totalt</th><td class="num">{sek(costs.oneTimeOre)}</td></tr>
            <tr><th scope="row">Drift per år</th><td class="num">{i.operationOrePerYear === null ? 'Inte uppskattat' : sek(i.operationOrePerYear)}</td></tr>
            <tr><th scope="row">Första årets kostnad</th><td class="num">{sek(costs.firstYearOre)}</td></tr>
            <tr><th scope="row">Uppskattad nytta per år</th><td class="num">{i.benefitOrePerYear === null ? 'Inte uppskattat' : sek(i.benefitOrePerYear)}</td></tr>
            <tr><th scope="row">Nytta minus drift per år</th><td class="num">{sek(costs.netPerYearOre)}</td></tr>
            <tr><th scope="row">Återbetalningstid</th><td class="num">{costs.paybackYears !== null
              ? `${String(costs.paybackYears).replace('.', ',')} år`
              : costs.complete ? 'Betalar sig inte (nyttan är inte större än driften)' : 'Kan inte räknas ut förrän uppskattningen är komplett'}</td></tr>
          </tbody>
        </table>
        {i.benefitNote && <p><strong>Nyttan i ord:</strong> {i.benefitNote}</p>}
        {canMove && !approved && i.stage !== 'pre_study' && (
          <form method="post" action={`/initiativ/${i.id}/kostnader`} novalidate>
            <VersionField version={i.version} />
            <CostInputs values={failedForm === 'costs' ? gate.values : costValues(i)} errors={formErrors('costs')} />
            <button type="submit" class="button secondary">Spara kostnadsuppskattningen</button>
          </form>
        )}
      </section>

      <section aria-labelledby="outcome-heading">
        <h2 id="outcome-heading">Underlag</h2>
        <dl class="facts">
          {outcomeRows(i).map(([label, value]) => <div><dt>{label}</dt><dd>{value || '–'}</dd></div>)}
        </dl>
      </section>

      <section aria-labelledby="log-heading">
        <h2 id="log-heading">Beslutslogg</h2>
        <ScrollTable label="Beslutslogg">
          <table>
            <caption>Beslutslogg, senaste först</caption>
            <thead><tr><th scope="col">När</th><th scope="col">Vem</th><th scope="col">Händelse</th><th scope="col">Anteckning</th></tr></thead>
            <tbody>
              {i.decisions.map((d) => (
                <tr>
                  <td><Time at={d.at} /></td>
                  <td>{d.actor}</td>
                  <th scope="row">{d.kind === 'start' ? `Startade i ${stageLabel[d.toStage]}` : d.kind === 'advance'
                    ? `Vidare från ${stageLabel[d.fromStage!]} till ${stageLabel[d.toStage]}`
                    : `Tillbaka från ${stageLabel[d.fromStage!]} till ${stageLabel[d.toStage]}`}</th>
                  <td>{d.note}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      </section>

      {canMove && !approved && stageIndex(i.stage) > 0 && (
        <section aria-labelledby="return-heading">
          <h2 id="return-heading">Flytta tillbaka</h2>
          <form method="post" action={`/initiativ/${i.id}/tillbaka`} novalidate>
            <VersionField version={i.version} />
            <SelectField name="toStage" label="Tillbaka till steget" value={failedForm === 'return' ? gate.values.toStage : undefined} error={formErrors('return').toStage}
              options={initiativeStages.filter((s) => stageIndex(s) < stageIndex(i.stage)).map((s) => ({ value: s, label: stageLabel[s] })).reverse()} />
            <TextArea name="reason" label="Skäl" value={failedForm === 'return' ? gate.values.reason : undefined} error={formErrors('return').reason} />
            <button type="submit" class="button secondary">Flytta tillbaka</button>
          </form>
        </section>
      )}
    </>
  );
};

const kronorText = (ore: number | null) => (ore === null ? '' : ore % 100 === 0 ? String(ore / 100) : (ore / 100).toFixed(2).replace('.', ','));

export const costValues = (i: InitiativeDetail): Record<string, string> => ({
  investmentOre: kronorText(i.investmentOre), operationOrePerYear: kronorText(i.operationOrePerYear), trainingOre: kronorText(i.trainingOre),
  routineChangeOre: kronorText(i.routineChangeOre), benefitOrePerYear: kronorText(i.benefitOrePerYear), benefitNote: i.benefitNote,
});

/** The gate form's values as stored, so a half-filled gate can be saved and resumed. */
export const gateValues = (i: InitiativeDetail): Record<string, string> => ({
  purpose: i.purpose, preStudySummary: i.preStudySummary, ...costValues(i),
  decisionDate: i.decisionDate ?? '', decisionBody: i.decisionBody, decisionReference: i.decisionReference,
  requirementsReference: i.requirementsReference, procurementRoute: i.procurementRoute ?? '', procurementReference: i.procurementReference,
  productId: i.productId === null ? '' : String(i.productId), supplierAgreementReference: i.supplierAgreementReference,
  operatingAgreementReference: i.operatingAgreementReference, operatingAgreementDate: i.operatingAgreementDate ?? '', note: '',
});
