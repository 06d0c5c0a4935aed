/** The result of a command, shared by the JSON API and the pages. */
export type FieldIssue = { path: string; message: string };

export type Failure =
  | { ok: false; status: 400; error: string; issues: FieldIssue[] }
  | { ok: false; status: 401 | 403 | 404 | 409; error: string }
  | { ok: false; status: 429; error: string; retryAfter: number };

export type Outcome<T> = { ok: true; value: T } | Failure;

export const ok = <T>(value: T): Outcome<T> => ({ ok: true, value });

export const invalid = (issues: FieldIssue[], error = 'Uppgifterna är inte giltiga.'): Failure =>
  ({ ok: false, status: 400, error, issues });

export const notFound = (error = 'Hittades inte.'): Failure => ({ ok: false, status: 404, error });

export const unauthorized = (error: string): Failure => ({ ok: false, status: 401, error });

export const forbidden = (error = 'Din roll får inte göra detta.'): Failure => ({ ok: false, status: 403, error });

export const tooManyAttempts = (retryAfter: number): Failure =>
  ({ ok: false, status: 429, retryAfter, error: `För många misslyckade inloggningar. Försök igen om ${Math.ceil(retryAfter / 60)} minuter.` });

export const conflict = (error: string): Failure => ({ ok: false, status: 409, error });

export const staleVersion = (): Failure =>
  conflict('Någon annan har ändrat uppgifterna sedan du läste dem. Läs in dem igen och gör om ändringen.');
