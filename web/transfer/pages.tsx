import type { FC } from 'hono/jsx';
import { importColumns } from '../../worker/transfer/columns.ts';
import type { StoredImport } from '../../worker/transfer/imports.ts';
import type { CellError, PlannedRow } from '../../worker/transfer/plan.ts';
import { fieldLabel, formatValue } from '../audit/changes.tsx';
import { Notice, PageHeader, ScrollTable } from '../components/page.tsx';
import { count } from '../format.ts';
import { Downloads } from './downloads.tsx';

const fileId = 'f-file';
const fileErrorId = 'f-file-fel';

type ExportLink = { href: string; label: string };

export const exportLinks: ExportLink[] = [
  { href: '/export/register', label: 'Registret: alla kommuners system med alla uppgifter' },
  { href: '/export/matris', label: 'Jämförelsen: applikationer × kommuner med produkt' },
  { href: '/export/malstatus', label: 'Målstatus: varje mål med värde, målvärde, tidpunkt och status' },
];

export const ImportForm: FC<{ error?: string }> = ({ error }) => (
  <form method="post" action="/dataoverforing/import" enctype="multipart/form-data" class="form import-form" data-import-form>
    <div class={error ? 'field field-error' : 'field'}>
      <label for={fileId}>Fil att importera</label>
      <p class="hint" id={`${fileId}-hint`}>Excel-arbetsbok (xlsx) eller CSV med semikolon, som i mallen. Högst 10 MB.</p>
      {error && <p class="error-message" id={fileErrorId}><span class="visually-hidden">Fel: </span>{error}</p>}
      <input type="file" id={fileId} name="file" required accept=".xlsx,.xls,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        aria-invalid={error ? 'true' : undefined} aria-describedby={`${fileId}-hint${error ? ` ${fileErrorId}` : ''}`} />
    </div>
    <div class="import-progress" hidden data-import-progress>
      <label for="import-progress-bar" data-import-progress-label>Laddar upp filen …</label>
      <progress id="import-progress-bar" max={100}></progress>
    </div>
    <button type="submit" class="button primary">Förhandsgranska</button>
  </form>
);

export const TransferPage: FC<{ mayImport: boolean; error?: string; notice?: string }> = ({ mayImport, error, notice }) => (
  <>
    <PageHeader title="Import och export" lead="Hämta registret, jämförelsen och målen till Excel, och läs in kommunernas system från ett kalkylblad." />
    <Notice message={notice} />
    <section aria-labelledby="export-title">
      <h2 id="export-title">Export</h2>
      <p>Filerna öppnas direkt i svenska Excel: å, ä och ö blir rätt och belopp är tal i kronor.</p>
      <ul class="plain-list export-list">
        {exportLinks.map((link) => <li>{link.label}: <Downloads base={link.href} what="Hämta" /></li>)}
      </ul>
    </section>
    <section aria-labelledby="import-title">
      <h2 id="import-title">Import av kommunernas system</h2>
      <p>
        Fyll i mallen med en rad per kommun och applikation. Du ser först en förhandsgranskning av vad som händer
        med varje rad och alla fel; inget sparas förrän du genomför importen, och har någon rad fel sparas ingenting.
      </p>
      <p><Downloads base="/dataoverforing/mall" what="Hämta mallen" /> (Excel-mallen har ett blad med instruktioner.)</p>
      {mayImport
        ? <ImportForm error={error} />
        : <p class="meta">Administratörer och redaktörer kan importera. Du kan hämta mallen och exporterna.</p>}
      <script src="/import.js" defer></script>
    </section>
    <section aria-labelledby="columns-title">
      <h2 id="columns-title">Kolumnerna i filen</h2>
      <ScrollTable label="Kolumnerna i importfilen">
        <table>
          <caption class="visually-hidden">Kolumner, om de krävs och vilka värden de tar</caption>
          <thead><tr><th scope="col">Kolumn</th><th scope="col">Krävs</th><th scope="col">Beskrivning</th><th scope="col">Giltiga värden</th></tr></thead>
          <tbody>
            {importColumns.map((c) => (
              <tr><th scope="row">{c.header}</th><td>{c.required ? 'Ja' : 'Nej'}</td><td>{c.about}</td><td>{c.values}</td></tr>
            ))}
          </tbody>
        </table>
      </ScrollTable>
      <p>En kolumn som saknas i filen lämnas orörd. En tom cell i en kolumn som finns betyder tomt: 0 för belopp och användare, nej för ja/nej-frågor.</p>
    </section>
  </>
);

const actionText: Record<PlannedRow['action'], string> = { create: 'Läggs till', update: 'Ändras', unchanged: 'Oförändrad', error: 'Fel' };

/** How many rows the preview lists; the counts and every error are always shown. */
export const maxListedRows = 2000;

