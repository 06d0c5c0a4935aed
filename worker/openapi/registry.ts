/**
 * What the routes themselves cannot tell the API description: per route ("METHOD /hono/path",
 * exactly as registered) a summary, its tag, and the SAME valibot schemas its command validates
 * the body and the query with — imported from the areas, never copied. Paths, methods and
 * permissions come from the app (worker/openapi/document.ts). test/openapi.test.ts fails when a
 * registered /api/v1 route has no entry here, or a changing route neither names its body schema
 * nor is listed in `bodyless`.
 */
import * as v from 'valibot';
import { codeSchema as accountCodeSchema, enrolSchema, passwordChange } from '../access/account.ts';
import { tokenCreate } from '../access/api-tokens.ts';
import { acceptSchema } from '../access/invitations.ts';
import { loginSchema } from '../access/login.ts';
import type { Permission } from '../access/permissions.ts';
import { userCreate, userPatch } from '../access/users.ts';
import { attentionFilter } from '../attention/routes.tsx';
import { auditFilter } from '../audit/schemas.ts';
import { documentSchema as backupDocument } from '../backup/document.ts';
import { changeCreate, changeListQuery, changePatch, exceptionDecision, freezeCheckQuery, freezeRuleCreate, freezeRulePatch } from '../changes/change-schemas.ts';
import { listFilter as collaborationFilter } from '../collaboration/api.ts';
import { collaborationCreate, collaborationPatch } from '../collaboration/schemas.ts';
import { yearFilter as costItemFilter } from '../costs/cost-routes.tsx';
import { itemCreate, itemPatch, keyCreate, keyPatch } from '../costs/cost-schemas.ts';
import { previewSchema } from '../costs/schemas.ts';
import { yearQuery as statementQuery } from '../costs/statement-routes.tsx';
import { yearQuery as budgetQuery } from '../costs/year-routes.tsx';
import { closeInput, reopenInput } from '../costs/years.ts';
import { documentCreate, documentFilter, documentPatch, documentReview } from '../documents/schemas.ts';
import { actionCreate, actionListQuery, actionPatch, noteCreate } from '../goals/action-plan.ts';
import { goalDefinition } from '../goals/definition.ts';
import { goalCreate, goalPatch, strategyCreate } from '../goals/goal-admin.ts';
import { measurementInput } from '../goals/measurements.ts';
import { reportCreate, reportPatch } from '../goals/reports.ts';
import { whatIfSchema } from '../goals/what-if.ts';
import { versionQuery } from '../http.ts';
import { listFilter as initiativeFilter } from '../initiatives/routes.tsx';
import { answerPut, initiativeAdvance, initiativeCreate, initiativePatch, initiativeReturn } from '../initiatives/schemas.ts';
import { peopleFilter, personCreate, personPatch, roleAssignmentCreate, roleAssignmentFilter } from '../people/schemas.ts';
import { weightsQuery } from '../planning/schemas.ts';
import {
  applicationCreate, applicationPatch, catalogueFilter, installationCreate, installationFilter, installationPatch, matrixFilter,
  municipalityCreate, municipalityPatch, namedCreate, namedPatch, productCreate, productPatch,
} from '../portfolio/schemas.ts';

export type Tag =
  | 'Authentication' | 'Account' | 'Users and API tokens' | 'Municipalities' | 'Catalogue' | 'Installations'
  | 'Collaborations' | 'People and roles' | 'Planning' | 'Goals' | 'Action plan' | 'Status reports' | 'Costs'
  | 'New systems' | 'Governing documents' | 'Change calendar' | 'Attention list' | 'Audit trail' | 'Import and export' | 'Backup' | 'API description';

