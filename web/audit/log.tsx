import type { FC } from 'hono/jsx';
import type { AuditLog } from '../../worker/audit/queries.ts';
import { auditEntities, pageParams, toPageParams, type AuditFilter } from '../../worker/audit/schemas.ts';
import { issuesByField } from '../../worker/forms.ts';
import type { FieldIssue } from '../../worker/outcome.ts';
import { ErrorSummary, SelectField, TextField } from '../components/forms.tsx';
import { EmptyState, PageHeader, ScrollTable } from '../components/page.tsx';
import { count } from '../format.ts';
import { actionLabel, Changes, entityLabel, Subject, Time } from './changes.tsx';

/** The filter form's labels, by query parameter. */
export const filterLabels: Record<string, string> = {
  [pageParams.actor]: 'Vem',
  [pageParams.entity]: 'Vad',
  [pageParams.entityId]: 'Id',
  [pageParams.from]: 'Från och med',
  [pageParams.to]: 'Till och med',
};

type Props = {
  log: AuditLog | undefined;
  filter: AuditFilter;
  /** What the form shows: the text as typed, by query parameter. */
  values: Record<string, string>;
  issues?: FieldIssue[];
  csvLimit: number;
};

export const AuditLogPage: FC<Props> = ({ log, filter, values, issues = [], csvLimit }) => {
  const errors = issuesByField(issues);
  const field = (name: string) => ({ name, label: filterLabels[name]!, value: values[name] ?? '', error: errors[name] });
  const filtered = [filter.actor, filter.entity, filter.entityId, filter.from, filter.to].some((f) => f !== undefined);
  const current = { ...filter, before: undefined };
  return (
    <>
      <PageHeader title="Ändringslogg"
        lead="Varje ändring i registret och varje inloggning: vem, när, vad och hur det såg ut före och efter. Loggen kan inte ändras eller tas bort, inte ens av en administratör." />
      {/* The messages name their field already ("Från-datumet …"). */}
      <ErrorSummary issues={issues} />
      <form method="get" action="/logg" class="filters" aria-label="Filtrera ändringsloggen" novalidate>
        <TextField {...field(pageParams.actor)} hint="Hela eller en del av e-postadressen eller API-nyckelns namn." />
        <SelectField {...field(pageParams.entity)} empty="Allt"
          options={auditEntities.map((e) => ({ value: e, label: entityLabel[e] }))} />
        <TextField {...field(pageParams.entityId)} size="short" hint="Postens nummer, för en kommun dess kommunkod." />
        <TextField {...field(pageParams.from)} type="date" size="short" />
        <TextField {...field(pageParams.to)} type="date" size="short" />
        <button type="submit" class="button">Visa</button>
        {filtered && <a href="/logg">Rensa filtret</a>}
      </form>
      {log && (
        <>
          <p class="actions">
            <a class="button secondary" href={`/logg.csv${toPageParams(current)}`}>Ladda ner som CSV</a>
            <span class="meta"> För Excel: semikolonseparerad, UTF-8. Högst {count(csvLimit)} händelser per fil, de senaste först; avgränsa perioden för äldre.</span>
          </p>
          {log.events.length === 0 ? (
            <EmptyState>
              <p>{filtered || filter.before ? 'Inga händelser matchar filtret.' : 'Inga händelser är loggade än.'}{filtered && <> <a href="/logg">Visa hela loggen</a>.</>}</p>
            </EmptyState>
          ) : (
            <>
              <p class="summary">
                {log.events.length === 1 ? 'En händelse' : `${count(log.events.length)} händelser`}{filter.before ? ' (äldre)' : ''}, de senaste först. Tiderna är svensk tid.
              </p>
              <ScrollTable label="Händelser i ändringsloggen">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">Tid</th>
                      <th scope="col">Vem</th>
                      <th scope="col">Händelse</th>
                      <th scope="col">Vad</th>
                      <th scope="col">Ändring</th>
                    </tr>
                  </thead>
                  <tbody>
                    {log.events.map((e) => (
                      <tr>
                        <td><Time at={e.at} /></td>
                        <td>{e.actor}</td>
                        <td>{actionLabel[e.action] ?? e.action}</td>
                        <td><Subject event={e} /></td>
                        <td><Changes event={e} names={log.names} /></td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ScrollTable>
            </>
          )}
          {(log.next !== undefined || filter.before !== undefined) && (
            <nav aria-label="Bläddra i loggen">
              <p class="actions">
                {log.next !== undefined && <a class="button secondary" href={`/logg${toPageParams(filter, { before: log.next })}`}>Visa äldre</a>}
                {filter.before !== undefined && <a href={`/logg${toPageParams(current)}`}>Till de senaste</a>}
              </p>
            </nav>
          )}
        </>
      )}
    </>
  );
};
