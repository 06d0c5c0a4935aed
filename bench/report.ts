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
    latency: 'token lookup, then an UPDATE of its last use on every request (worker/access/middleware.ts; it writes at most once a minute but runs each time): two round trips',
  },
  matrix: {
    latency: 'renders every application × every member as one table, with a cell and a pattern per installation',
    size: 'one row per application and one column per member: the whole national register in one table, no paging or filtering by default',
  },
  'goal dashboard': {
    roundTrips: 'session lookup + goals with 90 days of history in one batch + every computed goal\'s figures in a second batch (worker/goals/queries.ts goalBoard): the second depends on the first\'s definitions',
    latency: 'every computed goal is evaluated in SQL over all installations on each request',
  },
  'goal detail': {
    roundTrips: 'session lookup + the goal, strategy, measurements and history in one batch + its figures, members and per-member breakdown in a second (worker/goals/queries.ts goalDetail)',
    latency: 'lists every application or installation in the goal\'s population and a breakdown per member',
    size: 'the "what counts and what does not" lists name every application in the population with every member',
  },
  statement: {
    roundTrips: 'session lookup + the year\'s items (one batch) and the member list (a separate query in parallel) + in an open year the allocation bases (a third batch) (worker/costs/statement-routes.tsx statementsOf, cost-queries.ts listItems)',
    latency: 'computes every member\'s statement for the year (all items × all participants, exact BigInt allocation) to show one',
    failure: 'an open year reads the allocation bases with every application id of the year\'s items in one IN list (worker/costs/cost-queries.ts → preview.ts readBasisSource); above 100 ids D1 refuses with "too many SQL variables", so the page, the cost items and the statements API answer 500 at national size',
  },
  'statement, closed year': {
    roundTrips: 'session lookup + the year\'s items with the frozen shares (one batch) and the member list (a separate query in parallel) (worker/costs/statement-routes.tsx statementsOf)',
    latency: 'builds every member\'s statement for the year to show one',
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
