import { Hono } from 'hono';
import { ApiReferencePage, tagSlug } from '../../web/openapi/reference.tsx';
import { allow } from '../access/permissions.ts';
import type { AppEnv } from '../env.ts';
import { notFoundPage, page } from '../pages.tsx';
import { apiRoutes, openApiDocument, type OpenApiDocument } from './document.ts';

type RouterRoute = { method: string; path: string; handler: unknown };

/**
 * `GET /api/v1/openapi.json` and the reference page `/api-dokumentation`. Both are public: they
 * describe what the API accepts and reveal no data (every data route still needs a role).
 * `routes` is read on the first request, when every route of the app is registered; the routes
 * do not change while the Worker runs, so the document is built once per isolate.
 */
export function openApiRoutes(routes: () => readonly RouterRoute[]) {
  let built: OpenApiDocument | undefined;
  const document = () => (built ??= openApiDocument(apiRoutes(routes())));
  return new Hono<AppEnv>()
    .get('/api/v1/openapi.json', allow('public'), (c) => c.json(document()))
    .get('/api-dokumentation', allow('public'), (c) => {
      const tag = c.req.query('omrade');
      const area = tag === undefined ? undefined : document().tags.find((t) => tagSlug(t.name) === tag);
      if (tag !== undefined && !area) return notFoundPage(c);
      return page(c, area ? `API-dokumentation: ${area.name}` : 'API-dokumentation', undefined,
        <ApiReferencePage document={document()} origin={new URL(c.req.url).origin} tag={tag} />);
    });
}
