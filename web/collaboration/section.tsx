import type { FC } from 'hono/jsx';
import type { CollaborationDetail } from '../../worker/collaboration/queries.ts';
import { ScrollTable } from '../components/page.tsx';
import { date } from '../format.ts';
import { levelLabel, levels } from './levels.ts';

type Props = { collaborations: CollaborationDetail[]; municipalities: Map<string, string>; applicationId: number; admin: boolean };

/** On an application's page: its collaboration now, how its level has changed, and earlier ones. */
export const CollaborationSection: FC<Props> = ({ collaborations, municipalities, applicationId, admin }) => {
  const name = (code: string) => municipalities.get(code) ?? code;
  const active = collaborations.filter((c) => c.active);
  const ended = collaborations.filter((c) => !c.active);
  return (
    <section aria-labelledby="collaboration-heading">
      <h2 id="collaboration-heading">Samverkan</h2>
      {active.length === 0 && (
        <p>Ingen pågående samverkan om applikationen.{admin && <> <a href={`/samverkan/ny?applikation=${applicationId}`}>Starta samverkan</a>.</>}</p>
      )}
      {active.map((c) => (
        <div class="collaboration-summary">
          <p><a href={`/samverkan/${c.id}`}><strong>{levelLabel(c.level)}</strong></a> – {c.participants.map(name).join(', ')}.
            {' '}Värdkommun {name(c.host)}{c.owner ? `, gemensam systemägare ${c.owner.name}` : ''}.</p>
          <p class="hint">{levels[c.level]?.explanation}</p>
          <ScrollTable label="Nivåhistorik">
            <table>
              <caption class="visually-hidden">Nivåhistorik för samverkan</caption>
              <thead><tr><th scope="col">Från och med</th><th scope="col">Nivå</th><th scope="col">Kommentar</th></tr></thead>
              <tbody>{c.history.map((h) => <tr><td>{date(h.on)}</td><td>{levelLabel(h.level)}</td><td>{h.note || '–'}</td></tr>)}</tbody>
            </table>
          </ScrollTable>
        </div>
      ))}
      {ended.length > 0 && (
        <>
          <h3>Avslutad samverkan</h3>
          <ul>{ended.map((c) => <li><a href={`/samverkan/${c.id}`}>{levelLabel(c.level)}, avslutad {date(c.endedOn)}</a> ({c.participants.map(name).join(', ')})</li>)}</ul>
        </>
      )}
    </section>
  );
};
