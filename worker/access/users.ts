import { and, asc, eq, ne, sql } from 'drizzle-orm';
import * as v from 'valibot';
import { invitation, roles, user, userMunicipality, type Role } from '../../schema/access.ts';
import { municipality } from '../../schema/portfolio.ts';
import { auditStatement } from '../audit/events.ts';
import type { Actor, Database } from '../env.ts';
import { conflict, forbidden, invalid, notFound, type FieldIssue, type Outcome } from '../outcome.ts';
import { aliased, inList, requireThat, writeBatch } from '../store.ts';
import { bool, municipalityCode, requiredText, validate, versionField } from '../validation.ts';
import { updateVersioned } from '../versioned.ts';
import { endAllSessions } from './sessions.ts';
import { generateToken, hashToken } from './tokens.ts';

/**
 * User administration (administrators only): invite, change role and municipalities,
 * deactivate. There is no open sign-up: every account starts as an invitation.
 */

export const invitationLifetimeMs = 7 * 24 * 60 * 60 * 1000;

const unknownField = 'Okänt fält.';

export const emailField = v.pipe(
  v.string('Ange e-postadressen.'), v.trim(), v.toLowerCase(), v.nonEmpty('Ange e-postadressen.'),
  v.maxLength(254, 'E-postadressen får vara högst 254 tecken.'),
  // Permissive on purpose: å, ä and ö occur in real addresses (internationalised domains and names).
  v.regex(/^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/u, 'Ange en giltig e-postadress, t.ex. namn@kommun.se.'),
);
export const roleField = v.picklist(roles, 'Välj roll: administratör, redaktör, ekonomi eller läsare.');
export const municipalitiesField = v.pipe(
  v.array(municipalityCode(), 'Kommunerna ska vara en lista med kommunkoder.'),
  v.transform((codes) => [...new Set(codes)].sort()),
);

export const userCreate = v.strictObject({
  email: emailField,
  name: requiredText('Namn', 200),
  role: roleField,
  municipalities: v.optional(municipalitiesField, []),
}, unknownField);

export const userPatch = v.strictObject({
  version: versionField,
  name: v.optional(requiredText('Namn', 200)),
  role: v.optional(roleField),
  municipalities: v.optional(municipalitiesField),
  active: v.optional(bool('Aktivt konto')),
}, unknownField);

export type UserStatus = 'invited' | 'active' | 'deactivated';

export type UserView = {
  id: number; email: string; name: string; role: Role; municipalities: string[]; active: boolean;
  twoFactorEnrolled: boolean; status: UserStatus; invitationExpiresAt: string | null; version: number; createdAt: string;
};

export type InvitationLink = { token: string; path: string; expiresAt: string };

/** Only what may be shown and audited: never the password hash or the TOTP key. */
const publicColumns = {
  id: user.id, email: user.email, name: user.name, role: user.role, active: user.active, version: user.version,
  createdAt: aliased(user.createdAt, 'user_created_at'),
  hasPassword: sql<number>`${user.passwordHash} IS NOT NULL`.as('has_password'),
  twoFactorEnrolled: sql<number>`${user.totpKey} IS NOT NULL`.as('two_factor_enrolled'),
};

type UserRow = { id: number; email: string; name: string; role: Role; active: boolean; version: number; createdAt: string; hasPassword: number; twoFactorEnrolled: number };

const status = (row: { active: boolean; hasPassword: number | boolean }): UserStatus =>
  !row.active ? 'deactivated' : row.hasPassword ? 'active' : 'invited';

function toView(row: UserRow, scopes: { userId: number; code: string }[], invitations: { userId: number; expiresAt: number }[]): UserView {
  const pending = invitations.filter((i) => i.userId === row.id).map((i) => i.expiresAt);
  return {
    id: row.id, email: row.email, name: row.name, role: row.role, active: row.active,
    municipalities: scopes.filter((s) => s.userId === row.id).map((s) => s.code).sort(),
    twoFactorEnrolled: Boolean(row.twoFactorEnrolled), status: status(row),
    invitationExpiresAt: pending.length ? new Date(Math.max(...pending)).toISOString() : null,
    version: row.version, createdAt: row.createdAt,
  };
}

/** The statements behind `listUsers`/`findUser`, for a page's own batch; `usersView` shapes their results. */
export const userQueries = (db: Database, id?: number) => [
  db.select(publicColumns).from(user).where(id === undefined ? undefined : eq(user.id, id)).orderBy(asc(user.name), asc(user.email)),
  db.select({ userId: userMunicipality.userId, code: userMunicipality.municipalityCode }).from(userMunicipality)
    .where(id === undefined ? undefined : eq(userMunicipality.userId, id)),
  db.select({ userId: invitation.userId, expiresAt: invitation.expiresAt }).from(invitation)
    .where(id === undefined ? undefined : eq(invitation.userId, id)),
] as const;

