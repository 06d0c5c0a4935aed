/**
 * The benchmark's report (bench/run.ts): the budgets of issue 10, the verdicts, and the
 * markdown. Pure, so the wording can be read and changed without running the benchmark.
 */

/** One route's figures; null where it could not be measured (then `error` says why). */
export type RouteResult = {
  name: string;
  path: string;
  rps: number | null;
  p50Ms: number | null;
  p99Ms: number | null;
  /** This route's p50 over the trivial route's p50, measured in the same run. */
  ratioToTrivial: number | null;
  /** SQL statements per request (a batch counts each of its statements). */
  d1Queries: number | null;
  /** Calls that went to D1 per request: a statement run on its own, or one batch. */
  d1RoundTrips: number | null;
  /** Response body, uncompressed. */
  bytes: number | null;
  gzipBytes: number | null;
  requests: number;
  trivial: boolean;
  heavy: boolean;
  page: boolean;
  error?: string;
};

export type Verdict = { budget: string; route?: string; met: boolean; measured: string; why?: string };

export type Report = {
  generatedAt: string;
  quick: boolean;
  machine: { cpu: string; cores: number; memoryGiB: number; node: string; loadAverage: number[]; loadAverageAtStart: number[] };
  settings: { municipalities: number; installations: number; durationSeconds: number; connections: number; loadTool: string; today: string; serverRestarts: number };
  dataSet: Record<string, number>;
  routes: RouteResult[];
  bundleBytes: number;
  bundleGzipBytes: number;
  budgets: typeof budgets;
  verdicts: Verdict[];
};

/** Issue 10's budgets. */
export const budgets = {
  maxRatioToTrivial: 3,
  maxRoundTripsPerPage: 2,
  maxBundleGzipBytes: 1024 * 1024,
  maxPageBytes: 150 * 1000,
} as const;

/**
 * Where each heavy route's D1 calls and time go, from reading its code (worker/…); shown
 * where a budget is not met. Every signed-in request starts with one round trip to look up
 * its API token or session (worker/access/middleware.ts).
 */
export const routeNotes: Record<string, { roundTrips?: string; latency?: string; size?: string; failure?: string }> = {
  'trivial, signed in': {
    latency: 'the only difference from the trivial route is the session lookup: one D1 round trip (a batch of two)',
  },
  'trivial, API token': {
    latency: 'the token lookup: one D1 round trip (its "last used" is written at most once a minute, in the background)',
  },
  matrix: {
    latency: 'reads every installation of the compared municipalities (up to 30) to sort the applications in Swedish order in JS (SQLite cannot) and page them; rendering is a few ms',
    size: 'compares at most 30 municipalities and pages the rows by about 1 000 cells',
  },
  'goal dashboard': {
    roundTrips: 'session lookup + the goals, their history and the computed figures in one batch; an isolate\'s first request (or the first after a definition changed) needs one more',
    latency: 'every computed goal is counted live over all installations on each request (by index); keeping the figures up to date on every register write would be the next step',
  },
  'goal detail': {
    roundTrips: 'session lookup + the goal and its figures in one batch; an isolate\'s first request needs one more',
    latency: 'counts the goal and its per-member breakdown live over all installations (by index)',
    size: 'lists at most 50 members that count and 50 that do not ("Visa alla" shows every one)',
  },
  statement: {
    latency: 'allocates every item the member shares (most are common to all 290: items × participants, exact BigInt) to show its lines',
  },
  'statement, closed year': {
    latency: 'reads the frozen shares of every item the member shares (all participants of each) to show its lines',
  },
  'allocation preview': {
    latency: 'exact BigInt allocation over every member',
  },
};

const kB = (bytes: number | null) => (bytes === null ? '–' : `${(bytes / 1000).toFixed(1)} kB`);

