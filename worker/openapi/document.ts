/**
 * The OpenAPI 3.1 description of `/api/v1`, built from the app itself: every route Hono has
 * registered under `/api/v1` (method, path and its `allow(...)` guard) becomes an operation,
 * and its request body and query parameters are the JSON Schema of the same valibot schemas
 * the commands validate with (worker/openapi/registry.ts names them). Nothing here is written
 * by hand per route except the summary, so a new route is listed the moment it exists.
 *
 * What JSON Schema cannot say is left to the server, which answers 400 with `issues`: checks
 * across fields (`v.check`/`v.forward`, e.g. "year and parts together"), checks against the
 * database (does the application exist, is the municipality the editor's), and the password
 * policy. Strings are trimmed before they are checked, so `minLength: 1` means "not blank".
 */
import { toJsonSchema } from '@valibot/to-json-schema';
import type * as v from 'valibot';
import type { Permission } from '../access/permissions.ts';
import { bodyless, operations, pathParameters, permissionText, tags, type Operation } from './registry.ts';

export type JsonSchema = Record<string, unknown>;

/** A registered route as the description needs it: method, Hono path, declared permission. */
export type ApiRoute = { method: string; path: string; permission: Permission | undefined };

type Handler = { permission?: Permission; __COMPOSED_HANDLER?: Handler };
type RouterRoute = { method: string; path: string; handler: unknown };

export const apiPrefix = '/api/v1';

/** The `/api/v1` routes of the app, one per method and path, with the permission of their guard. */
export function apiRoutes(routes: readonly RouterRoute[]): ApiRoute[] {
  const byKey = new Map<string, ApiRoute>();
  for (const r of routes) {
    if (r.method === 'ALL' || !r.path.startsWith(`${apiPrefix}/`)) continue;
    const key = `${r.method} ${r.path}`;
    const h = r.handler as Handler;
    // A sub-app with its own error handler wraps its handlers; the guard is then one level down.
    const permission = h.permission ?? h.__COMPOSED_HANDLER?.permission;
    const known = byKey.get(key);
    if (!known) byKey.set(key, { method: r.method, path: r.path, permission });
    else known.permission ??= permission;
  }
  return [...byKey.values()];
}

export const routeKey = (r: { method: string; path: string }) => `${r.method} ${r.path}`;

/** One Hono path segment's parameter: `:id`, `:id{[0-9]+}`. */
const paramSegment = /^:(\w+)(?:\{(.+)\})?$/;

/**
 * A regex that only lists whole alternatives, `template\.(?:xlsx|csv)`, as its literal paths
 * (`template.xlsx`, `template.csv`): OpenAPI forbids two templated paths that differ only in
 * their parameters' names (`/imports/{file}` beside `/imports/{id}`). Undefined for any other regex.
 */
function literalAlternatives(regex: string): string[] | undefined {
  const match = /^((?:\\.|[^\\()[\]{}*+?|^$.])*)\(\?:([^()]*)\)((?:\\.|[^\\()[\]{}*+?|^$.])*)$/.exec(regex);
  if (!match) return undefined;
  const [, before = '', choices = '', after = ''] = match;
  if (!/^(?:\\.|[^\\[\]{}*+?^$.])*$/.test(choices)) return undefined;
  const unescape = (s: string) => s.replace(/\\(.)/g, '$1');
  return choices.split('|').map((choice) => unescape(before) + unescape(choice) + unescape(after));
}

export type PathParameter = { name: string; pattern?: string };

/**
 * A Hono path as OpenAPI paths: `:id` → `{id}`, `:id{[0-9]+}` → `{id}` with the regex as the
 * parameter's pattern, and a regex of literal alternatives → one concrete path each.
 */
export function openApiPaths(honoPath: string): { path: string; parameters: PathParameter[] }[] {
  let results: { path: string; parameters: PathParameter[] }[] = [{ path: '', parameters: [] }];
  for (const segment of honoPath.split('/').slice(1)) {
    const param = paramSegment.exec(segment);
    if (!param) {
      results = results.map((r) => ({ ...r, path: `${r.path}/${segment}` }));
      continue;
    }
    const [, name = '', regex] = param;
    const literals = regex === undefined ? undefined : literalAlternatives(regex);
    results = literals
      ? results.flatMap((r) => literals.map((literal) => ({ ...r, path: `${r.path}/${literal}` })))
      : results.map((r) => ({
        path: `${r.path}/{${name}}`,
        parameters: [...r.parameters, regex === undefined ? { name } : { name, pattern: `^(?:${regex})$` }],
      }));
  }
  return results;
}

