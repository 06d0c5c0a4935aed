import type { FC } from 'hono/jsx';
import type { AuditLog } from '../../worker/audit/queries.ts';
import { pageParams, type AuditEntity } from '../../worker/audit/schemas.ts';
import { EmptyState } from '../components/page.tsx';
import { actionLabel, Changes, Time } from './changes.tsx';

/** The link to the whole log of one row. */
export const historyHref = (entity: AuditEntity, entityId: string | number) =>
  `/logg?${new URLSearchParams({ [pageParams.entity]: entity, [pageParams.entityId]: String(entityId) })}`;

/** "Historik" on a row's page: its latest events, each with who and what changed. */
export const History: FC<{ log: AuditLog; entity: AuditEntity; entityId: string | number }> = ({ log, entity, entityId }) => (
  <section aria-labelledby="historik">
    <h2 id="historik">Historik</h2>
    {log.events.length === 0 ? (
      <EmptyState><p>Inga ändringar är loggade. Uppgifter som lades in innan loggen började, som demodata, har ingen historik.</p></EmptyState>
    ) : (
      <ol class="plain-list">
        {log.events.map((e) => (
          <li>
            <Time at={e.at} /> {e.actor} {actionLabel[e.action] ?? e.action}
            <Changes event={e} names={log.names} max={4} />
          </li>
        ))}
      </ol>
    )}
    <p><a href={historyHref(entity, entityId)}>{log.next !== undefined ? 'Hela historiken' : 'Historiken'} i ändringsloggen</a></p>
  </section>
);