export const tags: { name: Tag; description: string }[] = [
  { name: 'API description', description: 'This document and how to read it.' },
  { name: 'Authentication', description: 'Signing in and out with a session cookie. Integrations use API tokens instead.' },
  { name: 'Account', description: 'The signed-in person\'s own account: password and two-factor login. Sessions only, never API tokens.' },
  { name: 'Users and API tokens', description: 'Accounts, invitations and API tokens (administrators).' },
  { name: 'Municipalities', description: 'The member municipalities, by SCB code, with their population per year.' },
  { name: 'Catalogue', description: 'Business areas, technical subareas, the shared application catalogue and products.' },
  { name: 'Installations', description: 'A municipality\'s use of an application, and the comparison matrix.' },
  { name: 'Collaborations', description: 'Applications shared at levels 2–5, their participants, host and owner.' },
  { name: 'People and roles', description: 'People, their roles on installations and collaborations, and single-person dependencies.' },
  { name: 'Planning', description: 'Candidates for collaboration by the strategy\'s criteria, and fair placement of responsibilities.' },
  { name: 'Goals', description: 'Strategies and their goals: values, targets, status, measurements, snapshots and what-if.' },
  { name: 'Action plan', description: 'The strategy\'s activities with due dates, owners, status and progress notes.' },
  { name: 'Status reports', description: 'Goals, trends and the action plan frozen on a report date.' },
  { name: 'Costs', description: 'Allocation keys, cost items, statements, year closing and budget against outcome. Money is integer öre.' },
  { name: 'New systems', description: 'Initiatives introducing an application, stage by stage (strategy appendix F).' },
  { name: 'Governing documents', description: 'Styrdokument with owners, scope, decisions and review cycles.' },
  { name: 'Change calendar', description: 'Freeze periods, planned changes, freeze exceptions and the personal calendar link.' },
  { name: 'Attention list', description: 'What needs attention now: notice deadlines, contracts ending, freezes coming, overdue documents, stalled initiatives, missing system owners, unconfirmed installations (recomputed every night).' },
  { name: 'Audit trail', description: 'Every write: who, when, what, before and after.' },
  { name: 'Import and export', description: 'Importing installations from xlsx or CSV with a preview. The downloads (the template, the exports) are files at /dataoverforing/mall.xlsx|csv and /export/*.xlsx|csv; an API token works there too.' },
  { name: 'Backup', description: 'The whole database as one versioned JSON document, and restoring it.' },
];

/** Who may call, by the permission of the route's `allow(...)` guard (worker/access/permissions.ts). */
export const permissionText: Record<Permission, string> = {
  public: 'anyone, without signing in.',
  signedIn: 'any signed-in account, for its own affairs.',
  read: 'every role (administrator, editor, finance officer, viewer).',
  register: 'administrators and editors; editors only for their own municipalities (checked by the command).',
  installations: 'administrators, editors (their own municipalities) and finance officers (the cost fields only).',
  products: 'administrators and editors.',
  costs: 'administrators and finance officers.',
  changes: 'administrators and editors; editors only for their own municipalities (checked by the command).',
  admin: 'administrators (the IT directors\' group).',
};

type ParameterDoc = { description: string; schema: Record<string, unknown> };

/** Path parameters by name; a route's own `params` wins. A Hono regex adds its `pattern` to string ones. */
export const pathParameters: Record<string, ParameterDoc> = {
  id: { description: 'The id.', schema: { type: 'integer', minimum: 1 } },
  code: { description: 'The municipality\'s SCB code, four digits (e.g. 1460).', schema: { type: 'string', pattern: '^\\d{4}$' } },
  token: { description: 'The invitation token from the one-time link.', schema: { type: 'string' } },
  year: { description: 'The year, four digits.', schema: { type: 'integer', minimum: 1000, maximum: 9999 } },
};

export type Operation = {
  summary: string;
  tag: Tag;
  /** More than the summary, in English (Markdown). */
  description?: string;
  /** The valibot schema the command validates the JSON body with. */
  body?: v.GenericSchema;
  /** The body may be left out. */
  bodyOptional?: true;
  /** A file upload (multipart `file`, or the raw body) instead of JSON. */
  upload?: true;
  /** The valibot object schema of the query string. */
  query?: v.GenericSchema;
  /** The success status when not the method's usual one (GET/PATCH/PUT 200, POST 201, DELETE 204). */
  ok?: 200 | 201 | 204;
  okDescription?: string;
  /** Success content types other than JSON. */
  produces?: string[];
  /** Error statuses beyond those the method, permission and parameters imply. */
  errors?: (401 | 409 | 410 | 429)[];
  /** Needs the caller's own session cookie: an API token is refused. */
  session?: true;
  params?: Record<string, ParameterDoc>;
};

