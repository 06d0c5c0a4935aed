import type { FC } from 'hono/jsx';
import type { Abilities } from '../../worker/access/permissions.ts';
import type { FormValues } from '../../worker/forms.ts';
import { issuesByField } from '../../worker/forms.ts';
import type { FieldIssue } from '../../worker/outcome.ts';
import type { municipalityList, municipalityPortfolio } from '../../worker/portfolio/queries.ts';
import { BarChart } from '../components/bar-chart.tsx';
import { ErrorSummary, TextField, VersionField } from '../components/forms.tsx';
import { EmptyState, Notice, PageHeader, ScrollTable } from '../components/page.tsx';
import { count, date, sek, productLabel } from '../format.ts';
import { kindShort, lifecycleLabel } from '../labels.ts';
import { Downloads } from '../transfer/downloads.tsx';

type ListProps = { municipalities: Awaited<ReturnType<typeof municipalityList>>; notice?: string; may: Abilities };

const latest = (populations: { year: number; population: number }[]) => populations[populations.length - 1];

export const MunicipalityListPage: FC<ListProps> = ({ municipalities, notice, may }) => (
  <>
    <PageHeader title="Kommuner" lead="Kommunerna i samverkan och deras register över system."
      actions={may.admin && <a class="button" href="/kommuner/ny">Lägg till kommun</a>} />
    <Notice message={notice} />
    {municipalities.length === 0 ? (
      <EmptyState><p>Inga kommuner är registrerade än.{may.admin && <> <a href="/kommuner/ny">Lägg till den första</a>.</>}</p></EmptyState>
    ) : (
      <ScrollTable label="Kommuner">
        <table>
          <thead>
            <tr>
              <th scope="col">Kommun</th>
              <th scope="col">Kommunkod</th>
              <th scope="col" class="num">Folkmängd</th>
              <th scope="col" class="num">System</th>
              <th scope="col" class="num">Kostnad per år</th>
            </tr>
          </thead>
          <tbody>
            {municipalities.map((m) => {
              const pop = latest(m.populations);
              return (
                <tr>
                  <th scope="row"><a href={`/kommuner/${m.code}`}>{m.name}</a></th>
                  <td>{m.code}</td>
                  <td class="num">{pop ? `${count(pop.population)} (${pop.year})` : '–'}</td>
                  <td class="num">{count(m.totals?.installations ?? 0)}</td>
                  <td class="num">{sek(m.totals?.yearlyCostOre ?? 0)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </ScrollTable>
    )}
  </>
);

type PortfolioProps = { data: NonNullable<Awaited<ReturnType<typeof municipalityPortfolio>>>; notice?: string; may: Abilities };

export const PortfolioPage: FC<PortfolioProps> = ({ data, notice, may }) => {
  const { municipality: m, installations } = data;
  const current = installations.filter((i) => i.installation.lifecycle !== 'retired');
  const retired = installations.filter((i) => i.installation.lifecycle === 'retired');
  const total = current.reduce((sum, i) => sum + i.installation.licenceCostOre + i.installation.operationsCostOre, 0);
  const pop = latest(m.populations);
  return (
    <>
      <PageHeader
        title={m.name}
        crumbs={[{ href: '/kommuner', label: 'Kommuner' }]}
        lead={`Kommunkod ${m.code}${pop ? ` · ${count(pop.population)} invånare (${pop.year})` : ''} · ${current.length} system · ${sek(total)} per år`}
        actions={<>
          {may.registerIn(m.code) && <a class="button" href={`/system/ny?kommun=${m.code}`}>Lägg till system</a>}
          {may.admin && <a class="button secondary" href={`/kommuner/${m.code}/andra`}>Ändra kommunen</a>}
          {may.admin && <a class="button danger-link" href={`/kommuner/${m.code}/ta-bort`}>Ta bort</a>}
        </>}
      />
      <Notice message={notice} />
      <p><Downloads base="/export/register" what={`Hämta ${m.name}s system`} query={`?kommun=${m.code}`} /></p>
      <h2>System i drift och planerade</h2>
      {current.length === 0 ? (
        <EmptyState><p>{m.name} har inga registrerade system.{may.registerIn(m.code) && <> <a href={`/system/ny?kommun=${m.code}`}>Registrera det första</a>.</>}</p></EmptyState>
      ) : (
        <ScrollTable label={`System i ${m.name}`}>
          <table>
            <thead>
              <tr>
                <th scope="col">Applikation</th>
                <th scope="col">Typ</th>
                <th scope="col">Produkt</th>
                <th scope="col">Livscykel</th>
                <th scope="col" class="num">Användare</th>
                <th scope="col" class="num">Kostnad per år</th>
                <th scope="col">Avtalet löper ut</th>
              </tr>
            </thead>
            <tbody>
              {current.map((row) => (
                <tr>
                  <th scope="row"><a href={`/system/${row.installation.id}`}>{row.applicationName}</a></th>
                  <td>{kindShort[row.applicationKind]}</td>
                  <td>{productLabel(row.productVendor, row.productName)}</td>
                  <td>{lifecycleLabel[row.installation.lifecycle]}</td>
                  <td class="num">{count(row.installation.users)}</td>
                  <td class="num">{sek(row.installation.licenceCostOre + row.installation.operationsCostOre)}</td>
                  <td>{date(row.installation.contractEnd)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colspan={5}>Summa</th>
                <td class="num">{sek(total)}</td>
                <td></td>
              </tr>
            </tfoot>
          </table>
        </ScrollTable>
      )}
      {retired.length > 0 && (
        <>
          <h2>Avvecklade system</h2>
          <ul>{retired.map((row) => <li><a href={`/system/${row.installation.id}`}>{row.applicationName}</a> ({productLabel(row.productVendor, row.productName)})</li>)}</ul>
        </>
      )}
      {m.populations.length > 1 && (
        <>
          <h2>Folkmängd</h2>
          <BarChart title={`Folkmängd i ${m.name} per år`} tableId="population-table"
            bars={m.populations.map((p) => ({ label: String(p.year), value: p.population, display: count(p.population) }))} />
          <table id="population-table">
            <thead><tr><th scope="col">År</th><th scope="col" class="num">Folkmängd</th></tr></thead>
            <tbody>{m.populations.map((p) => <tr><th scope="row">{p.year}</th><td class="num">{count(p.population)}</td></tr>)}</tbody>
          </table>
        </>
      )}
    </>
  );
};

export const municipalityLabels: Record<string, string> = { code: 'Kommunkod', name: 'Namn', populations: 'Folkmängd' };

type FormProps = { action: string; values: FormValues; issues?: FieldIssue[]; error?: string; version?: number };

/** Populations are typed one year per line: "2024 9 260". */
export const MunicipalityForm: FC<FormProps> = ({ action, values, issues = [], error, version }) => {
  const errors = issuesByField(issues.map((i) => (i.path.startsWith('populations') ? { ...i, path: 'populations' } : i)));
  return (
    <form method="post" action={action} class="form" novalidate>
      <ErrorSummary error={error} issues={issues.map((i) => (i.path.startsWith('populations') ? { ...i, path: 'populations' } : i))} labels={municipalityLabels} />
      {version !== undefined && <VersionField version={version} />}
      {version === undefined && (
        <TextField name="code" label="Kommunkod" value={values.code} error={errors.code} inputmode="numeric" size="short"
          hint="SCB:s fyrsiffriga kod, t.ex. 1460 för Bengtsfors." />
      )}
      <TextField name="name" label="Namn" value={values.name} error={errors.name} />
      <div class={errors.populations ? 'field field-error' : 'field'}>
        <label for="f-populations">Folkmängd per år</label>
        <p class="hint" id="f-populations-hint">Ett år per rad: årtal och folkmängd, t.ex. ”2024 9260”.</p>
        {errors.populations && <p class="error-message" id="f-populations-fel"><span class="visually-hidden">Fel: </span>{errors.populations}</p>}
        <textarea id="f-populations" name="populations" rows={4}
          aria-describedby={errors.populations ? 'f-populations-hint f-populations-fel' : 'f-populations-hint'}
          aria-invalid={errors.populations ? 'true' : undefined}>{values.populations ?? ''}</textarea>
      </div>
      <button type="submit" class="button primary">Spara</button>
    </form>
  );
};
