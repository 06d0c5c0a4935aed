import type { FC } from 'hono/jsx';
import type { Restored } from '../../worker/backup/backup.ts';
import { issuesByField } from '../../worker/forms.ts';
import type { FieldIssue } from '../../worker/outcome.ts';
import { ErrorSummary, fieldId } from '../components/forms.tsx';
import { PageHeader, ScrollTable } from '../components/page.tsx';
import { count } from '../format.ts';

const crumbs = [{ href: '/anvandare', label: 'Användare' }];

/** The restore form's fields, as the error summary names them. */
export const restoreLabels: Record<string, string> = { fil: 'Fil', bekrafta: 'Bekräftelse' };

const FieldError: FC<{ name: string; message?: string }> = ({ name, message }) =>
  message ? <p class="error-message" id={`${fieldId(name)}-fel`}><span class="visually-hidden">Fel: </span>{message}</p> : null;

type PageProps = {
  /** Tables that have data: a restore is possible only when there are none. */
  occupied: string[];
  issues?: FieldIssue[];
  error?: string;
};

/** Download a backup; restore one into an empty deployment. Works without JavaScript. */
export const BackupPage: FC<PageProps> = ({ occupied, issues = [], error }) => {
  const byField = issuesByField(issues);
  const described = (name: string, hint: boolean) => [hint ? `${fieldId(name)}-hint` : '', byField[name] ? `${fieldId(name)}-fel` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <>
      <PageHeader title="Säkerhetskopia" crumbs={crumbs}
        lead="Hela databasen som en JSON-fil, och återställning av en sådan fil till en ny, tom installation." />
      <ErrorSummary error={error} issues={issues} labels={restoreLabels} />

      <section aria-labelledby="ladda-ner">
        <h2 id="ladda-ner">Ladda ner</h2>
        <p>
          Filen innehåller allt i registret, loggen och kontona — även lösenordens hashvärden och nycklarna för
          tvåstegsverifiering. Förvara den lika säkert som databasen. Inloggningar (sessioner) följer inte med.
        </p>
        <p><a class="button" href="/api/v1/admin/backup" download>Ladda ner säkerhetskopia (JSON)</a></p>
      </section>

      <section aria-labelledby="aterstall">
        <h2 id="aterstall">Återställ</h2>
        <p>
          En säkerhetskopia återställs bara till en tom installation med samma databasversion: där finns inget annat än
          konton och deras händelser i loggen. Kontona ersätts av säkerhetskopians, så din inloggning avslutas och du loggar
          in igen med ett konto från säkerhetskopian. Om något i filen inte stämmer skrivs ingenting.
        </p>
        {occupied.length > 0 && (
          <p class="notice" role="status">
            Den här installationen innehåller redan uppgifter ({occupied.join(', ')}), så en återställning skulle nekas här.
          </p>
        )}
        <form method="post" action="/sakerhetskopia/aterstall" enctype="multipart/form-data" novalidate>
          <div class={byField.fil ? 'field field-error' : 'field'}>
            <label for={fieldId('fil')}>Säkerhetskopia (JSON-fil)</label>
            <p class="hint" id={`${fieldId('fil')}-hint`}>En fil som hämtats med "Ladda ner säkerhetskopia".</p>
            <FieldError name="fil" message={byField.fil} />
            <input type="file" id={fieldId('fil')} name="fil" accept=".json,application/json" required
              aria-invalid={byField.fil ? 'true' : undefined} aria-describedby={described('fil', true)} />
          </div>
          <div class={byField.bekrafta ? 'field checkbox field-error' : 'field checkbox'}>
            <FieldError name="bekrafta" message={byField.bekrafta} />
            <input type="checkbox" id={fieldId('bekrafta')} name="bekrafta" value="ja" required
              aria-invalid={byField.bekrafta ? 'true' : undefined} aria-describedby={described('bekrafta', false)} />
            <label for={fieldId('bekrafta')}>Jag förstår att alla konton ersätts och att jag loggas ut</label>
          </div>
          <button type="submit">Återställ säkerhetskopian</button>
        </form>
      </section>
    </>
  );
};

/** After a restore: what came back. The session has ended, so the page is shown signed out. */
export const RestoredPage: FC<{ restored: Restored }> = ({ restored }) => {
  const tables = Object.entries(restored.tables);
  const total = tables.reduce((n, [, rows]) => n + rows, 0);
  return (
    <>
      <PageHeader title="Säkerhetskopian är återställd" />
      <p class="notice" role="status">{restored.message}</p>
      <p><a class="button" href="/logga-in">Logga in</a></p>
      <ScrollTable label="Återställda rader per tabell">
        <table>
          <caption>{`${count(total)} rader i ${tables.length} tabeller, från säkerhetskopian ${restored.createdAt} (databasversion ${restored.schema})`}</caption>
          <thead><tr><th scope="col">Tabell</th><th scope="col" class="num">Rader</th></tr></thead>
          <tbody>
            {tables.map(([name, rows]) => <tr><th scope="row">{name}</th><td class="num">{count(rows)}</td></tr>)}
          </tbody>
        </table>
      </ScrollTable>
    </>
  );
};
