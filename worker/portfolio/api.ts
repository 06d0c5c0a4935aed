import { Hono, type Context } from 'hono';
import { allow } from '../access/permissions.ts';
import type { AppEnv } from '../env.ts';
import { deleteVersion, failureJson, jsonBody, missing, pathId, query, respond } from '../http.ts';
import type { Outcome } from '../outcome.ts';
import {
  businessAreas, createApplication, createProduct, deleteApplication, deleteProduct, subareas, updateApplication, updateProduct,
} from './catalogue.ts';
import { createInstallation, deleteInstallation, updateInstallation } from './installations.ts';
import { buildMatrix } from './matrix.ts';
import { createMunicipality, deleteMunicipality, updateMunicipality } from './municipalities.ts';
import {
  findApplication, findBusinessArea, findInstallation, findSubarea, findMunicipality, findProduct, listApplications, listBusinessAreas, listInstallations,
  listMunicipalities, listProducts, listSubareas, matrixSource, type Application,
} from './queries.ts';
import { catalogueFilter, installationFilter, matrixFilter } from './schemas.ts';

type Ctx = Context<AppEnv>;
const db = (c: Ctx) => c.var.db;
const actor = (c: Ctx) => c.var.actor;

/** A write route: parse JSON, run the command shared with the pages, answer. */
const withBody = (run: (c: Ctx, body: unknown) => Promise<Outcome<unknown>>, status: 200 | 201 = 200) => async (c: Ctx) => {
  const body = await jsonBody(c);
  return respond(c, body.ok ? await run(c, body.value) : body, status);
};

const withId = (what: string, run: (c: Ctx, id: number) => Promise<Outcome<unknown>>, status: 200 | 201 = 200) => async (c: Ctx) => {
  const id = pathId(c);
  return respond(c, id === undefined ? missing(what) : await run(c, id), status);
};

const found = <T>(what: string, value: T | undefined): Outcome<T> => (value === undefined ? missing(what) : { ok: true, value });

/** The API speaks of the catalogue entry itself; the joined names are for the pages. */
const applicationJson = ({ subareaName: _s, businessAreaName: _b, ...app }: Application) => app;

const patchWith = (what: string, run: (c: Ctx, id: number, body: unknown) => Promise<Outcome<unknown>>) =>
  withId(what, async (c, id) => {
    const body = await jsonBody(c);
    return body.ok ? run(c, id, body.value) : body;
  });

function removeWith(what: string, remove: (c: Ctx, id: number, version?: number) => Promise<Outcome<void>>) {
  return withId(what, async (c, id) => {
    const version = deleteVersion(c);
    return version.ok ? remove(c, id, version.value) : version;
  });
}

export const portfolioApi = new Hono<AppEnv>()
  .get('/municipalities', allow('read'), async (c) => c.json(await listMunicipalities(db(c))))
  .post('/municipalities', allow('admin'), withBody((c, body) => createMunicipality(db(c), actor(c), body), 201))
  .get('/municipalities/:code', allow('read'), async (c) => respond(c, found('Kommunen', await findMunicipality(db(c), c.req.param('code')))))
  .patch('/municipalities/:code', allow('admin'), withBody((c, body) => updateMunicipality(db(c), actor(c), c.req.param('code')!, body)))
  .delete('/municipalities/:code', allow('admin'), async (c) => {
    const version = deleteVersion(c);
    return respond(c, version.ok ? await deleteMunicipality(db(c), actor(c), c.req.param('code'), version.value) : version);
  })

  .get('/business-areas', allow('read'), async (c) => c.json(await listBusinessAreas(db(c))))
  .post('/business-areas', allow('admin'), withBody((c, body) => businessAreas.create(db(c), actor(c), body), 201))
  .get('/business-areas/:id', allow('read'), withId('Verksamhetsområdet', async (c, id) => found('Verksamhetsområdet', await findBusinessArea(db(c), id))))
  .patch('/business-areas/:id', allow('admin'), patchWith('Verksamhetsområdet', (c, id, body) => businessAreas.update(db(c), actor(c), id, body)))
  .delete('/business-areas/:id', allow('admin'), removeWith('Verksamhetsområdet', (c, id, v) => businessAreas.remove(db(c), actor(c), id, v)))

  .get('/subareas', allow('read'), async (c) => c.json(await listSubareas(db(c))))
  .post('/subareas', allow('admin'), withBody((c, body) => subareas.create(db(c), actor(c), body), 201))
  .get('/subareas/:id', allow('read'), withId('Delområdet', async (c, id) => found('Delområdet', await findSubarea(db(c), id))))
  .patch('/subareas/:id', allow('admin'), patchWith('Delområdet', (c, id, body) => subareas.update(db(c), actor(c), id, body)))
  .delete('/subareas/:id', allow('admin'), removeWith('Delområdet', (c, id, v) => subareas.remove(db(c), actor(c), id, v)))

  .get('/applications', allow('read'), async (c) => {
    const filter = query(c, catalogueFilter);
    return filter.ok ? c.json((await listApplications(db(c), filter.value)).map(applicationJson)) : failureJson(c, filter);
  })
  .post('/applications', allow('admin'), withBody((c, body) => createApplication(db(c), actor(c), body), 201))
  .get('/applications/:id', allow('read'), withId('Applikationen', async (c, id) => {
    const app = await findApplication(db(c), id);
    return found('Applikationen', app && applicationJson(app));
  }))
  .patch('/applications/:id', allow('admin'), patchWith('Applikationen', (c, id, body) => updateApplication(db(c), actor(c), id, body)))
  .delete('/applications/:id', allow('admin'), removeWith('Applikationen', (c, id, v) => deleteApplication(db(c), actor(c), id, v)))

  .get('/products', allow('read'), async (c) => c.json(await listProducts(db(c))))
  .post('/products', allow('products'), withBody((c, body) => createProduct(db(c), actor(c), body), 201))
  .get('/products/:id', allow('read'), withId('Produkten', async (c, id) => found('Produkten', await findProduct(db(c), id))))
  .patch('/products/:id', allow('admin'), patchWith('Produkten', (c, id, body) => updateProduct(db(c), actor(c), id, body)))
  .delete('/products/:id', allow('admin'), removeWith('Produkten', (c, id, v) => deleteProduct(db(c), actor(c), id, v)))

  .get('/installations', allow('read'), async (c) => {
    const filter = query(c, installationFilter);
    return filter.ok ? c.json(await listInstallations(db(c), filter.value)) : failureJson(c, filter);
  })
  .post('/installations', allow('register'), withBody((c, body) => createInstallation(db(c), actor(c), body), 201))
  .get('/installations/:id', allow('read'), withId('Systemet', async (c, id) => found('Systemet', (await findInstallation(db(c), id))?.installation)))
  .patch('/installations/:id', allow('installations'), patchWith('Systemet', (c, id, body) => updateInstallation(db(c), actor(c), id, body)))
  .delete('/installations/:id', allow('register'), removeWith('Systemet', (c, id, v) => deleteInstallation(db(c), actor(c), id, v)))

  .get('/portfolio/matrix', allow('read'), async (c) => {
    const filter = query(c, matrixFilter);
    return filter.ok ? c.json(buildMatrix(await matrixSource(db(c), filter.value), filter.value.level)) : failureJson(c, filter);
  });
