import type { FC } from 'hono/jsx';
import type { FreezeRuleDefinition, PlannedChange } from '../../worker/changes/change-queries.ts';
import { scopeText } from '../../worker/changes/change-clearance.ts';
import { clearanceText, environmentText, monthNames, riskText, weekdayNames } from '../../worker/changes/change-labels.ts';
import { freezesDuring } from '../../worker/changes/freeze-calendar.ts';
import type { CalendarLinkView } from '../../worker/changes/calendar-links.ts';
import { monthGrid, shiftMonth } from '../../worker/changes/month-grid.ts';
import { EmptyState, Notice, PageHeader, ScrollTable } from '../components/page.tsx';
import { swedishTime } from '../audit/changes.tsx';

export const monthTitle = (month: string) => `${monthNames[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;
const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** A change's status in words, with a class for the look — never the colour alone. */
export const ClearanceTag: FC<{ change: PlannedChange }> = ({ change }) => (
  <span class={`clearance clearance-${change.clearance}`}>{clearanceText[change.clearance]}</span>
);

type CalendarProps = {
  month: string;
  today: string;
  rules: FreezeRuleDefinition[];
  monthChanges: PlannedChange[];
  upcoming: PlannedChange[];
  canPlan: boolean;
  isAdmin: boolean;
  link: CalendarLinkView | undefined;
  notice?: string;
};

/** Both environments' freezes of a day: a whole-environment freeze once, an education freeze marked as such. */
const dayFreezes = (rules: FreezeRuleDefinition[], date: string) => freezesDuring(rules, 'education', date);

export const CalendarPage: FC<CalendarProps> = ({ month, today, rules, monthChanges, upcoming, canPlan, isAdmin, link, notice }) => {
  const weeks = monthGrid(month);
  const title = capitalized(monthTitle(month));
  return (
    <>
      <PageHeader title="Ändringskalender"
        lead="Planerade ändringar i IT-miljön och frysperioderna (förändringsstopp) då bara standardändringar, eller ändringar med godkänt undantag, får göras."
        actions={<>
          {canPlan && <a class="button" href="/andringar/ny">Planera ändring</a>}
          <a href="/andringar/frysperioder">Frysperioder</a>
          <a href="#kalender">Prenumerera i din kalender</a>
        </>} />
      <Notice message={notice} />
      <nav aria-label="Månad" class="year-nav">
        <a href={`/andringar?manad=${shiftMonth(month, -1)}`}>← {capitalized(monthTitle(shiftMonth(month, -1)))}</a>{' '}
        <a href={`/andringar?manad=${shiftMonth(month, 1)}`}>{capitalized(monthTitle(shiftMonth(month, 1)))} →</a>
      </nav>
      <ScrollTable label={`Kalender för ${monthTitle(month)}`}>
        <table class="month-calendar">
          <caption>{title}</caption>
          <thead>
            <tr>
              <th scope="col">Vecka</th>
              {weekdayNames.map((d) => <th scope="col"><abbr title={d}>{capitalized(d.slice(0, 3))}</abbr></th>)}
            </tr>
          </thead>
          <tbody>
            {weeks.map((w) => (
              <tr>
                <th scope="row">{w.week}</th>
                {w.days.map((d) => {
                  const freezes = dayFreezes(rules, d.date);
                  const changes = monthChanges.filter((c) => c.startsOn <= d.date && (c.endsOn ?? c.startsOn) >= d.date);
                  const classes = ['day', d.inMonth ? '' : 'other-month', freezes.length ? 'frozen' : '', d.date === today ? 'today' : ''].filter(Boolean).join(' ');
                  return (
                    <td class={classes}>
                      <time datetime={d.date} class="day-number">{Number(d.date.slice(8, 10))}{d.inMonth ? '' : ` ${monthNames[Number(d.date.slice(5, 7)) - 1]!.slice(0, 3)}`}</time>
                      {d.date === today && <span class="visually-hidden"> (i dag)</span>}
                      {(freezes.length > 0 || changes.length > 0) && (
                        <ul class="day-items">
                          {freezes.map((f) => <li class="day-freeze">Frys: {f.rule.name} ({scopeText[f.rule.scope]})</li>)}
                          {changes.map((c) => (
                            <li class="day-change"><a href={`/andringar/${c.id}`}>{c.title}</a> <span class="day-status">({clearanceText[c.clearance].toLowerCase()})</span></li>
                          ))}
                        </ul>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollTable>

      <h2>Kommande ändringar</h2>
      {upcoming.length === 0 ? <EmptyState><p>Inga planerade ändringar framåt.</p></EmptyState> : (
        <ScrollTable label="Kommande ändringar">
          <table>
            <caption>Kommande ändringar från {today}</caption>
            <thead><tr><th scope="col">Ändring</th><th scope="col">Datum</th><th scope="col">Miljö</th><th scope="col">Kommun och system</th><th scope="col">Riskklass</th><th scope="col">Status</th></tr></thead>
            <tbody>
              {upcoming.map((c) => (
                <tr>
                  <th scope="row"><a href={`/andringar/${c.id}`}>{c.title}</a></th>
                  <td>{c.endsOn && c.endsOn !== c.startsOn ? `${c.startsOn}–${c.endsOn}` : c.startsOn}</td>
                  <td>{capitalized(environmentText[c.environment])}</td>
                  <td>{c.installationLabel ?? c.municipalityName ?? 'Gemensam miljö'}</td>
                  <td>{capitalized(riskText[c.riskClass])}</td>
                  <td><ClearanceTag change={c} />{c.freezes.length > 0 && <span class="hint"> ({c.freezes.map((f) => f.name).join(', ')})</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      )}

      <h2 id="kalender">Prenumerera i din kalender</h2>
      <p>
        Med en personlig kalenderlänk ser du frysperioderna, de planerade ändringarna och sista dag att säga upp avtal i din egen kalender
        (Outlook, Google Kalender, Apple Kalender). Länken är personlig: den som har den kan läsa kalendern utan att logga in, så dela den inte.
      </p>
      {link ? (
        <>
          <p>Du har en kalenderlänk sedan {swedishTime(link.createdAt)}{link.lastUsedAt ? `, senast hämtad ${swedishTime(link.lastUsedAt)}` : ', ännu aldrig hämtad'}. Länken visas bara när den skapas.</p>
          <form method="post" action="/andringar/kalenderlank" class="calendar-link-form"><button type="submit" class="button">Skapa ny länk (den gamla slutar fungera)</button></form>{' '}
          <form method="post" action="/andringar/kalenderlank/aterkalla" class="calendar-link-form"><button type="submit" class="button danger">Återkalla länken</button></form>
        </>
      ) : (
        <form method="post" action="/andringar/kalenderlank"><button type="submit" class="button">Skapa kalenderlänk</button></form>
      )}
      {isAdmin && <p><a href="/logg?vad=planned_change">Ändringsloggen för planerade ändringar</a></p>}
    </>
  );
};

/** The new link, shown once. */
export const CalendarLinkCreated: FC<{ url: string }> = ({ url }) => (
  <>
    <PageHeader title="Din kalenderlänk" crumbs={[{ href: '/andringar', label: 'Ändringskalender' }]} />
    <p class="notice" role="status">Kalenderlänken är skapad. Kopiera den nu – den visas inte igen.</p>
    <div class="field">
      <label for="f-calendar-url">Kalenderlänk (iCalendar)</label>
      <p class="hint" id="f-calendar-url-hint">Lägg till den som en prenumererad kalender (”Lägg till kalender från internet”) i din kalenderapp.</p>
      <input id="f-calendar-url" type="text" readonly value={url} aria-describedby="f-calendar-url-hint" class="input-long" />
    </div>
    <p><a href="/andringar">Tillbaka till ändringskalendern</a></p>
  </>
);
