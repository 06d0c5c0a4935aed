import { drizzle } from 'drizzle-orm/d1';
import * as schema from '../schema/index.ts';
import { app } from './app.ts';
import type { Bindings } from './env.ts';
import { dayOf, scheduledActor, takeSnapshot } from './goals/history.ts';

export default {
  fetch: app.fetch,
  /**
   * The cron trigger (wrangler.toml): every goal's value of the day into the history. Awaited
   * rather than left to waitUntil, so a failed snapshot fails the cron run and shows in its log.
   */
  async scheduled(controller: ScheduledController, env: Bindings, _ctx: ExecutionContext) {
    const today = dayOf(controller.scheduledTime);
    const actor = scheduledActor(`cron-${controller.cron || 'manual'}-${today}`);
    await takeSnapshot(drizzle(env.DB, { schema }), env.DB, today, actor);
  },
} satisfies ExportedHandler<Bindings>;
