/**
 * `npm run bench`: the app at national size, measured. Phases (each printed as it starts):
 *   1. generates the national data set (schema/demo/national.ts),
 *   2. builds a fresh local D1 in a temporary directory: migrations, the data set, an API token,
 *   3. measures the Worker bundle gzipped (`wrangler deploy --dry-run --outdir`),
 *   4. starts `wrangler dev` on a free port with BENCH_INSTRUMENT=1 (D1 calls counted per
 *      request into response headers, worker/instrumentation.ts),
 *   5. drives each route with autocannon: a trivial route (`/ping`) and the heavy pages,
 *   6. writes bench/results/latest.json and latest.md, with the budgets met or not.
 *
 * Options: --quick (smaller data set and short runs: within two minutes), --municipalities N,
 * --installations N (per municipality), --duration SECONDS (per route), --connections N,
 * --out DIR (default bench/results).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import autocannon from 'autocannon';
import { demoTotpKeyHex } from '../schema/demo/data.ts';
import { nationalData, nationalStatements, nationalSummary, type NationalData } from '../schema/demo/national.ts';
import { budgets, judge, markdownReport, type Report, type RouteResult } from './report.ts';
import { freePort } from '../scripts/ports.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const wranglerJs = join(root, 'node_modules', 'wrangler', 'bin', 'wrangler.js');
const started = Date.now();
const loadAtStart = loadavg().map((l) => Math.round(l * 100) / 100);

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    municipalities: { type: 'string' },
    installations: { type: 'string' },
    duration: { type: 'string' },
    connections: { type: 'string' },
    out: { type: 'string' },
  },
});
const quick = args.quick ?? false;
const settings = {
  municipalities: Number(args.municipalities ?? (quick ? 120 : 290)),
  installations: Number(args.installations ?? 150),
  durationSeconds: Number(args.duration ?? (quick ? 4 : 20)),
  connections: Number(args.connections ?? 2),
};
const outDir = resolve(args.out ?? join(root, 'bench', 'results'));

const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1).padStart(5)} s`;
const phase = (text: string) => console.log(`[${elapsed()}] ${text}`);
function fail(message: string): never {
  console.error(`\n✗ ${message}`);
  process.exit(1);
}

// ---------------------------------------------------------------------------------------------
// Child processes: wrangler on this same Node, in its own process group so it dies with us.

const children = new Set<ChildProcess>();
const killGroup = (child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM') => {
  try { process.kill(-child.pid!, signal); } catch { /* already gone */ }
};
process.on('exit', () => { for (const c of children) killGroup(c, 'SIGKILL'); });
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(130));

function wrangler(argv: string[]): Promise<{ code: number; output: string }> {
  return new Promise((done, failed) => {
    const child = spawn(process.execPath, [wranglerJs, ...argv], {
      cwd: root, detached: true, stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, CI: 'true', WRANGLER_SEND_METRICS: 'false', NO_COLOR: '1' },
    });
    children.add(child);
    let output = '';
    const collect = (chunk: Buffer) => { output = (output + chunk.toString()).slice(-50_000); };
    child.stdout!.on('data', collect);
    child.stderr!.on('data', collect);
    child.on('error', failed);
    child.on('exit', (code) => { children.delete(child); done({ code: code ?? 1, output }); });
  });
}

async function step(argv: string[], what: string) {
  const { code, output } = await wrangler(argv);
  if (code !== 0) fail(`${what} failed (wrangler exit ${code}):\n${output}`);
  return output;
}


// ---------------------------------------------------------------------------------------------
// 1. The data set.

const today = new Date().toISOString().slice(0, 10);
phase(`Generating the national data set: ${settings.municipalities} municipalities, ~${settings.installations} installations each …`);
const data: NationalData = nationalData({ municipalities: settings.municipalities, installationsPerMunicipality: settings.installations, today });
const summary = nationalSummary(data);
const statements = nationalStatements(data);
console.log(`           ${Object.entries(summary).map(([k, v]) => `${v} ${k}`).join(', ')}`);

