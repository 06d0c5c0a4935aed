import { today } from '../clock.ts';
import { Hono, type Context } from 'hono';
import { PlacementPage } from '../../web/planning/placement.tsx';
import { PriorityPage } from '../../web/planning/priorities.tsx';
import { kindShort } from '../../web/labels.ts';
import { allow, permissions } from '../access/permissions.ts';
import { toCsv } from '../audit/csv.ts';
import type { AppEnv } from '../env.ts';
import { failureJson, query } from '../http.ts';
import { page } from '../pages.tsx';
import { validate } from '../validation.ts';
import { fairPlacement } from './placement.ts';
import { criteria, rankPriorities, type PriorityList, type Weights } from './priorities.ts';
import { placementSource, prioritySource } from './queries.ts';
import { criterionLabel, fromPageParams, weightParams, weightsQuery } from './schemas.ts';

type Ctx = Context<AppEnv>;

const priorities = async (c: Ctx, weights: Weights) => rankPriorities(await prioritySource(c.var.db), weights, today());

/** The page's (Swedish) parameters, checked; issues carry the page parameter as their path, so they land at their fields. */
function pageWeights(c: Ctx) {
  const parsed = validate(weightsQuery, fromPageParams(c.req.query()));
  if (parsed.ok) return parsed;
  return { ...parsed, issues: parsed.status === 400 ? parsed.issues.map((i) => ({ ...i, path: weightParams[i.path as keyof typeof weightParams] ?? i.path })) : [] };
}

/** A 0–1 figure as Swedish Excel reads a number: decimal comma, three decimals. */
const decimal = (n: number) => n.toFixed(3).replace('.', ',');

export const priorityCsvHeader = [
  'plats', 'applikation', 'typ', 'poäng',
  ...criteria.flatMap((c) => [criterionLabel[c].toLowerCase(), `bidrag: ${criterionLabel[c].toLowerCase()}`]),
  'kommuner som använder', 'kommuner i samverkan', 'samverkansnivå nu',
] as const;

/** The list as Swedish Excel opens it by double-click (BOM, semicolons, decimal comma). */
export const priorityCsv = (list: PriorityList) =>
  toCsv(priorityCsvHeader, list.candidates.map((k) => [
    k.rank, k.application.name, kindShort[k.application.kind], decimal(k.score),
    ...criteria.flatMap((c) => [decimal(k.criteria[c].value), decimal(k.criteria[c].contribution)]),
    k.members, list.municipalityCount, k.level,
  ]));

/**
 * Planning: the priority list (strategy 4.2) and fair placement of collaborations. Both read
 * in one D1 round trip and compute with pure functions shared by the pages and the API.
 */
export const planningRoutes = new Hono<AppEnv>()
  /**
   * `GET /api/v1/priorities?contracts=&functioning=&competence=&sameProduct=`: weights are whole
   * numbers 0–10, 1 when left out. See worker/planning/priorities.ts for the definitions.
   */
  .get('/api/v1/priorities', allow('read'), async (c) => {
    const weights = query(c, weightsQuery);
    if (!weights.ok) return failureJson(c, weights);
    const list = await priorities(c, weights.value);
    return c.json({
      ...list,
      candidates: list.candidates.map((k) => ({ ...k, startCollaboration: `/samverkan/ny?applikation=${k.application.id}` })),
    });
  })

  .get('/prioritering', allow('read'), async (c) => {
    const weights = pageWeights(c);
    const values = Object.fromEntries(criteria.map((k) => [weightParams[k], c.req.query(weightParams[k]) ?? ''])
      .filter(([, value]) => value !== ''));
    const mayStart = permissions.admin(c.var.actor);
    if (!weights.ok) {
      return page(c, 'Prioritering', '/prioritering', <PriorityPage list={undefined} values={values} issues={weights.issues} mayStart={mayStart} />, 400);
    }
    const list = await priorities(c, weights.value);
    return page(c, 'Prioritering', '/prioritering', <PriorityPage list={list} values={values} mayStart={mayStart} />);
  })

  /** The page's list as a file, with the page's weights (`?avtal=&funktion=&kompetens=&produkt=`). */
  .get('/prioritering.csv', allow('read'), async (c) => {
    const weights = pageWeights(c);
    if (!weights.ok) {
      const messages = weights.status === 400 ? weights.issues.map((i) => i.message).join(' ') : weights.error;
      return c.text(`Vikterna gick inte att förstå: ${messages}`, 400);
    }
    const list = await priorities(c, weights.value);
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="prioriteringslista-${list.today}.csv"`);
    c.header('Cache-Control', 'no-store');
    return c.body(priorityCsv(list));
  })

  /** `GET /api/v1/placement`: per municipality, hosting, ownership and administration against an even share. */
  .get('/api/v1/placement', allow('read'), async (c) => c.json(fairPlacement(await placementSource(c.var.db))))

  .get('/samverkan/fordelning', allow('read'), async (c) =>
    page(c, 'Rättvis fördelning', '/samverkan', <PlacementPage placement={fairPlacement(await placementSource(c.var.db))} />));
