import type { DocumentType } from '../documents.ts';
import { nextReviewDate } from '../../worker/documents/review.ts';
import { insert, literal } from './sql.ts';

/*
 * Demo governing documents (styrdokument), dated against the demo's today (2026-11-25): some
 * overdue, some due within 90 days, the rest valid; system security plans cover demo systems.
 * Titles, bodies and dates are made up; links use the reserved `.example` domain so that
 * nobody mistakes them for the municipalities' real documents.
 */

type DemoDocument = {
  type: DocumentType;
  title: string;
  owner: string;
  /** SCB code, or null for a document common to the collaboration. */
  municipality: string | null;
  decidedBy: string;
  decidedOn: string;
  reviewCycleYears: number;
  lastReviewedOn: string | null;
  url: string;
  /** The municipality's current installations of these applications (all members' for a common document). */
  covers: { municipality: string; application: string }[];
};

const members = ['1438', '1439', '1460', '1461', '1492'];

export const demoDocuments: DemoDocument[] = [
  {
    type: 'it_strategy', title: 'IT-strategi för Dalslandskommunerna', owner: 'Lars Fransson', municipality: null,
    decidedBy: 'IT-chefsgruppen', decidedOn: '2022-12-14', reviewCycleYears: 4, lastReviewedOn: null, // next 2026-12-14: due soon
    url: 'https://styrdokument.example/dalsland/it-strategi.pdf', covers: [],
  },
  {
    type: 'information_security_policy', title: 'Gemensam informationssäkerhetspolicy', owner: 'Lars Fransson', municipality: null,
    decidedBy: 'IT-chefsgruppen', decidedOn: '2021-10-20', reviewCycleYears: 4, lastReviewedOn: null, // next 2025-10-20: overdue
    url: 'https://styrdokument.example/dalsland/informationssakerhetspolicy.pdf', covers: [],
  },
  {
    type: 'it_security_instruction', title: 'IT-säkerhetsinstruktion för Dalslandsnätet', owner: 'Lars Fransson', municipality: null,
    decidedBy: 'IT-chefsgruppen', decidedOn: '2023-01-18', reviewCycleYears: 1, lastReviewedOn: '2026-01-12', // next 2027-01-12: due soon
    url: '', covers: members.map((m) => ({ municipality: m, application: 'Brandvägg' })),
  },
  {
    type: 'system_security_plan', title: 'Systemsäkerhetsplan för det gemensamma ekonomisystemet', owner: 'Per Holm', municipality: null,
    decidedBy: 'IT-chefsgruppen', decidedOn: '2024-09-02', reviewCycleYears: 1, lastReviewedOn: '2025-09-30', // next 2026-09-30: overdue
    url: '', covers: members.map((m) => ({ municipality: m, application: 'Ekonomisystem' })),
  },
  {
    type: 'it_policy', title: 'IT-policy för Åmåls kommun', owner: 'Karin Lindqvist', municipality: '1492',
    decidedBy: 'Kommunfullmäktige', decidedOn: '2022-05-30', reviewCycleYears: 5, lastReviewedOn: null, // next 2027-05-30: valid
    url: 'https://styrdokument.example/amal/it-policy.pdf', covers: [],
  },
  {
    type: 'system_security_plan', title: 'Systemsäkerhetsplan för socialtjänstens verksamhetssystem', owner: 'Maria Engström', municipality: '1492',
    decidedBy: 'Socialnämnden', decidedOn: '2025-02-10', reviewCycleYears: 1, lastReviewedOn: null, // next 2026-02-10: overdue
    url: '', covers: [
      { municipality: '1492', application: 'Verksamhetssystem för socialtjänst och omsorg' },
      { municipality: '1492', application: 'Trygghetslarm och nyckelfri hemtjänst' },
    ],
  },
  {
    type: 'it_policy', title: 'IT-policy för Bengtsfors kommun', owner: 'Mikael Sandberg', municipality: '1460',
    decidedBy: 'Kommunfullmäktige', decidedOn: '2019-06-17', reviewCycleYears: 5, lastReviewedOn: null, // next 2024-06-17: overdue
    url: '', covers: [],
  },
  {
    type: 'operations_plan', title: 'Driftplan för servermiljön', owner: 'Mikael Sandberg', municipality: '1460',
    decidedBy: 'IT-chefen', decidedOn: '2025-12-15', reviewCycleYears: 1, lastReviewedOn: null, // next 2026-12-15: due soon
    url: '', covers: ['Servervirtualisering', 'Lagring', 'Säkerhetskopiering'].map((application) => ({ municipality: '1460', application })),
  },
  {
    type: 'system_security_plan', title: 'Systemsäkerhetsplan för skolans system', owner: 'Magnus Axelsson', municipality: '1461',
    decidedBy: 'Barn- och utbildningsnämnden', decidedOn: '2024-03-11', reviewCycleYears: 1, lastReviewedOn: '2026-03-02', // next 2027-03-02: valid
    url: '', covers: ['Elev- och barnomsorgsadministration', 'Lärplattform'].map((application) => ({ municipality: '1461', application })),
  },
  {
    type: 'continuity_plan', title: 'Kontinuitetsplan för IT-driften i Melleruds kommun', owner: 'Stefan Gustavsson', municipality: '1461',
    decidedBy: 'Kommunstyrelsen', decidedOn: '2025-01-20', reviewCycleYears: 1, lastReviewedOn: null, // next 2026-01-20: overdue
    url: 'https://styrdokument.example/mellerud/kontinuitetsplan-it.pdf', covers: [],
  },
  {
    type: 'application_instruction', title: 'Tillämpningsanvisning för ärende- och dokumenthantering', owner: 'Ulrika Svensson', municipality: '1439',
    decidedBy: 'Kommunstyrelsen', decidedOn: '2025-01-27', reviewCycleYears: 2, lastReviewedOn: null, // next 2027-01-27: due soon
    url: '', covers: [{ municipality: '1439', application: 'Ärende- och dokumenthantering' }],
  },
  {
    type: 'system_security_plan', title: 'Systemsäkerhetsplan för GIS', owner: 'Ingrid Berg', municipality: '1438',
    decidedBy: 'Samhällsbyggnadsnämnden', decidedOn: '2025-11-03', reviewCycleYears: 1, lastReviewedOn: null, // next 2026-11-03: overdue
    url: '', covers: [{ municipality: '1438', application: 'GIS' }],
  },
  {
    type: 'it_security_instruction', title: 'IT-säkerhetsinstruktion för Dals-Eds kommun', owner: 'Tomas Hansson', municipality: '1438',
    decidedBy: 'Kommunstyrelsen', decidedOn: '2025-06-09', reviewCycleYears: 1, lastReviewedOn: '2026-05-25', // next 2027-05-25: valid
    url: '', covers: [],
  },
];

/** One INSERT per document, then its links; owners and installations are found by name. */
export function documentsDemoStatements(): string[] {
  return demoDocuments.flatMap((d) => [
    insert('governing_document', {
      type: d.type, title: d.title, owner_id: { sql: `SELECT id FROM person WHERE name = ${literal(d.owner)}` },
      municipality_code: d.municipality, decided_by: d.decidedBy, decided_on: d.decidedOn, review_cycle_years: d.reviewCycleYears,
      last_reviewed_on: d.lastReviewedOn, next_review_on: nextReviewDate(d), next_review_explicit: false, url: d.url,
    }),
    // A system the demo does not have simply gets no link row.
    ...d.covers.map((c) => 'INSERT INTO "governing_document_installation" ("document_id", "installation_id") '
      + `SELECT (SELECT id FROM governing_document WHERE title = ${literal(d.title)}), i.id FROM installation i `
      + `JOIN application a ON a.id = i.application_id WHERE i.municipality_code = ${literal(c.municipality)} `
      + `AND a.name = ${literal(c.application)} AND i.lifecycle <> 'retired'`),
  ]);
}
