import type { DrizzleD1Database } from 'drizzle-orm/d1';
import type * as schema from '../schema/index.ts';

export type Bindings = {
  DB: D1Database;
  ASSETS?: Fetcher;
  /** "1" where the local demo data is loaded (set by `npm start`): pages say so. */
  DEMO_DATA?: string;
};

export type Database = DrizzleD1Database<typeof schema>;

/** Who is writing and in which request: every audit event carries both. */
export type Actor = { name: string; requestId: string };

export type AppEnv = {
  Bindings: Bindings;
  Variables: { db: Database; actor: Actor; requestId: string };
};
