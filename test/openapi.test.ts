/**
 * The OpenAPI 3.1 description of /api/v1: valid by a real validator, listing exactly the
 * routes the app registers, each with its guard's permission, a summary and — for every
 * changing route — the body schema its command validates with. Then: API tokens work against
 * what it documents, and the reference page shows every operation.
 */
import { compileErrors, validate } from '@readme/openapi-parser';
import { describe, expect, it } from 'vitest';
import { app } from '../worker/app.ts';
import { apiRoutes, jsonSchemaOf, openApiDocument, openApiPaths, operationId, routeKey } from '../worker/openapi/document.ts';
import { bodyless, operations } from '../worker/openapi/registry.ts';
import { installationCreate } from '../worker/portfolio/schemas.ts';
import { constraintsOf, fieldsOf, typeOf } from '../web/openapi/fields.ts';
import { api, nobody, page, seedRegister } from './helpers.ts';

type Op = {
  operationId: string; summary: string; tags: string[]; 'x-permission': string | null; security: Record<string, string[]>[];
  parameters?: { name: string; in: string; required: boolean; schema: Record<string, any> }[];
  requestBody?: { required: boolean; content: Record<string, { schema: Record<string, any> }> };
  responses: Record<string, unknown>;
};
type Doc = { openapi: string; paths: Record<string, Record<string, Op>>; components: Record<string, any> };

const methods = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];

/** The served document, as a client gets it: without signing in. */
async function served(): Promise<Doc> {
  const r = await api('GET', '/openapi.json', undefined, nobody);
  expect(r.status).toBe(200);
  expect(r.headers.get('content-type')).toMatch(/^application\/json/);
  return r.body as Doc;
}

const documented = (doc: Doc) =>
  Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).filter(([m]) => methods.includes(m)).map(([m, op]) => ({ method: m.toUpperCase(), path, op })));

