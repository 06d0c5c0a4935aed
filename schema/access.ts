import { sql } from 'drizzle-orm';
import { blob, check, index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { versioned } from './columns.ts';
import { municipality } from './portfolio.ts';

export const roles = ['admin', 'editor', 'finance', 'viewer'] as const;
export type Role = (typeof roles)[number];

/** A person with a personal account. No open sign-up: accounts come from invitations. */
export const user = sqliteTable('user', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  role: text('role', { enum: roles }).notNull(),
  /** scrypt hash (see worker/access/password.ts); null until the invitation is accepted. */
  passwordHash: text('password_hash'),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  /** TOTP key (20 random bytes); null when two-factor login is not enrolled. */
  totpKey: blob('totp_key', { mode: 'buffer' }),
  /** The last TOTP time step accepted, so a code cannot be used twice. */
  totpLastStep: integer('totp_last_step'),
  ...versioned,
}, (t) => [check('user_role', sql`${t.role} IN ('admin','editor','finance','viewer')`)]);

/** The municipalities an editor may change. */
export const userMunicipality = sqliteTable('user_municipality', {
  userId: integer('user_id').notNull().references(() => user.id, { onDelete: 'cascade' }),
  municipalityCode: text('municipality_code').notNull().references(() => municipality.code, { onDelete: 'cascade', onUpdate: 'cascade' }),
}, (t) => [primaryKey({ columns: [t.userId, t.municipalityCode] })]);

/**
 * A signed-in browser, the Lucia way: the id is the SHA-256 of the random token in the
 * cookie, so a leaked database cannot be used to sign in.
 */
export const session = sqliteTable('session', {
  id: text('id').primaryKey(),
  userId: integer('user_id').notNull().references(() => user.id, { onDelete: 'cascade' }),
  expiresAt: integer('expires_at').notNull(),
  /** False between the password step and the code step of a two-factor login. */
  twoFactorVerified: integer('two_factor_verified', { mode: 'boolean' }).notNull().default(false),
  createdAt: text('created_at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
}, (t) => [index('session_user_idx').on(t.userId)]);

/** One-time recovery codes for when the authenticator is lost; only hashes are kept. */
export const recoveryCode = sqliteTable('recovery_code', {
  userId: integer('user_id').notNull().references(() => user.id, { onDelete: 'cascade' }),
  codeHash: text('code_hash').notNull(),
  usedAt: text('used_at'),
}, (t) => [primaryKey({ columns: [t.userId, t.codeHash] })]);

/** A one-time link that lets an invited person choose a password. */
export const invitation = sqliteTable('invitation', {
  id: text('id').primaryKey(),
  userId: integer('user_id').notNull().references(() => user.id, { onDelete: 'cascade' }),
  expiresAt: integer('expires_at').notNull(),
  createdBy: text('created_by').notNull(),
  createdAt: text('created_at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
}, (t) => [index('invitation_user_idx').on(t.userId)]);

/** A token for integrations (`Authorization: Bearer`), scoped to a role and municipalities. */
export const apiToken = sqliteTable('api_token', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull(),
  tokenHash: text('token_hash').notNull().unique(),
  role: text('role', { enum: roles }).notNull(),
  /** JSON array of SCB codes an editor token may change. */
  municipalities: text('municipalities', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
  createdBy: text('created_by').notNull(),
  lastUsedAt: text('last_used_at'),
  revokedAt: text('revoked_at'),
  createdAt: text('created_at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
}, (t) => [check('api_token_role', sql`${t.role} IN ('admin','editor','finance','viewer')`)]);

/** Failed logins per account and per address, for throttling (429 with a retry time). */
export const loginThrottle = sqliteTable('login_throttle', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull(),
  windowStartsAt: integer('window_starts_at').notNull(),
});