type UserResults = Awaited<ReturnType<typeof userQueries>[0]>;
export const usersView = ([rows, scopes, invitations]: readonly [UserResults, { userId: number; code: string }[], { userId: number; expiresAt: number }[]]): UserView[] =>
  rows.map((row) => toView(row, scopes, invitations));

export async function listUsers(db: Database): Promise<UserView[]> {
  return usersView(await db.batch(userQueries(db)));
}

export async function findUser(db: Database, id: number): Promise<UserView | undefined> {
  return usersView(await db.batch(userQueries(db, id)))[0];
}

/** The municipalities a user or token can be scoped to, for forms and validation. */
export const municipalityChoices = (db: Database) =>
  db.select({ code: municipality.code, name: municipality.name }).from(municipality).orderBy(asc(municipality.name));

export const knownMunicipalities = (db: Database, codes: string[]) =>
  db.select({ code: municipality.code }).from(municipality).where(inList(municipality.code, codes));

/** Editors change only the municipalities they are scoped to; other roles have none. */
export function scopeIssues(role: Role, codes: string[], known: { code: string }[]): FieldIssue[] {
  if (role !== 'editor') {
    return codes.length ? [{ path: 'municipalities', message: 'Bara redaktörer knyts till kommuner. Ta bort kommunerna eller välj rollen redaktör.' }] : [];
  }
  if (!codes.length) return [{ path: 'municipalities', message: 'En redaktör måste ha minst en kommun att ändra.' }];
  const missing = codes.filter((code) => !known.some((k) => k.code === code));
  return missing.length ? [{ path: 'municipalities', message: `Kommunkoden ${missing.join(', ')} finns inte i registret.` }] : [];
}

const scopeInput = v.object({ role: roleField, municipalities: v.optional(municipalitiesField, []) });

/**
 * Validate a body with role and municipalities: the schema's issues and, where role and
 * municipalities themselves are fine, whether they fit together — all reported at once.
 */
export async function validateScoped<S extends v.GenericSchema<unknown, { role: Role; municipalities: string[] }>>(
  db: Database, schema: S, input: unknown, more: (value: v.InferOutput<S>) => Promise<FieldIssue[]> = async () => [],
): Promise<Outcome<v.InferOutput<S>>> {
  const parsed = validate(schema, input);
  const scope = v.safeParse(scopeInput, input);
  const issues = parsed.ok ? await more(parsed.value) : parsed.status === 400 ? parsed.issues : [];
  if (scope.success && !issues.some((i) => i.path.startsWith('municipalities') || i.path === 'role')) {
    issues.push(...scopeIssues(scope.output.role, scope.output.municipalities, await knownMunicipalities(db, scope.output.municipalities)));
  }
  return issues.length ? invalid(issues) : parsed;
}

/** A fresh one-time link: the token goes to the administrator once, D1 keeps its hash. */
function newInvitationRow(db: Database, actor: Actor, userId: number | ReturnType<typeof sql>, now: number) {
  const token = generateToken();
  const expiresAt = now + invitationLifetimeMs;
  const link: InvitationLink = { token, path: `/inbjudan/${token}`, expiresAt: new Date(expiresAt).toISOString() };
  return { link, insert: db.insert(invitation).values({ id: hashToken(token), userId: userId as number, expiresAt, createdBy: actor.name }) };
}

export async function inviteUser(db: Database, actor: Actor, input: unknown, now = Date.now()): Promise<Outcome<{ user: UserView; invitation: InvitationLink }>> {
  const parsed = await validateScoped(db, userCreate, input, async ({ email }) => {
    const [same] = await db.select({ id: user.id }).from(user).where(eq(user.email, email));
    return same ? [{ path: 'email', message: `Det finns redan ett konto med e-postadressen ${email}.` }] : [];
  });
  if (!parsed.ok) return parsed;
  const { email, name, role, municipalities } = parsed.value;
  const userId = sql`(SELECT id FROM "user" WHERE email = ${email})`;
  const { link, insert } = newInvitationRow(db, actor, userId, now);
  return writeBatch(db, [
    db.insert(user).values({ email, name, role }).returning({ id: user.id, version: user.version, createdAt: user.createdAt }),
    // Right after the INSERT, so the event takes the new user's id.
    auditStatement(db, actor, { action: 'create', entity: 'user', after: { email, name, role, municipalities, active: true, invitationExpiresAt: link.expiresAt } }),
    ...municipalities.map((code) => db.insert(userMunicipality).values({ userId: userId as unknown as number, municipalityCode: code })),
    insert,
  ], (results) => {
    const row = (results[0] as { id: number; version: number; createdAt: string }[])[0]!;
    return {
      user: {
        ...row, email, name, role, municipalities, active: true, twoFactorEnrolled: false, status: 'invited' as const,
        invitationExpiresAt: link.expiresAt,
      },
      invitation: link,
    };
  });
}

