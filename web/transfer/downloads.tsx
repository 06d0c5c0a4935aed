import type { FC } from 'hono/jsx';

/** Links to a download as xlsx and as CSV. On its own so that any page can import it without cycles. */
export const Downloads: FC<{ base: string; what: string; query?: string }> = ({ base, what, query = '' }) => (
  <span class="downloads">
    <a href={`${base}.xlsx${query}`} download>{what} som Excel (xlsx)</a>
    {' · '}
    <a href={`${base}.csv${query}`} download>som CSV</a>
  </span>
);
