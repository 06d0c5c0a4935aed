import {
  accounts, applications, businessAreas, demoPasswordHash, demoTotpKeyHex, installations, municipalities, people, populationYears, products,
  roleAssignments, technicalSubareas, collaborations, demoStrategy, goals, goalMeasurements,
} from './data.ts';
import { actionPlan } from './data.ts';
import { costDemoStatements } from './costs.ts';
import { changesDemoStatements } from './changes.ts';
import { initiativesDemoStatements } from './initiatives.ts';
import { documentsDemoStatements } from './documents.ts';

/*
 * The demo data as SQL for a database created by the migrations and still empty. Pure: used
 * by `npm start` (written to a file for `wrangler d1 execute`) and by tests (`env.DB.batch`).
 * Foreign keys are resolved by natural keys in subqueries, so no ids are assumed.
 */

/** `n` is 0 on an empty database: load the demo only then (loading twice violates unique keys). */
export const isDemoLoadedSql = 'SELECT count(*) AS n FROM municipality';

type Value = string | number | boolean | null;

/** A SQL literal: strings quoted with '' escaping, booleans as 0/1, integers only. */
export function literal(value: Value): string {
  if (value === null) return 'NULL';
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new Error(`demo data: ${value} is not an integer`);
    return String(value);
  }
  return `'${value.replaceAll("'", "''")}'`;
}

export function insert(table: string, row: Record<string, Value | { sql: string }>): string {
  const columns = Object.keys(row);
  const values = Object.values(row).map((v) => (v !== null && typeof v === 'object' ? `(${v.sql})` : literal(v)));
  return `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${values.join(', ')})`;
}

const idOf = (table: 'business_area' | 'technical_subarea' | 'application', name: string) =>
  ({ sql: `SELECT id FROM ${table} WHERE name = ${literal(name)}` });
const productId = (vendor: string, name: string) =>
  ({ sql: `SELECT id FROM product WHERE vendor = ${literal(vendor)} AND name = ${literal(name)}` });