const routes = () => apiRoutes(app.routes);
const changing = new Set(['POST', 'PUT', 'PATCH']);

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document by @readme/openapi-parser', async () => {
    const doc = await served();
    expect(doc.openapi).toBe('3.1.0');
    const result = await validate(structuredClone(doc) as never);
    expect(result.valid, result.valid ? '' : compileErrors(result)).toBe(true);
    expect(result.warnings).toEqual([]);
  });

  it('lists exactly the /api/v1 routes the app registers, each method and path once', async () => {
    const doc = await served();
    const expected = routes().flatMap((r) => openApiPaths(r.path).map((p) => `${r.method} ${p.path}`)).sort();
    const actual = documented(doc).map((o) => `${o.method} ${o.path}`).sort();
    expect(actual).toEqual(expected);
    // Not vacuous: the walk finds the register, the newest areas and this document itself.
    expect(routes().length).toBeGreaterThan(130);
    for (const key of ['POST /api/v1/installations', 'PATCH /api/v1/installations/{id}', 'GET /api/v1/municipalities/{code}', 'GET /api/v1/reports/{id}',
      'PUT /api/v1/initiatives/{id}/answers/{code}', 'POST /api/v1/imports/preview', 'GET /api/v1/openapi.json']) {
      expect(actual).toContain(key);
    }
  });

  it('every route has an entry in the registry, and every entry is a route', () => {
    const keys = routes().map(routeKey);
    expect(keys.filter((k) => !(k in operations)), 'routes without an entry in worker/openapi/registry.ts').toEqual([]);
    expect(Object.keys(operations).filter((k) => !keys.includes(k)), 'registry entries for routes that do not exist').toEqual([]);
    expect(Object.keys(bodyless).filter((k) => !keys.includes(k))).toEqual([]);
  });

  it('every POST, PUT and PATCH names the schema its body is validated with, unless listed as body-less', () => {
    const missing = routes().filter((r) => changing.has(r.method)).map(routeKey)
      .filter((k) => !operations[k]?.body && !operations[k]?.upload && !(k in bodyless));
    expect(missing, 'describe the body (registry `body`) or, if it really takes none, add it to `bodyless` with the reason').toEqual([]);
    const both = Object.keys(bodyless).filter((k) => operations[k]?.body || operations[k]?.upload);
    expect(both).toEqual([]);
  });

  it('states the permission of each route\'s guard, and public operations need no authentication', async () => {
    const doc = await served();
    const guards = new Map(routes().flatMap((r) => openApiPaths(r.path).map((p) => [`${r.method} ${p.path}`, r.permission] as const)));
    for (const { method, path, op } of documented(doc)) {
      const permission = guards.get(`${method} ${path}`);
      expect(permission, `${method} ${path} has an allow() guard`).toBeDefined();
      expect(op['x-permission'], `${method} ${path}`).toBe(permission);
      expect(op.summary).not.toMatch(/not yet described/);
      if (permission === 'public') continue;
      expect(op.security.length, `${method} ${path} declares how to authenticate`).toBeGreaterThan(0);
      expect(op.responses).toHaveProperty('401');
    }
    expect(doc.paths['/api/v1/public/goals']!.get!.security).toEqual([]);
    expect(doc.paths['/api/v1/installations']!.post!.security).toEqual([{ bearerAuth: [] }, { cookieAuth: [] }]);
    // The account acts on the caller's own session: API tokens are refused there, and the document says so.
    expect(doc.paths['/api/v1/account/password']!.post!.security).toEqual([{ cookieAuth: [] }]);
    expect(doc.paths['/api/v1/installations']!.post!['x-permission']).toBe('register');
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('the request body is the JSON Schema of the validator itself: required fields, types and limits', async () => {
    const doc = await served();
    const create = doc.paths['/api/v1/installations']!.post!;
    const schema = create.requestBody!.content['application/json']!.schema;
    expect(create.requestBody!.required).toBe(true);
    expect(schema).toEqual(jsonSchemaOf(installationCreate));
    expect(schema.required).toEqual(['municipality', 'applicationId', 'productId']);
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.municipality).toEqual({ type: 'string', pattern: '^\\d{4}$' });
    expect(schema.properties.users).toMatchObject({ type: 'integer', minimum: 0 });
    expect(schema.properties.lifecycle.enum).toEqual(['planned', 'active', 'retiring', 'retired']);
    // What the document says is what the server enforces: below the documented minimum → 400 at that field.
    const { bengtsfors, finance, raindance } = await seedRegister();
    const refused = await api('POST', '/installations', { municipality: bengtsfors.code, applicationId: finance.id, productId: raindance.id, users: -3 });
    expect(refused.status).toBe(400);
    expect(refused.body.issues.map((i: { path: string }) => i.path)).toEqual(['users']);
    const unknown = await api('POST', '/installations', { municipality: bengtsfors.code, applicationId: finance.id, productId: raindance.id, colour: 'blå' });
    expect(unknown.status).toBe(400);

    // Query strings are parameters; path parameters carry the route's own regex.
    const list = doc.paths['/api/v1/installations']!.get!;
    expect(list.parameters!.map((p) => `${p.in}:${p.name}`)).toEqual(['query:municipality', 'query:application']);
    expect(doc.paths['/api/v1/changes/{id}']!.get!.parameters![0]).toMatchObject({ name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } });
    expect(doc.paths['/api/v1/statements/{code}']!.get!.parameters!.map((p) => `${p.in}:${p.name}:${p.required}`))
      .toEqual(['path:code:true', 'query:year:true', 'query:collaboration:false']);
    expect(doc.paths['/api/v1/installations/{id}']!.delete!.parameters!.map((p) => `${p.in}:${p.name}`)).toEqual(['path:id', 'query:version']);
    // A query field whose default fails its own check must be given.
    expect(doc.paths['/api/v1/changes/freeze-check']!.get!.parameters!.map((p) => `${p.name}:${p.required}`)).toEqual(['date:true', 'environment:true']);
    // The optional body of closing a year, the file of an import.
    expect(doc.paths['/api/v1/cost-years/{year}/close']!.post!.requestBody!.required).toBe(false);
    expect(Object.keys(doc.paths['/api/v1/imports/preview']!.post!.requestBody!.content)).toEqual(['multipart/form-data', 'application/octet-stream']);
    // Error shapes are shared components.
    expect(create.responses['400']).toEqual({ $ref: '#/components/responses/BadRequest' });
    expect(doc.components.schemas.ValidationError.required).toEqual(['error', 'issues']);
  });
});