const ErrorTable: FC<{ errors: CellError[] }> = ({ errors }) => (
  <ScrollTable label="Fel i filen">
    <table class="import-errors">
      <caption>Fel i filen, med rad och kolumn som i Excel</caption>
      <thead><tr><th scope="col">Rad</th><th scope="col">Kolumn</th><th scope="col">Cell</th><th scope="col">Fel</th></tr></thead>
      <tbody>
        {errors.map((e) => (
          <tr><td class="num">{e.row}</td><td>{e.column}</td><td>{e.cell || '–'}</td><td>{e.message}</td></tr>
        ))}
      </tbody>
    </table>
  </ScrollTable>
);

const RowDetail: FC<{ row: PlannedRow }> = ({ row }) => {
  if (row.action === 'error') return <ul class="plain-list">{row.errors!.map((e) => <li>{e.column}{e.cell && ` (${e.cell})`}: {e.message}</li>)}</ul>;
  if (row.action === 'update') {
    return (
      <ul class="plain-list">
        {row.changes!.map((c) => (
          <li>
            {c.field === 'product' ? 'Produkt' : fieldLabel('installation', c.field)}: {c.field === 'product' ? String(c.from) : formatValue(c.field, c.from)}
            {' '}<span aria-hidden="true">→</span><span class="visually-hidden"> blir</span>{' '}
            {c.field === 'product' ? String(c.to) : formatValue(c.field, c.to)}
          </li>
        ))}
      </ul>
    );
  }
  return row.action === 'create' ? <>Nytt system med produkten {row.product}</> : <>–</>;
};

export const PreviewPage: FC<{ data: StoredImport; error?: string; notice?: string }> = ({ data, error, notice }) => {
  const { counts } = data;
  const listed = data.rows.slice(0, maxListedRows);
  const committed = data.status === 'committed';
  return (
    <>
      <PageHeader title={committed ? 'Importen är genomförd' : 'Förhandsgranskning av import'}
        crumbs={[{ href: '/dataoverforing', label: 'Import och export' }]}
        lead={`${data.fileName} · ${count(counts.rows)} rader`} />
      <Notice message={notice} />
      {error && <div class="error-summary" role="alert" tabindex={-1}><h2>Importen genomfördes inte</h2><p>{error}</p></div>}
      {data.note && <p class="notice-warning">{data.note}</p>}
      <ul class="import-counts plain-list" aria-label="Sammanfattning">
        <li><strong>{count(counts.create)}</strong> system läggs till</li>
        <li><strong>{count(counts.update)}</strong> ändras</li>
        <li><strong>{count(counts.unchanged)}</strong> är oförändrade</li>
        <li><strong>{count(counts.error)}</strong> rader har fel</li>
        {data.newApplications.length > 0 && <li>Nya applikationer: {data.newApplications.map((a) => a.name).join(', ')}</li>}
        {data.newProducts.length > 0 && <li>Nya produkter: {data.newProducts.map((p) => `${p.vendor} ${p.name}`).join(', ')}</li>}
      </ul>
      {committed ? (
        <p>Importen sparades {data.committedAt?.slice(0, 16).replace('T', ' ')} (UTC) som en händelse i <a href={`/logg?vad=import&id=${data.id}`}>ändringsloggen</a>.</p>
      ) : data.errors.length > 0 ? (
        <>
          <h2>{count(data.errors.length)} fel – inget kan importeras</h2>
          <p>Rätta felen i filen och ladda upp den igen. Raderna och kolumnerna är de som Excel visar.</p>
          <ErrorTable errors={data.errors} />
          <p><a href="/dataoverforing#import-title">Ladda upp en rättad fil</a></p>
        </>
      ) : (
        <form method="post" action={`/dataoverforing/import/${data.id}`} class="form">
          <p>Inget är sparat ännu. Genomför importen för att spara alla rader på en gång.</p>
          <button type="submit" class="button primary">Genomför importen</button>
          {' '}<a class="button secondary" href="/dataoverforing">Avbryt</a>
        </form>
      )}
      {!committed && data.rows.length > 0 && (
        <>
          <h2>Rad för rad</h2>
          {data.rows.length > listed.length && <p class="meta">Visar de första {count(listed.length)} av {count(data.rows.length)} raderna. Alla fel visas ovan.</p>}
          <ScrollTable label="Vad som händer med varje rad">
            <table class="import-rows">
              <caption class="visually-hidden">Vad som händer med varje rad i filen</caption>
              <thead><tr><th scope="col">Rad</th><th scope="col">Kommun</th><th scope="col">Applikation</th><th scope="col">Vad händer</th><th scope="col">Detaljer</th></tr></thead>
              <tbody>
                {listed.map((row) => (
                  <tr class={`import-${row.action}`}>
                    <td class="num">{row.row}</td>
                    <td>{row.municipality}</td>
                    <th scope="row">{row.application}</th>
                    <td><span class={`tag import-tag-${row.action}`}>{actionText[row.action]}</span></td>
                    <td><RowDetail row={row} /></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
        </>
      )}
    </>
  );
};