/** One INSERT per row, in foreign-key order. */
export function demoStatements(): string[] {
  return [
    ...municipalities.map((m) => insert('municipality', { code: m.code, name: m.name })),
    ...municipalities.flatMap((m) => populationYears.map((year) =>
      insert('municipality_population', { municipality_code: m.code, year, population: m.population[year] }))),
    ...businessAreas.map((name) => insert('business_area', { name })),
    ...technicalSubareas.map((name) => insert('technical_subarea', { name })),
    ...applications.map((a) => insert('application', {
      name: a.name,
      kind: a.kind,
      subarea_id: a.subarea === null ? null : idOf('technical_subarea', a.subarea),
      business_area_id: idOf('business_area', a.businessArea),
      description: a.description,
    })),
    ...products.map((p) => insert('product', { vendor: p.vendor, name: p.name })),
    ...installations.map((i) => insert('installation', {
      municipality_code: i.municipalityCode,
      application_id: idOf('application', i.application),
      product_id: productId(i.productVendor, i.productName),
      product_version: i.productVersion,
      administration: i.administration,
      lifecycle: i.lifecycle,
      users: i.users,
      licence_cost_ore: i.licenceCostOre,
      operations_cost_ore: i.operationsCostOre,
      contract_end: i.contractEnd,
      notice_months: i.noticeMonths,
      confirmed_on: i.confirmedOn,
      function_score: i.functionScore,
      competence_risk: i.competenceRisk,
      criticality: i.criticality,
      confidentiality_class: i.confidentialityClass,
      integrity_class: i.integrityClass,
      availability_class: i.availabilityClass,
      single_sign_on: i.singleSignOn,
      two_factor: i.twoFactor,
      traceability: i.traceability,
      operating_agreement: i.operatingAgreement,
      notes: i.notes,
    })),
    ...accounts.map((a) => insert('user', {
      email: a.email, name: a.name, role: a.role, password_hash: demoPasswordHash,
      totp_key: a.totp ? { sql: `X'${demoTotpKeyHex}'` } : null,
    })),
    ...accounts.flatMap((a) => a.municipalities.map((code) => insert('user_municipality', {
      user_id: { sql: `SELECT id FROM user WHERE email = ${literal(a.email)}` }, municipality_code: code,
    }))),
    ...people.map((p) => insert('person', { name: p.name, email: p.email, phone: p.phone, municipality_code: p.municipalityCode, title: p.title })),
    ...roleAssignments.map((r) => insert('role_assignment', {
      person_id: { sql: `SELECT id FROM person WHERE email = ${literal(r.personEmail)}` },
      role: r.role,
      installation_id: r.installation === null ? null : {
        sql: `SELECT i.id FROM installation i JOIN application a ON a.id = i.application_id WHERE i.municipality_code = ${literal(r.installation.municipalityCode)} AND a.name = ${literal(r.installation.application)} AND i.lifecycle <> 'retired'`,
      },
    })),
    insert('strategy', { name: demoStrategy.name, period_from: demoStrategy.periodFrom, period_to: demoStrategy.periodTo }),
    ...goals.map((g, i) => insert('goal', {
      strategy_id: { sql: `SELECT id FROM strategy WHERE name = ${literal(demoStrategy.name)}` },
      key: g.key, title: g.title, description: g.description, area: g.area, type: g.type,
      definition: g.definition === null ? null : JSON.stringify(g.definition), unit: g.unit, target: g.target === null ? null : { sql: String(g.target) },
      comparison: g.comparison, deadline: g.deadline, public: g.public, sort_order: i,
    })),
    ...goalMeasurements.map((m) => insert('goal_measurement', {
      goal_id: { sql: `SELECT id FROM goal WHERE key = ${literal(m.goal)}` }, period: m.period, value: { sql: String(m.value) }, comment: m.comment, actor: 'demodata',
    })),
    ...collaborations.flatMap((c) => {
      // Each collaboration's rows follow its own insert, so the newest id is its id.
      const newest = { sql: "SELECT seq FROM sqlite_sequence WHERE name = 'collaboration'" };
      const app = idOf('application', c.application);
      return [
        insert('collaboration', {
          application_id: app, level: c.level, host_code: c.host,
          owner_id: c.owner === null ? null : { sql: `SELECT id FROM person WHERE name = ${literal(c.owner)}` },
          scope: c.scope, decision_reference: c.decisionReference, decision_date: c.decisionDate, valid_from: c.validFrom,
        }),
        ...c.participants.map((code) => insert('collaboration_participant', { collaboration_id: newest, municipality_code: code, application_id: app })),
        ...c.history.map((h) => insert('collaboration_level_event', { collaboration_id: newest, level: h.level, on: h.on, note: h.note, actor: 'demodata' })),
      ];
    }),
    ...initiativesDemoStatements(),
    // The change calendar: freeze periods (seed 001) and planned changes.
    ...changesDemoStatements(),
    // Governing documents: owners are people above, system security plans cover installations.
    ...documentsDemoStatements(),
    // Cost sharing: keys, the collaborations' agreed keys, 2023 closed and 2024 open.
    ...costDemoStatements(),
    // Last: the action plan refers to the strategy, its goals and the people above.
    ...actionPlanStatements(),
  ];
}

/** The statements as one SQL script, for `wrangler d1 execute --file`. */
export function demoScript(): string {
  return demoStatements().map((s) => `${s};\n`).join('');
}

/**
 * The action plan (strategy appendix G) in the demo strategy. Strategy, people and goals are
 * found by name and key in subqueries; a goal that is not there simply gets no link row.
 */
export function actionPlanStatements(): string[] {
  const strategyId = `SELECT id FROM strategy WHERE name = ${literal(demoStrategy.name)}`;
  const actionId = (title: string) => ({ sql: `SELECT id FROM action_item WHERE title = ${literal(title)} AND strategy_id = (${strategyId})` });
  return actionPlan.flatMap((a) => [
    insert('action_item', {
      strategy_id: { sql: strategyId }, title: a.title, description: a.description, due: a.due,
      owner_id: a.owner === null ? null : { sql: `SELECT id FROM person WHERE name = ${literal(a.owner)}` },
      owner_text: a.ownerText, status: a.status,
    }),
    ...a.goals.map((key) => `INSERT INTO "action_item_goal" ("action_id", "goal_id") SELECT (${actionId(a.title).sql}), g.id FROM goal g `
      + `WHERE g.key = ${literal(key)} AND g.strategy_id = (${strategyId})`),
    ...a.notes.map((n) => insert('action_note', { action_id: actionId(a.title), on: n.on, text: n.text, actor: n.actor })),
  ]);
}
