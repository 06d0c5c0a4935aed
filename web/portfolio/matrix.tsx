import type { FC } from 'hono/jsx';
import type { Abilities } from '../../worker/access/permissions.ts';
import { applicationKinds } from '../../schema/portfolio.ts';
import {
  countyName, matrixLimits, type Matrix, type MatrixCell, type MatrixColumns, type MatrixPageOf, type MatrixRow, type MatrixScope,
  type MatrixSelection,
} from '../../worker/portfolio/matrix.ts';
import type { MatrixFilter } from '../../worker/portfolio/schemas.ts';
import { SelectField } from '../components/forms.tsx';
import { EmptyState, PageHeader, ScrollTable } from '../components/page.tsx';
import { kindLabel, kindShort, lifecycleLabel } from '../labels.ts';
import { Downloads } from '../transfer/downloads.tsx';

type Props = {
  matrix: Matrix;
  /** The rows of this page (all of them in a small register). */
  shown: MatrixPageOf;
  columns: MatrixColumns;
  scope: MatrixScope;
  asked: MatrixSelection;
  filter: MatrixFilter;
  businessAreas: { id: number; name: string }[];
  error?: string;
  may: Abilities;
};

/** Page query parameters ↔ the filter the API takes, so a view can be shared as a link. */
export const matrixQuery = {
  kind: 'typ', businessArea: 'omrade', level: 'niva', municipality: 'kommun', county: 'lan', page: 'sida',
} as const;

const levelNames: Record<number, string> = {
  1: 'Ingen samverkan', 2: 'Egna system men likadana', 3: 'Gemensam lösning, separerad information',
  4: 'Gemensam lösning, gemensam information', 5: 'Gemensam organisation',
};

const filterQuery = (filter: MatrixFilter) => {
  const q = new URLSearchParams();
  if (filter.kind) q.set(matrixQuery.kind, filter.kind);
  if (filter.businessArea) q.set(matrixQuery.businessArea, String(filter.businessArea));
  if (filter.level) q.set(matrixQuery.level, String(filter.level));
  return q;
};

/** The page's address for these filters, this choice of municipalities and this page. */
export function matrixHref(filter: MatrixFilter, asked: Pick<MatrixSelection, 'municipalities' | 'counties'>, page = 1) {
  const q = filterQuery(filter);
  for (const code of asked.municipalities ?? []) q.append(matrixQuery.municipality, code);
  for (const county of asked.counties ?? []) q.append(matrixQuery.county, county);
  if (page > 1) q.set(matrixQuery.page, String(page));
  return q.size ? `/matris?${q}` : '/matris';
}

/** The filter as the export's query string, so the download is the view on the screen (all municipalities). */
const exportQuery = (filter: MatrixFilter) => {
  const q = filterQuery(filter);
  return q.size ? `?${q}` : '';
};

/*
 * Cells are the bulk of the page (thousands at national size), so their markup is lean: short
 * class names, no per-cell titles or hidden texts that repeat; what the marks mean is said once,
 * in the legend, and the words "Grupp" and the dash come from the stylesheet (matrix section).
 */
const Cell: FC<{ cell: MatrixCell | null; row: MatrixRow; code: string; may: Abilities }> = ({ cell, row, code, may }) => {
  if (!cell) {
    // The dash is drawn by CSS; the link's words are for screen readers, a "+" shows instead.
    return (
      <td class="e">
        {may.registerIn(code) && <a href={`/system/ny?kommun=${code}&applikation=${row.application.id}`}>Lägg till</a>}
      </td>
    );
  }
  return (
    <td class={cell.group ? `cell g-${cell.group.toLowerCase()[0]}` : 'cell'}>
      {cell.group && <b>{cell.group}</b>}
      <a href={`/system/${cell.installationId}`}>{cell.product.name}</a>
      <small>{cell.product.vendor}</small>
      {cell.lifecycle !== 'active' && <i>{lifecycleLabel[cell.lifecycle]}</i>}
      {cell.level > 1 && <a class={`level-tag level-${cell.level}`} href={`/samverkan/${cell.collaborationId}`}>Nivå {cell.level}</a>}
    </td>
  );
};

/** What the columns are, in words: whose, which county, or the user's own choice. */
const scopeWords = (scope: MatrixScope, columns: MatrixColumns) => {
  if (scope.by === 'own') return 'dina kommuner';
  if (scope.by === 'first-county') return `${countyName(columns.columns[0]?.code.slice(0, 2) ?? '')}, det första länet i registret`;
  const counties = scope.counties.map(countyName);
  return scope.municipalities.length ? ['de kommuner du valt', ...counties].join(' och ') : counties.join(' och ');
};

/** Above `compareAllUpTo` members: which are shown, and how to choose others (a county at once, or one by one below). */
const Selection: FC<{ columns: MatrixColumns; scope: MatrixScope; filter: MatrixFilter }> = ({ columns, scope, filter }) => {
  const counties = [...new Set(columns.register.map((m) => m.county))];
  return (
    <section class="matrix-selection" aria-labelledby="matrix-selection-heading">
      <h2 id="matrix-selection-heading" class="visually-hidden">Vilka kommuner som jämförs</h2>
      <p class="matrix-shown">
        <strong>Visar {columns.columns.length} av {columns.register.length} kommuner</strong>
        {columns.columns.length > 0 && <>: {scopeWords(scope, columns)}</>}.{' '}
        En jämförelse av alla på en gång blir för stor att läsa, så välj de kommuner du vill jämföra: ett helt län nedan,
        eller <a href="#valj-kommuner">kommun för kommun</a>.
      </p>
      {columns.chosen > columns.columns.length && (
        <p class="matrix-cap" role="status">
          Du har valt {columns.chosen} kommuner, men jämförelsen visar högst {matrixLimits.maxColumns} åt gången: de{' '}
          {columns.columns.length} första i kodordning visas. Välj färre för att jämföra de andra.
        </p>
      )}
      <nav aria-label="Jämför ett helt län" class="matrix-counties">
        <span>Jämför ett län:</span>
        <ul>
          {counties.map((county) => (
            <li><a href={matrixHref(filter, { counties: [county] })}>{countyName(county)}</a></li>
          ))}
        </ul>
      </nav>
    </section>
  );
};

