import type { Child, FC } from 'hono/jsx';

export type Crumb = { href: string; label: string };

/** Breadcrumbs, the page's one h1, and its main actions. */
export const PageHeader: FC<{ title: string; crumbs?: Crumb[]; lead?: Child; actions?: Child }> = ({ title, crumbs, lead, actions }) => (
  <div class="page-header">
    {crumbs && crumbs.length > 0 && (
      <nav aria-label="Du är här" class="breadcrumbs">
        <ol>{crumbs.map((c) => <li><a href={c.href}>{c.label}</a></li>)}</ol>
      </nav>
    )}
    <h1>{title}</h1>
    {lead && <p class="lead">{lead}</p>}
    {actions && <div class="actions">{actions}</div>}
  </div>
);

/** The confirmation after a redirect ("Sparat."), announced to screen readers. */
export const Notice: FC<{ message?: string }> = ({ message }) =>
  message ? <p class="notice" role="status">{message}</p> : null;

export const EmptyState: FC<{ children: Child }> = ({ children }) => <div class="empty-state">{children}</div>;

/** A wide table that scrolls sideways on a phone; the region is focusable for keyboard users. */
export const ScrollTable: FC<{ label: string; children: Child }> = ({ label, children }) => (
  <div class="table-scroll" role="region" aria-label={label} tabindex={0}>{children}</div>
);

/** Yes/no in words, never a colour or a symbol alone. */
export const YesNo: FC<{ value: boolean }> = ({ value }) => (
  <span class={value ? 'yes' : 'no'}>{value ? 'Ja' : 'Nej'}</span>
);

/** Delete confirmation: without JavaScript a delete is a page of its own with one button. */
export const ConfirmDelete: FC<{ action: string; version: number; what: string; back: string; blockedBy?: string }> = ({ action, version, what, back, blockedBy }) => (
  <div class="confirm">
    {blockedBy ? (
      <p>{blockedBy}</p>
    ) : (
      <form method="post" action={action}>
        <p>Vill du ta bort {what}? Det går inte att ångra, men borttagningen finns kvar i ändringsloggen.</p>
        <input type="hidden" name="version" value={String(version)} />
        <button type="submit" class="button danger">Ta bort</button>
      </form>
    )}
    <p><a href={back}>Tillbaka</a></p>
  </div>
);
