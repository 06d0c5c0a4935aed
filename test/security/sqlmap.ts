/**
 * `npm run test:security`: sqlmap (Debian's package) against the local app's parameterised
 * routes. Starts the app with the demo data on a free port and a fresh database (the same
 * harness as the browser tests), signs in as the demo administrator, makes an API token,
 * and runs sqlmap once per target: path ids, query parameters and JSON bodies. Fails (exit 1)
 * when sqlmap reports any injection point, or a target could not be tested to the end.
 *
 *   npm run test:security                          level 2, risk 1
 *   npm run test:security -- --level 3 --risk 2    deeper (much slower)
 *   npm run test:security -- --only matris         the targets whose name contains "matris"
 *
 * Not part of `npm test`: sqlmap sends thousands of requests and takes minutes.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startApp, type App } from '../e2e/app.ts';

const options = parseArgs({
  options: {
    level: { type: 'string', default: '2' },
    risk: { type: 'string', default: '1' },
    only: { type: 'string' },
    // Per target; a target that runs out of time counts as a failure: it was not fully tested.
    'timeout-seconds': { type: 'string', default: '600' },
    'keep-output': { type: 'boolean', default: false },
  },
}).values;

const sqlmap = ['/usr/bin/sqlmap', '/usr/local/bin/sqlmap'].find(existsSync)
  ?? spawnSync('sh', ['-c', 'command -v sqlmap'], { encoding: 'utf8' }).stdout.trim();
if (!sqlmap) {
  console.error('sqlmap is missing. Install it with: apt-get install -y sqlmap (Debian package; needs root).');
  process.exit(2);
}

/** What sqlmap is pointed at; `*` marks a place to inject that is not a named parameter (a path id, a JSON value). */
type Target = { name: string; path: string; data?: string; method?: string };

/**
 * The parameterised routes: every kind of input the app reads into SQL — ids in the path,
 * filters in the query string (API and pages), and JSON bodies — on routes that read much
 * (matrix, goals, statements) or build SQL from input (the what-if overlay, the audit filter).
 */
const targets: Target[] = [
  { name: 'installation by id (path)', path: '/api/v1/installations/1*' },
  { name: 'installations filter', path: '/api/v1/installations?municipality=1460&application=1' },
  { name: 'audit trail filter', path: '/api/v1/audit?entity=installation&entityId=1&actor=admin&from=2024-01-01&to=2030-12-31&limit=10' },
  { name: 'statements', path: '/api/v1/statements?year=2024&collaboration=1' },
  { name: 'statement of a municipality (path)', path: '/api/v1/statements/1460*?year=2024' },
  { name: 'freeze check', path: '/api/v1/changes/freeze-check?date=2025-12-20&environment=administration' },
  { name: 'planned changes', path: '/api/v1/changes?from=2025-01-01&to=2027-12-31&environment=education' },
  { name: 'people and roles filters', path: '/api/v1/role-assignments?installation=1&person=1' },
  { name: 'priorities weights', path: '/api/v1/priorities?avtal=1&funktion=2&kompetens=3&produkt=4' },
  { name: 'documents filter', path: '/api/v1/documents?status=valid&type=policy&municipality=1460' },
  { name: 'goal by id (path)', path: '/api/v1/goals/1*' },
  { name: 'matrix page', path: '/matris?typ=common&omrade=1&niva=3' },
  { name: 'municipality page (path)', path: '/kommuner/1460*' },
  { name: 'audit page', path: '/logg?typ=installation&vem=admin' },
  {
    name: 'what-if (JSON body)', path: '/api/v1/goals/what-if', method: 'POST',
    // Valid as sent (`*` removed), so sqlmap compares its payloads with a 200; only strings can carry SQL in JSON.
    data: JSON.stringify({ changes: [{ type: 'join*', collaborationId: 2, municipality: '1460*' }, { type: 'newCollaboration', applicationId: 1, level: 3, participants: ['1438*', '1439'] }] }),
  },
  {
    name: 'allocation preview (JSON body)', path: '/api/v1/allocations/preview', method: 'POST',
    data: JSON.stringify({ amountOre: 100000, year: 2024, participants: ['1460*', '1492'], key: { parts: [{ basis: 'population*', weight: 1 }] } }),
  },
  {
    name: 'new person (JSON body)', path: '/api/v1/people', method: 'POST',
    data: JSON.stringify({ name: 'Test Testsson*', email: 'test@example.se*', municipality: '1460*', title: 'Tekniker*' }),
  },
];

type Result = { target: Target; findings: string[]; warnings: string[]; seconds: number; problem?: string };

/** Confirmed findings in sqlmap's output. */
const findingPatterns = [
  /sqlmap identified the following injection point/i,
  /\bis vulnerable\b/i,
  /parameter '[^']*' (?:is|appears to be) '[^']*' injectable/i,
  /parameter '[^']*' is injectable/i,
  /might be injectable/i,
];
/** Heuristics about other attack classes: printed, not failed (JSON answers echo input without being HTML). */
const warningPatterns = [/might be vulnerable to/i];

