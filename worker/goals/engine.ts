import type { GoalDefinition } from './definition.ts';

/**
 * Computed goals evaluated in SQL: a definition becomes queries over the register, so D1
 * does the counting and only the figures (or, for the "why", the members) come back.
 * Plain SQL with `?` parameters, run with D1's own `batch` so a whole dashboard is one
 * round trip.
 *
 * Written for D1 at national size (290 members, ~45 000 installations): D1's SQLite plans
 * without statistics and does not reliably build automatic indexes, so a join or correlated
 * lookup that misses a declared index reads every installation once per row (a goal's page
 * took 1.6 s that way). Every lookup here goes through a declared index, and installations
 * are read through two covering ones (by application: `installation_goal_idx`; by member:
 * `installation_goal_member_idx`, schema/portfolio.ts) without touching the table.
 * test/goals-national.test.ts checks the plans.
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
      // Every member has it in use, and exactly one product is in use. A member has at most one
      // current installation of an application (the unique index installation_current), so
      // counting the installations in use counts the members using it.
      text: `(SELECT count(*) = (SELECT count(*) FROM municipality) AND min(i.product_id) = max(i.product_id)
        FROM installation i WHERE i.application_id = a.id AND ${inUse('i')})`,
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

/**
 * Which installations are in the population (`i` is the installation). How the kinds are
 * tested decides which index SQLite uses: `seek` looks up each application of the kinds in
 * installation_goal_idx (for the figures); `scan` only filters the installations read by
 * member (the `+` keeps SQLite from seeking by application instead); `application` tests the
 * joined application `a`, again without its index, so the applications are walked by name.
 */
function installationFilter(def: InstallationsDefinition, kindsBy: 'seek' | 'scan' | 'application' = 'seek'): Query {
  const filters: string[] = [inUse('i')];
  const params: (string | number)[] = [];
  if (def.kinds) {
    const kinds = placeholders(def.kinds);
    filters.push(kindsBy === 'application' ? `+a.kind IN (${kinds})` : `${kindsBy === 'scan' ? '+' : ''}i.application_id IN (SELECT id FROM application WHERE kind IN (${kinds}))`);
    params.push(...def.kinds);
  }
  if (def.confidentialityAtLeast) { filters.push('i.confidentiality_class >= ?'); params.push(def.confidentialityAtLeast); }
  return { text: filters.join(' AND '), params };
}

const weightOf = (def: InstallationsDefinition) => (def.weight === 'users' ? 'i.users' : '1');
const flagOf = (def: InstallationsDefinition) => `i.${columnOf[def.condition.field]}`;

/** Which members to list: those that count, those that do not, or all; at most `limit` of them (by name). */
export type MemberSelection = { ok?: boolean; limit?: number };

/**
 * Who is in the population and who counts: the goal's "why", ordered by name. Columns: `id`,
 * `name`, `ok`, and for installations `municipality`, `municipality_name` and the weight `w`.
 */
export function membersQuery(def: GoalDefinition, selection: MemberSelection = {}): Query {
  const only = (ok: string) => (selection.ok === undefined ? '' : ` AND ${ok} = ${selection.ok ? 1 : 0}`);
  const limit = selection.limit === undefined ? '' : ` LIMIT ${Math.max(0, Math.floor(selection.limit))}`;
  if (def.population === 'applications') {
    const members = applicationMembers(def);
    return { text: `SELECT * FROM (${members.text}) WHERE 1${only('ok')} ORDER BY name${limit}`, params: members.params };
  }
  const filter = installationFilter(def, 'application');
  return {
    // By application, then member: CROSS JOIN keeps the applications outermost (SQLite does not
    // reorder it), so they are walked by name and the walk stops at the limit instead of sorting
    // every installation.
    text: `SELECT i.id AS id, a.name || ' i ' || m.name AS name, i.municipality_code AS municipality, m.name AS municipality_name,
        ${weightOf(def)} AS w, ${flagOf(def)} AS ok
      FROM application a CROSS JOIN installation i ON i.application_id = a.id CROSS JOIN municipality m ON m.code = i.municipality_code
      WHERE ${filter.text}${only(flagOf(def))} ORDER BY a.name, m.name${limit}`,
    params: filter.params,
  };
}

/**
 * The figures: numerator and denominator, per subarea where the goal is evaluated per
 * subarea; `members` and `counted` are how many are in the population and how many count
 * (for a goal weighted by users, the numerator and denominator are users).
 */
export function figuresQuery(def: GoalDefinition): Query {
  if (def.population === 'installations') {
    const filter = installationFilter(def);
    return {
      text: `SELECT NULL AS subarea_id, NULL AS subarea_name, coalesce(sum(${weightOf(def)} * ${flagOf(def)}), 0) AS numerator, coalesce(sum(${weightOf(def)}), 0) AS denominator,
          count(*) AS members, coalesce(sum(${flagOf(def)}), 0) AS counted
        FROM installation i WHERE ${filter.text}`,
      params: filter.params,
    };
  }
  const members = applicationMembers(def);
  const sums = 'coalesce(sum(ok), 0) AS numerator, count(*) AS denominator, count(*) AS members, coalesce(sum(ok), 0) AS counted';
  return def.perSubarea
    ? { text: `SELECT subarea_id, subarea_name, ${sums} FROM (${members.text}) GROUP BY subarea_id ORDER BY subarea_name`, params: members.params }
    : { text: `SELECT NULL AS subarea_id, NULL AS subarea_name, ${sums} FROM (${members.text})`, params: members.params };
}