/**
 * The goal commands take `definition` as unknown and validate it on its own with `goalDefinition`
 * (so each problem is reported at its own path): the description shows the two together.
 */
const withDefinition = <S extends typeof goalCreate | typeof goalPatch>(schema: S) =>
  v.strictObject({ ...schema.entries, definition: v.optional(v.nullable(goalDefinition)) });

/** DELETE's optional `?version=`: refuse when it was changed since it was read (worker/http.ts). */
const deleteQuery = v.object({ version: versionQuery });

/**
 * Changing routes that take no body, on purpose. Every other POST/PUT/PATCH under /api/v1 must
 * name its body schema (or be an upload); the test enforces it.
 */
export const bodyless: Record<string, string> = {
  'POST /api/v1/auth/logout': 'ends the session of the cookie it is called with',
  'POST /api/v1/auth/logout-everywhere': 'ends every session of the signed-in account',
  'POST /api/v1/users/:id/invitation': 'a new one-time link for the account in the path',
  'POST /api/v1/goals/snapshots': 'stores every goal\'s value of today',
  'POST /api/v1/calendar-link': 'a new personal calendar link for the caller',
  'POST /api/v1/imports/:id/commit': 'commits the previewed import in the path',
  'POST /api/v1/attention/refresh': 'recomputes the attention list now',
};

