import { decodeBase64 } from '@oslojs/encoding';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import * as v from 'valibot';
import { recoveryCode, session, user } from '../../schema/access.ts';
import { auditStatement } from '../audit/events.ts';
import type { Actor, Database } from '../env.ts';
import { forbidden, invalid, ok, tooManyAttempts, unauthorized, type Outcome } from '../outcome.ts';
import { validate } from '../validation.ts';
import { newPasswordIssues } from './invitations.ts';
import { hashPassword, verifyPassword } from './password.ts';
import { endAllSessions, newSession, sessionLifetimeMs, type ValidSession } from './sessions.ts';
import { countFailure, forgetFailures, retryAfterSeconds, throttleKeys, throttleRows } from './throttle.ts';
import { generateToken } from './tokens.ts';
import { acceptTotp, newRecoveryCodes, recoveryHash } from './totp.ts';

/**
 * A signed-in person's own affairs: password, two-factor login, recovery codes, signing out
 * everywhere. Every change is audited with the person as actor.
 */

const unknownField = 'Okänt fält.';

export type Account = {
  id: number; email: string; name: string; role: typeof user.$inferSelect.role; municipalities: string[];
  twoFactorEnrolled: boolean; recoveryCodesLeft: number;
};

export async function account(db: Database, s: ValidSession): Promise<Account> {
  const [left] = await db.select({ n: sql<number>`count(*)` }).from(recoveryCode)
    .where(and(eq(recoveryCode.userId, s.user.id), isNull(recoveryCode.usedAt)));
  const { id, email, name, role, municipalities, twoFactorEnrolled } = s.user;
  return { id, email, name, role, municipalities, twoFactorEnrolled, recoveryCodesLeft: left?.n ?? 0 };
}

export const passwordChange = v.strictObject({
  currentPassword: v.pipe(v.string('Ange ditt nuvarande lösenord.'), v.nonEmpty('Ange ditt nuvarande lösenord.'), v.maxLength(128, 'Lösenordet är för långt.')),
  newPassword: v.string('Ange ett nytt lösenord.'),
}, unknownField);

/** Only the account's own throttle counts here (an empty address is never a real one). */
const accountKeys = (email: string) => throttleKeys(email, '');

export type NewSession = { token: string; expiresAt: number };

/**
 * A new password ends every session of the account (a thief's too) and starts a new one for
 * this browser, still two-factor verified. Wrong current passwords count towards the
 * account's login throttle, so a borrowed session cannot be used to guess it.
 */
export async function changePassword(db: Database, actor: Actor, s: ValidSession, input: unknown, confirmation?: unknown, now = Date.now()): Promise<Outcome<NewSession>> {
  const parsed = validate(passwordChange, input);
  if (!parsed.ok) return parsed;
  const { currentPassword, newPassword } = parsed.value;
  const keys = accountKeys(s.user.email);
  const [throttled, [found]] = await db.batch([throttleRows(db, keys), db.select({ passwordHash: user.passwordHash }).from(user).where(eq(user.id, s.user.id))]);
  const wait = retryAfterSeconds(throttled, keys, now);
  if (wait > 0) return tooManyAttempts(wait);
  if (!found?.passwordHash || !(await verifyPassword(found.passwordHash, currentPassword))) {
    await countFailure(db, keys.account, now).run();
    return invalid([{ path: 'currentPassword', message: 'Det nuvarande lösenordet stämmer inte.' }]);
  }
  const issues = newPasswordIssues(s.user.email, newPassword, confirmation, 'newPassword', 'newPasswordConfirm');
  if (newPassword === currentPassword) issues.push({ path: 'newPassword', message: 'Det nya lösenordet måste skilja sig från det nuvarande.' });
  if (issues.length) return invalid(issues);
  const token = generateToken();
  await db.batch([
    db.update(user).set({ passwordHash: await hashPassword(newPassword) }).where(eq(user.id, s.user.id)),
    endAllSessions(db, s.user.id),
    newSession(db, token, s.user.id, true, now),
    forgetFailures(db, keys.account),
    auditStatement(db, actor, { action: 'update', entity: 'user', entityId: s.user.id, after: { password: 'ändrat', sessions: 'alla avslutade' } }),
  ]);
  return ok({ token, expiresAt: now + sessionLifetimeMs });
}

/** Every session of the account ends, this one included. */
export async function logoutEverywhere(db: Database, actor: Actor, s: ValidSession): Promise<void> {
  await db.batch([
    endAllSessions(db, s.user.id),
    auditStatement(db, actor, { action: 'logout', entity: 'user', entityId: s.user.id, after: { everywhere: true } }),
  ]);
}

/**
 * Enrolment may replace the key only from a session that has passed two-factor login (or of
 * an account without a key yet): a session waiting for its code could otherwise swap the key.
 */
export const mayEnrol = (s: ValidSession) => !s.user.twoFactorEnrolled || s.twoFactorVerified;

export const enrolSchema = v.strictObject({
  key: v.pipe(v.string('Nyckeln saknas. Börja om.'), v.nonEmpty('Nyckeln saknas. Börja om.')),
  code: v.pipe(v.string('Ange koden från appen.'), v.trim(), v.nonEmpty('Ange den sexsiffriga koden som appen visar.')),
}, unknownField);