/** What the audit trail records of a user. */
const audited = (u: UserView) => ({ id: u.id, email: u.email, name: u.name, role: u.role, municipalities: u.municipalities, active: u.active, version: u.version });

/**
 * Change name, role, municipalities or whether the account is active. Deactivating ends the
 * user's sessions and voids the invitation links in the same batch. Administrators cannot
 * deactivate or demote themselves, and at least one active administrator always remains.
 */
export async function updateUser(db: Database, actor: Actor, id: number, input: unknown): Promise<Outcome<UserView>> {
  const parsed = validate(userPatch, input);
  if (!parsed.ok) return parsed;
  const patch = parsed.value;
  const [rows, scopes, invitations, known, [admins]] = await db.batch([
    ...userQueries(db, id),
    knownMunicipalities(db, patch.municipalities ?? []),
    db.select({ n: sql<number>`count(*)` }).from(user).where(and(eq(user.role, 'admin'), eq(user.active, true), ne(user.id, id))),
  ]);
  if (!rows[0]) return notFound('Användaren finns inte.');
  const before = toView(rows[0], scopes, invitations);
  const role = patch.role ?? before.role;
  const active = patch.active ?? before.active;
  const municipalities = patch.municipalities ?? (role === 'editor' ? before.municipalities : []);
  const issues = scopeIssues(role, municipalities, patch.municipalities ? known : before.municipalities.map((code) => ({ code })));
  if (issues.length) return invalid(issues);

  const losesAdmin = before.role === 'admin' && before.active && (role !== 'admin' || !active);
  if (losesAdmin && actor.userId === id) {
    return forbidden(active ? 'Du kan inte ta bort din egen administratörsroll. Be en annan administratör.' : 'Du kan inte stänga av ditt eget konto. Be en annan administratör.');
  }
  if (losesAdmin && !(admins?.n)) return conflict('Det måste finnas minst en aktiv administratör. Utse en annan administratör först.');

  const set: Partial<UserView> = {};
  if (patch.name !== undefined && patch.name !== before.name) set.name = patch.name;
  if (role !== before.role) set.role = role;
  if (active !== before.active) set.active = active;
  const scopeChanged = municipalities.join() !== before.municipalities.join();
  const deactivated = before.active && !active;
  const follow = [
    ...(scopeChanged ? [
      db.delete(userMunicipality).where(eq(userMunicipality.userId, id)),
      ...municipalities.map((code) => db.insert(userMunicipality).values({ userId: id, municipalityCode: code })),
    ] : []),
    ...(deactivated ? [endAllSessions(db, id), db.delete(invitation).where(eq(invitation.userId, id))] : []),
    // A concurrent change elsewhere must not leave the collaboration without an administrator.
    ...(losesAdmin ? [requireThat(db, sql`(SELECT count(*) FROM "user" WHERE role = 'admin' AND active = 1) > 0`)] : []),
  ];
  const result = await updateVersioned(db, actor,
    { table: user, key: user.id, id, entity: 'user', before: audited(before), version: patch.version },
    set, follow, { municipalities });
  if (!result.ok) return result;
  return {
    ok: true,
    value: {
      ...before, ...set, municipalities, version: result.value.version,
      status: status({ active, hasPassword: before.status !== 'invited' }),
      invitationExpiresAt: deactivated ? null : before.invitationExpiresAt,
    },
  };
}

/**
 * A new one-time link for a user; earlier links stop working. For an account that already
 * has a password it is a password reset: accepting it sets a new password and ends the
 * account's sessions, but two-factor login stays as it was.
 */
export async function renewInvitation(db: Database, actor: Actor, id: number, now = Date.now()): Promise<Outcome<InvitationLink>> {
  const [found] = await db.select({ id: user.id, email: user.email, active: user.active }).from(user).where(eq(user.id, id));
  if (!found) return notFound('Användaren finns inte.');
  if (!found.active) return conflict('Kontot är avstängt. Aktivera det innan du skickar en ny inbjudan.');
  const { link, insert } = newInvitationRow(db, actor, id, now);
  return writeBatch(db, [
    db.delete(invitation).where(eq(invitation.userId, id)),
    insert,
    auditStatement(db, actor, { action: 'update', entity: 'user', entityId: id, after: { invitation: 'ny länk', invitationExpiresAt: link.expiresAt } }),
  ], () => link);
}
