import { eq } from 'drizzle-orm';
import { session, user, userMunicipality } from '../../schema/access.ts';
import type { Database } from '../env.ts';
import { aliased } from '../store.ts';
import { hashToken } from './tokens.ts';

/**
 * Sessions as in the Lucia guide: the cookie holds a random token, D1 holds its SHA-256.
 * A session lives 12 hours and slides forward while used, so an idle browser is signed
 * out overnight but a working day is never interrupted.
 */
export const sessionLifetimeMs = 12 * 60 * 60 * 1000;
const renewWhenLessThanMs = sessionLifetimeMs / 2;

/** A session waiting for its two-factor code lives only long enough to type it. */
export const pendingLifetimeMs = 10 * 60 * 1000;

export function newSession(db: Database, token: string, userId: number, twoFactorVerified: boolean, now = Date.now()) {
  return db.insert(session).values({
    id: hashToken(token), userId, twoFactorVerified, expiresAt: now + (twoFactorVerified ? sessionLifetimeMs : pendingLifetimeMs),
  });
}

export type SignedInUser = {
  id: number; email: string; name: string; role: typeof user.$inferSelect.role; active: boolean;
  twoFactorEnrolled: boolean; municipalities: string[]; version: number;
};

export type ValidSession = { id: string; expiresAt: number; twoFactorVerified: boolean; user: SignedInUser; renewed: boolean };

/** The session and its user in one round trip; expired sessions are removed, live ones slide. */
export async function validateSessionToken(db: Database, token: string, now = Date.now()): Promise<ValidSession | null> {
  const id = hashToken(token);
  const [rows, scopes] = await db.batch([
    db.select({
      session: { expiresAt: session.expiresAt, twoFactorVerified: session.twoFactorVerified },
      user: {
        id: aliased(user.id, 'user_id_'), email: user.email, name: user.name, role: user.role, active: user.active,
        totpKey: user.totpKey, version: user.version,
      },
    })
      .from(session).innerJoin(user, eq(session.userId, user.id)).where(eq(session.id, id)),
    db.select({ code: userMunicipality.municipalityCode }).from(userMunicipality)
      .innerJoin(session, eq(session.userId, userMunicipality.userId)).where(eq(session.id, id)),
  ]);
  const row = rows[0];
  if (!row) return null;
  if (now >= row.session.expiresAt || !row.user.active) {
    await db.delete(session).where(eq(session.id, id));
    return null;
  }
  let expiresAt = row.session.expiresAt;
  const renewed = row.session.twoFactorVerified && expiresAt - now < renewWhenLessThanMs;
  if (renewed) {
    expiresAt = now + sessionLifetimeMs;
    await db.update(session).set({ expiresAt }).where(eq(session.id, id));
  }
  const { totpKey, ...u } = row.user;
  return {
    id, expiresAt, renewed, twoFactorVerified: row.session.twoFactorVerified,
    user: { ...u, twoFactorEnrolled: totpKey !== null, municipalities: scopes.map((s) => s.code).sort() },
  };
}

export const endSession = (db: Database, sessionId: string) => db.delete(session).where(eq(session.id, sessionId));

/** Logout everywhere, password change and deactivation all end every session of the user. */
export const endAllSessions = (db: Database, userId: number) => db.delete(session).where(eq(session.userId, userId));