/** The checkboxes, in the filter form, so one "Visa" applies both; works without JS. */
const Choice: FC<{ columns: MatrixColumns }> = ({ columns }) => {
  const shown = new Set(columns.columns.map((m) => m.code));
  const byCounty = new Map<string, MatrixColumns['register']>();
  for (const m of columns.register) byCounty.set(m.county, [...(byCounty.get(m.county) ?? []), m]);
  return (
    <details class="matrix-choice" id="valj-kommuner" open={columns.columns.length === 0}>
      <summary>Välj kommuner att jämföra ({shown.size} av {columns.register.length} valda)</summary>
      <p class="hint">Högst {matrixLimits.maxColumns} kommuner visas åt gången. Utan val visas {''}
        dina egna kommuner, eller det första länet om du inte har några.</p>
      <div class="matrix-choice-counties">
        {[...byCounty].map(([county, members]) => (
          <fieldset>
            <legend>{countyName(county)}</legend>
            {members.map((m) => <label><input type="checkbox" name={matrixQuery.municipality} value={m.code} checked={shown.has(m.code)} />{m.name}</label>)}
          </fieldset>
        ))}
      </div>
      <button type="submit" class="button">Visa valda kommuner</button>
    </details>
  );
};

const Pager: FC<{ shown: MatrixPageOf; filter: MatrixFilter; asked: MatrixSelection }> = ({ shown, filter, asked }) =>
  shown.pages > 1 ? (
    <nav class="matrix-pager" aria-label="Sidor i jämförelsen">
      <ul>
        {shown.page > 1 && <li><a href={matrixHref(filter, asked, shown.page - 1)} rel="prev">Föregående</a></li>}
        {Array.from({ length: shown.pages }, (_, i) => i + 1).map((n) => (
          <li>{n === shown.page ? <span aria-current="page">Sida {n}</span> : <a href={matrixHref(filter, asked, n)}>Sida {n}</a>}</li>
        ))}
        {shown.page < shown.pages && <li><a href={matrixHref(filter, asked, shown.page + 1)} rel="next">Nästa</a></li>}
      </ul>
    </nav>
  ) : null;

export const MatrixPage: FC<Props> = ({ matrix, shown, columns, scope, asked, filter, businessAreas, error, may }) => {
  const same = matrix.rows.filter((r) => r.sameProductEverywhere).length;
  const last = shown.first + shown.rows.length - 1;
  return (
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
        {columns.selecting && <Choice columns={columns} />}
      </form>
      {error && <p class="error-message" role="alert">{error}</p>}
      {columns.selecting && <Selection columns={columns} scope={scope} filter={filter} />}
      <p><Downloads base="/export/matris" what={columns.selecting ? 'Hämta jämförelsen av alla kommuner' : 'Hämta jämförelsen'} query={exportQuery(filter)} /></p>
      {shown.rows.length === 0 || matrix.municipalities.length === 0 ? (
        <EmptyState>
          {matrix.municipalities.length === 0 && columns.selecting
            ? <p>Ingen av de valda kommunerna finns i registret. Välj kommuner ovan.</p>
            : <p>Det finns inga applikationer som matchar filtret.</p>}
          <p><a href="/matris">{columns.selecting ? 'Börja om' : 'Visa alla'}</a>{may.admin && <> eller <a href="/applikationer/ny">lägg till en applikation</a></>}.</p>
        </EmptyState>
      ) : (
        <>
          <p class="summary">
            {shown.total} applikationer i {matrix.municipalities.length} kommuner
            {shown.pages > 1 ? <>, här {shown.first}–{last} (sida {shown.page} av {shown.pages}). </> : '. '}
            {same} används av alla {columns.selecting ? 'visade kommuner ' : ''}med samma produkt.
            Adressen till sidan visar filtret{columns.selecting ? ' och kommunerna' : ''}, så du kan dela vyn som länk.
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
                {shown.rows.map((row) => (
                  <tr>
                    <th scope="row">
                      <a href={`/applikationer/${row.application.id}`}>{row.application.name}</a>
                      <small>{kindShort[row.application.kind]}</small>
                      {row.sameProductEverywhere && <span class="badge">Samma produkt hos alla</span>}
                    </th>
                    {matrix.municipalities.map((m) => <Cell cell={row.cells[m.code] ?? null} row={row} code={m.code} may={may} />)}
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
          <Pager shown={shown} filter={filter} asked={asked} />
          <div class="legend">
            <p>
              Bokstaven (A, B …) och mönstret visar vilka kommuner som har samma produkt på raden; under produkten står leverantören.
              Ett streck betyder att kommunen inte har registrerat något system för applikationen; plustecknet registrerar ett.
              ”Planerad” och ”Under avveckling” visar var systemet är i sin livscykel; avvecklade system visas inte.
            </p>
            <p>
              ”Nivå 2–5” visar samverkansnivån och leder till samverkan; system utan märkning samverkar inte (nivå 1).
              Nivåerna: {[2, 3, 4, 5].map((n, i) => <>{i > 0 && '; '}{n} – {levelNames[n]!.toLowerCase()}</>)}.
            </p>
          </div>
        </>
      )}
    </>
  );
};
