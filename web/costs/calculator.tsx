import type { FC } from 'hono/jsx';
import type { Share } from '../../worker/costs/allocation.ts';
import { basisLabel, bases } from '../../worker/costs/schemas.ts';
import type { FieldIssue } from '../../worker/outcome.ts';
import { BarChart } from '../components/bar-chart.tsx';
import { ErrorSummary, fieldId, SelectField, TextField } from '../components/forms.tsx';
import { PageHeader, ScrollTable } from '../components/page.tsx';

/** The calculator offers this many key parts (the API takes more). */
export const calculatorParts = [1, 2, 3] as const;

const integer = new Intl.NumberFormat('sv-SE');
const percent = new Intl.NumberFormat('sv-SE', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** Öre as kronor with öre, exactly: 3333334 → "33 333,34 kr" (no floating point). */
export function kronorWithOre(ore: number): string {
  const magnitude = Math.abs(ore);
  return `${ore < 0 ? '−' : ''}${integer.format(Math.trunc(magnitude / 100))},${String(magnitude % 100).padStart(2, '0')} kr`;
}

/** A share of the total in percent, two decimals ("33,33 %"). */
export const sharePercent = (amountOre: number, totalOre: number) =>
  `${percent.format(totalOre === 0 ? 0 : (amountOre / totalOre) * 100)} %`;

export type CalculatorData = {
  municipalities: { code: string; name: string }[];
  applications: { id: number; name: string }[];
};

type Props = CalculatorData & {
  /** The form's fields as typed (page parameters); `kommun` is the checked codes. */
  values: Record<string, string>;
  checked: string[];
  issues: FieldIssue[];
  result?: { totalOre: number; shares: Share[] };
};

const ResultTable: FC<{ result: NonNullable<Props['result']>; names: Map<string, string> }> = ({ result, names }) => (
  <>
    <BarChart title="Varje kommuns andel av beloppet" tableId="kalkyl-tabell"
      bars={result.shares.map((s) => ({ label: names.get(s.municipality) ?? s.municipality, value: Math.abs(s.amountOre), display: kronorWithOre(s.amountOre) }))} />
    <ScrollTable label="Fördelningen per kommun">
      <table id="kalkyl-tabell" class="calculator-result">
        <caption>Fördelning av {kronorWithOre(result.totalOre)}</caption>
        <thead>
          <tr><th scope="col">Kommun</th><th scope="col" class="num">Andel</th><th scope="col" class="num">Belopp</th></tr>
        </thead>
        <tbody>
          {result.shares.map((s) => (
            <tr data-municipality={s.municipality}>
              <th scope="row">{names.get(s.municipality) ?? s.municipality} <span class="meta">({s.municipality})</span></th>
              <td class="num">{sharePercent(s.amountOre, result.totalOre)}</td>
              <td class="num">{kronorWithOre(s.amountOre)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr><th scope="row">Summa</th><td class="num">{sharePercent(result.totalOre, result.totalOre)}</td><td class="num">{kronorWithOre(result.totalOre)}</td></tr>
        </tfoot>
      </table>
    </ScrollTable>
  </>
);

const errorOf = (issues: FieldIssue[], name: string) => issues.find((i) => i.path === name)?.message;

const FieldsetError: FC<{ name: string; error?: string }> = ({ name, error }) =>
  error ? <p class="error-message" id={`${fieldId(name)}-fel`}><span class="visually-hidden">Fel: </span>{error}</p> : null;

const KeyPart: FC<{ n: number; municipalities: CalculatorData['municipalities']; values: Record<string, string>; issues: FieldIssue[] }> = ({ n, municipalities, values, issues }) => {
  const basis = values[`del${n}`] ?? '';
  const weightsName = `del${n}-vikter`;
  const weightsError = errorOf(issues, weightsName);
  return (
    <fieldset class="calculator-part">
      <legend>Del {n} av fördelningsnyckeln{n > 1 ? ' (frivillig)' : ''}</legend>
      <SelectField name={`del${n}`} label={`Underlag, del ${n}`} value={basis} empty={n > 1 ? 'Ingen' : undefined}
        options={bases.map((b) => ({ value: b, label: basisLabel[b] }))} error={errorOf(issues, `del${n}`)} />
      <TextField name={`del${n}-vikt`} label={`Vikt, del ${n}`} value={values[`del${n}-vikt`] ?? ''} inputmode="decimal" size="short"
        hint="Delens vikt mot de andra delarnas, t.ex. 40 och 60." error={errorOf(issues, `del${n}-vikt`)} />
      <details open={basis === 'custom' || weightsError !== undefined || municipalities.some((m) => errorOf(issues, `del${n}-vikt-${m.code}`))}>
        <summary>Egna vikter per kommun, del {n}</summary>
        <div id={fieldId(weightsName)} tabindex={-1}>
          <p class="hint">Gäller när underlaget är egna vikter: varje vald kommun behöver en vikt större än 0.</p>
          <FieldsetError name={weightsName} error={weightsError} />
          {municipalities.map((m) => (
            <TextField name={`del${n}-vikt-${m.code}`} label={`${m.name}, vikt i del ${n}`} value={values[`del${n}-vikt-${m.code}`] ?? ''}
              inputmode="decimal" size="short" error={errorOf(issues, `del${n}-vikt-${m.code}`)} />
          ))}
        </div>
      </details>
    </fieldset>
  );
};

/** Labels for the error summary, by form field. */
const summaryLabels = (municipalities: CalculatorData['municipalities']) => ({
  belopp: 'Belopp', ar: 'År', kommun: 'Kommuner', applikation: 'Applikation',
  ...Object.fromEntries(calculatorParts.flatMap((n) => [
    [`del${n}`, `Underlag, del ${n}`], [`del${n}-vikt`, `Vikt, del ${n}`], [`del${n}-vikter`, `Egna vikter, del ${n}`],
    ...municipalities.map((m) => [`del${n}-vikt-${m.code}`, `${m.name}, vikt i del ${n}`]),
  ])),
});

export const CalculatorPage: FC<Props> = ({ municipalities, applications, values, checked, issues, result }) => {
  const names = new Map(municipalities.map((m) => [m.code, m.name]));
  const participantsError = errorOf(issues, 'kommun');
  return (
    <>
      <PageHeader title="Kostnadskalkylator"
        lead="Pröva hur ett belopp fördelas mellan kommunerna med en fördelningsnyckel. Inget sparas; länken till resultatet kan delas." />
      <ErrorSummary issues={issues} labels={summaryLabels(municipalities)} />
      <form method="get" action="/kostnader/kalkylator" class="form calculator" id="kalkylator" novalidate
        data-preview="/api/v1/allocations/preview">
        <TextField name="belopp" label="Belopp (kr)" value={values.belopp ?? ''} inputmode="decimal" required
          hint="I kronor, t.ex. 125 000 eller 125 000,50. En kreditering skrivs med minus." error={errorOf(issues, 'belopp')} />
        <TextField name="ar" label="År" value={values.ar ?? ''} inputmode="numeric" size="short" required
          hint="Folkmängden räknas för det året." error={errorOf(issues, 'ar')} />
        <fieldset id={fieldId('kommun')} tabindex={-1} aria-describedby={participantsError ? `${fieldId('kommun')}-fel` : undefined}>
          <legend>Kommuner som delar på beloppet</legend>
          <FieldsetError name="kommun" error={participantsError} />
          {municipalities.map((m) => (
            <div class="field checkbox">
              <input type="checkbox" id={fieldId(`kommun-${m.code}`)} name="kommun" value={m.code} checked={checked.includes(m.code)} data-name={m.name} />
              <label for={fieldId(`kommun-${m.code}`)}>{m.name} ({m.code})</label>
            </div>
          ))}
        </fieldset>
        {calculatorParts.map((n) => <KeyPart n={n} municipalities={municipalities} values={values} issues={issues} />)}
        <SelectField name="applikation" label="Applikation (för användare och licenser)" value={values.applikation ?? ''} empty="Ingen vald"
          options={applications.map((a) => ({ value: String(a.id), label: a.name }))}
          hint="Användare och licenser hämtas från kommunernas system för applikationen. Licenser mäts som systemets licenskostnad per år."
          error={errorOf(issues, 'applikation')} />
        <button type="submit" class="button">Beräkna</button>
      </form>
      <p id="kalkyl-status" class="visually-hidden" role="status" aria-live="polite"></p>
      <section id="kalkyl-resultat" aria-labelledby="kalkyl-rubrik">
        <h2 id="kalkyl-rubrik">Fördelning</h2>
        <div id="kalkyl-innehall">
          {result ? <ResultTable result={result} names={names} /> : <p>Fyll i formuläret och välj Beräkna för att se fördelningen.</p>}
        </div>
      </section>
      <section aria-labelledby="kalkyl-sa-raknas">
        <h2 id="kalkyl-sa-raknas">Så räknas det</h2>
        <p>Varje del av nyckeln väger med sin vikt mot summan av delarnas vikter. Inom en del får varje kommun sitt underlag (1 vid lika delar, folkmängden, antal användare, licenskostnaden eller den egna vikten) mot summan av kommunernas underlag.</p>
        <p>Delarna räknas ihop exakt och avrundas en enda gång till hela öre med största-rest-metoden: först får varje kommun de hela ören, sedan går de öre som är kvar till de kommuner som har störst rest. Vid lika rest går öret till kommunen med lägst kommunkod. Andelarna blir alltid exakt beloppet.</p>
      </section>
      <script src="/calculator.js" defer></script>
    </>
  );
};