describe('the document from the routes (pure)', () => {
  it('turns Hono paths into OpenAPI paths, expanding literal alternatives', () => {
    expect(openApiPaths('/api/v1/municipalities/:code')).toEqual([{ path: '/api/v1/municipalities/{code}', parameters: [{ name: 'code' }] }]);
    expect(openApiPaths('/api/v1/changes/:id{[0-9]+}/exception-decision'))
      .toEqual([{ path: '/api/v1/changes/{id}/exception-decision', parameters: [{ name: 'id', pattern: '^(?:[0-9]+)$' }] }]);
    expect(openApiPaths('/api/v1/imports/:file{template\\.(?:xlsx|csv)}').map((p) => p.path)).toEqual(['/api/v1/imports/template.xlsx', '/api/v1/imports/template.csv']);
    expect(openApiPaths('/api/v1/exports/:file{[a-z]+\\.(?:xlsx|csv)}').map((p) => p.path)).toEqual(['/api/v1/exports/{file}']);
    expect(openApiPaths('/api/v1/initiatives/:id/answers/:code')[0]!.parameters.map((p) => p.name)).toEqual(['id', 'code']);
  });

  it('names operations after method and path', () => {
    expect(operationId('GET', '/api/v1/municipalities/{code}')).toBe('getMunicipalitiesByCode');
    expect(operationId('POST', '/api/v1/changes/{id}/exception-decision')).toBe('postChangesByIdExceptionDecision');
    expect(operationId('GET', '/api/v1/imports/template.xlsx')).toBe('getImportsTemplateXlsx');
  });

  it('marks a route that has no entry yet instead of leaving it out', () => {
    const doc = openApiDocument([{ method: 'POST', path: '/api/v1/new-things/:id', permission: 'admin' }]);
    const op = doc.paths['/api/v1/new-things/{id}']!.post as unknown as Op;
    expect(op.summary).toMatch(/not yet described/);
    expect(op.tags).toEqual(['Undescribed']);
    expect(op['x-permission']).toBe('admin');
  });

  it('lists a body\'s fields for people: nested, nullable, with constraints in words', () => {
    const fields = fieldsOf({
      type: 'object', required: ['name'], additionalProperties: false,
      properties: {
        name: { type: 'string', minLength: 1, maxLength: 100 },
        ownerId: { anyOf: [{ type: 'integer', minimum: 1 }, { type: 'null' }] },
        populations: { type: 'array', items: { type: 'object', required: ['year'], properties: { year: { type: 'integer', minimum: 1900 } } } },
        codes: { type: 'array', items: { type: 'string', pattern: '^\\d{4}$' }, default: [] },
      },
    });
    expect(fields.map((f) => [f.name, f.type, f.required])).toEqual([
      ['name', 'string', true], ['ownerId', 'integer | null', false], ['populations', 'array of object', false],
      ['populations[].year', 'integer', true], ['codes', 'array of string', false],
    ]);
    expect(fields[0]!.constraints).toEqual(['minst 1 tecken', 'högst 100 tecken']);
    expect(fields[1]!.constraints).toEqual(['≥ 1']);
    expect(fields[4]!.constraints).toEqual(['standard: []', 'varje element mönster ^\\d{4}$']);
    // A union's variants: each variant's fields, marked with when they apply.
    const variants = fieldsOf({
      type: 'object', properties: {
        changes: { type: 'array', items: { oneOf: [
          { type: 'object', required: ['type', 'level'], properties: { type: { const: 'setLevel' }, level: { type: 'integer', minimum: 2 } } },
          { type: 'object', required: ['type'], properties: { type: { const: 'join' }, municipality: { type: 'string' } } },
        ] } },
      },
    });
    expect(variants.map((f) => [f.name, f.type, f.constraints.join('; ')])).toEqual([
      ['changes', 'array of object (type: "setLevel") | object (type: "join")', ''],
      ['changes[].type', '"setLevel"', ''], ['changes[].level', 'integer', 'när type = "setLevel"; ≥ 2'],
      ['changes[].type', '"join"', ''], ['changes[].municipality', 'string', 'när type = "join"'],
    ]);
    expect(typeOf({ const: 'samverkansplattformen-backup' })).toBe('"samverkansplattformen-backup"');
    expect(constraintsOf({ type: 'string', enum: ['join', 'maybe', 'no'] })).toEqual(['ett av: "join", "maybe", "no"']);
  });
});

