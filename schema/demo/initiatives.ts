import { insert, literal } from './sql.ts';

/*
 * Demo initiatives (strategy appendix F): three systems Dals-Ed does not have yet, at
 * different stages, with the other members' answers and the decision log. Invented, like the
 * installations; catalogue applications only (the demo's catalogue is all in use somewhere).
 */

type Answer = { code: string; answer: 'join' | 'maybe' | 'no' | null; comment: string; by: string; at: string };
type DemoInitiative = {
  application: string;
  sponsor: string;
  purpose: string;
  stage: string;
  stageSince: string;
  createdAt: string;
  fields: Record<string, string | number | null>;
  answers: Answer[];
  log: { kind: 'start' | 'advance' | 'return'; from: string | null; to: string; note: string; at: string; actor: string }[];
};

const initiatives: DemoInitiative[] = [
  {
    application: 'Mål- och resultatstyrning',
    sponsor: '1438',
    purpose: 'Följa upp mål, nyckeltal och budget i ett system i stället för i kalkylblad.',
    stage: 'procurement',
    stageSince: '2026-01-12',
    createdAt: '2025-09-01T08:30:00.000Z',
    fields: {
      pre_study_summary: 'Uppföljningen sker i dag i kalkylblad som sammanställs för hand inför delårs- och årsbokslut. Behov av målkedja från fullmäktige till enhet och rapporter till nämnderna.',
      investment_ore: 180_000_00, operation_ore_per_year: 95_000_00, training_ore: 40_000_00, routine_change_ore: 30_000_00,
      benefit_ore_per_year: 160_000_00, benefit_note: 'Färre timmar för sammanställning och samma uppföljning som grannkommunerna.',
      decision_date: '2025-11-20', decision_body: 'Kommunstyrelsen i Dals-Ed', decision_reference: 'KS 2025/311',
      requirements_reference: 'Kravspecifikation dnr KS 2025/311-4: målkedja, nyckeltal från Kolada, rapportmallar; IT-enhetens krav på inloggning med SSO.',
    },
    answers: [
      { code: '1460', answer: 'join', comment: 'Vi har Stratsys; väljer Dals-Ed samma kan vi dela mallar och utbildning.', by: 'redaktor.1460@demo.test', at: '2025-09-15T09:12:00.000Z' },
      { code: '1461', answer: 'join', comment: '', by: 'redaktor.1461@demo.test', at: '2025-09-22T13:40:00.000Z' },
      { code: '1439', answer: 'maybe', comment: 'Vårt avtal för Hypergene löper till 2027.', by: 'redaktor.1439@demo.test', at: '2025-10-02T07:55:00.000Z' },
      { code: '1492', answer: 'no', comment: 'Nöjda med nuvarande lösning.', by: 'redaktor.1492@demo.test', at: '2025-10-06T10:05:00.000Z' },
    ],
    log: [
      { kind: 'start', from: null, to: 'pre_study', note: 'Initiativet startade; övriga kommuner tillfrågades om att delta.', at: '2025-09-01T08:30:00.000Z', actor: 'redaktor.1438@demo.test' },
      { kind: 'advance', from: 'pre_study', to: 'decision', note: 'Förstudien klar, nyttan värderad med PENG.', at: '2025-10-20T14:00:00.000Z', actor: 'redaktor.1438@demo.test' },
      { kind: 'advance', from: 'decision', to: 'requirements', note: '', at: '2025-11-21T08:00:00.000Z', actor: 'redaktor.1438@demo.test' },
      { kind: 'advance', from: 'requirements', to: 'procurement', note: 'IT-enheten har lagt till driftkraven.', at: '2026-01-12T10:00:00.000Z', actor: 'redaktor.1438@demo.test' },
    ],
  },
  {
    application: 'Trådlöst nätverk (WLAN)',
    sponsor: '1438',
    purpose: 'Trådlöst nätverk i skolor och förvaltningsbyggnader, med samma gästnät som grannkommunerna.',
    stage: 'decision',
    stageSince: '2026-02-16',
    createdAt: '2026-01-19T09:00:00.000Z',
    fields: {
      pre_study_summary: 'Skolorna använder i dag fristående accesspunkter utan central styrning. Behov av täckning i alla klassrum, eduroam och ett gemensamt gästnät.',
      investment_ore: 620_000_00, operation_ore_per_year: 70_000_00, training_ore: 15_000_00, routine_change_ore: 0,
      benefit_ore_per_year: 110_000_00, benefit_note: 'Mindre felsökning på plats och möjlighet till gemensam drift med Bengtsfors.',
    },
    answers: [
      { code: '1439', answer: null, comment: '', by: '', at: '' },
      { code: '1460', answer: 'join', comment: 'Vi har Meraki och kan vara värd för molnstyrningen.', by: 'redaktor.1460@demo.test', at: '2026-01-26T08:20:00.000Z' },
      { code: '1461', answer: 'maybe', comment: 'Beror på när vårt nuvarande avtal löper ut.', by: 'redaktor.1461@demo.test', at: '2026-02-03T12:00:00.000Z' },
      { code: '1492', answer: 'join', comment: '', by: 'admin@demo.test', at: '2026-02-05T15:30:00.000Z' },
    ],
    log: [
      { kind: 'start', from: null, to: 'pre_study', note: 'Initiativet startade; övriga kommuner tillfrågades om att delta.', at: '2026-01-19T09:00:00.000Z', actor: 'redaktor.1438@demo.test' },
      { kind: 'advance', from: 'pre_study', to: 'decision', note: '', at: '2026-02-16T09:30:00.000Z', actor: 'redaktor.1438@demo.test' },
    ],
  },
  {
    application: 'Kost- och måltidssystem',
    sponsor: '1438',
    purpose: 'Ett system för menyplanering, specialkost och beställningar i Dals-Eds kök.',
    stage: 'pre_study',
    stageSince: '2026-03-02',
    createdAt: '2026-03-02T10:00:00.000Z',
    fields: { pre_study_summary: '', investment_ore: 60_000_00, operation_ore_per_year: 25_000_00 },
    answers: [
      { code: '1439', answer: 'no', comment: 'Vi har redan Mashie.', by: 'redaktor.1439@demo.test', at: '2026-03-04T09:00:00.000Z' },
      { code: '1460', answer: null, comment: '', by: '', at: '' },
      { code: '1461', answer: null, comment: '', by: '', at: '' },
      { code: '1492', answer: null, comment: '', by: '', at: '' },
    ],
    log: [
      { kind: 'start', from: null, to: 'pre_study', note: 'Initiativet startade; övriga kommuner tillfrågades om att delta.', at: '2026-03-02T10:00:00.000Z', actor: 'redaktor.1438@demo.test' },
    ],
  },
];

const newest = { sql: "SELECT seq FROM sqlite_sequence WHERE name = 'initiative'" };

export function initiativesDemoStatements(): string[] {
  return initiatives.flatMap((i) => [
    insert('initiative', {
      application_id: { sql: `SELECT id FROM application WHERE name = ${literal(i.application)}` },
      sponsor_code: i.sponsor, purpose: i.purpose, stage: i.stage, stage_since: i.stageSince,
      created_at: i.createdAt, updated_at: i.log.at(-1)!.at,
      ...i.fields,
    }),
    ...i.answers.map((a) => insert('initiative_answer', {
      initiative_id: newest, municipality_code: a.code, answer: a.answer, comment: a.comment,
      answered_by: a.answer ? a.by : null, answered_at: a.answer ? a.at : null, version: a.answer ? 2 : 1,
    })),
    ...i.log.map((d) => insert('initiative_decision', {
      initiative_id: newest, kind: d.kind, from_stage: d.from, to_stage: d.to, note: d.note, actor: d.actor, at: d.at,
    })),
  ]);
}
