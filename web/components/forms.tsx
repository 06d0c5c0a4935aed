import type { Child, FC } from 'hono/jsx';
import type { FieldIssue } from '../../worker/outcome.ts';

export const fieldId = (name: string) => `f-${name}`;
const errorId = (name: string) => `f-${name}-fel`;

type FieldProps = { name: string; label: string; error?: string; hint?: string };

/** The error summary at the top of a failed form, each message linking to its field. */
export const ErrorSummary: FC<{ error?: string; issues?: FieldIssue[]; labels?: Record<string, string> }> = ({ error, issues = [], labels = {} }) =>
  error || issues.length ? (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex={-1}>
      <h2 id="error-summary-title">{issues.length ? 'Rätta följande och försök igen' : 'Det gick inte att spara'}</h2>
      {error && <p>{error}</p>}
      {issues.length > 0 && (
        <ul>
          {issues.map((i) => (
            <li>{i.path ? <a href={`#${fieldId(i.path)}`}>{labels[i.path] ? `${labels[i.path]}: ` : ''}{i.message}</a> : i.message}</li>
          ))}
        </ul>
      )}
    </div>
  ) : null;

const Described: FC<FieldProps & { children: Child }> = ({ name, label, error, hint, children }) => (
  <div class={error ? 'field field-error' : 'field'}>
    <label for={fieldId(name)}>{label}</label>
    {hint && <p class="hint" id={`${fieldId(name)}-hint`}>{hint}</p>}
    {error && <p class="error-message" id={errorId(name)}><span class="visually-hidden">Fel: </span>{error}</p>}
    {children}
  </div>
);

const describedBy = (name: string, error?: string, hint?: string) =>
  [hint ? `${fieldId(name)}-hint` : '', error ? errorId(name) : ''].filter(Boolean).join(' ') || undefined;

type InputProps = FieldProps & {
  value?: string;
  type?: 'text' | 'date' | 'email';
  required?: boolean;
  inputmode?: 'numeric' | 'decimal';
  autocomplete?: string;
  size?: 'short' | 'long';
};

export const TextField: FC<InputProps> = (p) => (
  <Described {...p}>
    <input
      id={fieldId(p.name)} name={p.name} type={p.type ?? 'text'} value={p.value ?? ''}
      required={p.required} inputmode={p.inputmode} autocomplete={p.autocomplete ?? 'off'}
      class={p.size === 'short' ? 'input-short' : undefined}
      aria-invalid={p.error ? 'true' : undefined} aria-describedby={describedBy(p.name, p.error, p.hint)}
    />
  </Described>
);

export const TextArea: FC<FieldProps & { value?: string }> = (p) => (
  <Described {...p}>
    <textarea id={fieldId(p.name)} name={p.name} rows={4}
      aria-invalid={p.error ? 'true' : undefined} aria-describedby={describedBy(p.name, p.error, p.hint)}>{p.value ?? ''}</textarea>
  </Described>
);

export type Option = { value: string; label: string };

export const SelectField: FC<FieldProps & { value?: string; options: Option[]; empty?: string; required?: boolean }> = (p) => (
  <Described {...p}>
    <select id={fieldId(p.name)} name={p.name} required={p.required}
      aria-invalid={p.error ? 'true' : undefined} aria-describedby={describedBy(p.name, p.error, p.hint)}>
      {p.empty !== undefined && <option value="">{p.empty}</option>}
      {p.options.map((o) => <option value={o.value} selected={o.value === p.value}>{o.label}</option>)}
    </select>
  </Described>
);

export const CheckboxField: FC<{ name: string; label: string; checked: boolean }> = ({ name, label, checked }) => (
  <div class="field checkbox">
    <input type="checkbox" id={fieldId(name)} name={name} checked={checked} />
    <label for={fieldId(name)}>{label}</label>
  </div>
);

export const VersionField: FC<{ version: number | string }> = ({ version }) => <input type="hidden" name="version" value={String(version)} />;
