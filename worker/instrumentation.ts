import type { Bindings } from './env.ts';

/**
 * D1 query counting for the benchmark (`npm run bench`, bench/run.ts). Only when the Worker
 * runs with `BENCH_INSTRUMENT=1` (`wrangler dev --var BENCH_INSTRUMENT:1`): each request then
 * gets its own counting wrapper around the D1 binding, and the response says what it cost in
 * `X-D1-Round-Trips` (calls that went to the database: a statement's all/first/run/raw, a
 * batch, an exec) and `X-D1-Statements` (SQL statements, a batch counting each of its own).
 * Unset — as in production — the Worker's fetch is the app's, untouched.
 */

export type D1Counts = { roundTrips: number; statements: number };

export const roundTripsHeader = 'X-D1-Round-Trips';
export const statementsHeader = 'X-D1-Statements';

const executing = new Set<PropertyKey>(['all', 'first', 'run', 'raw']);

/** The real statement behind a counting one, for `batch`, which only takes D1's own. */
const unwrapped = new WeakMap<object, D1PreparedStatement>();

function countingStatement(statement: D1PreparedStatement, counts: D1Counts): D1PreparedStatement {
  const proxy = new Proxy(statement, {
    get(target, property) {
      const value = Reflect.get(target, property, target) as unknown;
      if (typeof value !== 'function') return value;
      if (property === 'bind') return (...values: unknown[]) => countingStatement(target.bind(...values), counts);
      if (executing.has(property)) {
        return (...args: unknown[]) => {
          counts.roundTrips++;
          counts.statements++;
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      }
      return (value as (...a: unknown[]) => unknown).bind(target);
    },
  });
  unwrapped.set(proxy, statement);
  return proxy;
}

/** A D1 binding that counts what goes through it into `counts`. */
export function countingD1(db: D1Database, counts: D1Counts): D1Database {
  return new Proxy(db, {
    get(target, property) {
      const value = Reflect.get(target, property, target) as unknown;
      if (typeof value !== 'function') return value;
      switch (property) {
        case 'prepare':
          return (query: string) => countingStatement(target.prepare(query), counts);
        case 'batch':
          return (statements: D1PreparedStatement[]) => {
            counts.roundTrips++;
            counts.statements += statements.length;
            return target.batch(statements.map((s) => unwrapped.get(s) ?? s));
          };
        case 'exec':
          return (query: string) => {
            counts.roundTrips++;
            counts.statements += query.split('\n').filter((line) => line.trim()).length;
            return target.exec(query);
          };
        case 'withSession':
          return (...args: unknown[]) => countingD1((value as (...a: unknown[]) => D1Database).apply(target, args), counts);
        default:
          return (value as (...a: unknown[]) => unknown).bind(target);
      }
    },
  });
}

type Fetch = (request: Request, env: Bindings, ctx: ExecutionContext) => Response | Promise<Response>;

/** Whether this Worker was started for the benchmark. */
export const instrumenting = (env: Bindings) => (env as Bindings & { BENCH_INSTRUMENT?: string }).BENCH_INSTRUMENT === '1';

/** `fetch` with the request's D1 calls counted into two response headers. */
export async function countedFetch(fetch: Fetch, request: Request, env: Bindings, ctx: ExecutionContext): Promise<Response> {
  const counts: D1Counts = { roundTrips: 0, statements: 0 };
  const response = await fetch(request, { ...env, DB: countingD1(env.DB, counts) }, ctx);
  // Pages are rendered to a string before the response exists, so the counts are complete here.
  const counted = new Response(response.body, response);
  counted.headers.set(roundTripsHeader, String(counts.roundTrips));
  counted.headers.set(statementsHeader, String(counts.statements));
  return counted;
}
