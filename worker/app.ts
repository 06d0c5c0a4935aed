import { drizzle } from 'drizzle-orm/d1';
import { Hono } from 'hono';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import * as schema from '../schema/index.ts';
import { authenticate, sameOrigin } from './access/middleware.ts';
import { allow } from './access/permissions.ts';
import { authApi, authPages } from './access/routes.tsx';
import { accessAdminApi, accessAdminPages } from './access/admin-routes.tsx';
import { auditRoutes } from './audit/routes.tsx';
import { collaborationApi } from './collaboration/api.ts';
import { collaborationPages } from './collaboration/pages.tsx';
import type { AppEnv } from './env.ts';
import { goalApi } from './goals/api.ts';
import { goalPages } from './goals/pages.tsx';
import { reportRoutes } from './goals/report-routes.tsx';
import { goalAdminApi, goalAdminPages } from './goals/admin-routes.tsx';
import { publicGoalApi, publicGoalPages } from './goals/public-routes.tsx';
import { actionRoutes } from './goals/action-routes.tsx';
import { costRoutes } from './costs/routes.tsx';
import { costItemApi, costPages } from './costs/cost-routes.tsx';
import { statementApi, statementPages } from './costs/statement-routes.tsx';
import { costYearApi, costYearPages } from './costs/year-routes.tsx';
import { initiativeApi, initiativePages } from './initiatives/routes.tsx';
import { portfolioApi } from './portfolio/api.ts';
import { portfolioPages } from './portfolio/pages.tsx';
import { peopleApi } from './people/api.ts';
import { peoplePages } from './people/pages.tsx';
import { planningRoutes } from './planning/routes.tsx';
import { documentApi, documentPages } from './documents/routes.tsx';
import { backupApi, backupPages } from './backup/routes.tsx';
import { changeApi } from './changes/change-api.ts';
import { changePages } from './changes/change-pages.tsx';
import { errorPage, notFoundPage } from './pages.tsx';
import { transferApi, transferPages } from './transfer/routes.tsx';
import { openApiRoutes } from './openapi/routes.tsx';
import { attentionApi, attentionPages } from './attention/routes.tsx';

export const app = new Hono<AppEnv>();

app.use(requestId());
// Strict CSP: no inline scripts or styles anywhere; CSS and scripts are static assets.
app.use(secureHeaders({
  contentSecurityPolicy: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", 'data:'],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
    baseUri: ["'none'"],
    objectSrc: ["'none'"],
  },
  referrerPolicy: 'strict-origin-when-cross-origin',
}));
app.use(async (c, next) => {
  c.set('db', drizzle(c.env.DB, { schema }));
  await next();
});
app.use(sameOrigin);
app.use(authenticate);

// A trivial route through the same middleware, no D1: the baseline `npm run bench` compares pages with, and a liveness check.
app.get('/ping', allow('public'), (c) => c.text('ok'));

app.route('/api/v1', authApi);
app.route('/api/v1', accessAdminApi);
app.route('/api/v1', portfolioApi);
app.route('/api/v1', collaborationApi);
app.route('/api/v1', goalApi);
app.route('/api/v1', goalAdminApi);
// Public without login: the goals marked public (GET /api/v1/public/goals, /offentligt/mal).
app.route('/api/v1', publicGoalApi);
app.route('/api/v1', peopleApi);
// Before the collaboration pages: its static /samverkan/fordelning must win over /samverkan/:id.
app.route('/', planningRoutes);
app.route('/', authPages);
app.route('/', accessAdminPages);
app.route('/', portfolioPages);
app.route('/', collaborationPages);
app.route('/', goalPages);
app.route('/', reportRoutes);
app.route('/', goalAdminPages);
app.route('/', publicGoalPages);
app.route('/', peoplePages);
app.route('/', auditRoutes);
// The action plan: /api/v1/actions and /handlingsplan.
app.route('/', actionRoutes);
// Cost sharing: /api/v1/allocations/preview and /kostnader/kalkylator.
app.route('/', costRoutes);
// Cost items and allocation keys: /api/v1/cost-items, /api/v1/allocation-keys, /kostnader, /kostnader/nycklar.
app.route('/api/v1', costItemApi);
app.route('/', costPages);
// Statements (fakturaunderlag): /api/v1/statements, /kostnader/fakturaunderlag[/:code[.csv]].
app.route('/api/v1', statementApi);
app.route('/', statementPages);
// Year closing and budget against outcome: /api/v1/cost-years, /api/v1/budget, /kostnader/budget, /kostnader/ar/:year/stang|oppna.
app.route('/api/v1', costYearApi);
app.route('/', costYearPages);
// Introduction of new applications (appendix F): /api/v1/initiatives, /initiativ.
app.route('/api/v1', initiativeApi);
app.route('/', initiativePages);
// Governing documents (styrdokument): /api/v1/documents, /styrdokument.
app.route('/api/v1', documentApi);
app.route('/', documentPages);
// Backup and restore (administrators): /api/v1/admin/backup, /api/v1/admin/restore, /sakerhetskopia.
app.route('/api/v1', backupApi);
app.route('/', backupPages);
// The change calendar: /api/v1/freeze-periods, /api/v1/changes, /api/v1/calendar-link, /andringar, the feed /kalender/<token>.ics.
app.route('/api/v1', changeApi);
app.route('/', changePages);
// Import and export: /dataoverforing, /export/*.xlsx|csv, /api/v1/imports, /api/v1/exports.
app.route('/api/v1', transferApi);
app.route('/', transferPages);
// The attention list (Att hantera): /api/v1/attention, /att-hantera; its section on the overview `/`.
app.route('/api/v1', attentionApi);
app.route('/', attentionPages);
// The API description, generated from the routes registered above: /api/v1/openapi.json, /api-dokumentation.
app.route('/', openApiRoutes(() => app.routes));

app.notFound((c) => (c.req.path.startsWith('/api/') ? c.json({ error: 'Hittades inte.' }, 404) : notFoundPage(c)));
app.onError((error, c) => {
  console.error(error);
  return c.req.path.startsWith('/api/') ? c.json({ error: 'Ett oväntat fel inträffade.' }, 500) : errorPage(c);
});
