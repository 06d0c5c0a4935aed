import { and, asc, eq, gt, gte, inArray, isNull, lt, lte, ne, or, type SQL } from 'drizzle-orm';
import { person } from '../../schema/collaboration.ts';
import { governingDocument, governingDocumentInstallation, type DocumentType } from '../../schema/documents.ts';
import { application, installation, municipality } from '../../schema/portfolio.ts';
import type { Database } from '../env.ts';
import { aliased, inList } from '../store.ts';
import { daysBetween, dueSoonUntil, reviewStatus, type ReviewStatus } from './review.ts';
import type { DocumentFilter } from './schemas.ts';
import { installationNames } from '../portfolio/queries.ts';

export type DocumentRow = typeof governingDocument.$inferSelect;

/** An installation a document covers, named for the pages. */
export type Coverage = { id: number; municipality: string; municipalityName: string; applicationId: number; applicationName: string; lifecycle: string };

/** A governing document as the API and the pages speak of it: `municipality` is the SCB code, null when common. */
export type GoverningDocument = {
  id: number;
  type: DocumentType;
  title: string;
  ownerId: number;
  owner: { id: number; name: string };
  municipality: string | null;
  municipalityName: string | null;
  decidedBy: string;
  decidedOn: string;
  reviewCycleYears: number;
  lastReviewedOn: string | null;
  nextReviewOn: string;
  nextReviewExplicit: boolean;
  status: ReviewStatus;
  url: string;
  installations: Coverage[];
  version: number;
  createdAt: string;
  updatedAt: string;
};

const sv = (a: string, b: string) => a.localeCompare(b, 'sv');

// Every column that shares its SQL name with another in the join is aliased (db.batch keys rows by name).
const documentRows = (db: Database, where: SQL | undefined) =>
  db.select({
    document: governingDocument,
    ownerName: aliased(person.name, 'owner_name'),
    municipalityName: aliased(municipality.name, 'municipality_name'),
  }).from(governingDocument)
    .innerJoin(person, eq(governingDocument.ownerId, person.id))
    .leftJoin(municipality, eq(governingDocument.municipalityCode, municipality.code))
    .where(where)
    .orderBy(asc(governingDocument.nextReviewOn), asc(governingDocument.id));

const coverageRows = (db: Database, where: SQL | undefined) =>
  db.select({
    documentId: governingDocumentInstallation.documentId,
    ...installationNames(),
    lifecycle: installation.lifecycle,
  }).from(governingDocumentInstallation)
    .innerJoin(installation, eq(governingDocumentInstallation.installationId, installation.id))
    .innerJoin(application, eq(installation.applicationId, application.id))
    .innerJoin(municipality, eq(installation.municipality, municipality.code))
    .where(where);

type Joined = Awaited<ReturnType<typeof documentRows>>[number];
type CoverageRow = Awaited<ReturnType<typeof coverageRows>>[number];

function toDocument(row: Joined, coverage: CoverageRow[], today: string): GoverningDocument {
  const { municipalityCode, ...d } = row.document;
  return {
    id: d.id, type: d.type, title: d.title, ownerId: d.ownerId, owner: { id: d.ownerId, name: row.ownerName },
    municipality: municipalityCode, municipalityName: row.municipalityName,
    decidedBy: d.decidedBy, decidedOn: d.decidedOn, reviewCycleYears: d.reviewCycleYears, lastReviewedOn: d.lastReviewedOn,
    nextReviewOn: d.nextReviewOn, nextReviewExplicit: d.nextReviewExplicit, status: reviewStatus(d.nextReviewOn, today), url: d.url,
    installations: coverage.filter((c) => c.documentId === d.id)
      .map(({ documentId: _, ...c }) => c)
      .sort((a, b) => sv(a.municipalityName, b.municipalityName) || sv(a.applicationName, b.applicationName)),
    version: d.version, createdAt: d.createdAt, updatedAt: d.updatedAt,
  };
}

/** The SQL condition of a filter; the status is judged on `today`. */
function filterWhere(filter: DocumentFilter, today: string): SQL | undefined {
  const until = dueSoonUntil(today);
  const next = governingDocument.nextReviewOn;
  return and(
    filter.status === 'overdue' ? lt(next, today) : filter.status === 'due-soon' ? and(gte(next, today), lte(next, until)) : filter.status === 'valid' ? gt(next, until) : undefined,
    filter.type ? eq(governingDocument.type, filter.type) : undefined,
    filter.municipality === 'common' ? isNull(governingDocument.municipalityCode) : filter.municipality ? eq(governingDocument.municipalityCode, filter.municipality) : undefined,
  );
}

/** The statements behind `listDocuments`, for a page's own batch; `documentList` shapes their results. */
export function documentListQueries(db: Database, today: string, filter: DocumentFilter = {}) {
  const where = filterWhere(filter, today);
  return [
    documentRows(db, where),
    coverageRows(db, where ? inArray(governingDocumentInstallation.documentId, db.select({ id: governingDocument.id }).from(governingDocument).where(where)) : undefined),
  ] as const;
}

export const documentList = ([rows, coverage]: readonly [Joined[], CoverageRow[]], today: string): GoverningDocument[] =>
  rows.map((r) => toDocument(r, coverage, today));

/** The documents (filtered), next review first, each with the installations it covers — one round trip. */
export async function listDocuments(db: Database, today: string, filter: DocumentFilter = {}): Promise<GoverningDocument[]> {
  return documentList(await db.batch(documentListQueries(db, today, filter)), today);
}

