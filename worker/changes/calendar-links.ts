import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { calendarLink } from '../../schema/changes.ts';
import { hashToken, generateToken } from '../access/tokens.ts';
import { auditStatement } from '../audit/events.ts';
import type { Actor, Database } from '../env.ts';
import { forbidden, notFound, type Outcome } from '../outcome.ts';
import { now as sqlNow, requireChange, writeBatch } from '../store.ts';

/**
 * Personal calendar links: a calendar app subscribes to `/kalender/<token>.ics` and cannot
 * sign in, so the random token is the credential. Shown once, stored only as its SHA-256,
 * revocable; one active link per person (a new one revokes the old).
 */

export type CalendarLinkView = { id: number; createdAt: string; lastUsedAt: string | null };

export const feedPath = (token: string) => `/kalender/${token}.ics`;

const personal = (actor: Actor): Outcome<number> =>
  actor.userId !== null && actor.via === 'session' ? { ok: true, value: actor.userId } : forbidden('Kalenderlänkar är personliga: skapa dem inloggad med ditt eget konto.');

/** The person's active link as a statement for a page's batch: no row without a person (an API token). */
export const activeCalendarLinkQuery = (db: Database, userId: number | null) =>
  db.select({ id: calendarLink.id, createdAt: calendarLink.createdAt, lastUsedAt: calendarLink.lastUsedAt })
    .from(calendarLink).where(and(userId === null ? sql`0` : eq(calendarLink.userId, userId), isNull(calendarLink.revokedAt))).orderBy(desc(calendarLink.id)).limit(1);

export async function activeCalendarLink(db: Database, userId: number | null): Promise<CalendarLinkView | undefined> {
  if (userId === null) return undefined;
  const [row] = await activeCalendarLinkQuery(db, userId);
  return row;
}

/** A new link (the token is in the answer, and nowhere else); the person's previous link stops working. */
export async function createCalendarLink(db: Database, actor: Actor): Promise<Outcome<CalendarLinkView & { token: string; path: string }>> {
  const user = personal(actor);
  if (!user.ok) return user;
  const token = generateToken();
  return writeBatch(db, [
    db.update(calendarLink).set({ revokedAt: sqlNow }).where(and(eq(calendarLink.userId, user.value), isNull(calendarLink.revokedAt))),
    db.insert(calendarLink).values({ userId: user.value, tokenHash: hashToken(token) })
      .returning({ id: calendarLink.id, createdAt: calendarLink.createdAt, lastUsedAt: calendarLink.lastUsedAt }),
    auditStatement(db, actor, { action: 'create', entity: 'calendar_link', after: { userId: user.value } }),
  ], (results) => ({ ...(results[1] as CalendarLinkView[])[0]!, token, path: feedPath(token) }));
}

export async function revokeCalendarLink(db: Database, actor: Actor): Promise<Outcome<void>> {
  const user = personal(actor);
  if (!user.ok) return user;
  const active = await activeCalendarLink(db, user.value);
  if (!active) return notFound('Du har ingen kalenderlänk.');
  return writeBatch(db, [
    db.update(calendarLink).set({ revokedAt: sqlNow }).where(and(eq(calendarLink.id, active.id), isNull(calendarLink.revokedAt))),
    requireChange(db),
    auditStatement(db, actor, { action: 'delete', entity: 'calendar_link', entityId: active.id, before: { userId: user.value, createdAt: active.createdAt } }),
  ], () => undefined);
}

/** Bookkeeping for the person's page ("senast hämtad"); not audited, like an API token's last use. */
export const markUsed = (db: Database, id: number) =>
  db.update(calendarLink).set({ lastUsedAt: new Date().toISOString() }).where(eq(calendarLink.id, id));