// The load tool signs in as a browser does: an administrator (two-factor enrolled) with a
// verified session, whose cookie carries a known token; as the app does, only SHA-256 hashes
// are stored. Also an API token, to show what an integration's request costs.
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const sessionToken = 'benchmarksessionforthelocaldatabaseonly';
const apiToken = 'svp_benchmarktokenforthelocaldatabaseonly';
statements.push(
  `INSERT INTO "user" ("email", "name", "role", "password_hash", "totp_key") VALUES ('bench@national.test', 'Benchmark', 'admin', NULL, X'${demoTotpKeyHex}')`,
  // Valid for 11 h 59 min: the app renews a session only in its last six hours, so no request writes.
  `INSERT INTO "session" ("id", "user_id", "expires_at", "two_factor_verified") VALUES ('${sha256(sessionToken)}', (SELECT "id" FROM "user" WHERE "email" = 'bench@national.test'), ${Date.now() + 719 * 60_000}, 1)`,
  `INSERT INTO "api_token" ("name", "token_hash", "role", "municipalities", "created_by") VALUES ('npm run bench', '${sha256(apiToken)}', 'admin', '[]', 'npm run bench')`,
);

// ---------------------------------------------------------------------------------------------
// 2. A fresh local D1.

const work = mkdtempSync(join(tmpdir(), 'samverkan-bench-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));
const state = join(work, 'state');
phase('Applying the migrations to a fresh local D1 …');
await step(['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', state], 'Migrations');
const sqlFile = join(work, 'national.sql');
writeFileSync(sqlFile, statements.map((s) => `${s};\n`).join(''));
phase(`Loading the data set (${statements.length} statements, ${(statSync(sqlFile).size / 1e6).toFixed(1)} MB of SQL) …`);
await step(['d1', 'execute', 'DB', '--local', '--persist-to', state, '--yes', '--file', sqlFile], 'Loading the data set');

// ---------------------------------------------------------------------------------------------
// 3. The bundle.

phase('Measuring the Worker bundle (wrangler deploy --dry-run) …');
const bundleDir = join(work, 'bundle');
await step(['deploy', '--dry-run', '--outdir', bundleDir], 'The dry-run build');
const bundleFiles = (function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
})(bundleDir).filter((f) => /\.(m?js|cjs|wasm)$/.test(f)); // the code deployed; not the README wrangler writes beside it, nor source maps
const bundleBytes = bundleFiles.reduce((s, f) => s + statSync(f).size, 0);
const bundleGzipBytes = bundleFiles.reduce((s, f) => s + gzipSync(readFileSync(f)).length, 0);
console.log(`           ${bundleFiles.map((f) => relative(bundleDir, f)).join(', ')}: ${(bundleBytes / 1024).toFixed(0)} KiB, ${(bundleGzipBytes / 1024).toFixed(0)} KiB gzipped`);

// ---------------------------------------------------------------------------------------------
// 4. The app.

const port = await freePort();
const base = `http://127.0.0.1:${port}`;
/** wrangler dev's output, only the non-request lines (the request log is long and says nothing new). */
const devOutput: string[] = [];
const devErrors = () => devOutput.join('').slice(-4000);
let dev: ChildProcess | undefined;
let devExit: string | undefined;

/** Start wrangler dev and wait until the trivial route answers. */
async function startDev() {
  devExit = undefined;
  const child = spawn(process.execPath, [wranglerJs, 'dev', '--port', String(port), '--ip', '127.0.0.1', '--persist-to', state, '--var', 'BENCH_INSTRUMENT:1'], {
    cwd: root, detached: true, stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, CI: 'true', WRANGLER_SEND_METRICS: 'false', NO_COLOR: '1' },
  });
  dev = child;
  children.add(child);
  const keep = (c: Buffer) => {
    const lines = c.toString().split('\n').filter((l) => l.trim() && !l.includes('[wrangler:info]'));
    if (lines.length) devOutput.push(`${lines.join('\n')}\n`);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  child.on('exit', (code, signal) => { devExit = `code ${code}, signal ${signal}`; children.delete(child); });
  const deadline = Date.now() + 90_000;
  for (;;) {
    const status = await fetch(`${base}/ping`, { signal: AbortSignal.timeout(5_000) }).then((r) => r.status, () => 0);
    if (status === 200) return;
    if (devExit || Date.now() > deadline) fail(`wrangler dev did not answer on ${base}/ping (${devExit ?? 'timed out'}):\n${devErrors()}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

/** True if the server still answers; if it went away (it has, on this shared machine), start it again. */
async function ensureDev(): Promise<boolean> {
  const status = await fetch(`${base}/ping`, { signal: AbortSignal.timeout(10_000) }).then((r) => r.status, () => 0);
  if (status === 200) return true;
  console.log(`           ! wrangler dev stopped answering (${devExit ?? 'still running'}); restarting it …`);
  if (dev && !devExit) killGroup(dev, 'SIGKILL');
  await new Promise((r) => setTimeout(r, 500));
  await startDev();
  restarts++;
  return false;
}
let restarts = 0;

phase(`Starting wrangler dev on ${base} with D1 instrumentation …`);
await startDev();

const auth = { cookie: `session=${sessionToken}` };
const goals = await (await fetch(`${base}/api/v1/goals`, { headers: auth })).json() as { id: number; key: string | null }[];
if (!Array.isArray(goals)) fail(`GET /api/v1/goals did not answer a list: ${JSON.stringify(goals).slice(0, 300)}`);
// The goal whose "why" is widest: every general and common application against every member.
const goal = goals.find((g) => g.key === 'same-product-general-common') ?? goals[0]!;
// The statement with the most lines: the member in the most collaborations.
const lines = new Map<string, number>();
for (const item of data.costItems) if (item.year === data.openYear) for (const code of item.participants) lines.set(code, (lines.get(code) ?? 0) + 1);
const busiest = [...lines.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0];
const general = data.applications.find((a) => a.kind === 'general')!;
const previewBody = JSON.stringify({
  amountOre: 1_250_000_000, year: data.openYear, participants: data.municipalities.map((m) => m.code), applicationId: general.id,
  key: { parts: [{ basis: 'equal', weight: 20 }, { basis: 'population', weight: 50 }, { basis: 'users', weight: 30 }] },
});

type Target = { name: string; path: string; method?: 'GET' | 'POST'; headers?: Record<string, string>; body?: string; trivial?: boolean };
const targets: Target[] = [
  { name: 'trivial', path: '/ping', trivial: true },
  { name: 'trivial, signed in', path: '/ping', headers: auth },
  { name: 'trivial, API token', path: '/ping', headers: { authorization: `Bearer ${apiToken}` } },
  { name: 'matrix', path: '/matris', headers: auth },
  { name: 'goal dashboard', path: '/mal', headers: auth },
  { name: 'goal detail', path: `/mal/${goal.id}`, headers: auth },
  { name: 'statement', path: `/kostnader/fakturaunderlag/${busiest}?ar=${data.openYear}`, headers: auth },
  { name: 'statement, closed year', path: `/kostnader/fakturaunderlag/${busiest}?ar=${data.closedYear}`, headers: auth },
  {
    name: 'allocation preview', path: '/api/v1/allocations/preview', method: 'POST', body: previewBody,
    // A browser's fetch from the calculator: session cookie and this site's Origin.
    headers: { ...auth, 'content-type': 'application/json', origin: base },
  },
];

// ---------------------------------------------------------------------------------------------
// 5. Load.

/** Three sequential requests first: the status must be 200; size and D1 counts are read here. */
async function probe(t: Target) {
  let best: { bytes: number; gzipBytes: number; roundTrips: number; statements: number; ms: number } | undefined;
  await new Promise((r) => setTimeout(r, 200)); // let the previous route's log lines arrive first
  for (let i = 0; i < 3; i++) {
    const begun = performance.now();
    const response = await fetch(`${base}${t.path}`, { method: t.method ?? 'GET', headers: t.headers, body: t.body, redirect: 'manual' })
      .catch((error: Error) => error);
    if (response instanceof Error) return { error: `no answer: ${(response.cause as Error | undefined)?.message ?? response.message}` };
    const body = Buffer.from(await response.arrayBuffer());
    const ms = performance.now() - begun;
    if (response.status !== 200) {
      // A route that fails is reported, not measured; the others still are. Its log line comes a moment later.
      await new Promise((r) => setTimeout(r, 1_000));
      const logged = devErrors().split('\n').filter((l) => /error/i.test(l) && !/getaddrinfo|Request\.cf/.test(l)).at(-1)?.trim();
      return { error: `answers ${response.status}${logged ? `: ${logged.replace(/^\[cause\]:\s*/, '')}` : ''}` };
    }
    const roundTrips = Number(response.headers.get('x-d1-round-trips'));
    const statementsCount = Number(response.headers.get('x-d1-statements'));
    if (!response.headers.has('x-d1-round-trips')) fail('The Worker sent no X-D1-Round-Trips header: is BENCH_INSTRUMENT reaching it?');
    // The fewest calls seen: the first request of a minute also records an API token's last use.
    if (!best || roundTrips < best.roundTrips) best = { bytes: body.length, gzipBytes: gzipSync(body).length, roundTrips, statements: statementsCount, ms };
  }
  return best!;
}

const failedRoute = (t: Target, error: string): RouteResult => ({
  name: t.name, path: `${t.method === 'POST' ? 'POST ' : ''}${t.path}`, rps: null, p50Ms: null, p99Ms: null, ratioToTrivial: null,
  d1Queries: null, d1RoundTrips: null, bytes: null, gzipBytes: null, requests: 0, trivial: t.trivial ?? false,
  heavy: !t.name.startsWith('trivial'), page: t.method !== 'POST' && !t.name.startsWith('trivial'), error,
});

const results: RouteResult[] = [];
let trivialP50 = 0;
for (const t of targets) {
  phase(`${t.name}: ${t.method ?? 'GET'} ${t.path.length > 60 ? `${t.path.slice(0, 57)}…` : t.path} for ${settings.durationSeconds} s …`);
  await ensureDev();
  let p = await probe(t);
  // A connection error (not an answer) means the server went away: once more on a fresh one.
  if ('error' in p && !(await ensureDev())) p = await probe(t);
  if ('error' in p) {
    console.log(`           ✗ ${p.error}`);
    results.push(failedRoute(t, p.error));
    continue;
  }
  const load = () => autocannon({
    url: `${base}${t.path}`, method: t.method ?? 'GET', headers: t.headers, body: t.body,
    connections: settings.connections, duration: settings.durationSeconds, timeout: 60,
  });
  let run = await load();
  if ((run.errors > 0 || run.timeouts > 0) && !(await ensureDev())) run = await load();
  if (run.non2xx > 0 || run.errors > 0 || run.timeouts > 0) {
    const error = `under load: ${run.non2xx} non-2xx answers, ${run.errors} errors, ${run.timeouts} timeouts of ${run.requests.total}`;
    console.log(`           ✗ ${error}`);
    results.push(failedRoute(t, error));
    continue;
  }
  if (t.trivial) trivialP50 = run.latency.p50;
  const result: RouteResult = {
    name: t.name, path: `${t.method === 'POST' ? 'POST ' : ''}${t.path}`,
    rps: Math.round(run.requests.average * 10) / 10,
    p50Ms: run.latency.p50, p99Ms: run.latency.p99,
    ratioToTrivial: trivialP50 > 0 ? Math.round((run.latency.p50 / trivialP50) * 10) / 10 : null,
    d1Queries: p.statements, d1RoundTrips: p.roundTrips,
    bytes: p.bytes, gzipBytes: p.gzipBytes, requests: run.requests.total, trivial: t.trivial ?? false,
    heavy: !t.name.startsWith('trivial'), page: t.method !== 'POST' && !t.name.startsWith('trivial'),
  };
  results.push(result);
  console.log(`           ${result.rps} req/s, p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms (${result.requests} requests), `
    + `${result.d1RoundTrips} D1 round trips / ${result.d1Queries} statements, ${(p.bytes / 1000).toFixed(1)} kB`);
}

// ---------------------------------------------------------------------------------------------
// 6. The report.

if (dev) killGroup(dev);
const report: Report = {
  generatedAt: new Date().toISOString(),
  quick,
  machine: {
    cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version, loadAverage: loadavg().map((l) => Math.round(l * 100) / 100), loadAverageAtStart: loadAtStart,
  },
  settings: { ...settings, loadTool: 'autocannon', today, serverRestarts: restarts },
  dataSet: summary,
  routes: results,
  bundleBytes,
  bundleGzipBytes,
  budgets,
  verdicts: [],
};
report.verdicts = judge(report);
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
writeFileSync(join(outDir, 'latest.md'), markdownReport(report));
phase(`Report written to ${relative(root, join(outDir, 'latest.md'))} and latest.json.`);
for (const v of report.verdicts) console.log(`           ${v.met ? '✓' : '✗'} ${v.budget}: ${v.measured}`);
process.exit(0);
