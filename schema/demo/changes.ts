import { insert, literal } from './sql.ts';

/*
 * The change calendar's demo: the freeze periods of another member's IT guidelines (seed
 * 001, "Perioder för förändringsstopp") and a few planned changes. The seed's dated periods
 * (school start, grading weeks) depend on the school year, so they are windows here with
 * this school year's dates. Its "veckorna 16, 23, 44 och 23" names week 23 twice; read as
 * weeks 16, 23 and 44. Loaded as SQL, so the six weeks' notice (a rule for new freezes)
 * does not apply to these standing periods.
 */

const standing = 'Förändringsstopp enligt riktlinjerna: begränsad bemanning eller verksamhetskritiska händelser.';

const freezeRules = [
  { name: 'Sommarperiod', reason: `${standing} Semesterperioden.`, kind: 'weeks', scope: 'all', from_week: 27, to_week: 32 },
  { name: 'Årsskifte', reason: `${standing} Bokslut, löner och helger.`, kind: 'yearly', scope: 'all', from_month_day: '12-15', to_month_day: '01-15' },
  { name: 'Skolstart hösten 2026', reason: 'Utbildningsmiljön, från en vecka före till en vecka efter skolstarten 18 augusti.', kind: 'window', scope: 'education', from_date: '2026-08-11', to_date: '2026-08-25' },
  { name: 'Betygsveckor hösten 2026', reason: 'Utbildningsmiljön, tre veckor före terminsslutet 18 december.', kind: 'window', scope: 'education', from_date: '2026-11-28', to_date: '2026-12-18' },
  { name: 'Betygsveckor våren 2027', reason: 'Utbildningsmiljön, tre veckor före terminsslutet 11 juni.', kind: 'window', scope: 'education', from_date: '2027-05-22', to_date: '2027-06-11' },
  { name: 'Skolstart hösten 2027', reason: 'Utbildningsmiljön, från en vecka före till en vecka efter skolstarten 17 augusti.', kind: 'window', scope: 'education', from_date: '2027-08-10', to_date: '2027-08-24' },
  { name: 'Omdömesskrivning vecka 16', reason: 'Utbildningsmiljön: lärarna skriver omdömen.', kind: 'weeks', scope: 'education', from_week: 16, to_week: 16 },
  { name: 'Omdömesskrivning vecka 23', reason: 'Utbildningsmiljön: lärarna skriver omdömen.', kind: 'weeks', scope: 'education', from_week: 23, to_week: 23 },
  { name: 'Omdömesskrivning vecka 44', reason: 'Utbildningsmiljön: lärarna skriver omdömen.', kind: 'weeks', scope: 'education', from_week: 44, to_week: 44 },
] as const;

const installationOf = (code: string, application: string) => ({
  sql: `SELECT i.id FROM installation i JOIN application a ON a.id = i.application_id WHERE i.municipality_code = ${literal(code)} AND a.name = ${literal(application)} AND i.lifecycle <> 'retired' LIMIT 1`,
});

const plannedChanges = [
  {
    title: 'Ny version av ekonomisystemet', description: 'Leverantörens vårversion med nya rapporter.', starts_on: '2027-02-09', ends_on: null,
    environment: 'administration', municipality_code: '1492', installation: 'Ekonomisystem', risk_class: 'normal', exception_status: 'none',
  },
  {
    title: 'Säkerhetsuppdatering av brandväggarna', description: 'Månadens säkerhetsuppdateringar enligt standardrutinen.', starts_on: '2026-12-16', ends_on: null,
    environment: 'administration', municipality_code: null, installation: null, risk_class: 'standard', exception_status: 'none',
  },
  {
    title: 'Byte av trådlöst nät på skolorna', description: 'Nya accesspunkter i Bengtsfors skolor under sommarlovet.', starts_on: '2027-07-12', ends_on: '2027-07-16',
    environment: 'education', municipality_code: '1460', installation: null, risk_class: 'normal', exception_status: 'requested',
    risk_assessment: 'Skolorna är stängda; bara sommarskolan använder nätet. Leverantören finns på plats.', rollback_plan: 'De gamla accesspunkterna sitter kvar tills de nya är godkända.',
    exception_requested_by: 'redaktor.1460@demo.test',
  },
  {
    title: 'Utökad loggning i e-posten', description: 'Spårbarhet för all åtkomst till brevlådorna.', starts_on: '2027-01-12', ends_on: null,
    environment: 'administration', municipality_code: '1438', installation: 'E-post', risk_class: 'urgent', exception_status: 'approved',
    risk_assessment: 'Krävs efter en incident; ändringen påverkar inte användarna.', rollback_plan: 'Loggningsregeln stängs av i administrationsportalen.',
    exception_requested_by: 'redaktor.1438@demo.test', exception_decided_by: 'admin@demo.test', exception_decided_at: '2026-11-20T09:00:00.000Z',
  },
  {
    title: 'Ny version av lärplattformen', description: 'Nytt gränssnitt för inlämningar.', starts_on: '2027-01-20', ends_on: null,
    environment: 'education', municipality_code: '1460', installation: 'Lärplattform', risk_class: 'normal', exception_status: 'none',
  },
] as const;

export function changesDemoStatements(): string[] {
  return [
    ...freezeRules.map((r) => insert('freeze_rule', { ...r })),
    ...plannedChanges.map(({ installation, ...c }) => insert('planned_change', {
      ...c,
      installation_id: installation === null ? null : installationOf(c.municipality_code!, installation),
    })),
  ];
}