/** The key from the enrolment form (base64 of 20 bytes), or undefined when it is not one. */
export function decodeKey(text: string): Uint8Array | undefined {
  try {
    const key = decodeBase64(text.trim());
    return key.length === 20 ? key : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The key is stored only once the person proves the app has it (a correct code). New
 * recovery codes replace the old ones and are returned once; the session becomes verified.
 */
export async function enrolTotp(db: Database, actor: Actor, s: ValidSession, input: unknown, now = Date.now()): Promise<Outcome<{ recoveryCodes: string[] }>> {
  if (!mayEnrol(s)) return unauthorized('Logga in med din nuvarande kod först.');
  const parsed = validate(enrolSchema, input);
  if (!parsed.ok) return parsed;
  const key = decodeKey(parsed.value.key);
  if (!key) return invalid([{ path: 'key', message: 'Nyckeln är ogiltig. Ladda om sidan och börja om.' }]);
  const step = acceptTotp(key, parsed.value.code.replace(/\s/g, ''), null, now);
  if (step === null) return invalid([{ path: 'code', message: 'Koden stämmer inte. Kontrollera att telefonens klocka går rätt och ange koden som visas nu.' }]);
  const { codes, hashes } = newRecoveryCodes();
  await db.batch([
    db.update(user).set({ totpKey: Buffer.from(key), totpLastStep: step }).where(eq(user.id, s.user.id)),
    db.delete(recoveryCode).where(eq(recoveryCode.userId, s.user.id)),
    ...hashes.map((codeHash) => db.insert(recoveryCode).values({ userId: s.user.id, codeHash })),
    db.update(session).set({ twoFactorVerified: true }).where(eq(session.id, s.id)),
    auditStatement(db, { ...actor, name: s.user.email, userId: s.user.id }, {
      action: 'update', entity: 'user', entityId: s.user.id,
      before: { twoFactor: s.user.twoFactorEnrolled }, after: { twoFactor: true, recoveryCodes: 'nya' },
    }),
  ]);
  return ok({ recoveryCodes: codes });
}

export const codeSchema = v.strictObject({
  code: v.pipe(v.string('Ange koden.'), v.trim(), v.nonEmpty('Ange koden från din autentiseringsapp eller en reservkod.')),
}, unknownField);

/**
 * A current code (TOTP, not replayed, or an unused recovery code) confirms a two-factor
 * change; wrong codes count towards the account's login throttle.
 */
async function confirmWithCode(db: Database, s: ValidSession, input: unknown, now: number): Promise<Outcome<BatchItem<'sqlite'>[]>> {
  const parsed = validate(codeSchema, input);
  if (!parsed.ok) return parsed;
  const keys = accountKeys(s.user.email);
  const [throttled, [found]] = await db.batch([
    throttleRows(db, keys),
    db.select({ totpKey: user.totpKey, totpLastStep: user.totpLastStep }).from(user).where(eq(user.id, s.user.id)),
  ]);
  const wait = retryAfterSeconds(throttled, keys, now);
  if (wait > 0) return tooManyAttempts(wait);
  if (!found?.totpKey) return invalid([{ path: 'code', message: 'Tvåstegsverifiering är inte aktiverad för kontot.' }]);
  const code = parsed.value.code;
  const step = acceptTotp(new Uint8Array(found.totpKey), code.replace(/\s/g, ''), found.totpLastStep, now);
  if (step !== null) return ok([db.update(user).set({ totpLastStep: step }).where(eq(user.id, s.user.id)), forgetFailures(db, keys.account)]);
  const hash = recoveryHash(code);
  const [unused] = await db.select({ userId: recoveryCode.userId }).from(recoveryCode)
    .where(and(eq(recoveryCode.userId, s.user.id), eq(recoveryCode.codeHash, hash), isNull(recoveryCode.usedAt)));
  if (unused) {
    return ok([
      db.update(recoveryCode).set({ usedAt: new Date(now).toISOString() }).where(and(eq(recoveryCode.userId, s.user.id), eq(recoveryCode.codeHash, hash))),
      forgetFailures(db, keys.account),
    ]);
  }
  await countFailure(db, keys.account, now).run();
  return invalid([{ path: 'code', message: 'Koden stämmer inte, eller har redan använts.' }]);
}

/** Administrators must keep two-factor login; others may turn it off with a current code. */
export async function disableTotp(db: Database, actor: Actor, s: ValidSession, input: unknown, now = Date.now()): Promise<Outcome<void>> {
  if (s.user.role === 'admin') return forbidden('Administratörer måste ha tvåstegsverifiering. Den kan inte stängas av.');
  const confirmed = await confirmWithCode(db, s, input, now);
  if (!confirmed.ok) return confirmed;
  await db.batch([
    auditStatement(db, actor, { action: 'update', entity: 'user', entityId: s.user.id, before: { twoFactor: true }, after: { twoFactor: false } }),
    ...confirmed.value,
    db.update(user).set({ totpKey: null, totpLastStep: null }).where(eq(user.id, s.user.id)),
    db.delete(recoveryCode).where(eq(recoveryCode.userId, s.user.id)),
  ]);
  return ok(undefined);
}

/** Ten new recovery codes, confirmed with a current code; the old ones stop working. */
export async function renewRecoveryCodes(db: Database, actor: Actor, s: ValidSession, input: unknown, now = Date.now()): Promise<Outcome<{ recoveryCodes: string[] }>> {
  const confirmed = await confirmWithCode(db, s, input, now);
  if (!confirmed.ok) return confirmed;
  const { codes, hashes } = newRecoveryCodes();
  await db.batch([
    auditStatement(db, actor, { action: 'update', entity: 'user', entityId: s.user.id, after: { recoveryCodes: 'nya' } }),
    ...confirmed.value,
    db.delete(recoveryCode).where(eq(recoveryCode.userId, s.user.id)),
    ...hashes.map((codeHash) => db.insert(recoveryCode).values({ userId: s.user.id, codeHash })),
  ]);
  return ok({ recoveryCodes: codes });
}
