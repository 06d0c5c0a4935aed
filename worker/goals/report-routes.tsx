import { Hono } from 'hono';
import { PageHeader } from '../../web/components/page.tsx';
import { ReportForm, ReportListPage, ReportPage } from '../../web/goals/reports.tsx';
import { allow } from '../access/permissions.ts';
import type { AppEnv } from '../env.ts';
import { failureJson, jsonBody, missing, respond, routeId } from '../http.ts';
import { notFoundPage, page } from '../pages.tsx';
import { today } from '../clock.ts';
import { createReport, findReport, listReports, updateReport } from './reports.ts';

export const reportRoutes = new Hono<AppEnv>()
  .get('/api/v1/reports', allow('read'), async (c) => c.json(await listReports(c.var.db)))
  .post('/api/v1/reports', allow('admin'), async (c) => {
    const body = await jsonBody(c);
    return respond(c, body.ok ? await createReport(c.var.db, c.env.DB, c.var.actor, body.value, today()) : body, 201);
  })
  .get('/api/v1/reports/:id{[0-9]+}', allow('read'), async (c) => {
    const report = await findReport(c.var.db, routeId(c));
    return report ? c.json(report) : failureJson(c, missing('Rapporten'));
  })
  .patch('/api/v1/reports/:id{[0-9]+}', allow('admin'), async (c) => {
    const body = await jsonBody(c);
    return respond(c, body.ok ? await updateReport(c.var.db, c.var.actor, routeId(c), body.value) : body);
  })

  .get('/lagesrapporter', allow('read'), async (c) =>
    page(c, 'Lägesrapporter', '/mal', <ReportListPage reports={await listReports(c.var.db)} admin={c.var.actor.role === 'admin'} today={today()} />))
  .post('/lagesrapporter', allow('admin'), async (c) => {
    const form = await c.req.parseBody();
    const values = { title: String(form.title ?? ''), reportDate: String(form.reportDate ?? '') };
    const outcome = await createReport(c.var.db, c.env.DB, c.var.actor, values, today());
    if (outcome.ok) return c.redirect(`/lagesrapporter/${outcome.value.id}`, 303);
    return page(c, 'Lägesrapporter', '/mal', <ReportListPage reports={await listReports(c.var.db)} admin today={today()} values={values}
      issues={outcome.status === 400 ? outcome.issues : [{ path: '', message: outcome.error }]} />, outcome.status);
  })
  .get('/lagesrapporter/:id{[0-9]+}', allow('read'), async (c) => {
    const report = await findReport(c.var.db, routeId(c));
    return report ? page(c, report.title, '/mal', <ReportPage report={report} admin={c.var.actor.role === 'admin'} />) : notFoundPage(c);
  })
  .get('/lagesrapporter/:id{[0-9]+}/andra', allow('admin'), async (c) => {
    const report = await findReport(c.var.db, routeId(c));
    if (!report) return notFoundPage(c);
    return page(c, `Ändra ${report.title}`, '/mal', <><PageHeader title={`Analys: ${report.title}`} crumbs={[{ href: `/lagesrapporter/${report.id}`, label: report.title }]} /><ReportForm report={report} /></>);
  })
  .post('/lagesrapporter/:id{[0-9]+}/andra', allow('admin'), async (c) => {
    const id = routeId(c);
    const form = await c.req.parseBody();
    const analysis = Object.fromEntries(Object.entries(form).filter(([k, v]) => k.startsWith('analysis.') && typeof v === 'string').map(([k, v]) => [k.slice('analysis.'.length), v]));
    const outcome = await updateReport(c.var.db, c.var.actor, id, {
      version: Number(form.version), title: String(form.title ?? ''), analysis, ...(form.issued ? { issued: true } : {}),
    });
    if (outcome.ok) return c.redirect(`/lagesrapporter/${id}`, 303);
    const report = await findReport(c.var.db, id);
    if (!report) return notFoundPage(c);
    return page(c, 'Ändra rapport', '/mal', <><PageHeader title={`Analys: ${report.title}`} /><ReportForm report={report}
      issues={outcome.status === 400 ? outcome.issues : []} error={outcome.status === 400 ? undefined : outcome.error} /></>, outcome.status);
  });
