import type { FC } from 'hono/jsx';
import type { FieldIssue } from '../../worker/outcome.ts';
import {
  contractHorizonMonths, criteria, noticeHorizonMonths, maxWeight, type Candidate, type Criterion, type PriorityList, type Weights,
} from '../../worker/planning/priorities.ts';
import { criterionLabel, isDefault, toPageParams, weightParams } from '../../worker/planning/schemas.ts';
import { ErrorSummary, TextField } from '../components/forms.tsx';
import { EmptyState, PageHeader, ScrollTable } from '../components/page.tsx';
import { count, date, productLabel } from '../format.ts';
import { kindShort } from '../labels.ts';

const twoDecimals = new Intl.NumberFormat('sv-SE', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const oneDecimal = new Intl.NumberFormat('sv-SE', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** A 0–1 figure as the page shows it: "0,67". */
export const score = (n: number) => twoDecimals.format(n);

/** The criteria's pattern classes, in the order their bars stack. */
const segmentClass: Record<Criterion, string> = {
  contracts: 'prio-contracts', functioning: 'prio-functioning', competence: 'prio-competence', sameProduct: 'prio-same-product',
};

const barWidth = 100;

/**
 * The score as a bar on the scale 0–1, split into the criteria's contributions. A picture of
 * the figures in the same row, so screen readers skip it; each part also has its own pattern.
 */
export const ContributionBar: FC<{ candidate: Candidate }> = ({ candidate }) => {
  let x = 0;
  return (
    <svg class="prio-bar" viewBox={`0 0 ${barWidth} 12`} width="120" height="14" aria-hidden="true" focusable="false">
      <rect class="prio-track" x="0" y="0" width={barWidth} height="12" />
      {criteria.map((c) => {
        const width = candidate.criteria[c].contribution * barWidth;
        const segment = width > 0 ? <rect class={`prio-segment ${segmentClass[c]}`} x={x} y="0" width={width} height="12" /> : null;
        x += width;
        return segment;
      })}
    </svg>
  );
};

const Swatch: FC<{ criterion: Criterion }> = ({ criterion }) => (
  <svg class="prio-swatch" viewBox="0 0 12 12" width="14" height="14" aria-hidden="true" focusable="false">
    <rect class={`prio-segment ${segmentClass[criterion]}`} x="0" y="0" width="12" height="12" />
  </svg>
);

const basis = (candidate: Candidate, c: Criterion): string => {
  const k = candidate.criteria;
  switch (c) {
    case 'contracts': return `${k.contracts.ending} av ${k.contracts.of} avtal`;
    case 'functioning': return k.functioning.average === null ? 'inget betyg' : `snitt ${oneDecimal.format(k.functioning.average)} av 5 (${k.functioning.scored} bedömda)`;
    case 'competence': return k.competence.average === null ? 'ingen bedömning' : `risk ${oneDecimal.format(k.competence.average)} av 5 (${k.competence.scored} bedömda)`;
    case 'sameProduct': return k.sameProduct.product
      ? `${k.sameProduct.largestGroup} av ${k.sameProduct.of} på ${productLabel(k.sameProduct.product.vendor, k.sameProduct.product.name)}`
      : 'ingen produkt delas';
  }
};

/** The application's active collaborations, each linked; "none" is level 1. */
const Collaborations: FC<{ candidate: Candidate; members: number }> = ({ candidate, members }) =>
  candidate.collaborations.length === 0 ? <>Ingen (nivå 1)</> : (
    <ul class="prio-collaborations">
      {candidate.collaborations.map((c) => (
        <li><a href={`/samverkan/${c.id}`}>Nivå {c.level}</a>, {c.participants} av {members} kommuner</li>
      ))}
    </ul>
  );

type Props = {
  list: PriorityList | undefined;
  /** The weights as typed into the form (by page parameter). */
  values: Record<string, string>;
  issues?: FieldIssue[];
  mayStart: boolean;
};

const WeightsForm: FC<{ values: Record<string, string>; issues: FieldIssue[]; weights?: Weights }> = ({ values, issues, weights }) => (
  <form method="get" action="/prioritering" class="filters prio-weights" aria-labelledby="weights-heading" novalidate>
    <h2 id="weights-heading" class="prio-form-heading">Vikter</h2>
    <p class="hint prio-form-hint">Hur mycket varje kriterium väger, ett heltal från 0 till {maxWeight}. 0 tar bort kriteriet; lämnar du fältet tomt gäller 1.</p>
    {criteria.map((c) => {
      const name = weightParams[c];
      return (
        <TextField name={name} label={criterionLabel[c]} value={values[name] ?? (weights ? String(weights[c]) : '1')}
          inputmode="numeric" size="short" error={issues.find((i) => i.path === name)?.message} />
      );
    })}
    <button type="submit" class="button">Räkna om</button>
    {weights && !isDefault(weights) && <a href="/prioritering">Återställ vikterna</a>}
  </form>
);

export const PriorityPage: FC<Props> = ({ list, values, issues = [], mayStart }) => (
  <>
    <PageHeader
      title="Prioritering"
      lead={<>Vilka applikationer kommunerna först bör samverka om, eller samverka mer om, rangordnade efter strategins fyra kriterier (avsnitt 4.2). <a href="#sa-raknas-det">Så räknas det</a>.</>}
    />
    <ErrorSummary issues={issues} />
    <WeightsForm values={values} issues={issues} weights={list?.weights} />
    {list && <Ranking list={list} mayStart={mayStart} />}
    <Explanation />
  </>
);

const Ranking: FC<{ list: PriorityList; mayStart: boolean }> = ({ list, mayStart }) => {
  const weightSum = criteria.reduce((s, c) => s + list.weights[c], 0);
  if (list.candidates.length === 0) {
    return (
      <EmptyState>
        <p>Det finns inga kandidater: ingen applikation används av någon kommun, eller så samverkar alla kommuner redan på högsta nivån om allt de använder.</p>
        <p>Se vad kommunerna har registrerat i <a href="/matris">jämförelsen</a>.</p>
      </EmptyState>
    );
  }
  return (
    <section aria-labelledby="ranking-heading">
      <h2 id="ranking-heading">Kandidater för samverkan</h2>
      <p class="summary">
        {count(list.candidates.length)} applikationer rangordnade {date(list.today)}, bland {count(list.municipalityCount)} kommuner.{' '}
        {weightSum === 0 ? 'Alla vikter är 0, så alla får poängen 0 och listan står i bokstavsordning.' : 'Högst poäng först; lika poäng i bokstavsordning.'}
      </p>
      <p><a href={`/prioritering.csv${toPageParams(list.weights)}`} download>Ladda ner listan som CSV-fil (öppnas i Excel)</a></p>
      <ScrollTable label="Prioriteringslista">
        <table class="priorities">
          <caption class="visually-hidden">Prioriteringslista: poäng och varje kriteriums värde och bidrag per applikation</caption>
          <thead>
            <tr>
              <th scope="col" class="num">Plats</th>
              <th scope="col">Applikation</th>
              <th scope="col">Poäng</th>
              {criteria.map((c) => <th scope="col"><Swatch criterion={c} /> {criterionLabel[c]} <span class="prio-weight">(vikt {list.weights[c]})</span></th>)}
              <th scope="col" class="num">Kommuner</th>
              <th scope="col">Samverkan nu</th>
            </tr>
          </thead>
          <tbody>
            {list.candidates.map((candidate) => (
              <tr>
                <td class="num">{candidate.rank}</td>
                <th scope="row">
                  <a href={`/applikationer/${candidate.application.id}`}>{candidate.application.name}</a>
                  <span class="kind">{kindShort[candidate.application.kind]}</span>
                  {mayStart && (
                    <a class="prio-start" href={`/samverkan/ny?applikation=${candidate.application.id}`}>
                      Starta samverkan<span class="visually-hidden"> om {candidate.application.name}</span>
                    </a>
                  )}
                </th>
                <td class="prio-score">
                  <strong>{score(candidate.score)}</strong>
                  <ContributionBar candidate={candidate} />
                </td>
                {criteria.map((c) => (
                  <td>
                    <span class="prio-value">{score(candidate.criteria[c].value)}</span>
                    <span class="prio-basis">{basis(candidate, c)}</span>
                    <span class="prio-contribution">bidrag {score(candidate.criteria[c].contribution)}</span>
                  </td>
                ))}
                <td class="num">{candidate.members} av {list.municipalityCount}</td>
                <td><Collaborations candidate={candidate} members={list.municipalityCount} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollTable>
      <div class="legend">
        <p>
          Stapeln visar poängen på skalan 0–1, uppdelad i kriteriernas bidrag i samma ordning som kolumnerna:
        </p>
        <ul class="prio-legend">
          {criteria.map((c) => <li><Swatch criterion={c} /> {criterionLabel[c]}</li>)}
        </ul>
        <p>Siffrorna står alltid i kolumnerna, så stapeln behövs inte för att läsa listan.</p>
      </div>
    </section>
  );
};

const Explanation: FC = () => (
  <section aria-labelledby="sa-raknas-det" class="prio-explanation">
    <h2 id="sa-raknas-det">Så räknas prioriteringen</h2>
    <p>
      Strategin (avsnitt 4.2) säger att samverkan om applikationer ska prioriteras efter fyra kriterier. Listan räknar fram dem ur registret,
      varje kriterium som ett tal från 0 till 1.
    </p>
    <p>
      <strong>Kandidater</strong> är applikationer som minst en kommun har i drift (eller under avveckling). En applikation där alla
      kommuner redan ingår i en och samma aktiva samverkan på nivå 5, gemensam organisation, är inte med: där finns inget kvar att fördjupa.
      <strong> Kommunerna som använder den</strong> är de som har ett registrerat system för den som inte är avvecklat – planerade räknas med,
      för just när en kommun planerar att införa något ska den samordna med de andra.
    </p>
    <dl class="planning-definitions">
      <div>
        <dt>{criterionLabel.contracts}</dt>
        <dd>
          Andelen av kommunerna som använder applikationen vars avtal löper ut inom {contractHorizonMonths} månader, eller vars sista dag att
          säga upp avtalet (slutdatum minus uppsägningstid) infaller inom {noticeHorizonMonths} månader. Ett avtal som redan har löpt ut räknas
          med; ett system utan registrerat slutdatum räknas inte.
        </dd>
      </div>
      <div>
        <dt>{criterionLabel.functioning}</dt>
        <dd>
          (5 − genomsnittet av hur väl systemen fungerar, 1–5) ÷ 4, för de system som har ett betyg. Alla med betyget 1 ger 1, alla med
          betyget 5 ger 0. Inget betyg alls ger 0.
        </dd>
      </div>
      <div>
        <dt>{criterionLabel.competence}</dt>
        <dd>
          (Den genomsnittliga kompetensrisken, 1–5, − 1) ÷ 4, för de system som har en bedömning. Alla med risken 5 ger 1, alla med 1 ger 0.
          Ingen bedömning alls ger 0.
        </dd>
      </div>
      <div>
        <dt>{criterionLabel.sameProduct}</dt>
        <dd>
          Det största antalet kommuner som använder samma produkt, delat med antalet kommuner i samverkan – om minst två använder den
          produkten. Annars 0.
        </dd>
      </div>
    </dl>
    <p>
      <strong>Poängen</strong> = summan av vikt × kriterium, delad med summan av vikterna, alltså ett tal från 0 till 1. Ett kriteriums
      <strong> bidrag</strong> är dess vikt × värde delat med summan av vikterna; bidragen blir tillsammans poängen. Högst poäng står först,
      och applikationer med lika poäng står i bokstavsordning. Vikterna står i adressen, så du kan dela en viss viktning som länk.
    </p>
  </section>
);
