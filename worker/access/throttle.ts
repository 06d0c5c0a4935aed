import { inArray, sql } from 'drizzle-orm';
import { loginThrottle } from '../../schema/access.ts';
import type { Database } from '../env.ts';

/**
 * Failed logins are counted per account and per address in fixed 15-minute windows:
 * five wrong passwords lock an account for the rest of its window, thirty from one
 * address lock that address (a guard against trying one password on many accounts).
 */
export const windowMs = 15 * 60 * 1000;
export const limits = { account: 5, address: 30 } as const;

export const throttleKeys = (email: string, address: string) => ({ account: `konto:${email}`, address: `adress:${address}` });

type Row = { key: string; failures: number; windowStartsAt: number };

/** Pure: seconds until a login may be tried again, or 0 when it may be tried now. */
export function retryAfterSeconds(rows: Row[], keys: { account: string; address: string }, now: number): number {
  const wait = (key: string, max: number) => {
    const row = rows.find((r) => r.key === key);
    if (!row || now - row.windowStartsAt >= windowMs || row.failures < max) return 0;
    return Math.ceil((row.windowStartsAt + windowMs - now) / 1000);
  };
  return Math.max(wait(keys.account, limits.account), wait(keys.address, limits.address));
}

export const throttleRows = (db: Database, keys: { account: string; address: string }) =>
  db.select().from(loginThrottle).where(inArray(loginThrottle.key, [keys.account, keys.address]));

/** Count one failure for a key, starting a new window when the old one has passed. */
export const countFailure = (db: Database, key: string, now: number) =>
  db.insert(loginThrottle).values({ key, failures: 1, windowStartsAt: now }).onConflictDoUpdate({
    target: loginThrottle.key,
    set: {
      failures: sql`CASE WHEN ${loginThrottle.windowStartsAt} <= ${now - windowMs} THEN 1 ELSE ${loginThrottle.failures} + 1 END`,
      windowStartsAt: sql`CASE WHEN ${loginThrottle.windowStartsAt} <= ${now - windowMs} THEN ${now} ELSE ${loginThrottle.windowStartsAt} END`,
    },
  });

export const forgetFailures = (db: Database, key: string) => db.delete(loginThrottle).where(sql`${loginThrottle.key} = ${key}`);
