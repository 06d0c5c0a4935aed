import type { GoalDefinition } from './definition.ts';

/**
 * Computed goals evaluated in SQL: a definition becomes queries over the register, so D1
 * does the counting and only the figures (or, for the "why", the members) come back.
 * Plain SQL with `?` parameters, run with D1's own `batch` so a whole dashboard is one
 * round trip.
 */
export type Query = { text: string; params: (string | number)[] };

const inUse = (alias: string) => `${alias}.lifecycle IN ('active', 'retiring')`;
const placeholders = (values: unknown[]) => values.map(() => '?').join(', ');
const columnOf = { traceability: 'traceability', operatingAgreement: 'operating_agreement', twoFactor: 'two_factor', singleSignOn: 'single_sign_on' } as const;

type ApplicationsDefinition = Extract<GoalDefinition, { population: 'applications' }>;
type InstallationsDefinition = Extract<GoalDefinition, { population: 'installations' }>;

/** The application population with, per application, whether it meets the condition (`ok` 0/1). */
function applicationMembers(def: ApplicationsDefinition): Query {
  const condition = def.condition.type === 'levelAtLeast'
    ? { text: `EXISTS (SELECT 1 FROM collaboration c WHERE c.application_id = a.id AND c.ended_on IS NULL AND c.level >= ?)`, params: [def.condition.level] }
    : {
      // Every member has it in use, and exactly one product is in use.
      text: `(SELECT count(*) FROM municipality) > 0
        AND NOT EXISTS (SELECT 1 FROM municipality m WHERE NOT EXISTS (
          SELECT 1 FROM installation i WHERE i.application_id = a.id AND i.municipality_code = m.code AND ${inUse('i')}))
        AND (SELECT count(DISTINCT i.product_id) FROM installation i WHERE i.application_id = a.id AND ${inUse('i')}) = 1`,
      params: [],
    };
  return {
    text: `SELECT a.id AS id, a.name AS name, a.subarea_id AS subarea_id, t.name AS subarea_name, (${condition.text}) AS ok
      FROM application a LEFT JOIN technical_subarea t ON t.id = a.subarea_id
      WHERE a.kind IN (${placeholders(def.kinds)})
        AND EXISTS (SELECT 1 FROM installation i WHERE i.application_id = a.id AND ${inUse('i')})`,
    params: [...condition.params, ...def.kinds],
  };
}

/** The installation population with its weight (`w`) and whether the flag is set (`ok`). */
function installationMembers(def: InstallationsDefinition): Query {
  const filters: string[] = [inUse('i')];
  const params: (string | number)[] = [];
  if (def.kinds) { filters.push(`a.kind IN (${placeholders(def.kinds)})`); params.push(...def.kinds); }
  if (def.confidentialityAtLeast) { filters.push('i.confidentiality_class >= ?'); params.push(def.confidentialityAtLeast); }
  return {
    text: `SELECT i.id AS id, a.name || ' i ' || m.name AS name, i.municipality_code AS municipality, m.name AS municipality_name,
        ${def.weight === 'users' ? 'i.users' : '1'} AS w, i.${columnOf[def.condition.field]} AS ok
      FROM installation i JOIN application a ON a.id = i.application_id JOIN municipality m ON m.code = i.municipality_code
      WHERE ${filters.join(' AND ')}`,
    params,
  };
}

/** Who is in the population and who counts: the goal's "why". */
export function membersQuery(def: GoalDefinition): Query {
  const members = def.population === 'applications' ? applicationMembers(def) : installationMembers(def);
  return { text: `${members.text} ORDER BY name`, params: members.params };
}

/** The figures: numerator and denominator, per subarea where the goal is evaluated per subarea. */
export function figuresQuery(def: GoalDefinition): Query {
  if (def.population === 'installations') {
    const members = installationMembers(def);
    return { text: `SELECT NULL AS subarea_id, NULL AS subarea_name, coalesce(sum(w * ok), 0) AS numerator, coalesce(sum(w), 0) AS denominator FROM (${members.text})`, params: members.params };
  }
  const members = applicationMembers(def);
  return def.perSubarea
    ? { text: `SELECT subarea_id, subarea_name, sum(ok) AS numerator, count(*) AS denominator FROM (${members.text}) GROUP BY subarea_id ORDER BY subarea_name`, params: members.params }
    : { text: `SELECT NULL AS subarea_id, NULL AS subarea_name, coalesce(sum(ok), 0) AS numerator, count(*) AS denominator FROM (${members.text})`, params: members.params };
}

/**
 * The same figures per member municipality. For application goals a member's share is taken
 * over the applications of the population it uses itself: for a level goal, those where it
 * takes part in an active collaboration at the level; otherwise those meeting the condition.
 */
export function breakdownQuery(def: GoalDefinition): Query {
  if (def.population === 'installations') {
    const members = installationMembers(def);
    return {
      text: `SELECT m.code AS code, m.name AS name, coalesce(sum(x.w * x.ok), 0) AS numerator, coalesce(sum(x.w), 0) AS denominator
        FROM municipality m LEFT JOIN (${members.text}) x ON x.municipality = m.code GROUP BY m.code ORDER BY m.name`,
      params: members.params,
    };
  }
  const members = applicationMembers(def);
  const own = def.condition.type === 'levelAtLeast'
    ? { text: `EXISTS (SELECT 1 FROM collaboration_participant p JOIN collaboration c ON c.id = p.collaboration_id
        WHERE p.application_id = x.id AND p.municipality_code = m.code AND p.active = 1 AND c.ended_on IS NULL AND c.level >= ?)`, params: [def.condition.level] }
    : { text: 'x.ok', params: [] };
  return {
    text: `SELECT m.code AS code, m.name AS name, coalesce(sum(CASE WHEN x.id IS NULL THEN 0 WHEN ${own.text} THEN 1 ELSE 0 END), 0) AS numerator, count(x.id) AS denominator
      FROM municipality m
      LEFT JOIN installation i ON i.municipality_code = m.code AND ${inUse('i')}
      LEFT JOIN (${members.text}) x ON x.id = i.application_id
      GROUP BY m.code ORDER BY m.name`,
    params: [...own.params, ...members.params],
  };
}

export type Figures = { numerator: number; denominator: number; value: number | null };
export type Evaluation = Figures & { subareas?: (Figures & { id: number; name: string })[] };

const share = (numerator: number, denominator: number): Figures => ({ numerator, denominator, value: denominator > 0 ? numerator / denominator : null });

/** Pure: the goal's value from the rows of `figuresQuery`; per subarea, the lowest subarea counts. */
export function evaluation(def: GoalDefinition, rows: { subarea_id: number | null; subarea_name: string | null; numerator: number; denominator: number }[]): Evaluation {
  if (def.population === 'applications' && def.perSubarea) {
    const subareas = rows.map((r) => ({ id: r.subarea_id ?? 0, name: r.subarea_name ?? 'Utan delområde', ...share(r.numerator, r.denominator) }));
    const lowest = subareas.filter((s) => s.value !== null).sort((a, b) => a.value! - b.value!)[0];
    return { ...(lowest ? share(lowest.numerator, lowest.denominator) : share(0, 0)), subareas };
  }
  const row = rows[0];
  return share(row?.numerator ?? 0, row?.denominator ?? 0);
}

/** Run queries in one D1 round trip. */
export async function runAll<T = Record<string, unknown>>(d1: D1Database, queries: Query[]): Promise<T[][]> {
  if (queries.length === 0) return [];
  const results = await d1.batch(queries.map((q) => d1.prepare(q.text).bind(...q.params)));
  return results.map((r) => r.results as T[]);
}
