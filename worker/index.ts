import { drizzle } from 'drizzle-orm/d1';
import * as schema from '../schema/index.ts';
import { app } from './app.ts';
import { computedByCron, refreshAttention } from './attention/queries.ts';
import type { Bindings } from './env.ts';
import { dayOf, scheduledActor, takeSnapshot } from './goals/history.ts';
import { countedFetch, instrumenting } from './instrumentation.ts';

export default {
  // `npm run bench` starts the Worker with BENCH_INSTRUMENT=1 to count D1 calls per request (worker/instrumentation.ts).
  fetch: (request: Request, env: Bindings, ctx: ExecutionContext) =>
    (instrumenting(env) ? countedFetch(app.fetch, request, env, ctx) : app.fetch(request, env, ctx)),
  /**
   * The cron trigger (wrangler.toml): every goal's value of the day into the history, and the
   * attention list recomputed for the day. Both run even when the other fails; awaited rather
   * than left to waitUntil, so a failure fails the cron run and shows in its log.
   */
  async scheduled(controller: ScheduledController, env: Bindings, _ctx: ExecutionContext) {
    const today = dayOf(controller.scheduledTime);
    const actor = scheduledActor(`cron-${controller.cron || 'manual'}-${today}`);
    const db = drizzle(env.DB, { schema });
    const results = await Promise.allSettled([
      takeSnapshot(db, env.DB, today, actor),
      refreshAttention(db, today, computedByCron, new Date(controller.scheduledTime)),
    ]);
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed.length) throw failed.length === 1 ? failed[0]!.reason : new AggregateError(failed.map((f) => f.reason), 'The cron run failed.');
  },
} satisfies ExportedHandler<Bindings>;