describe('API tokens against the documented API', () => {
  it('a viewer token reads every documented read endpoint, and is refused where the document says a role is needed', async () => {
    await seedRegister();
    const doc = await served();
    const created = await api('POST', '/tokens', { name: 'Integration', role: 'viewer' });
    expect(created.status).toBe(201);
    const bearer = { headers: { authorization: `Bearer ${created.body.token}` } };

    const reads = documented(doc).filter((o) => o.method === 'GET' && o.op['x-permission'] === 'read' && !o.path.includes('{'));
    expect(reads.length).toBeGreaterThan(20);
    const refused: string[] = [];
    for (const { path } of reads) {
      const r = await page(path, { headers: { authorization: `Bearer ${created.body.token}` } });
      if (r.status === 401 || r.status === 403) refused.push(`${path}: ${r.status}`);
      await r.arrayBuffer();
    }
    expect(refused).toEqual([]);
    expect((await api('GET', '/municipalities', undefined, bearer)).body.map((m: { code: string }) => m.code)).toEqual(['1460', '1492']);

    // Documented as admin: the viewer's token gets 403 there, an admin token gets through.
    expect(doc.paths['/api/v1/users']!.get!['x-permission']).toBe('admin');
    expect((await api('GET', '/users', undefined, bearer)).status).toBe(403);
    const admin = await api('POST', '/tokens', { name: 'Drift', role: 'admin' });
    expect((await api('GET', '/users', undefined, { headers: { authorization: `Bearer ${admin.body.token}` } })).status).toBe(200);
    // Documented as session only: a token is refused.
    expect((await api('GET', '/account', undefined, bearer)).status).toBe(403);
    // A revoked or made-up token gets 401, even for the public document.
    expect((await api('GET', '/openapi.json', undefined, { headers: { authorization: 'Bearer svp_nothing' } })).status).toBe(401);
  });
});

describe('the reference page', () => {
  it('shows every operation, its permission, parameters and body fields, without signing in, on pages under 150 kB', async () => {
    const doc = await served();
    const response = await page('/api-dokumentation', nobody);
    expect(response.status).toBe(200);
    const index = await response.text();
    expect(index).toContain('<h1>API-dokumentation</h1>');
    expect(index).not.toMatch(/<script(?![^>]*src="\/app\.js")/);
    const count = documented(doc).length;
    // The index lists every operation and links to its area's page, which shows it in full.
    expect(index.match(/class="api-operation-link"/g)?.length).toBe(count);
    expect(index).toContain('href="/api/v1/openapi.json"');
    const areas = [...new Set([...index.matchAll(/href="\/api-dokumentation\?omrade=([a-z0-9-]+)"/g)].map((m) => m[1]!))];
    let shown = 0;
    let html = '';
    for (const area of areas) {
      const areaPage = await page(`/api-dokumentation?omrade=${area}`, nobody);
      expect(areaPage.status).toBe(200);
      const text = await areaPage.text();
      expect(new TextEncoder().encode(text).byteLength).toBeLessThan(150_000);
      shown += text.match(/class="api-operation"/g)?.length ?? 0;
      if (text.includes('id="postInstallations"')) html = text;
    }
    expect(shown).toBe(count);
    expect(new TextEncoder().encode(index).byteLength).toBeLessThan(150_000);
    expect((await page('/api-dokumentation?omrade=finns-inte', nobody)).status).toBe(404);
    // The installation's create form: a heading, the permission in words, its fields with constraints.
    const section = html.slice(html.indexOf('id="postInstallations"'), html.indexOf('</section>', html.indexOf('id="postInstallations"')));
    expect(section).toContain('<code class="api-path">/api/v1/installations</code>');
    expect(section).toContain('Administratörer och redaktörer');
    expect(section).toMatch(/<th scope="row"><code>applicationId<\/code><\/th><td><code>integer<\/code><\/td><td>Ja<\/td><td>≥ 1<\/td>/);
    expect(section).toMatch(/<code>lifecycle<\/code>.*ett av: &quot;planned&quot;/s);
  });
});
