import type { ApplicationKind, LifecyclePhase } from '../../schema/portfolio.ts';
import { inUse } from '../portfolio/matrix.ts';
import { noticeDeadline } from '../portfolio/contracts.ts';

/**
 * The priority list (prioriteringslista) of the strategy's section 4.2: which applications
 * to take on next for collaboration, or for deeper collaboration. Pure: no I/O; the rows
 * come from `prioritySource` (worker/planning/queries.ts).
 *
 * **Candidates.** An application is a candidate when at least one member has it in use
 * (an installation that is active or being retired — not only planned), except when one
 * active collaboration at level 5 (shared organisation, the highest) already has every
 * member as an active participant: nothing is left to deepen or widen.
 *
 * **The members using it** are the municipalities with a current installation of it (not
 * retired: planned, active or retiring — a planned introduction is exactly when the
 * strategy asks to coordinate with the others, section 4.4). Every criterion is a number
 * from 0 to 1 computed from those installations:
 *
 * (a) `contracts` — contracts ending soon ("avtal som är på väg att gå ut"): the share of the
 *     members using it whose contract ends within 24 months from today, or whose last day
 *     to give notice (end date minus the notice period) is within 12 months. A contract
 *     already ended counts as ending; an installation without a contract end does not.
 * (b) `functioning` — works poorly ("fungerar dåligt"): (5 − the average "how well it
 *     works" score, 1–5) / 4 over the installations that have a score; 0 when none has one.
 *     All scored 1 → 1, all scored 5 → 0.
 * (c) `competence` — hard to keep competence ("svårigheter att upprätthålla kompetens"):
 *     (the average competence risk, 1–5, − 1) / 4 over the installations that have one; 0
 *     when none has one. All 5 → 1, all 1 → 0.
 * (d) `sameProduct` — several members already on the same product ("flera kommuner använder
 *     redan samma applikation"): the largest number of members on one product divided by the
 *     number of members in the collaboration, when at least two are on that product; else 0.
 *
 * **Score** = Σ weightᵢ · criterionᵢ / Σ weightᵢ, from 0 to 1 (0 when every weight is 0).
 * A criterion's **contribution** is weightᵢ · criterionᵢ / Σ weightᵢ, so the contributions add
 * up to the score. Highest score first; equal scores in Swedish alphabetical order by name.
 */

export const criteria = ['contracts', 'functioning', 'competence', 'sameProduct'] as const;
export type Criterion = (typeof criteria)[number];
export type Weights = Record<Criterion, number>;

export const defaultWeights: Weights = { contracts: 1, functioning: 1, competence: 1, sameProduct: 1 };
export const maxWeight = 10;

/** How far ahead a contract end, and a notice deadline, counts as "soon". */
export const contractHorizonMonths = 24;
export const noticeHorizonMonths = 12;

type ProductRef = { id: number; vendor: string; name: string };

export type PrioritySource = {
  municipalities: { code: string; name: string }[];
  applications: { id: number; name: string; kind: ApplicationKind }[];
  /** Current installations (retired ones may be passed; they are ignored). */
  installations: {
    municipality: string;
    applicationId: number;
    lifecycle: LifecyclePhase;
    product: ProductRef;
    contractEnd: string | null;
    noticeMonths: number | null;
    functionScore: number | null;
    competenceRisk: number | null;
  }[];
  /** One row per active participant of an active collaboration (not ended). */
  participants: { collaborationId: number; applicationId: number; level: number; municipality: string }[];
};

export type CriterionResult = {
  /** 0–1. */
  value: number;
  /** weight · value / Σ weights: this criterion's part of the score. */
  contribution: number;
};

export type Candidate = {
  rank: number;
  application: { id: number; name: string; kind: ApplicationKind };
  score: number;
  criteria: {
    contracts: CriterionResult & { ending: number; of: number };
    functioning: CriterionResult & { average: number | null; scored: number };
    competence: CriterionResult & { average: number | null; scored: number };
    sameProduct: CriterionResult & { largestGroup: number; of: number; product: ProductRef | null };
  };
  /** Members with a current installation of it. */
  members: number;
  /** The highest level of its active collaborations; 1 when it has none. */
  level: number;
  collaborations: { id: number; level: number; participants: number }[];
};

export type PriorityList = {
  today: string;
  weights: Weights;
  municipalityCount: number;
  candidates: Candidate[];
};

const collator = new Intl.Collator('sv');

/** An ISO day plus (or minus) whole months, clamped to the month's last day (2026-01-31 + 1 → 2026-02-28). */
export function addMonths(day: string, months: number): string {
  return noticeDeadline(day, -months);
}