/** The statements behind `findDocument`; `documentList(…)[0]` shapes their results. */
export const documentQueries = (db: Database, id: number) => [
  documentRows(db, eq(governingDocument.id, id)),
  coverageRows(db, eq(governingDocumentInstallation.documentId, id)),
] as const;

/** One document with its installations — one round trip. */
export async function findDocument(db: Database, id: number, today: string): Promise<GoverningDocument | undefined> {
  return documentList(await db.batch(documentQueries(db, id)), today)[0];
}

export type AttentionDocument = {
  id: number; title: string; type: DocumentType; municipality: string | null; municipalityName: string | null;
  ownerName: string; nextReviewOn: string; daysOverdue: number;
};

/**
 * The query behind `documentsNeedingAttention`, for a caller reading it in its own batch (the
 * attention list); `onlyIf` lets that caller make it read nothing when it does not need it.
 */
export const overdueDocumentsQuery = (db: Database, today: string, onlyIf?: SQL) =>
  db.select({
    id: governingDocument.id, title: governingDocument.title, type: governingDocument.type,
    municipality: governingDocument.municipalityCode, municipalityName: aliased(municipality.name, 'municipality_name'),
    ownerName: aliased(person.name, 'owner_name'), nextReviewOn: governingDocument.nextReviewOn,
  }).from(governingDocument)
    .innerJoin(person, eq(governingDocument.ownerId, person.id))
    .leftJoin(municipality, eq(governingDocument.municipalityCode, municipality.code))
    .where(and(lt(governingDocument.nextReviewOn, today), onlyIf))
    .orderBy(asc(governingDocument.nextReviewOn), asc(governingDocument.id));

export const attentionDocuments = (rows: Awaited<ReturnType<typeof overdueDocumentsQuery>>, today: string): AttentionDocument[] =>
  rows.map((r) => ({ ...r, daysOverdue: daysBetween(r.nextReviewOn, today) }));

/**
 * The documents whose review day has passed, longest overdue first: for the overview's
 * attention list. One query.
 */
export async function documentsNeedingAttention(db: Database, today: string): Promise<AttentionDocument[]> {
  return attentionDocuments(await overdueDocumentsQuery(db, today), today);
}

/** The documents covering one installation, for its page's batch; finish with `coveringDocuments`. */
export const documentsCoveringQuery = (db: Database, installationId: number) =>
  db.select({
    id: governingDocument.id, title: governingDocument.title, type: governingDocument.type, nextReviewOn: governingDocument.nextReviewOn,
  }).from(governingDocumentInstallation)
    .innerJoin(governingDocument, eq(governingDocumentInstallation.documentId, governingDocument.id))
    .where(eq(governingDocumentInstallation.installationId, installationId))
    .orderBy(asc(governingDocument.title));

export const coveringDocuments = (rows: Awaited<ReturnType<typeof documentsCoveringQuery>>, today: string) =>
  rows.map((r) => ({ ...r, status: reviewStatus(r.nextReviewOn, today) }));
export type CoveringDocument = ReturnType<typeof coveringDocuments>[number];

/** What a document's command checks: owner, municipality and installations exist — one round trip. */
export async function documentContext(db: Database, refs: { ownerId: number; municipality: string | null; installationIds: number[] }) {
  const [owner, place, installations] = await db.batch([
    db.select({ id: person.id }).from(person).where(eq(person.id, refs.ownerId)),
    db.select({ code: municipality.code, name: municipality.name }).from(municipality).where(eq(municipality.code, refs.municipality ?? '')),
    db.select({
      id: installation.id, municipality: installation.municipality,
      municipalityName: aliased(municipality.name, 'municipality_name'), applicationName: aliased(application.name, 'application_name'),
    }).from(installation)
      .innerJoin(application, eq(installation.applicationId, application.id))
      .innerJoin(municipality, eq(installation.municipality, municipality.code))
      .where(inList(installation.id, refs.installationIds)),
  ]);
  return { ownerExists: owner.length > 0, municipality: place[0], installations };
}

/**
 * The form's choices: people, municipalities, current installations (and retired ones the
 * document still covers, so saving the form does not drop them) — one round trip.
 */
export async function documentFormChoices(db: Database, covered: number[] = []) {
  const [people, municipalities, installations] = await db.batch([
    db.select({ id: person.id, name: person.name, municipality: person.municipalityCode, title: person.title }).from(person),
    db.select({ code: municipality.code, name: municipality.name }).from(municipality),
    db.select({
      id: installation.id, municipality: installation.municipality,
      municipalityName: aliased(municipality.name, 'municipality_name'), applicationName: aliased(application.name, 'application_name'),
    }).from(installation)
      .innerJoin(application, eq(installation.applicationId, application.id))
      .innerJoin(municipality, eq(installation.municipality, municipality.code))
      .where(or(ne(installation.lifecycle, 'retired'), covered.length ? inList(installation.id, covered) : undefined)),
  ]);
  return {
    people: people.sort((a, b) => sv(a.name, b.name)),
    municipalities: municipalities.sort((a, b) => sv(a.name, b.name)),
    installations: installations.sort((a, b) => sv(a.municipalityName, b.municipalityName) || sv(a.applicationName, b.applicationName)),
  };
}
export type DocumentFormChoices = Awaited<ReturnType<typeof documentFormChoices>>;
