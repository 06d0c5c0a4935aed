import { eq } from 'drizzle-orm';
import * as v from 'valibot';
import { invitation, user } from '../../schema/access.ts';
import { auditStatement } from '../audit/events.ts';
import type { Actor, Database } from '../env.ts';
import { invalid, notFound, type FieldIssue, type Outcome } from '../outcome.ts';
import { requireChange, writeBatch } from '../store.ts';
import { validate } from '../validation.ts';
import { hashPassword, passwordSchema } from './password.ts';
import { endAllSessions, endSession, newSession, sessionLifetimeMs } from './sessions.ts';
import { generateToken, hashToken } from './tokens.ts';

/** An expired link: 410, so the page can say "ask for a new one" rather than "never existed". */
export type Gone = { ok: false; status: 410; error: string };

export type Invited = { id: number; email: string; name: string; role: typeof user.$inferSelect.role; hasPassword: boolean; twoFactorEnrolled: boolean };

export const unknownInvitation = 'Länken gäller inte. Den kan redan ha använts, eller så har en nyare länk skickats. Be en administratör om en ny inbjudan.';
const expiredInvitation = 'Länken har gått ut. En inbjudan gäller i sju dagar. Be en administratör om en ny.';

/** The person a link invites, or why the link cannot be used. */
export async function findInvitation(db: Database, token: string, now = Date.now()): Promise<Outcome<Invited> | Gone> {
  const [row] = await db.select({
    expiresAt: invitation.expiresAt, id: user.id, email: user.email, name: user.name, role: user.role, active: user.active,
    passwordHash: user.passwordHash, totpKey: user.totpKey,
  }).from(invitation).innerJoin(user, eq(invitation.userId, user.id)).where(eq(invitation.id, hashToken(token)));
  if (!row || !row.active) return notFound(unknownInvitation);
  if (now >= row.expiresAt) return { ok: false, status: 410, error: expiredInvitation };
  return { ok: true, value: { id: row.id, email: row.email, name: row.name, role: row.role, hasPassword: row.passwordHash !== null, twoFactorEnrolled: row.totpKey !== null } };
}

export const acceptSchema = v.strictObject({ password: v.string('Ange ett lösenord.') }, 'Okänt fält.');

/** The password policy (with the account's e-mail) and, on pages, the repeated password. */
export function newPasswordIssues(email: string, password: unknown, confirmation?: unknown, field = 'password', confirmField = 'passwordConfirm'): FieldIssue[] {
  const checked = v.safeParse(passwordSchema(email), password, { abortPipeEarly: true });
  const issues: FieldIssue[] = checked.success ? [] : [{ path: field, message: checked.issues[0].message }];
  if (confirmation !== undefined && confirmation !== password) {
    issues.push({ path: confirmField, message: 'Lösenorden är inte likadana. Skriv samma lösenord i båda fälten.' });
  }
  return issues;
}

export type Accepted = { token: string; expiresAt: number; twoFactorPending: boolean; user: Omit<Invited, 'hasPassword'> };

/**
 * Choose a password with a one-time link: the password is set, every link of the account
 * is deleted, its other sessions end, and this browser is signed in — all in one batch with
 * the audit events. An account with two-factor login still has to give its code.
 */
export async function acceptInvitation(
  db: Database, actor: Actor, token: string, input: unknown, options: { confirmation?: unknown; previousSessionId?: string } = {}, now = Date.now(),
): Promise<Outcome<Accepted> | Gone> {
  const found = await findInvitation(db, token, now);
  if (!found.ok) return found;
  const invited = found.value;
  const parsed = validate(acceptSchema, input);
  if (!parsed.ok) return parsed;
  const issues = newPasswordIssues(invited.email, parsed.value.password, options.confirmation);
  if (issues.length) return invalid(issues);

  const passwordHash = await hashPassword(parsed.value.password);
  const sessionToken = generateToken();
  const verified = !invited.twoFactorEnrolled;
  const as = { ...actor, name: invited.email, userId: invited.id };
  const outcome = await writeBatch(db, [
    // Spending the link first: when another request spent it a moment ago, nothing happens.
    db.delete(invitation).where(eq(invitation.id, hashToken(token))),
    requireChange(db),
    db.delete(invitation).where(eq(invitation.userId, invited.id)),
    db.update(user).set({ passwordHash }).where(eq(user.id, invited.id)),
    endAllSessions(db, invited.id),
    ...(options.previousSessionId ? [endSession(db, options.previousSessionId)] : []),
    newSession(db, sessionToken, invited.id, verified, now),
    auditStatement(db, as, { action: 'update', entity: 'user', entityId: invited.id, after: { password: invited.hasPassword ? 'nytt via länk' : 'valt', invitation: 'använd' } }),
    auditStatement(db, as, { action: 'login', entity: 'user', entityId: invited.id, after: { via: 'inbjudan', twoFactor: invited.twoFactorEnrolled } }),
  ], () => undefined);
  if (!outcome.ok) return outcome.status === 409 ? notFound(unknownInvitation) : outcome;
  const { hasPassword: _, ...who } = invited;
  return { ok: true, value: { token: sessionToken, expiresAt: now + sessionLifetimeMs, twoFactorPending: !verified, user: who } };
}