export function judge(r: Report): Verdict[] {
  const verdicts: Verdict[] = [];
  const trivial = r.routes.find((x) => x.trivial);
  for (const route of r.routes.filter((x) => x.heavy)) {
    if (route.error !== undefined || route.p50Ms === null || route.bytes === null || route.d1RoundTrips === null) {
      verdicts.push({ budget: 'answers 200 under load', route: route.name, met: false, measured: route.error ?? 'not measured', why: routeNotes[route.name]?.failure ?? route.error });
      continue;
    }
    const ratio = route.ratioToTrivial ?? Number.POSITIVE_INFINITY;
    const notes = routeNotes[route.name] ?? {};
    verdicts.push({
      budget: `p50 ≤ ${budgets.maxRatioToTrivial}× trivial`, route: route.name, met: ratio <= budgets.maxRatioToTrivial,
      measured: `${route.p50Ms} ms = ${route.ratioToTrivial ?? '?'}× (trivial ${trivial?.p50Ms ?? '?'} ms)`,
      why: `${route.d1Queries} D1 statements in ${route.d1RoundTrips} round trips, ${kB(route.bytes)} rendered${notes.latency ? `; ${notes.latency}` : ''}`,
    });
    if (route.page) {
      verdicts.push({
        budget: `≤ ${budgets.maxRoundTripsPerPage} D1 round trips per page`, route: route.name, met: route.d1RoundTrips <= budgets.maxRoundTripsPerPage,
        measured: `${route.d1RoundTrips} round trips, ${route.d1Queries} statements`,
        why: notes.roundTrips ?? 'reads not combined into one db.batch',
      });
      verdicts.push({
        budget: `page ≤ ${kB(budgets.maxPageBytes)}`, route: route.name, met: route.bytes <= budgets.maxPageBytes,
        measured: `${kB(route.bytes)} (${kB(route.gzipBytes)} gzipped)`,
        why: notes.size ?? 'renders the whole national data set without paging',
      });
    }
  }
  verdicts.push({
    budget: 'bundle < 1 MiB gzipped', met: r.bundleGzipBytes < budgets.maxBundleGzipBytes,
    measured: `${(r.bundleGzipBytes / 1024).toFixed(0)} KiB gzipped (${(r.bundleBytes / 1024).toFixed(0)} KiB raw)`,
    why: 'the xlsx library and the JSON-Schema conversion for the API description are bundled in the Worker',
  });
  return verdicts;
}

const cell = (s: string | number | null) => String(s ?? '–').replaceAll('|', '\\|');

export function markdownReport(r: Report): string {
  const ds = r.dataSet;
  const lines = [
    '# Benchmark: national size',
    '',
    `Run \`npm run bench${r.quick ? ' -- --quick' : ''}\` on ${r.generatedAt.slice(0, 16).replace('T', ' ')} UTC.`,
    '',
    `**Machine:** ${r.machine.cpu}, ${r.machine.cores} cores, ${r.machine.memoryGiB} GiB, Node ${r.machine.node}; load average ${r.machine.loadAverageAtStart.join(' / ')} at the start and ${r.machine.loadAverage.join(' / ')} at the end of the run (1/5/15 min). `
      + 'The machine is shared with other work (parallel sessions, test runs), so figures are noisy: compare ratios within one run rather than absolute numbers between runs.',
    '',
    `**Setup:** \`wrangler dev\` (workerd, local D1/SQLite) on a fresh database; ${r.settings.loadTool}, ${r.settings.connections} connections, `
      + `${r.settings.durationSeconds} s per route, sequential; signed in as a browser is, with an administrator's session cookie (one D1 round trip per request). `
      + 'D1 calls counted by the Worker itself (worker/instrumentation.ts, `BENCH_INSTRUMENT=1`).'
      + (r.settings.serverRestarts ? ` wrangler dev stopped answering and was restarted ${r.settings.serverRestarts} time(s) during the run.` : ''),
    '',
    `**Data set** (schema/demo/national.ts): ${ds.municipalities} municipalities, ${ds.applications} applications, ${ds.products} products, `
      + `${ds.installations} installations, ${ds.collaborations} collaborations, ${ds.people} people, ${ds.roleAssignments} role assignments, `
      + `${ds.costItems} cost items (${ds.costShares} frozen shares in the closed year), ${ds.goalSnapshots} goal snapshots.`,
    '',
    '| route | path | req/s | p50 ms | p99 ms | × trivial p50 | D1 round trips | D1 statements | bytes | gzipped | requests |',
    '|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
    ...r.routes.map((x) => x.error !== undefined
      ? `| ${cell(x.name)} | \`${cell(x.path)}\` | ${cell(`✗ ${x.error}`)} | | | | | | | | |`
      : `| ${cell(x.name)} | \`${cell(x.path)}\` | ${cell(x.rps)} | ${cell(x.p50Ms)} | ${cell(x.p99Ms)} | ${cell(x.ratioToTrivial)} | ${cell(x.d1RoundTrips)} | ${cell(x.d1Queries)} | ${cell(x.bytes)} | ${cell(x.gzipBytes)} | ${x.requests} |`),
    '',
    `Worker bundle: ${r.bundleGzipBytes} bytes gzipped (${r.bundleBytes} raw).`,
    '',
    '## Budgets',
    '',
    '| budget | route | measured | verdict | why, where not met |',
    '|---|---|---|---|---|',
    ...r.verdicts.map((v) => `| ${cell(v.budget)} | ${cell(v.route ?? '')} | ${cell(v.measured)} | ${v.met ? 'met' : '**not met**'} | ${v.met ? '' : cell(v.why ?? '')} |`),
    '',
    'Rerun: `npm run bench` (full size, 20 s per route, a few minutes) or `npm run bench -- --quick` (smaller data set, short runs, under two minutes). '
      + 'Options: `--municipalities N --installations N --duration S --connections N`.',
    '',
  ];
  return lines.join('\n');
}
