import { and, eq, isNull } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import * as v from 'valibot';
import { recoveryCode, session, user } from '../../schema/access.ts';
import { auditStatement } from '../audit/events.ts';
import type { Actor, Database } from '../env.ts';
import { ok, tooManyAttempts, unauthorized, type Outcome } from '../outcome.ts';
import { validate } from '../validation.ts';
import { verifyPassword } from './password.ts';
import { newSession, pendingLifetimeMs, sessionLifetimeMs } from './sessions.ts';
import { countFailure, forgetFailures, retryAfterSeconds, throttleKeys, throttleRows } from './throttle.ts';
import { generateToken } from './tokens.ts';
import { acceptTotp, recoveryHash } from './totp.ts';

export const loginSchema = v.strictObject({
  email: v.pipe(v.string('Ange din e-postadress.'), v.trim(), v.toLowerCase(), v.nonEmpty('Ange din e-postadress.'), v.maxLength(254, 'E-postadressen är för lång.')),
  password: v.pipe(v.string('Ange ditt lösenord.'), v.nonEmpty('Ange ditt lösenord.'), v.maxLength(128, 'Lösenordet är för långt.')),
  code: v.optional(v.pipe(v.string('Koden ska vara text.'), v.trim())),
}, 'Okänt fält.');

export const codeSchema = v.strictObject({
  code: v.pipe(v.string('Ange koden.'), v.trim(), v.nonEmpty('Ange koden från din autentiseringsapp eller en reservkod.')),
}, 'Okänt fält.');

/** A hash of a password nobody has, checked when the account does not exist so timing tells nothing. */
const decoyHash = 'scrypt$16384$8$5$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

export type SignedIn = { token: string; expiresAt: number; twoFactorPending: boolean; user: { id: number; email: string; name: string; role: string } };

type CodeCheck = { ok: true; writes: BatchItem<'sqlite'>[] } | { ok: false };

/** A TOTP code (not replayed) or an unused recovery code; returns the writes that spend it. */
async function checkSecondFactor(db: Database, u: { id: number; totpKey: Buffer | null; totpLastStep: number | null }, code: string, now: number): Promise<CodeCheck> {
  if (!u.totpKey) return { ok: false };
  const step = acceptTotp(new Uint8Array(u.totpKey), code.replace(/\s/g, ''), u.totpLastStep, now);
  if (step !== null) return { ok: true, writes: [db.update(user).set({ totpLastStep: step }).where(eq(user.id, u.id))] };
  const hash = recoveryHash(code);
  const [unused] = await db.select().from(recoveryCode)
    .where(and(eq(recoveryCode.userId, u.id), eq(recoveryCode.codeHash, hash), isNull(recoveryCode.usedAt)));
  if (!unused) return { ok: false };
  return { ok: true, writes: [db.update(recoveryCode).set({ usedAt: new Date(now).toISOString() }).where(and(eq(recoveryCode.userId, u.id), eq(recoveryCode.codeHash, hash)))] };
}

/**
 * Sign in with e-mail and password, and the second factor where the account has one. The
 * JSON API wants the code in the same request; the login page may take it in a second step
 * (`allowCodeLater`), holding a session that is not yet verified.
 */
export async function login(db: Database, actor: Actor, input: unknown, address: string, allowCodeLater: boolean, now = Date.now()): Promise<Outcome<SignedIn>> {
  const parsed = validate(loginSchema, input);
  if (!parsed.ok) return parsed;
  const { email, password, code } = parsed.value;
  const keys = throttleKeys(email, address);
  const [throttled, [found]] = await db.batch([throttleRows(db, keys), db.select().from(user).where(eq(user.email, email))]);
  const wait = retryAfterSeconds(throttled, keys, now);
  if (wait > 0) return tooManyAttempts(wait);

  const passwordOk = await verifyPassword(found?.passwordHash ?? decoyHash, password);
  const fail = async (message: string) => {
    await db.batch([
      countFailure(db, keys.account, now),
      countFailure(db, keys.address, now),
      auditStatement(db, { ...actor, name: email }, { action: 'login-failed', entity: 'user', entityId: found?.id ?? email, after: { reason: message, address } }),
    ]);
    return unauthorized(message);
  };
  if (!found || !found.passwordHash || !passwordOk || !found.active) return fail('Fel e-postadress eller lösenord, eller så är kontot avstängt.');

  let spend: BatchItem<'sqlite'>[] = [];
  let verified = found.totpKey === null;
  if (found.totpKey !== null && code) {
    const check = await checkSecondFactor(db, found, code, now);
    if (!check.ok) return fail('Koden stämmer inte, eller har redan använts.');
    spend = check.writes;
    verified = true;
  }
  if (!verified && !allowCodeLater) return unauthorized('Ange koden från din autentiseringsapp (fältet code).');

  const token = generateToken();
  await db.batch([
    forgetFailures(db, keys.account),
    newSession(db, token, found.id, verified, now),
    ...spend,
    // A login waiting for its code is recorded when the code step completes it.
    ...(verified ? [auditStatement(db, { ...actor, name: found.email, userId: found.id }, { action: 'login', entity: 'user', entityId: found.id, after: { twoFactor: found.totpKey !== null, address } })] : []),
  ]);
  return ok({
    token, expiresAt: now + (verified ? sessionLifetimeMs : pendingLifetimeMs), twoFactorPending: !verified,
    user: { id: found.id, email: found.email, name: found.name, role: found.role },
  });
}

/** The code step of a page login: verifies the pending session. */
export async function verifyLoginCode(db: Database, actor: Actor, sessionId: string, userId: number, input: unknown, address: string, now = Date.now()): Promise<Outcome<{ expiresAt: number }>> {
  const parsed = validate(codeSchema, input);
  if (!parsed.ok) return parsed;
  const [found] = await db.select().from(user).where(eq(user.id, userId));
  if (!found) return unauthorized('Logga in igen.');
  const keys = throttleKeys(found.email, address);
  const wait = retryAfterSeconds(await throttleRows(db, keys), keys, now);
  if (wait > 0) return tooManyAttempts(wait);
  const check = await checkSecondFactor(db, found, parsed.value.code, now);
  if (!check.ok) {
    await db.batch([
      countFailure(db, keys.account, now),
      auditStatement(db, { ...actor, name: found.email }, { action: 'login-failed', entity: 'user', entityId: found.id, after: { reason: 'fel kod', address } }),
    ]);
    return unauthorized('Koden stämmer inte, eller har redan använts.');
  }
  const expiresAt = now + sessionLifetimeMs;
  await db.batch([
    db.update(session).set({ twoFactorVerified: true, expiresAt }).where(eq(session.id, sessionId)),
    ...check.writes,
    forgetFailures(db, keys.account),
    auditStatement(db, { ...actor, name: found.email, userId: found.id }, { action: 'login', entity: 'user', entityId: found.id, after: { twoFactor: true, address } }),
  ]);
  return ok({ expiresAt });
}