/** Ending soon in the sense of criterion (a). */
export function endsSoon(contractEnd: string | null, noticeMonths: number | null, today: string): boolean {
  if (!contractEnd) return false;
  return contractEnd <= addMonths(today, contractHorizonMonths)
    || noticeDeadline(contractEnd, noticeMonths) <= addMonths(today, noticeHorizonMonths);
}

const average = (values: number[]) => (values.length ? values.reduce((s, x) => s + x, 0) / values.length : null);
const productLabel = (p: ProductRef) => `${p.vendor} ${p.name}`;

/** Equal scores must compare equal even when float arithmetic took different paths to them. */
const scoreKey = (score: number) => Math.round(score * 1e9);

export function rankPriorities(source: PrioritySource, weights: Weights, today: string): PriorityList {
  const memberCount = source.municipalities.length;
  const members = new Set(source.municipalities.map((m) => m.code));
  const weightSum = criteria.reduce((s, c) => s + weights[c], 0);
  const part = (c: Criterion, value: number): CriterionResult => ({ value, contribution: weightSum === 0 ? 0 : (weights[c] * value) / weightSum });

  const installationsOf = new Map<number, PrioritySource['installations']>();
  for (const inst of source.installations) {
    if (inst.lifecycle === 'retired' || !members.has(inst.municipality)) continue;
    const list = installationsOf.get(inst.applicationId) ?? [];
    if (!list.some((other) => other.municipality === inst.municipality)) list.push(inst);
    installationsOf.set(inst.applicationId, list);
  }

  const collaborationsOf = new Map<number, Map<number, { id: number; level: number; participants: Set<string> }>>();
  for (const p of source.participants) {
    const byId = collaborationsOf.get(p.applicationId) ?? new Map();
    const entry = byId.get(p.collaborationId) ?? { id: p.collaborationId, level: p.level, participants: new Set<string>() };
    entry.participants.add(p.municipality);
    byId.set(p.collaborationId, entry);
    collaborationsOf.set(p.applicationId, byId);
  }

  const unranked: Omit<Candidate, 'rank'>[] = [];
  for (const app of source.applications) {
    const installed = installationsOf.get(app.id) ?? [];
    if (!installed.some((i) => inUse(i.lifecycle))) continue;
    const collaborations = [...(collaborationsOf.get(app.id)?.values() ?? [])];
    const complete = collaborations.some((c) => c.level === 5 && memberCount > 0 && [...members].every((m) => c.participants.has(m)));
    if (complete) continue;

    const using = installed.length;
    const ending = installed.filter((i) => endsSoon(i.contractEnd, i.noticeMonths, today)).length;
    const functionScores = installed.flatMap((i) => (i.functionScore === null ? [] : [i.functionScore]));
    const competenceRisks = installed.flatMap((i) => (i.competenceRisk === null ? [] : [i.competenceRisk]));
    const functionAverage = average(functionScores);
    const competenceAverage = average(competenceRisks);

    const groups = new Map<number, { product: ProductRef; count: number }>();
    for (const i of installed) groups.set(i.product.id, { product: i.product, count: (groups.get(i.product.id)?.count ?? 0) + 1 });
    const largest = [...groups.values()].sort((a, b) => b.count - a.count || collator.compare(productLabel(a.product), productLabel(b.product)))[0];
    const shared = largest && largest.count >= 2 ? largest : undefined;

    const values = {
      contracts: using ? ending / using : 0,
      functioning: functionAverage === null ? 0 : (5 - functionAverage) / 4,
      competence: competenceAverage === null ? 0 : (competenceAverage - 1) / 4,
      sameProduct: shared && memberCount ? shared.count / memberCount : 0,
    };
    const score = weightSum === 0 ? 0 : criteria.reduce((s, c) => s + weights[c] * values[c], 0) / weightSum;

    unranked.push({
      application: { id: app.id, name: app.name, kind: app.kind },
      score,
      criteria: {
        contracts: { ...part('contracts', values.contracts), ending, of: using },
        functioning: { ...part('functioning', values.functioning), average: functionAverage, scored: functionScores.length },
        competence: { ...part('competence', values.competence), average: competenceAverage, scored: competenceRisks.length },
        sameProduct: { ...part('sameProduct', values.sameProduct), largestGroup: shared?.count ?? 0, of: memberCount, product: shared?.product ?? null },
      },
      members: using,
      level: Math.max(1, ...collaborations.map((c) => c.level)),
      collaborations: collaborations
        .map((c) => ({ id: c.id, level: c.level, participants: c.participants.size }))
        .sort((a, b) => b.level - a.level || a.id - b.id),
    });
  }

  const candidates = unranked
    .sort((a, b) => scoreKey(b.score) - scoreKey(a.score) || collator.compare(a.application.name, b.application.name) || a.application.id - b.application.id)
    .map((c, index) => ({ rank: index + 1, ...c }));
  return { today, weights, municipalityCount: memberCount, candidates };
}
