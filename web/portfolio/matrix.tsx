import type { FC } from 'hono/jsx';
import type { Abilities } from '../../worker/access/permissions.ts';
import { applicationKinds } from '../../schema/portfolio.ts';
import type { Matrix, MatrixCell, MatrixRow } from '../../worker/portfolio/matrix.ts';
import type { MatrixFilter } from '../../worker/portfolio/schemas.ts';
import { SelectField } from '../components/forms.tsx';
import { EmptyState, PageHeader, ScrollTable } from '../components/page.tsx';
import { kindLabel, kindShort, lifecycleLabel } from '../labels.ts';
import { Downloads } from '../transfer/downloads.tsx';

type Props = { matrix: Matrix; filter: MatrixFilter; businessAreas: { id: number; name: string }[]; error?: string; may: Abilities };

/** Page query parameters ↔ the filter the API takes, so a view can be shared as a link. */
export const matrixQuery = { kind: 'typ', businessArea: 'omrade', level: 'niva' } as const;

const levelNames: Record<number, string> = {
  1: 'Ingen samverkan', 2: 'Egna system men likadana', 3: 'Gemensam lösning, separerad information',
  4: 'Gemensam lösning, gemensam information', 5: 'Gemensam organisation',
};

const Cell: FC<{ cell: MatrixCell | null; row: MatrixRow; municipality: { code: string; name: string }; may: Abilities }> = ({ cell, row, municipality, may }) => {
  if (!cell) {
    return (
      <td class="cell cell-empty">
        <span aria-hidden="true">–</span>
        {may.registerIn(municipality.code) && <a class="add-link" href={`/system/ny?kommun=${municipality.code}&applikation=${row.application.id}`}>
          <span class="visually-hidden">Lägg till {row.application.name} för {municipality.name}</span>
          <span aria-hidden="true">+</span>
        </a>}
      </td>
    );
  }
  return (
    <td class={cell.group ? `cell grouped group-${cell.group.toLowerCase()[0]}` : 'cell'}>
      {cell.group && <span class="group-mark"><span class="visually-hidden">Grupp </span>{cell.group}</span>}
      <a href={`/system/${cell.installationId}`}>{cell.product.name}</a>
      <span class="vendor">{cell.product.vendor}</span>
      {cell.lifecycle !== 'active' && <span class="lifecycle-tag">{lifecycleLabel[cell.lifecycle]}</span>}
      {cell.level > 1 && (
        <a class={`level-tag level-${cell.level}`} href={`/samverkan/${cell.collaborationId}`} title={levelNames[cell.level]}>Nivå {cell.level}</a>
      )}
    </td>
  );
};

/** The filter as the export's query string, so the download is the view on the screen. */
const exportQuery = (filter: Props['filter']) => {
  const q = new URLSearchParams();
  if (filter.kind) q.set(matrixQuery.kind, filter.kind);
  if (filter.businessArea) q.set(matrixQuery.businessArea, String(filter.businessArea));
  if (filter.level) q.set(matrixQuery.level, String(filter.level));
  return q.size ? `?${q}` : '';
};

export const MatrixPage: FC<Props> = ({ matrix, filter, businessAreas, error, may }) => (
  <>
    <PageHeader
      title="Jämförelse"
      lead="Vilken produkt varje kommun använder för varje applikation. Kommuner med samma produkt på en rad har samma bokstav och mönster."
    />
    <form method="get" action="/matris" class="filters" aria-label="Filtrera jämförelsen">
      <SelectField name={matrixQuery.kind} label="Typ" value={filter.kind ?? ''} empty="Alla typer"
        options={applicationKinds.map((k) => ({ value: k, label: kindLabel[k] }))} />
      <SelectField name={matrixQuery.businessArea} label="Verksamhetsområde" value={filter.businessArea ? String(filter.businessArea) : ''} empty="Alla områden"
        options={businessAreas.map((a) => ({ value: String(a.id), label: a.name }))} />
      <SelectField name={matrixQuery.level} label="Samverkansnivå" value={filter.level ? String(filter.level) : ''} empty="Alla nivåer"
        options={[1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: `${n} – ${levelNames[n]}` }))} />
      <button type="submit" class="button">Visa</button>
    </form>
    {error && <p class="error-message" role="alert">{error}</p>}
    <p><Downloads base="/export/matris" what="Hämta jämförelsen" query={exportQuery(filter)} /></p>
    {matrix.rows.length === 0 || matrix.municipalities.length === 0 ? (
      <EmptyState>
        <p>Det finns inga applikationer som matchar filtret.</p>
        <p><a href="/matris">Visa alla</a>{may.admin && <> eller <a href="/applikationer/ny">lägg till en applikation</a></>}.</p>
      </EmptyState>
    ) : (
      <>
        <p class="summary">
          {matrix.rows.length} applikationer i {matrix.municipalities.length} kommuner.{' '}
          {matrix.rows.filter((r) => r.sameProductEverywhere).length} används av alla med samma produkt.
          Adressen till sidan visar filtret, så du kan dela vyn som länk.
        </p>
        <ScrollTable label="Jämförelse mellan kommunerna">
          <table class="matrix">
            <caption class="visually-hidden">Applikationer per kommun med produkt</caption>
            <thead>
              <tr>
                <th scope="col">Applikation</th>
                {matrix.municipalities.map((m) => <th scope="col"><a href={`/kommuner/${m.code}`}>{m.name}</a></th>)}
              </tr>
            </thead>
            <tbody>
              {matrix.rows.map((row) => (
                <tr>
                  <th scope="row">
                    <a href={`/applikationer/${row.application.id}`}>{row.application.name}</a>
                    <span class="kind">{kindShort[row.application.kind]}</span>
                    {row.sameProductEverywhere && <span class="badge">Samma produkt hos alla</span>}
                  </th>
                  {matrix.municipalities.map((m) => <Cell cell={row.cells[m.code] ?? null} row={row} municipality={m} may={may} />)}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
        <p class="legend">
          Bokstaven (A, B …) och mönstret visar vilka kommuner som har samma produkt på raden. ”Nivå 2–5” visar
          samverkansnivån och leder till samverkan; system utan märkning samverkar inte (nivå 1). Ett streck betyder att kommunen
          inte har registrerat något system för applikationen; plustecknet registrerar ett. Avvecklade system visas inte.
        </p>
      </>
    )}
  </>
);
