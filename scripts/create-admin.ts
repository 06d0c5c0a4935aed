/**
 * `npm run create-admin -- --email a@b.se --name "Namn" [--local [--persist-to DIR] | --remote]`
 *
 * The first administrator of a new deployment (there is no open sign-up): inserts an
 * administrator without a password, and a one-time invitation link valid for seven days,
 * through `wrangler d1 execute`. Only the SHA-256 of the link's token goes into D1; the
 * token itself is printed once. Open the link on the deployed site, choose a password and
 * enrol two-factor login (required for administrators). The event is in the audit trail.
 *
 * Default is --local (wrangler's local D1, as `npm start` uses); --remote needs
 * `wrangler login` and the database_id in wrangler.toml.
 */
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as v from 'valibot';
import { generateToken, hashToken } from '../worker/access/tokens.ts';
import { emailField, invitationLifetimeMs } from '../worker/access/users.ts';
import { requiredText } from '../worker/validation.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const wranglerJs = join(root, 'node_modules', 'wrangler', 'bin', 'wrangler.js');
const usage = 'Användning: npm run create-admin -- --email namn@kommun.se --name "För- och efternamn" [--local [--persist-to KATALOG] | --remote]';

function fail(message: string): never {
  console.error(`\n✗ ${message}`);
  process.exit(1);
}

const options = (() => {
  try {
    return parseArgs({
      options: {
        email: { type: 'string' },
        name: { type: 'string' },
        local: { type: 'boolean', default: false },
        remote: { type: 'boolean', default: false },
        'persist-to': { type: 'string' },
      },
    }).values;
  } catch (error) {
    return fail(`${(error as Error).message}\n  ${usage}`);
  }
})();

if (options.local && options.remote) fail(`Välj antingen --local eller --remote.\n  ${usage}`);
if (options.remote && options['persist-to'] !== undefined) fail('--persist-to gäller bara den lokala databasen (--local).');
const input = v.safeParse(v.object({ email: emailField, name: requiredText('Namn', 200) }), { email: options.email ?? '', name: options.name ?? '' });
if (!input.success) fail(`${input.issues.map((i) => i.message).join(' ')}\n  ${usage}`);
const { email, name } = input.output;

const where = options.remote ? ['--remote'] : ['--local', ...(options['persist-to'] === undefined ? [] : ['--persist-to', resolve(options['persist-to'])])];

/** SQL string literal. */
const q = (text: string) => `'${text.replaceAll("'", "''")}'`;

const token = generateToken();
const expiresAt = Date.now() + invitationLifetimeMs;
const userId = `(SELECT id FROM "user" WHERE email = ${q(email)})`;
const now = `strftime('%Y-%m-%dT%H:%M:%fZ','now')`;
const actor = 'create-admin (kommandorad)';
// wrangler runs the statements of --command together as one batch: all of them or none.
const sql = [
  `INSERT INTO "user" (email, name, role) VALUES (${q(email)}, ${q(name)}, 'admin')`,
  `INSERT INTO invitation (id, user_id, expires_at, created_by) VALUES (${q(hashToken(token))}, ${userId}, ${expiresAt}, ${q(actor)})`,
  `INSERT INTO audit_event (at, actor, action, entity, entity_id, "before", "after", request_id) VALUES (${now}, ${q(actor)}, 'create', 'user', `
    + `CAST(${userId} AS TEXT), NULL, ${q(JSON.stringify({ email, name, role: 'admin', municipalities: [], active: true, invitationExpiresAt: new Date(expiresAt).toISOString() }))}, ${q(`create-admin-${crypto.randomUUID()}`)})`,
].join(';\n');

function wrangler(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done, failed) => {
    const child = spawn(process.execPath, [wranglerJs, ...args], {
      cwd: root,
      env: { ...process.env, CI: 'true', WRANGLER_SEND_METRICS: 'false' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => { stdout += chunk; });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk; });
    child.on('error', failed);
    child.on('exit', (code) => done({ code: code ?? 1, stdout, stderr }));
  });
}

console.log(`› Skapar administratören ${name} <${email}> i ${options.remote ? 'den publicerade (remote)' : 'den lokala'} databasen …`);
const result = await wrangler(['d1', 'execute', 'DB', ...where, '--yes', '--command', sql]);
if (result.code !== 0) {
  const output = result.stdout + result.stderr;
  if (/UNIQUE constraint failed: user\.email/.test(output)) fail(`Det finns redan ett konto med e-postadressen ${email}. En administratör kan skicka en ny inbjudningslänk från användarens sida.`);
  if (/no such table/.test(output)) fail(`Databasen saknar tabellerna. Kör först: npx wrangler d1 migrations apply DB ${where.join(' ')}`);
  process.stderr.write(output);
  fail(`wrangler avslutades med kod ${result.code}.`);
}

console.log(`
  Klart. Öppna länken nedan på den publicerade webbplatsen (eller http://localhost:8787 lokalt),
  välj ett lösenord och aktivera tvåstegsverifiering. Länken visas bara nu, gäller i sju dagar
  (till ${new Date(expiresAt).toISOString().slice(0, 16).replace('T', ' ')} UTC) och kan användas en gång:

    /inbjudan/${token}
`);
