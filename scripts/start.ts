/**
 * `npm start`: the whole product on this machine, with D1 embedded locally (miniflare).
 *   1. applies the migrations to the local database,
 *   2. loads the Dalsland demo data if the database is empty,
 *   3. runs `wrangler dev` and prints the address once the Worker answers.
 *
 * Options (passed on to every wrangler call they apply to):
 *   --port N          port of the dev server (default 8787)
 *   --ip ADDRESS      address to listen on (wrangler's default: localhost)
 *   --persist-to DIR  local state directory (wrangler's default: .wrangler/state)
 * e.g. `npm start -- --port 8799 --persist-to /tmp/demo-state` for an isolated instance.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { installations, municipalities } from '../schema/demo/data.ts';
import { demoScript, isDemoLoadedSql } from '../schema/demo/sql.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const wranglerJs = join(root, 'node_modules', 'wrangler', 'bin', 'wrangler.js');

const options = (() => {
  try {
    return parseArgs({
      options: {
        port: { type: 'string', default: '8787' },
        ip: { type: 'string' },
        'persist-to': { type: 'string' },
      },
    }).values;
  } catch (error) {
    return fail(`${(error as Error).message}\n  Användning: npm start -- [--port N] [--ip ADRESS] [--persist-to KATALOG]`);
  }
})();
const port = Number(options.port);
if (!Number.isInteger(port) || port < 1 || port > 65535) fail(`Ogiltig port: ${options.port}`);
const persistTo = options['persist-to'] === undefined ? [] : ['--persist-to', resolve(options['persist-to'])];

// The child currently running, so Ctrl+C / SIGTERM reach it; after a signal nothing new starts.
let child: ChildProcess | undefined;
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    stopping = true;
    if (child) child.kill(signal);
    else process.exit(130);
  });
}

/** Runs wrangler on this same Node; resolves with its exit code and (if captured) stdout. */
function wrangler(args: string[], { capture = false, interactive = false } = {}): Promise<{ code: number; stdout: string }> {
  return new Promise((done, failed) => {
    const env = { ...process.env, WRANGLER_SEND_METRICS: 'false', ...(interactive ? {} : { CI: 'true' }) };
    child = spawn(process.execPath, [wranglerJs, ...args], {
      cwd: root,
      env,
      stdio: [interactive ? 'inherit' : 'ignore', capture ? 'pipe' : 'inherit', 'inherit'],
    });
    let stdout = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => { stdout += chunk; });
    child.on('error', failed);
    child.on('exit', (code, signal) => {
      child = undefined;
      done({ code: code ?? (signal ? 130 : 1), stdout });
    });
  });
}

/** A wrangler call that must succeed; `quiet` keeps its stdout (one JSON result per statement) unless it fails. */
async function step(args: string[], what: string, { quiet = false } = {}) {
  const { code, stdout } = await wrangler(args, { capture: quiet });
  if (stopping) process.exit(130);
  if (code !== 0) {
    process.stdout.write(stdout);
    fail(`${what} misslyckades (wrangler avslutades med kod ${code}).`);
  }
}

function fail(message: string): never {
  console.error(`\n✗ ${message}`);
  process.exit(1);
}

/** True if nothing listens on the port yet (wrangler would otherwise fail or we'd poll a stranger). */
function portIsFree(): Promise<boolean> {
  return new Promise((done) => {
    const server = createServer();
    server.once('error', () => done(false));
    server.listen({ port, host: options.ip }, () => server.close(() => done(true)));
  });
}

// Fail before touching anything if the port is taken.
if (!(await portIsFree())) fail(`Port ${port} används redan. Välj en annan: npm start -- --port ${port + 1}`);

// 1. Schema.
console.log('› Tillämpar migreringar på den lokala databasen …');
await step(['d1', 'migrations', 'apply', 'DB', '--local', ...persistTo], 'Migreringen');

// 2. Demo data, only into an empty database.
const count = await wrangler(['d1', 'execute', 'DB', '--local', ...persistTo, '--json', '--command', isDemoLoadedSql], { capture: true });
if (stopping) process.exit(130);
if (count.code !== 0) fail('Kunde inte läsa den lokala databasen.');
const rows = JSON.parse(count.stdout.slice(count.stdout.indexOf('['))) as { results: { n: number }[] }[];
if (rows[0]?.results[0]?.n === 0) {
  console.log(`› Laddar demodata: ${municipalities.length} Dalslandskommuner, ${installations.length} system …`);
  const dir = mkdtempSync(join(tmpdir(), 'samverkan-demo-'));
  const removeDir = () => rmSync(dir, { recursive: true, force: true });
  process.on('exit', removeDir); // also when a failed step exits the process
  const file = join(dir, 'demo.sql');
  writeFileSync(file, demoScript());
  await step(['d1', 'execute', 'DB', '--local', ...persistTo, '--yes', '--file', file], 'Laddningen av demodata', { quiet: true });
  removeDir();
  console.log('  Demodata laddad.');
} else {
  console.log('› Databasen innehåller redan data; demodata laddas inte.');
}

// 3. The dev server, with the terminal handed over to wrangler.
const host = options.ip === undefined || ['0.0.0.0', '::', '*'].includes(options.ip) ? 'localhost' : options.ip;
const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
const ip = options.ip === undefined ? [] : ['--ip', options.ip];
const dev = wrangler(['dev', '--port', String(port), ...ip, ...persistTo, '--var', 'DEMO_DATA:1'], { interactive: true });

// Announce the address once the Worker answers any request (wrangler's own output scrolls by).
let running = true;
void dev.then(() => { running = false; });
while (running) {
  const answered = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(2000) }).then(() => true, () => false);
  if (answered && running) {
    console.log(`\n  Samverkansplattformen körs på ${url}\n  (Avsluta med Ctrl+C.)\n`);
    break;
  }
  await new Promise((r) => setTimeout(r, 500));
}
process.exitCode = (await dev).code;