/** `GET /api/v1/goals/{id}/measurements` → `getGoalsByIdMeasurements`. */
export function operationId(method: string, path: string): string {
  const words = path.slice(apiPrefix.length).split('/').filter(Boolean).map((segment) => {
    const param = /^\{(\w+)\}$/.exec(segment);
    const word = param ? `by-${param[1]}` : segment;
    return word.split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
  });
  return method.toLowerCase() + words.join('');
}

/**
 * A valibot schema as JSON Schema 2020-12 (OpenAPI 3.1's dialect), as the client sends it:
 * `typeMode: 'input'` describes what goes in, before transforms; `errorMode: 'ignore'` drops
 * what JSON Schema cannot express (trim, custom checks, cross-field checks) instead of failing.
 */
export function jsonSchemaOf(schema: v.GenericSchema): JsonSchema {
  const { $schema: _dialect, ...rest } = toJsonSchema(schema, { target: 'draft-2020-12', typeMode: 'input', errorMode: 'ignore' }) as JsonSchema;
  return rest;
}

/** Query parameters from an object schema: one parameter per property. */
function queryParameters(schema: v.GenericSchema) {
  const json = jsonSchemaOf(schema);
  const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => {
    const { description, ...rest } = property;
    // `v.pipe(v.optional(v.string(), ''), v.nonEmpty())`: optional in form, but its default fails its own check — required.
    const mustBeGiven = rest.default === '' && typeof rest.minLength === 'number' && rest.minLength > 0;
    if (mustBeGiven) delete rest.default;
    return {
      name, in: 'query', required: required.has(name) || mustBeGiven, schema: rest,
      ...(typeof description === 'string' ? { description } : {}),
    };
  });
}

const changing = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The error responses an operation can give, from what it is and what its entry adds. */
function errorStatuses(route: ApiRoute, entry: Operation | undefined, hasParams: boolean): number[] {
  const statuses = new Set<number>(entry?.errors ?? []);
  if (entry?.body || entry?.query || entry?.upload || route.method === 'DELETE') statuses.add(400);
  if (route.permission !== 'public' || entry?.session) statuses.add(401);
  // Any role may read; the others are refused by the guard. A changing request from a foreign Origin is refused too.
  if ((route.permission !== 'public' && route.permission !== 'read' && route.permission !== 'signedIn') || entry?.session || changing.has(route.method)) statuses.add(403);
  if (hasParams) statuses.add(404);
  if (route.method === 'PATCH' || route.method === 'PUT' || route.method === 'DELETE') statuses.add(409);
  return [...statuses].sort((a, b) => a - b);
}

const errorResponses: Record<number, string> = {
  400: 'BadRequest', 401: 'Unauthorized', 403: 'Forbidden', 404: 'NotFound', 409: 'Conflict', 410: 'Gone', 429: 'TooManyRequests',
};

const successText: Record<number, string> = { 200: 'OK.', 201: 'Created.', 204: 'Done; no content.' };

function operation(route: ApiRoute, path: string, parameters: PathParameter[], entry: Operation | undefined) {
  const permission = route.permission;
  const ok = entry?.ok ?? (route.method === 'POST' ? 201 : route.method === 'DELETE' ? 204 : 200);
  const produces = entry?.produces ?? ['application/json'];
  const params = [
    ...parameters.map((p) => {
      const known = entry?.params?.[p.name] ?? pathParameters[p.name] ?? { description: p.name, schema: { type: 'string' } };
      const schema = p.pattern && known.schema.type === 'string' ? { ...known.schema, pattern: p.pattern } : known.schema;
      return { name: p.name, in: 'path', required: true, description: known.description, schema };
    }),
    ...(entry?.query ? queryParameters(entry.query) : []),
  ];
  const security = permission === 'public' && !entry?.session ? [] : entry?.session ? [{ cookieAuth: [] }] : [{ bearerAuth: [] }, { cookieAuth: [] }];
  const description = [
    entry?.description,
    bodyless[routeKey(route)] ? `Takes no body: ${bodyless[routeKey(route)]}.` : undefined,
    `**Permission: \`${permission ?? 'undeclared'}\`** — ${permission ? permissionText[permission] : 'no allow(...) guard.'}`,
    entry?.session ? 'Needs a signed-in session (cookie); API tokens are refused.' : undefined,
  ].filter(Boolean).join('\n\n');
  return {
    operationId: operationId(route.method, path),
    summary: entry?.summary ?? `${route.method} ${path} (not yet described)`,
    description,
    tags: [entry?.tag ?? 'Undescribed'],
    'x-permission': permission ?? null,
    security,
    ...(params.length ? { parameters: params } : {}),
    ...(entry?.body ? {
      requestBody: { required: !entry.bodyOptional, content: { 'application/json': { schema: jsonSchemaOf(entry.body) } } },
    } : entry?.upload ? {
      requestBody: {
        required: true,
        description: 'The file: as the multipart field `file`, or as the whole body (then name it with `?filename=`).',
        content: {
          'multipart/form-data': { schema: { type: 'object', properties: { file: { type: 'string', contentMediaType: 'application/octet-stream' } }, required: ['file'] } },
          'application/octet-stream': { schema: { type: 'string', contentMediaType: 'application/octet-stream' } },
        },
      },
    } : {}),
    responses: {
      [ok]: ok === 204
        ? { description: successText[ok] }
        : { description: entry?.okDescription ?? successText[ok]!, content: Object.fromEntries(produces.map((type) => [type, {}])) },
      ...Object.fromEntries(errorStatuses(route, entry, parameters.length > 0).map((status) => [status, { $ref: `#/components/responses/${errorResponses[status]}` }])),
    },
  };
}

