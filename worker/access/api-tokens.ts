import { and, desc, eq, isNull } from 'drizzle-orm';
import * as v from 'valibot';
import { apiToken, type Role } from '../../schema/access.ts';
import { auditStatement } from '../audit/events.ts';
import type { Actor, Database } from '../env.ts';
import { conflict, notFound, type Outcome } from '../outcome.ts';
import { now as sqlNow, requireChange, writeBatch } from '../store.ts';
import { requiredText } from '../validation.ts';
import { generateToken, hashToken } from './tokens.ts';
import { municipalitiesField, roleField, validateScoped } from './users.ts';

/**
 * API tokens for integrations, sent as `Authorization: Bearer svp_…`. A token acts with its
 * role (and, for an editor token, its municipalities); only its SHA-256 is stored, the
 * token itself is shown once. Revoked tokens stay listed, so the audit trail keeps a name.
 */

export const tokenPrefix = 'svp_';

export const tokenCreate = v.strictObject({
  name: requiredText('Namn', 100),
  role: roleField,
  municipalities: v.optional(municipalitiesField, []),
}, 'Okänt fält.');

export type ApiTokenView = {
  id: number; name: string; role: Role; municipalities: string[]; createdBy: string; createdAt: string;
  lastUsedAt: string | null; revokedAt: string | null;
};

const columns = {
  id: apiToken.id, name: apiToken.name, role: apiToken.role, municipalities: apiToken.municipalities, createdBy: apiToken.createdBy,
  createdAt: apiToken.createdAt, lastUsedAt: apiToken.lastUsedAt, revokedAt: apiToken.revokedAt,
};

/** Newest first; revoked ones too, marked by `revokedAt`. */
export const apiTokensQuery = (db: Database) => db.select(columns).from(apiToken).orderBy(desc(apiToken.id));
export const listApiTokens = (db: Database): Promise<ApiTokenView[]> => apiTokensQuery(db);

export async function createApiToken(db: Database, actor: Actor, input: unknown): Promise<Outcome<ApiTokenView & { token: string }>> {
  const parsed = await validateScoped(db, tokenCreate, input);
  if (!parsed.ok) return parsed;
  const { name, role, municipalities } = parsed.value;
  const token = tokenPrefix + generateToken();
  return writeBatch(db, [
    db.insert(apiToken).values({ name, role, municipalities, tokenHash: hashToken(token), createdBy: actor.name }).returning(columns),
    auditStatement(db, actor, { action: 'create', entity: 'api_token', after: { name, role, municipalities } }),
  ], (results) => ({ ...(results[0] as ApiTokenView[])[0]!, token }));
}

/** Revoking is for good: the token stops working at once and cannot be restored. */
export async function revokeApiToken(db: Database, actor: Actor, id: number): Promise<Outcome<void>> {
  const [found] = await db.select(columns).from(apiToken).where(eq(apiToken.id, id));
  if (!found) return notFound('API-nyckeln finns inte.');
  if (found.revokedAt) return conflict('API-nyckeln är redan återkallad.');
  return writeBatch(db, [
    db.update(apiToken).set({ revokedAt: sqlNow }).where(and(eq(apiToken.id, id), isNull(apiToken.revokedAt))),
    requireChange(db),
    auditStatement(db, actor, { action: 'delete', entity: 'api_token', entityId: id, before: found }),
  ], () => undefined);
}