function runSqlmap(base: string, token: string, target: Target, outputDir: string): Promise<Result> {
  const args = [
    '-u', base + target.path,
    '-H', `Authorization: Bearer ${token}`,
    ...(target.data ? ['--data', target.data, '-H', 'Content-Type: application/json', '--method', target.method ?? 'POST'] : []),
    '--batch', `--level=${options.level}`, `--risk=${options.risk}`,
    '--output-dir', outputDir, '--disable-coloring', '--timeout=15', '--retries=1',
    // Answers to the questions --batch would otherwise default: process the `*` markers and the JSON.
    '--answers', 'custom injection marker=Y,JSON data=Y,keep testing the others=Y',
  ];
  const started = Date.now();
  return new Promise((done) => {
    const child = spawn(sqlmap, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    const limit = Number(options['timeout-seconds']) * 1000;
    const timer = setTimeout(() => child.kill('SIGKILL'), limit);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      mkdirSync(outputDir, { recursive: true });
      writeFileSync(join(outputDir, 'sqlmap-output.txt'), output);
      const lines = output.split('\n');
      const findings = lines.filter((l) => findingPatterns.some((p) => p.test(l)));
      // sqlmap writes what it found to <output>/<host>/log; an empty or absent log means nothing.
      // and each injection point as a row of results-*.csv (after its header line).
      for (const file of resultFiles(outputDir)) {
        const text = readFileSync(file, 'utf8').trim();
        const rows = file.endsWith('.csv') ? text.split('\n').slice(1).filter(Boolean) : text ? [text.split('\n')[0]!] : [];
        for (const row of rows) findings.push(`${file}: ${row}`);
      }
      let problem: string | undefined;
      if (signal) problem = `stopped after ${limit / 1000} s without finishing`;
      else if (code !== 0 && findings.length === 0) problem = `sqlmap exited ${code}: ${lines.filter((l) => /\[(CRITICAL|ERROR)\]/.test(l)).slice(-3).join(' | ')}`;
      // sqlmap ends with "all tested parameters do not appear to be injectable" when it tested everything and found nothing.
      else if (findings.length === 0 && !/do not appear to be injectable|not injectable/i.test(output)) {
        problem = `no verdict from sqlmap: ${lines.filter((l) => /\[(CRITICAL|ERROR|WARNING)\]/.test(l)).slice(-3).join(' | ')}`;
      }
      done({ target, findings, warnings: lines.filter((l) => warningPatterns.some((p) => p.test(l))), seconds: Math.round((Date.now() - started) / 1000), problem });
    });
  });
}

function resultFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return resultFiles(path);
    return entry === 'log' || /^results-.*\.csv$/.test(entry) ? [path] : [];
  });
}

async function signedInToken(app: App): Promise<string> {
  const created = await app.api('POST', '/tokens', { name: 'sqlmap', role: 'admin' });
  if (created.status !== 201) throw new Error(`could not create an API token: ${created.status} ${JSON.stringify(created.body)}`);
  return created.body.token as string;
}

const chosen = targets.filter((t) => !options.only || t.name.includes(options.only) || t.path.includes(options.only));
console.log(`sqlmap ${spawnSync(sqlmap, ['--version'], { encoding: 'utf8' }).stdout.trim().split('\n')[0]} · level ${options.level}, risk ${options.risk} · ${chosen.length} targets`);
console.log('Starting the app with the demo data…');
const app = await startApp();
const outputRoot = mkdtempSync(join(tmpdir(), 'samverkan-sqlmap-'));
const results: Result[] = [];
try {
  // An administrator's token reaches every route; the demo administrator signs in with TOTP.
  const token = await signedInToken(app);
  for (const target of chosen) {
    process.stdout.write(`→ ${target.name}: ${target.method ?? 'GET'} ${target.path} … `);
    const result = await runSqlmap(app.url, token, target, join(outputRoot, String(results.length)));
    results.push(result);
    console.log(result.findings.length ? 'FINDING' : result.problem ? 'NOT TESTED' : 'no injection found', `(${result.seconds} s)`);
  }
} finally {
  await app.stop();
  if (!options['keep-output']) rmSync(outputRoot, { recursive: true, force: true });
}

console.log('\nSummary');
for (const r of results) {
  const verdict = r.findings.length ? `FINDING (${r.findings.length})` : r.problem ? 'NOT TESTED' : 'ok';
  console.log(`  ${verdict.padEnd(14)} ${r.target.name.padEnd(38)} ${String(r.seconds).padStart(4)} s  ${r.target.method ?? 'GET'} ${r.target.path}`);
  for (const f of r.findings) console.log(`      ${f.trim()}`);
  if (r.problem) console.log(`      ${r.problem}`);
  for (const w of r.warnings) console.log(`      warning: ${w.trim()}`);
}
const failed = results.filter((r) => r.findings.length || r.problem);
if (options['keep-output']) console.log(`\nsqlmap's output directories: ${outputRoot}`);
console.log(failed.length ? `\n${failed.length} of ${results.length} targets failed.` : `\nsqlmap found no injection in ${results.length} targets.`);
process.exit(failed.length ? 1 : 0);