const error = { type: 'object', properties: { error: { type: 'string', description: 'What went wrong, in Swedish.' } }, required: ['error'] };

const components = {
  securitySchemes: {
    bearerAuth: {
      type: 'http', scheme: 'bearer',
      description: 'An API token (`svp_…`) made by an administrator at /api-nycklar. It has a role (and municipalities), like an account.',
    },
    cookieAuth: {
      type: 'apiKey', in: 'cookie', name: '__Host-session',
      description: 'The session cookie set by `POST /api/v1/auth/login` (named `session` over plain HTTP on localhost). Changing requests with it must carry this site\'s Origin.',
    },
  },
  schemas: {
    Error: error,
    ValidationError: {
      type: 'object',
      properties: {
        error: { type: 'string' },
        issues: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              path: { type: 'string', description: 'The field, dotted for nested ones ("populations.0.year"); empty for the whole request.' },
              message: { type: 'string', description: 'What is wrong, in Swedish.' },
            },
            required: ['path', 'message'],
          },
        },
      },
      required: ['error', 'issues'],
    },
  },
  responses: {
    BadRequest: { description: 'The input is not valid; nothing was written.', content: { 'application/json': { schema: { $ref: '#/components/schemas/ValidationError' } } } },
    Unauthorized: { description: 'Not signed in, or the API token is invalid or revoked.', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
    Forbidden: { description: 'The role may not do this (or, for a changing request with a session cookie, it did not come from this site).', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
    NotFound: { description: 'It does not exist.', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
    Conflict: { description: 'Stale `version` (someone changed it since it was read), or it is still in use; nothing was written.', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
    Gone: { description: 'The link has expired.', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
    TooManyRequests: {
      description: 'Too many failed attempts; try again after `Retry-After` seconds.',
      headers: { 'Retry-After': { schema: { type: 'integer' } } },
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
    },
  },
};

const description = `The JSON API of Samverkansplattformen, generated from the valibot schemas that validate every request.

Authenticate with an API token: \`Authorization: Bearer svp_…\` (administrators create tokens at /api-nycklar), or with the session cookie of \`POST /api/v1/auth/login\`.
Field names are camelCase; money is integer öre; dates are \`YYYY-MM-DD\`. A PATCH carries the \`version\` it read and a stale one gets 409; DELETE takes an optional \`?version=\`.
Bad input gets \`400 { error, issues: [{ path, message }] }\` with Swedish messages and writes nothing.
Checks across fields and against the register (does the application exist, is the municipality the editor's) are not in the schemas: the server makes them and answers 400, 403 or 409.`;

/** The whole document for these routes. */
export function openApiDocument(routes: ApiRoute[]) {
  const paths: Record<string, Record<string, unknown>> = {};
  const usedTags = new Set<string>();
  for (const route of [...routes].sort((a, b) => a.path.localeCompare(b.path))) {
    const entry = operations[routeKey(route)];
    for (const { path, parameters } of openApiPaths(route.path)) {
      const op = operation(route, path, parameters, entry);
      usedTags.add(op.tags[0]!);
      (paths[path] ??= {})[route.method.toLowerCase()] = op;
    }
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Samverkansplattformen API', version: '1', description },
    tags: [...tags.filter((t) => usedTags.has(t.name)), ...(usedTags.has('Undescribed') ? [{ name: 'Undescribed', description: 'Routes without an entry in worker/openapi/registry.ts yet.' }] : [])],
    paths,
    components,
  };
}

export type OpenApiDocument = ReturnType<typeof openApiDocument>;