export const operations: Record<string, Operation> = {
  // ---- Authentication and account ----
  'POST /api/v1/auth/login': {
    summary: 'Sign in with e-mail and password (and the two-factor code)', tag: 'Authentication', body: loginSchema, ok: 200, errors: [401, 429],
    description: 'Sets the session cookie. An account with two-factor login sends `code` too (or completes it later).',
  },
  'POST /api/v1/auth/logout': { summary: 'Sign out this session', tag: 'Authentication', ok: 204 },
  'POST /api/v1/auth/logout-everywhere': { summary: 'Sign out every session of the account', tag: 'Authentication', ok: 204 },
  'GET /api/v1/auth/me': { summary: 'Who is calling: name, role, municipalities and how (session or token)', tag: 'Authentication' },
  'GET /api/v1/account': { summary: 'The signed-in account', tag: 'Account', session: true },
  'POST /api/v1/account/password': {
    summary: 'Change the password', tag: 'Account', body: passwordChange, ok: 200, session: true, errors: [429],
    description: 'Ends every other session and starts a new one. The new password must have at least 12 characters, not be a common password and not contain the e-mail address (checked by the server).',
  },
  'POST /api/v1/account/two-factor': {
    summary: 'Enrol two-factor login (TOTP)', tag: 'Account', body: enrolSchema, ok: 200, session: true,
    description: '`key` is the base64 of 20 random bytes, `code` a current code from the app. Answers with new recovery codes, shown once.',
  },
  'POST /api/v1/account/two-factor/disable': { summary: 'Turn off two-factor login', tag: 'Account', body: accountCodeSchema, ok: 204, session: true, errors: [429] },
  'POST /api/v1/account/recovery-codes': { summary: 'New recovery codes (the old ones stop working)', tag: 'Account', body: accountCodeSchema, ok: 200, session: true, errors: [429] },

  // ---- Users and API tokens ----
  'GET /api/v1/users': { summary: 'List the accounts', tag: 'Users and API tokens' },
  'POST /api/v1/users': {
    summary: 'Invite a person (creates the account and a one-time link)', tag: 'Users and API tokens', body: userCreate, errors: [409],
    description: 'An editor needs at least one municipality. The link is shown once and is valid for 7 days.',
  },
  'GET /api/v1/users/:id': { summary: 'One account', tag: 'Users and API tokens' },
  'PATCH /api/v1/users/:id': { summary: 'Change an account: name, role, municipalities, active', tag: 'Users and API tokens', body: userPatch },
  'POST /api/v1/users/:id/invitation': { summary: 'A new one-time link (also a password reset)', tag: 'Users and API tokens' },
  'GET /api/v1/tokens': { summary: 'List the API tokens (never the tokens themselves)', tag: 'Users and API tokens' },
  'POST /api/v1/tokens': { summary: 'Create an API token (shown once)', tag: 'Users and API tokens', body: tokenCreate },
  'DELETE /api/v1/tokens/:id': { summary: 'Revoke an API token', tag: 'Users and API tokens' },
  'GET /api/v1/invitations/:token': { summary: 'Who an invitation link is for', tag: 'Users and API tokens', errors: [410] },
  'POST /api/v1/invitations/:token/accept': {
    summary: 'Choose a password with an invitation link and sign in', tag: 'Users and API tokens', body: acceptSchema, ok: 200, errors: [410],
    description: 'The password must have at least 12 characters, not be a common password and not contain the e-mail address (checked by the server).',
  },

  // ---- Register ----
  'GET /api/v1/municipalities': { summary: 'List the municipalities', tag: 'Municipalities' },
  'POST /api/v1/municipalities': { summary: 'Add a municipality', tag: 'Municipalities', body: municipalityCreate, errors: [409] },
  'GET /api/v1/municipalities/:code': { summary: 'One municipality with its populations', tag: 'Municipalities' },
  'PATCH /api/v1/municipalities/:code': { summary: 'Change a municipality', tag: 'Municipalities', body: municipalityPatch },
  'DELETE /api/v1/municipalities/:code': { summary: 'Remove a municipality (refused while in use)', tag: 'Municipalities', query: deleteQuery },
  'GET /api/v1/business-areas': { summary: 'List the business areas', tag: 'Catalogue' },
  'POST /api/v1/business-areas': { summary: 'Add a business area', tag: 'Catalogue', body: namedCreate, errors: [409] },
  'GET /api/v1/business-areas/:id': { summary: 'One business area', tag: 'Catalogue' },
  'PATCH /api/v1/business-areas/:id': { summary: 'Rename a business area', tag: 'Catalogue', body: namedPatch },
  'DELETE /api/v1/business-areas/:id': { summary: 'Remove a business area (refused while in use)', tag: 'Catalogue', query: deleteQuery },
  'GET /api/v1/subareas': { summary: 'List the technical subareas', tag: 'Catalogue' },
  'POST /api/v1/subareas': { summary: 'Add a technical subarea', tag: 'Catalogue', body: namedCreate, errors: [409] },
  'GET /api/v1/subareas/:id': { summary: 'One technical subarea', tag: 'Catalogue' },
  'PATCH /api/v1/subareas/:id': { summary: 'Rename a technical subarea', tag: 'Catalogue', body: namedPatch },
  'DELETE /api/v1/subareas/:id': { summary: 'Remove a technical subarea (refused while in use)', tag: 'Catalogue', query: deleteQuery },
  'GET /api/v1/applications': { summary: 'List the catalogue\'s applications', tag: 'Catalogue', query: catalogueFilter },
  'POST /api/v1/applications': {
    summary: 'Add an application to the catalogue', tag: 'Catalogue', body: applicationCreate, errors: [409],
    description: 'A technical application has a subarea; the others have none (checked by the server).',
  },
  'GET /api/v1/applications/:id': { summary: 'One application', tag: 'Catalogue' },
  'PATCH /api/v1/applications/:id': { summary: 'Change an application', tag: 'Catalogue', body: applicationPatch },
  'DELETE /api/v1/applications/:id': { summary: 'Remove an application (refused while in use)', tag: 'Catalogue', query: deleteQuery },
  'GET /api/v1/products': { summary: 'List the products', tag: 'Catalogue' },
  'POST /api/v1/products': { summary: 'Add a product (vendor and name)', tag: 'Catalogue', body: productCreate, errors: [409] },
  'GET /api/v1/products/:id': { summary: 'One product', tag: 'Catalogue' },
  'PATCH /api/v1/products/:id': { summary: 'Change a product', tag: 'Catalogue', body: productPatch },
  'DELETE /api/v1/products/:id': { summary: 'Remove a product (refused while installations use it)', tag: 'Catalogue', query: deleteQuery },
  'GET /api/v1/installations': { summary: 'List installations, by municipality and application', tag: 'Installations', query: installationFilter },
  'POST /api/v1/installations': {
    summary: 'Register a municipality\'s use of an application', tag: 'Installations', body: installationCreate, errors: [409],
    description: 'A municipality has at most one current (not retired) installation per application.',
  },
  'GET /api/v1/installations/:id': { summary: 'One installation', tag: 'Installations' },
  'PATCH /api/v1/installations/:id': { summary: 'Change an installation (finance officers: the cost fields only)', tag: 'Installations', body: installationPatch },
  'DELETE /api/v1/installations/:id': { summary: 'Remove an installation', tag: 'Installations', query: deleteQuery },
  'GET /api/v1/portfolio/matrix': {
    summary: 'The comparison matrix: applications × municipalities', tag: 'Installations', query: matrixFilter,
    description: 'Each cell is the installation\'s product, its lifecycle, a letter shared by municipalities with the same product, and the collaboration level (1 without).',
  },

  // ---- Collaborations ----
  'GET /api/v1/collaborations': { summary: 'List collaborations', tag: 'Collaborations', query: collaborationFilter },
  'POST /api/v1/collaborations': {
    summary: 'Start a collaboration', tag: 'Collaborations', body: collaborationCreate, errors: [409],
    description: 'At least two participants, the host takes part, every participant has the application, level 2 means the same product everywhere, level 3 and up has an owner (checked by the server).',
  },
  'GET /api/v1/collaborations/:id': { summary: 'One collaboration with participants and level history', tag: 'Collaborations' },
  'PATCH /api/v1/collaborations/:id': { summary: 'Change a collaboration (level, participants, terms; `endedOn` ends it)', tag: 'Collaborations', body: collaborationPatch },
  'DELETE /api/v1/collaborations/:id': { summary: 'Remove a collaboration', tag: 'Collaborations', query: deleteQuery },

  // ---- People and roles ----
  'GET /api/v1/people': { summary: 'List people with their roles', tag: 'People and roles', query: peopleFilter },
  'POST /api/v1/people': { summary: 'Add a person', tag: 'People and roles', body: personCreate },
  'GET /api/v1/people/:id': { summary: 'One person with their roles', tag: 'People and roles' },
  'PATCH /api/v1/people/:id': { summary: 'Change a person', tag: 'People and roles', body: personPatch },
  'DELETE /api/v1/people/:id': { summary: 'Remove a person', tag: 'People and roles', query: deleteQuery },
  'GET /api/v1/role-assignments': { summary: 'List role assignments', tag: 'People and roles', query: roleAssignmentFilter },
  'POST /api/v1/role-assignments': {
    summary: 'Give a person a role on an installation, a collaboration or the whole collaboration', tag: 'People and roles', body: roleAssignmentCreate, errors: [409],
  },
  'GET /api/v1/role-assignments/:id': { summary: 'One role assignment', tag: 'People and roles' },
  'DELETE /api/v1/role-assignments/:id': { summary: 'Remove a role assignment', tag: 'People and roles', query: deleteQuery },
  'GET /api/v1/vulnerabilities': { summary: 'Single-person dependencies: critical systems, people with many roles, competence risks', tag: 'People and roles' },

  // ---- Planning ----
  'GET /api/v1/priorities': { summary: 'Candidates for collaboration, ranked by the four criteria with adjustable weights', tag: 'Planning', query: weightsQuery },
  'GET /api/v1/placement': { summary: 'Fair placement: responsibilities per municipality against an even share', tag: 'Planning' },

  // ---- Goals ----
  'GET /api/v1/strategies': { summary: 'List the strategies', tag: 'Goals' },
  'POST /api/v1/strategies': { summary: 'Add a strategy', tag: 'Goals', body: strategyCreate },
  'GET /api/v1/goals': { summary: 'Every goal with its value, target, deadline and status', tag: 'Goals' },
  'POST /api/v1/goals': { summary: 'Add a goal (computed, measured or milestone)', tag: 'Goals', body: withDefinition(goalCreate) },
  'GET /api/v1/goals/:id': { summary: 'One goal: what counts, per municipality and subarea, and its trend', tag: 'Goals' },
  'PATCH /api/v1/goals/:id': { summary: 'Change a goal: target, deadline, definition, public, milestone done', tag: 'Goals', body: withDefinition(goalPatch) },
  'POST /api/v1/goals/what-if': {
    summary: 'What if: every goal\'s value after a hypothetical change (nothing is written)', tag: 'Goals', body: whatIfSchema, ok: 200,
    description: 'POST because a scenario is a body; nothing is written.',
  },
  'POST /api/v1/goals/snapshots': { summary: 'Store every goal\'s value of today in the history', tag: 'Goals' },
  'POST /api/v1/goals/:id/measurements': {
    summary: 'Enter a measured goal\'s value for a period', tag: 'Goals', body: measurementInput, errors: [409],
    okDescription: 'Created (201), or replaced the period\'s value (200, with its `version`).',
  },
  'GET /api/v1/public/goals': { summary: 'The goals an administrator marked public (no login)', tag: 'Goals' },

  // ---- Action plan and reports ----
  'GET /api/v1/actions': { summary: 'The action plan\'s activities, sorted by due date', tag: 'Action plan', query: actionListQuery },
  'POST /api/v1/actions': { summary: 'Add an activity', tag: 'Action plan', body: actionCreate },
  'GET /api/v1/actions/:id': { summary: 'One activity with its notes', tag: 'Action plan' },
  'PATCH /api/v1/actions/:id': { summary: 'Change an activity', tag: 'Action plan', body: actionPatch },
  'DELETE /api/v1/actions/:id': { summary: 'Remove an activity', tag: 'Action plan', query: deleteQuery },
  'POST /api/v1/actions/:id/notes': { summary: 'Add a progress note to an activity', tag: 'Action plan', body: noteCreate },
  'GET /api/v1/reports': { summary: 'List the status reports', tag: 'Status reports' },
  'POST /api/v1/reports': { summary: 'Make a status report: goals, trends and the action plan frozen on its date', tag: 'Status reports', body: reportCreate },
  'GET /api/v1/reports/:id{[0-9]+}': { summary: 'One status report', tag: 'Status reports' },
  'PATCH /api/v1/reports/:id{[0-9]+}': { summary: 'Change a report\'s analysis, or issue it', tag: 'Status reports', body: reportPatch },

  // ---- Costs ----
  'POST /api/v1/allocations/preview': {
    summary: 'Try an allocation key on an amount: every member\'s share (nothing is written)', tag: 'Costs', body: previewSchema, ok: 200,
    description: 'Shares are rounded once to öre by largest remainder and always sum to the total.',
  },
  'GET /api/v1/allocation-keys': { summary: 'List the allocation keys', tag: 'Costs' },
  'POST /api/v1/allocation-keys': {
    summary: 'Add an allocation key (with a year\'s parts)', tag: 'Costs', body: keyCreate, errors: [409],
    description: '`year` and `parts` come together or not at all (checked by the server).',
  },
  'GET /api/v1/allocation-keys/:id': { summary: 'One allocation key with its parts per year', tag: 'Costs' },
  'PATCH /api/v1/allocation-keys/:id': { summary: 'Change an allocation key; `parts: null` removes that year', tag: 'Costs', body: keyPatch },
  'DELETE /api/v1/allocation-keys/:id': { summary: 'Remove an allocation key (refused while in use)', tag: 'Costs', query: deleteQuery },
  'GET /api/v1/cost-items': { summary: 'List cost items with their shares', tag: 'Costs', query: costItemFilter },
  'POST /api/v1/cost-items': {
    summary: 'Add a shared cost', tag: 'Costs', body: itemCreate, errors: [409],
    description: 'At most one of `collaborationId` and `subareaId`; a closed year refuses (checked by the server).',
  },
  'GET /api/v1/cost-items/:id': { summary: 'One cost item with its shares', tag: 'Costs' },
  'PATCH /api/v1/cost-items/:id': { summary: 'Change a cost item', tag: 'Costs', body: itemPatch },
  'DELETE /api/v1/cost-items/:id': { summary: 'Remove a cost item', tag: 'Costs', query: deleteQuery },
  'GET /api/v1/statements': { summary: 'The year\'s statements (fakturaunderlag) for every municipality', tag: 'Costs', query: statementQuery },
  'GET /api/v1/statements/:code': { summary: 'One municipality\'s statement for a year', tag: 'Costs', query: statementQuery },
  'GET /api/v1/cost-years': { summary: 'The closed years', tag: 'Costs' },
  'POST /api/v1/cost-years/:year/close': {
    summary: 'Close a year: its costs can no longer change', tag: 'Costs', body: closeInput, bodyOptional: true, errors: [409],
  },
  'POST /api/v1/cost-years/:year/reopen': { summary: 'Reopen a closed year, with a reason', tag: 'Costs', body: reopenInput, ok: 204, errors: [409] },
  'GET /api/v1/budget': { summary: 'Budget against outcome for a year, per municipality and per item', tag: 'Costs', query: budgetQuery },

  // ---- New systems ----
  'GET /api/v1/initiatives': { summary: 'List initiatives, optionally in one stage', tag: 'New systems', query: initiativeFilter },
  'POST /api/v1/initiatives': { summary: 'Start an initiative (the other members are asked)', tag: 'New systems', body: initiativeCreate },
  'GET /api/v1/initiatives/:id': { summary: 'One initiative with its stages, answers and cost estimate', tag: 'New systems' },
  'PATCH /api/v1/initiatives/:id': { summary: 'Change an initiative\'s details', tag: 'New systems', body: initiativePatch },
  'POST /api/v1/initiatives/:id/advance': {
    summary: 'Move an initiative to its next stage', tag: 'New systems', body: initiativeAdvance, ok: 200, errors: [409],
    description: 'Each gate refuses at the field until its stage has produced what it must (checked by the server). Approval for operation adds the planned installations and, when two or more join, a level-2 collaboration.',
  },
  'POST /api/v1/initiatives/:id/return': { summary: 'Send an initiative back to an earlier stage, with a reason', tag: 'New systems', body: initiativeReturn, ok: 200, errors: [409] },
  'PUT /api/v1/initiatives/:id/answers/:code': { summary: 'A member\'s answer: join, maybe or no, with a comment', tag: 'New systems', body: answerPut },

  // ---- Governing documents ----
  'GET /api/v1/documents': { summary: 'List governing documents by status, type and municipality', tag: 'Governing documents', query: documentFilter },
  'POST /api/v1/documents': { summary: 'Add a governing document', tag: 'Governing documents', body: documentCreate },
  'GET /api/v1/documents/:id': { summary: 'One governing document with its installations and next review', tag: 'Governing documents' },
  'PATCH /api/v1/documents/:id': { summary: 'Change a governing document', tag: 'Governing documents', body: documentPatch },
  'DELETE /api/v1/documents/:id': { summary: 'Remove a governing document', tag: 'Governing documents', query: deleteQuery },
  'POST /api/v1/documents/:id/review': { summary: 'Mark a document reviewed; the next review is recomputed', tag: 'Governing documents', body: documentReview, ok: 200, errors: [409] },

  // ---- Change calendar ----
  'GET /api/v1/freeze-periods': { summary: 'List the freeze periods', tag: 'Change calendar' },
  'POST /api/v1/freeze-periods': { summary: 'Add a freeze period', tag: 'Change calendar', body: freezeRuleCreate },
  'GET /api/v1/freeze-periods/:id': { summary: 'One freeze period with its coming dates', tag: 'Change calendar' },
  'PATCH /api/v1/freeze-periods/:id': { summary: 'Change a freeze period', tag: 'Change calendar', body: freezeRulePatch },
  'DELETE /api/v1/freeze-periods/:id': { summary: 'Remove a freeze period', tag: 'Change calendar', query: deleteQuery },
  'GET /api/v1/changes/freeze-check': { summary: 'Is a day frozen for an environment, and by which periods', tag: 'Change calendar', query: freezeCheckQuery },
  'GET /api/v1/changes': { summary: 'List planned changes in a period', tag: 'Change calendar', query: changeListQuery },
  'POST /api/v1/changes': { summary: 'Plan a change (in a freeze it waits for an exception decision)', tag: 'Change calendar', body: changeCreate },
  'GET /api/v1/changes/:id{[0-9]+}': { summary: 'One planned change', tag: 'Change calendar' },
  'PATCH /api/v1/changes/:id{[0-9]+}': { summary: 'Change a planned change', tag: 'Change calendar', body: changePatch },
  'DELETE /api/v1/changes/:id{[0-9]+}': { summary: 'Remove a planned change', tag: 'Change calendar', query: deleteQuery },
  'POST /api/v1/changes/:id{[0-9]+}/exception-decision': { summary: 'Approve or reject a freeze exception', tag: 'Change calendar', body: exceptionDecision, ok: 200, errors: [409] },
  'GET /api/v1/calendar-link': { summary: 'The caller\'s calendar link, if any (never the token)', tag: 'Change calendar' },
  'POST /api/v1/calendar-link': {
    summary: 'A new personal iCalendar link (shown once; replaces the old one)', tag: 'Change calendar',
  },
  'DELETE /api/v1/calendar-link': { summary: 'Revoke the caller\'s calendar link', tag: 'Change calendar' },

  // ---- Attention list ----
  'GET /api/v1/attention': { summary: 'What needs attention, optionally for one municipality and of one kind', tag: 'Attention list', query: attentionFilter },
  'POST /api/v1/attention/refresh': { summary: 'Recompute the attention list now (the cron does it every night)', tag: 'Attention list', ok: 200 },

  // ---- Audit trail ----
  'GET /api/v1/audit': {
    summary: 'Audit events, newest first; older pages follow the `Link: rel="next"` header', tag: 'Audit trail', query: auditFilter,
    description: '`from`/`to` are whole UTC days. Events about accounts are shown to administrators only.',
  },

  // ---- Import and export ----
  'POST /api/v1/imports/preview': {
    summary: 'Upload an xlsx or CSV file of installations: what each row would create or change, and every error at its cell', tag: 'Import and export',
    upload: true, ok: 200, query: v.object({ filename: v.optional(v.string()) }),
    description: 'Nothing is written to the register until the preview is committed.',
  },
  'GET /api/v1/imports/:id': {
    summary: 'A previewed or committed import', tag: 'Import and export',
    params: { id: { description: 'The import\'s id, from the preview.', schema: { type: 'string', format: 'uuid' } } },
  },
  'POST /api/v1/imports/:id/commit': {
    summary: 'Commit a previewed import, all or nothing', tag: 'Import and export', ok: 200, errors: [409],
    params: { id: { description: 'The import\'s id, from the preview.', schema: { type: 'string', format: 'uuid' } } },
  },

  // ---- Backup ----
  'GET /api/v1/admin/backup': { summary: 'The whole database as one versioned JSON document', tag: 'Backup', description: 'Holds password hashes and two-factor keys: keep it as safe as the database.' },
  'POST /api/v1/admin/restore': {
    summary: 'Restore a backup into an empty deployment (all or nothing)', tag: 'Backup', body: backupDocument, ok: 200, errors: [409],
    description: 'Refused with nothing written for an unknown version, another schema, unknown tables or columns and broken references (400), or a deployment that already has data (409). The accounts are replaced by the backup\'s, so the caller is signed out.',
  },

  // ---- This description ----
  'GET /api/v1/openapi.json': { summary: 'This OpenAPI 3.1 description', tag: 'API description' },
};
