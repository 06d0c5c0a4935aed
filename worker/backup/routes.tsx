import { Hono, type Context } from 'hono';
import { BackupPage, RestoredPage } from '../../web/backup/page.tsx';
import { clearSessionCookie } from '../access/cookies.ts';
import { allow } from '../access/permissions.ts';
import type { AppEnv } from '../env.ts';
import { failureJson } from '../http.ts';
import { invalid, type Failure, type FieldIssue, type Outcome } from '../outcome.ts';
import { page } from '../pages.tsx';
import { occupiedTables, readBackup, restoreBackup, streamText, type Restored } from './backup.ts';

type Ctx = Context<AppEnv>;

/** "samverkansplattformen-2026-11-25T130405Z.json" */
const fileName = (createdAt: string) => `samverkansplattformen-${createdAt.replace(/[:]|\.\d+/g, '')}.json`;

async function download(c: Ctx) {
  const backup = await readBackup(c.env.DB);
  return c.body(streamText(backup.text), 200, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Disposition': `attachment; filename="${fileName(backup.createdAt)}"`,
    // Password hashes and two-factor keys are in it: never kept by a browser or a proxy.
    'Cache-Control': 'no-store',
  });
}

const parseJson = (text: string, path: string): Outcome<unknown> => {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return invalid(path ? [{ path, message: 'Filen är inte giltig JSON. Välj en säkerhetskopia som hämtats från Samverkansplattformen.' }] : [], 'Säkerhetskopian måste vara giltig JSON.');
  }
};

/** After a restore the caller's session no longer exists; show the rest of the response signed out. */
function signedOut(c: Ctx) {
  clearSessionCookie(c);
  c.set('session', null);
  c.set('actor', { ...c.var.actor, role: null, userId: null, municipalities: [], via: 'none' });
}

/**
 * `GET /api/v1/admin/backup`: the whole database as one JSON document (worker/backup/document.ts).
 * `POST /api/v1/admin/restore` with that document as the body restores it into an empty
 * deployment. Administrators only; an administrator's API token works too.
 */
export const backupApi = new Hono<AppEnv>()
  .get('/admin/backup', allow('admin'), download)
  .post('/admin/restore', allow('admin'), async (c) => {
    const body = parseJson(await c.req.text(), '');
    const outcome = body.ok ? await restoreBackup(c.env.DB, c.var.actor, body.value) : body;
    if (!outcome.ok) return failureJson(c, outcome);
    signedOut(c);
    return c.json(outcome.value);
  });

// ---- Pages ----

const title = 'Säkerhetskopia';

/** Issues about the document are not about a form field: listed at the top, without links. */
const pageFailure = (failure: Failure): { issues: FieldIssue[]; error?: string } =>
  failure.status === 400
    ? { issues: failure.issues.map((i) => ({ path: i.path === 'fil' || i.path === 'bekrafta' ? i.path : '', message: i.message })), error: failure.error }
    : { issues: [], error: failure.error };

const backupPage = async (c: Ctx, failure?: Failure) =>
  page(c, title, '/anvandare', <BackupPage occupied={await occupiedTables(c.env.DB)} {...(failure ? pageFailure(failure) : {})} />,
    failure ? (failure.status === 400 ? 400 : 409) : 200);

/** `/sakerhetskopia`, linked from the users page: download, and restore by a multipart upload. */
export const backupPages = new Hono<AppEnv>()
  .get('/sakerhetskopia', allow('admin'), (c) => backupPage(c))
  .post('/sakerhetskopia/aterstall', allow('admin'), async (c) => {
    const form = await c.req.parseBody();
    const file = form.fil;
    const issues: FieldIssue[] = [];
    if (!(file instanceof File) || file.size === 0) issues.push({ path: 'fil', message: 'Välj en fil med en säkerhetskopia.' });
    if (form.bekrafta === undefined) issues.push({ path: 'bekrafta', message: 'Bekräfta att alla konton ersätts och att du loggas ut.' });
    if (issues.length) return backupPage(c, invalid(issues));
    const body = parseJson(await (file as File).text(), 'fil');
    const outcome: Outcome<Restored> = body.ok ? await restoreBackup(c.env.DB, c.var.actor, body.value) : body;
    if (!outcome.ok) return backupPage(c, outcome);
    signedOut(c);
    return page(c, 'Säkerhetskopian är återställd', undefined, <RestoredPage restored={outcome.value} />);
  });
