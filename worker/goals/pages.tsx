import { eq, isNull } from 'drizzle-orm';
import { Hono, type Context } from 'hono';
import { collaboration } from '../../schema/collaboration.ts';
import { application, municipality } from '../../schema/portfolio.ts';
import type { Option } from '../../web/components/forms.tsx';
import { WhatIfPage } from '../../web/goals/what-if.tsx';
import { bySwedishName } from '../portfolio/sorting.ts';
import { validate } from '../validation.ts';
import { whatIfSchema } from './what-if.ts';
import { GoalBoardPage } from '../../web/goals/board.tsx';
import { GoalPage } from '../../web/goals/detail.tsx';
import { allow } from '../access/permissions.ts';
import type { AppEnv } from '../env.ts';
import { pathId } from '../http.ts';
import { notFoundPage, page } from '../pages.tsx';
import { today } from '../clock.ts';
import { goalBoard, goalDetail, whatIfGoals } from './queries.ts';

type Ctx = Context<AppEnv>;

/** How many of those that count, and of those that do not, a goal's page lists by default. */
const membersShown = 50;

/** The page's query string as a scenario; each filled group of fields is one change. */
function scenarioOf(c: Ctx, names: Map<string, string>) {
  const q = (name: string) => c.req.query(name) || undefined;
  const changes: unknown[] = [];
  const said: string[] = [];
  const num = (name: string) => (q(name) === undefined ? undefined : Number(q(name)));
  if (q('samverkan')) { changes.push({ type: 'setLevel', collaborationId: num('samverkan'), level: num('niva') }); said.push(`${names.get(`c${q('samverkan')}`) ?? 'samverkan'} går till nivå ${q('niva') ?? '?'}`); }
  if (q('gar_med_i')) { changes.push({ type: 'join', collaborationId: num('gar_med_i'), municipality: q('kommun') }); said.push(`${names.get(`m${q('kommun')}`) ?? 'kommunen'} går med i ${names.get(`c${q('gar_med_i')}`) ?? 'samverkan'}`); }
  const participants = c.req.queries('deltagare') ?? [];
  if (q('applikation')) { changes.push({ type: 'newCollaboration', applicationId: num('applikation'), level: num('ny_niva'), participants }); said.push(`en ny samverkan om ${names.get(`a${q('applikation')}`) ?? 'applikationen'} på nivå ${q('ny_niva') ?? '?'}`); }
  return { input: { changes }, description: said.join(' och '), participants };
}

export const goalPages = new Hono<AppEnv>()
  .get('/mal/tank-om', allow('read'), async (c) => {
    const db = c.var.db;
    const [collaborations, members, apps] = await db.batch([
      db.select({ id: collaboration.id, name: application.name, level: collaboration.level }).from(collaboration)
        .innerJoin(application, eq(collaboration.applicationId, application.id)).where(isNull(collaboration.endedOn)),
      db.select({ code: municipality.code, name: municipality.name }).from(municipality),
      db.select({ id: application.id, name: application.name }).from(application),
    ]);
    const names = new Map<string, string>([
      ...collaborations.map((x): [string, string] => [`c${x.id}`, `samverkan om ${x.name}`]),
      ...members.map((m): [string, string] => [`m${m.code}`, m.name]),
      ...apps.map((a): [string, string] => [`a${a.id}`, a.name]),
    ]);
    const options = {
      collaborations: collaborations.sort(bySwedishName).map((x): Option => ({ value: String(x.id), label: `${x.name} (nivå ${x.level})` })),
      municipalities: members.sort(bySwedishName).map((m): Option => ({ value: m.code, label: m.name })),
      applications: apps.sort(bySwedishName).map((a): Option => ({ value: String(a.id), label: a.name })),
    };
    const { input, description, participants } = scenarioOf(c, names);
    const values = Object.fromEntries(['samverkan', 'niva', 'gar_med_i', 'kommun', 'applikation', 'ny_niva'].map((k) => [k, c.req.query(k) ?? '']));
    if (input.changes.length === 0) return page(c, 'Tänk om', '/mal', <WhatIfPage {...options} values={values} participants={participants} />);
    const parsed = validate(whatIfSchema, input);
    if (!parsed.ok) {
      const issues = parsed.status === 400 ? parsed.issues.map((i) => ({ path: '', message: i.message })) : [];
      return page(c, 'Tänk om', '/mal', <WhatIfPage {...options} values={values} participants={participants} issues={issues} />, 400);
    }
    const rows = await whatIfGoals(db, c.env.DB, parsed.value);
    return page(c, 'Tänk om', '/mal', <WhatIfPage {...options} values={values} participants={participants} rows={rows} description={description} />);
  })
  .get('/mal', allow('read'), async (c) =>
    page(c, 'Mål', '/mal', <GoalBoardPage goals={await goalBoard(c.var.db, c.env.DB, today())} admin={c.var.actor.role === 'admin'} />))
  .get('/mal/:id{[0-9]+}', allow('read'), async (c) => {
    const id = pathId(c);
    // Nationally a population is tens of thousands of installations: the page lists the first of each kind unless asked for all.
    const members = c.req.query('visa') === 'alla' ? undefined : membersShown;
    const goal = id === undefined ? undefined : await goalDetail(c.var.db, c.env.DB, id, today(), { members });
    return goal ? page(c, goal.title, '/mal', <GoalPage g={goal} admin={c.var.actor.role === 'admin'} />) : notFoundPage(c);
  });
