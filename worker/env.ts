import type { DrizzleD1Database } from 'drizzle-orm/d1';
import type * as schema from '../schema/index.ts';
import type { Role } from '../schema/access.ts';
import type { ValidSession } from './access/sessions.ts';

export type Bindings = {
  DB: D1Database;
  ASSETS?: Fetcher;
  /** "1" where the local demo data is loaded (set by `npm start`): pages say so. */
  DEMO_DATA?: string;
};

export type Database = DrizzleD1Database<typeof schema>;

/**
 * Who is calling, and in which request: every permission check reads it and every audit
 * event carries `name` and `requestId`.
 */
export type Actor = {
  /** Shown in the audit trail: the user's e-mail, or "API-nyckel: <name>". */
  name: string;
  requestId: string;
  /** Null when not signed in. */
  role: Role | null;
  userId: number | null;
  /** The municipalities an editor may change (SCB codes). */
  municipalities: string[];
  via: 'session' | 'token' | 'none';
  sessionId?: string;
};

export type AppEnv = {
  Bindings: Bindings;
  Variables: { db: Database; actor: Actor; requestId: string; session: ValidSession | null };
};
