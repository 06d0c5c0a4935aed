import type { FC } from 'hono/jsx';
import type { Abilities } from '../../worker/access/permissions.ts';
import { applicationKinds } from '../../schema/portfolio.ts';
import type { FormValues } from '../../worker/forms.ts';
import { issuesByField } from '../../worker/forms.ts';
import type { FieldIssue } from '../../worker/outcome.ts';
import { noticeDeadline } from '../../worker/portfolio/contracts.ts';
import type { applicationDetail, catalogue } from '../../worker/portfolio/queries.ts';
import type { CatalogueFilter } from '../../worker/portfolio/schemas.ts';
import { BarChart } from '../components/bar-chart.tsx';
import { ErrorSummary, SelectField, TextArea, TextField, VersionField, type Option } from '../components/forms.tsx';
import { EmptyState, Notice, PageHeader, ScrollTable } from '../components/page.tsx';
import { count, date, sek, productLabel } from '../format.ts';
import { kindLabel, kindShort, lifecycleLabel } from '../labels.ts';

type CatalogueProps = { data: Awaited<ReturnType<typeof catalogue>>; filter: CatalogueFilter; municipalityCount: number; notice?: string; error?: string; may: Abilities };

export const CataloguePage: FC<CatalogueProps> = ({ data, filter, municipalityCount, notice, error, may }) => (
  <>
    <PageHeader title="Applikationer" lead="Den gemensamma katalogen: samma applikation för alla kommuner, oavsett vilken produkt var och en använder."
      actions={may.admin && <a class="button" href="/applikationer/ny">Lägg till applikation</a>} />
    <Notice message={notice} />
    <form method="get" action="/applikationer" class="filters" aria-label="Filtrera katalogen">
      <SelectField name="typ" label="Typ" value={filter.kind ?? ''} empty="Alla typer"
        options={applicationKinds.map((k) => ({ value: k, label: kindLabel[k] }))} />
      <SelectField name="omrade" label="Verksamhetsområde" value={filter.businessArea ? String(filter.businessArea) : ''} empty="Alla områden"
        options={data.businessAreas.map((a) => ({ value: String(a.id), label: a.name }))} />
      <button type="submit" class="button">Visa</button>
    </form>
    {error && <p class="error-message" role="alert">{error}</p>}
    {data.applications.length === 0 ? (
      <EmptyState><p>Inga applikationer matchar. <a href="/applikationer">Visa alla</a>{may.admin && <> eller <a href="/applikationer/ny">lägg till en</a></>}.</p></EmptyState>
    ) : (
      <ScrollTable label="Applikationer">
        <table>
          <thead>
            <tr>
              <th scope="col">Applikation</th>
              <th scope="col">Typ</th>
              <th scope="col">Område</th>
              <th scope="col" class="num">Används av</th>
              <th scope="col" class="num">Olika produkter</th>
            </tr>
          </thead>
          <tbody>
            {data.applications.map((a) => (
              <tr>
                <th scope="row"><a href={`/applikationer/${a.id}`}>{a.name}</a></th>
                <td>{kindShort[a.kind]}</td>
                <td>{a.subareaName ?? a.businessAreaName ?? '–'}</td>
                <td class="num">{a.usage?.municipalities ?? 0} av {municipalityCount}</td>
                <td class="num">{a.usage?.products ?? 0}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollTable>
    )}
  </>
);

type DetailProps = { data: NonNullable<Awaited<ReturnType<typeof applicationDetail>>>; notice?: string; may: Abilities };

export const ApplicationPage: FC<DetailProps> = ({ data, notice, may }) => {
  const { application: a, installations, municipalities } = data;
  const current = new Map(installations.filter((i) => i.installation.lifecycle !== 'retired').map((i) => [i.installation.municipality, i]));
  const retired = installations.filter((i) => i.installation.lifecycle === 'retired');
  const products = new Set([...current.values()].map((i) => i.installation.productId));
  const rows = municipalities.map((m) => ({ municipality: m, row: current.get(m.code) }));
  return (
    <>
      <PageHeader
        title={a.name}
        crumbs={[{ href: '/applikationer', label: 'Applikationer' }]}
        lead={`${kindLabel[a.kind]}${a.subareaName ? ` · delområde ${a.subareaName}` : ''}${a.businessAreaName ? ` · ${a.businessAreaName}` : ''}. Används av ${current.size} av ${municipalities.length} kommuner, med ${products.size} ${products.size === 1 ? 'produkt' : 'olika produkter'}.`}
        actions={may.admin && <>
          <a class="button secondary" href={`/applikationer/${a.id}/andra`}>Ändra</a>
          <a class="button danger-link" href={`/applikationer/${a.id}/ta-bort`}>Ta bort</a>
        </>}
      />
      <Notice message={notice} />
      {a.description && <p>{a.description}</p>}
      <h2>Kommunernas system</h2>
      <ScrollTable label={`Vem som använder ${a.name}`}>
        <table id="application-table">
          <thead>
            <tr>
              <th scope="col">Kommun</th>
              <th scope="col">Produkt</th>
              <th scope="col">Livscykel</th>
              <th scope="col" class="num">Användare</th>
              <th scope="col" class="num">Kostnad per år</th>
              <th scope="col">Avtalet löper ut</th>
              <th scope="col">Säg upp senast</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ municipality: m, row }) => (
              <tr>
                <th scope="row"><a href={`/kommuner/${m.code}`}>{m.name}</a></th>
                {row ? (
                  <>
                    <td><a href={`/system/${row.installation.id}`}>{productLabel(row.productVendor, row.productName)}</a>{row.installation.productVersion && ` ${row.installation.productVersion}`}</td>
                    <td>{lifecycleLabel[row.installation.lifecycle]}</td>
                    <td class="num">{count(row.installation.users)}</td>
                    <td class="num">{sek(row.installation.licenceCostOre + row.installation.operationsCostOre)}</td>
                    <td>{date(row.installation.contractEnd)}</td>
                    <td>{row.installation.contractEnd ? date(noticeDeadline(row.installation.contractEnd, row.installation.noticeMonths)) : '–'}</td>
                  </>
                ) : (
                  <td colspan={6}>Använder inte.{may.registerIn(m.code) && <> <a href={`/system/ny?kommun=${m.code}&applikation=${a.id}`}>Registrera<span class="visually-hidden"> {a.name} för {m.name}</span></a></>}</td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollTable>
      {current.size > 1 && (
        <BarChart title={`Kostnad per år för ${a.name}, per kommun`} tableId="application-table"
          bars={[...current.values()].map((r) => ({ label: r.municipalityName, value: r.installation.licenceCostOre + r.installation.operationsCostOre, display: sek(r.installation.licenceCostOre + r.installation.operationsCostOre) }))} />
      )}
      {retired.length > 0 && (
        <>
          <h2>Avvecklade system</h2>
          <ul>{retired.map((r) => <li><a href={`/system/${r.installation.id}`}>{r.municipalityName}: {productLabel(r.productVendor, r.productName)}</a></li>)}</ul>
        </>
      )}
    </>
  );
};

export const applicationLabels: Record<string, string> = {
  name: 'Namn', kind: 'Typ', subareaId: 'Delområde', businessAreaId: 'Verksamhetsområde', description: 'Beskrivning',
};

type FormProps = {
  action: string; values: FormValues; issues?: FieldIssue[]; error?: string; version?: number;
  subareas: Option[]; businessAreas: Option[];
};

export const ApplicationForm: FC<FormProps> = ({ action, values, issues = [], error, version, subareas, businessAreas }) => {
  const errors = issuesByField(issues);
  const field = (name: string) => ({ name, label: applicationLabels[name]!, value: values[name] ?? '', error: errors[name] });
  return (
    <form method="post" action={action} class="form" novalidate>
      <ErrorSummary error={error} issues={issues} labels={applicationLabels} />
      {version !== undefined && <VersionField version={version} />}
      <TextField {...field('name')} required hint="Vad applikationen gör, inte produktens namn: ”Ekonomisystem”, inte ”Raindance”." />
      <SelectField {...field('kind')} options={applicationKinds.map((k) => ({ value: k, label: kindLabel[k] }))} empty="Välj typ" required
        hint="Generell: används av alla. Gemensam: flera förvaltningar. Verksamhetsspecifik: en förvaltning. Teknisk: IT-utrustning och tekniska stödsystem." />
      <SelectField {...field('subareaId')} options={subareas} empty="Inget (inte teknisk)" hint="Bara för tekniska applikationer." />
      <SelectField {...field('businessAreaId')} options={businessAreas} empty="Inget" />
      <TextArea {...field('description')} />
      <button type="submit" class="button primary">Spara</button>
    </form>
  );
};
