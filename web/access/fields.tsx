import type { FC } from 'hono/jsx';
import { roles } from '../../schema/access.ts';
import type { Option } from '../components/forms.tsx';
import { fieldId } from '../components/forms.tsx';
import { roleLabel } from '../layout.tsx';

const errorId = (name: string) => `f-${name}-fel`;
const hintId = (name: string) => `f-${name}-hint`;
const describedBy = (name: string, error?: string, hint?: string) =>
  [hint ? hintId(name) : '', error ? errorId(name) : ''].filter(Boolean).join(' ') || undefined;

const ErrorText: FC<{ name: string; error?: string }> = ({ name, error }) =>
  error ? <p class="error-message" id={errorId(name)}><span class="visually-hidden">Fel: </span>{error}</p> : null;

/** A password input; its value is never sent back to the browser. */
export const PasswordField: FC<{ name: string; label: string; error?: string; hint?: string; autocomplete: 'new-password' | 'current-password' }> = (p) => (
  <div class={p.error ? 'field field-error' : 'field'}>
    <label for={fieldId(p.name)}>{p.label}</label>
    {p.hint && <p class="hint" id={hintId(p.name)}>{p.hint}</p>}
    <ErrorText name={p.name} error={p.error} />
    <input id={fieldId(p.name)} name={p.name} type="password" autocomplete={p.autocomplete} required
      aria-invalid={p.error ? 'true' : undefined} aria-describedby={describedBy(p.name, p.error, p.hint)} />
  </div>
);

/**
 * Several checkboxes under one legend. The first box carries the group's field id, so the
 * error summary's link lands on it.
 */
export const CheckboxGroup: FC<{ name: string; legend: string; options: Option[]; checked: string[]; error?: string; hint?: string }> = (p) => (
  <fieldset class={p.error ? 'field-error' : undefined} aria-describedby={describedBy(p.name, p.error, p.hint)}>
    <legend>{p.legend}</legend>
    {p.hint && <p class="hint" id={hintId(p.name)}>{p.hint}</p>}
    <ErrorText name={p.name} error={p.error} />
    {p.options.length === 0 && <p>Inga kommuner är registrerade än.</p>}
    {p.options.map((o, i) => {
      const id = i === 0 ? fieldId(p.name) : `${fieldId(p.name)}-${o.value}`;
      return (
        <div class="field checkbox">
          <input type="checkbox" id={id} name={p.name} value={o.value} checked={p.checked.includes(o.value)} />
          <label for={id}>{o.label}</label>
        </div>
      );
    })}
  </fieldset>
);

/** Something to copy once (a link, a token): a read-only field, easy to select, never wider than the page. */
export const CopyField: FC<{ name: string; label: string; value: string; hint?: string }> = (p) => (
  <div class="field">
    <label for={fieldId(p.name)}>{p.label}</label>
    {p.hint && <p class="hint" id={hintId(p.name)}>{p.hint}</p>}
    <input id={fieldId(p.name)} type="text" value={p.value} readonly autocomplete="off" spellcheck={false}
      aria-describedby={p.hint ? hintId(p.name) : undefined} />
  </div>
);

export const roleOptions: Option[] = roles.map((r) => ({ value: r, label: roleLabel[r] }));

export const roleHint = 'Administratör: allt, även användare och API-nycklar (kräver tvåstegsverifiering). Redaktör: ändrar systemen i sina kommuner. '
  + 'Ekonomi: ändrar systemens kostnader. Läsare: läser allt.';

export const scopeHint = 'Bara för redaktörer: de kommuner vars system redaktören får ändra. Övriga roller har inga kommuner.';


const stockholm = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', dateStyle: 'short', timeStyle: 'short' });

/** An instant as Swedes read it, in Swedish time: "2026-05-01 14:30". */
export const dateTime = (iso: string | number | null | undefined) => (iso === null || iso === undefined ? '–' : stockholm.format(new Date(iso)));

/** SCB codes as municipality names, in the order given. */
export const municipalityNames = (codes: string[], names: Map<string, string>) =>
  codes.length ? codes.map((code) => names.get(code) ?? code).join(', ') : '–';
