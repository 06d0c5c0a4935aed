import { env, exports } from 'cloudflare:workers';

export type ApiResponse = { status: number; body: any };

/** Call the real Worker entry, as a client of `/api/v1` would. */
export async function api(method: string, path: string, body?: unknown): Promise<ApiResponse> {
  const response = await exports.default.fetch(new Request(`http://localhost/api/v1${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  }));
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

export async function page(path: string, init?: RequestInit) {
  return exports.default.fetch(new Request(`http://localhost${path}`, { redirect: 'manual', ...init }));
}

const tables = ['municipality', 'municipality_population', 'business_area', 'technical_subarea', 'application', 'product', 'installation', 'audit_event'];

/** Row counts of every table: "nothing was written" is the same snapshot before and after. */
export async function snapshot(): Promise<Record<string, number>> {
  const results = await env.DB.batch(tables.map((t) => env.DB.prepare(`SELECT count(*) AS n FROM ${t}`)));
  return Object.fromEntries(tables.map((t, i) => [t, (results[i]!.results[0] as { n: number }).n]));
}

export async function auditEvents(entity?: string) {
  const statement = entity
    ? env.DB.prepare('SELECT * FROM audit_event WHERE entity = ? ORDER BY id').bind(entity)
    : env.DB.prepare('SELECT * FROM audit_event ORDER BY id');
  return (await statement.all<Record<string, string>>()).results;
}

/** A small register: two municipalities, an area, a subarea, applications and products. */
export async function seedRegister() {
  const ok = (r: ApiResponse) => {
    if (r.status !== 201) throw new Error(`seed failed: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const bengtsfors = ok(await api('POST', '/municipalities', { code: '1460', name: 'Bengtsfors', populations: [{ year: 2024, population: 9260 }] }));
  const amal = ok(await api('POST', '/municipalities', { code: '1492', name: 'Åmål', populations: [{ year: 2024, population: 12020 }] }));
  const economy = ok(await api('POST', '/business-areas', { name: 'Ekonomi' }));
  const network = ok(await api('POST', '/subareas', { name: 'Nät och kommunikation' }));
  const finance = ok(await api('POST', '/applications', { name: 'Ekonomisystem', kind: 'common', businessAreaId: economy.id }));
  const firewall = ok(await api('POST', '/applications', { name: 'Brandvägg', kind: 'technical', subareaId: network.id }));
  const raindance = ok(await api('POST', '/products', { vendor: 'CGI', name: 'Raindance' }));
  const unit4 = ok(await api('POST', '/products', { vendor: 'Unit4', name: 'ERP' }));
  return { bengtsfors, amal, economy, network, finance, firewall, raindance, unit4 };
}