/**
 * The same figures per member municipality. For application goals a member's share is taken
 * over the applications of the population it uses itself: for a level goal, those where it
 * takes part in an active collaboration at the level; otherwise those meeting the condition.
 * The members are walked in order and each one's installations read from
 * installation_goal_member_idx, so nothing is sorted but the members by name.
 */
export function breakdownQuery(def: GoalDefinition): Query {
  const perMember = (ctes: Query, join: Query, numerator: string, denominator: string): Query => ({
    text: `${ctes.text} SELECT m.code AS code, m.name AS name, coalesce(${numerator}, 0) AS numerator, coalesce(${denominator}, 0) AS denominator
      FROM municipality m LEFT JOIN installation i ON i.municipality_code = m.code AND ${join.text}
      GROUP BY m.code ORDER BY m.name`,
    params: [...ctes.params, ...join.params],
  });
  const none = { text: '', params: [] };
  if (def.population === 'installations') {
    const flag = flagOf(def);
    return def.weight === 'users'
      ? perMember(none, installationFilter(def, 'scan'), `sum(i.users * ${flag})`, 'sum(i.users)')
      : perMember(none, installationFilter(def, 'scan'), `sum(${flag})`, 'count(i.id)');
  }
  // The population once, whole, before the members are walked.
  const members = applicationMembers(def);
  const join = { text: `${inUse('i')} AND +i.application_id IN (SELECT id FROM x)`, params: [] };
  if (def.condition.type === 'sameProductEverywhere') {
    return perMember({ text: `WITH x AS MATERIALIZED (${members.text})`, params: members.params }, join, 'sum(i.application_id IN (SELECT id FROM x WHERE ok))', 'count(i.id)');
  }
  // Counted from the participations, which are few: a member takes part at most once per
  // application (participant_one_active_per_application) and uses it at most once (installation_current).
  return perMember({
    text: `WITH x AS MATERIALIZED (${members.text}),
      taking_part AS MATERIALIZED (
        SELECT p.municipality_code AS code, count(*) AS n FROM collaboration_participant p JOIN collaboration c ON c.id = p.collaboration_id
        WHERE p.active = 1 AND c.ended_on IS NULL AND c.level >= ? AND p.application_id IN (SELECT id FROM x)
          AND EXISTS (SELECT 1 FROM installation i WHERE i.municipality_code = p.municipality_code AND i.application_id = p.application_id AND ${inUse('i')})
        GROUP BY p.municipality_code)`,
    params: [...members.params, def.condition.level],
  }, join, '(SELECT n FROM taking_part t WHERE t.code = m.code)', 'count(i.id)');
}

export type FiguresRow = { subarea_id: number | null; subarea_name: string | null; numerator: number; denominator: number; members?: number; counted?: number };
export type Figures = { numerator: number; denominator: number; value: number | null };
export type Evaluation = Figures & { subareas?: (Figures & { id: number; name: string })[] };

const share = (numerator: number, denominator: number): Figures => ({ numerator, denominator, value: denominator > 0 ? numerator / denominator : null });

/** Pure: the goal's value from the rows of `figuresQuery`; per subarea, the lowest subarea counts. */
export function evaluation(def: GoalDefinition, rows: FiguresRow[]): Evaluation {
  if (def.population === 'applications' && def.perSubarea) {
    const subareas = rows.map((r) => ({ id: r.subarea_id ?? 0, name: r.subarea_name ?? 'Utan delområde', ...share(r.numerator, r.denominator) }));
    const lowest = subareas.filter((s) => s.value !== null).sort((a, b) => a.value! - b.value!)[0];
    return { ...(lowest ? share(lowest.numerator, lowest.denominator) : share(0, 0)), subareas };
  }
  const row = rows[0];
  return share(row?.numerator ?? 0, row?.denominator ?? 0);
}

/** Pure: how many are in the population and how many of them count, from the rows of `figuresQuery`. */
export const memberCounts = (rows: FiguresRow[]) => ({
  members: rows.reduce((n, r) => n + (r.members ?? 0), 0),
  counted: rows.reduce((n, r) => n + (r.counted ?? 0), 0),
});

/** Run queries in one D1 round trip. */
export async function runAll<T = Record<string, unknown>>(d1: D1Database, queries: Query[]): Promise<T[][]> {
  if (queries.length === 0) return [];
  const results = await d1.batch(queries.map((q) => d1.prepare(q.text).bind(...q.params)));
  return results.map((r) => r.results as T[]);
}
