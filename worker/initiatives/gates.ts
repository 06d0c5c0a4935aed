import {
  initiativeStages, type InitiativeStage, type ParticipationAnswer, type ProcurementRoute,
} from '../../schema/initiatives.ts';
import type { FieldIssue } from '../outcome.ts';

/*
 * The introduction process of the strategy's appendix F as pure rules: the stages in order,
 * what each stage must have produced before the initiative moves on (its gate), going back,
 * the cost estimate's totals and payback, and when an initiative stands still. No I/O.
 */

/** The strategy's own names, in its order. */
export const stageLabel: Record<InitiativeStage, string> = {
  pre_study: 'Förstudie',
  decision: 'Beslut om genomförande',
  requirements: 'Kravspecifikation',
  procurement: 'Upphandling',
  system_choice: 'Val av system och leverantör',
  agreements: 'Avtal',
  operation_approval: 'Godkännande av drift',
};

export const answerLabel: Record<ParticipationAnswer, string> = { join: 'Ska delta', maybe: 'Kanske', no: 'Deltar inte' };

export const procurementRouteLabel: Record<ProcurementRoute, string> = {
  lou: 'Ny upphandling enligt LOU',
  framework: 'Befintligt ramavtal',
};

export const finalStage: InitiativeStage = 'operation_approval';

export const stageIndex = (stage: InitiativeStage) => initiativeStages.indexOf(stage);

/** The stage after this one, or null for the last (the initiative is approved). */
export const nextStage = (stage: InitiativeStage): InitiativeStage | null => initiativeStages[stageIndex(stage) + 1] ?? null;

/** What the gates read of an initiative. */
export type GateState = {
  stage: InitiativeStage;
  preStudySummary: string;
  investmentOre: number | null;
  operationOrePerYear: number | null;
  trainingOre: number | null;
  routineChangeOre: number | null;
  benefitOrePerYear: number | null;
  decisionDate: string | null;
  decisionBody: string;
  requirementsReference: string;
  procurementRoute: ProcurementRoute | null;
  procurementReference: string;
  productId: number | null;
  supplierAgreementReference: string;
  operatingAgreementReference: string;
  operatingAgreementDate: string | null;
};

/** What the gates read of the register. */
export type GateContext = {
  /** Every member except the sponsor: each must have been asked to take part. */
  otherMembers: { code: string; name: string }[];
  /** The municipalities that have been asked (have an answer row). */
  asked: string[];
  productExists: boolean;
};

/**
 * The fields a stage's gate asks for: what that stage produces, which must be there before
 * the initiative leaves it. Leaving "Avtal" is the approval for operation.
 */
export const gateFields: Record<InitiativeStage, (keyof GateState)[]> = {
  pre_study: ['preStudySummary', 'investmentOre', 'operationOrePerYear', 'trainingOre', 'routineChangeOre', 'benefitOrePerYear'],
  decision: ['decisionDate', 'decisionBody'],
  requirements: ['requirementsReference'],
  procurement: ['procurementRoute', 'procurementReference'],
  system_choice: ['productId'],
  agreements: ['supplierAgreementReference', 'operatingAgreementReference', 'operatingAgreementDate'],
  operation_approval: [],
};

const costMessages: Record<string, string> = {
  investmentOre: 'Ange den uppskattade investerings- eller licenskostnaden (0 om ingen) – förstudien ska ställa nyttan mot kostnaden.',
  operationOrePerYear: 'Ange den uppskattade driftskostnaden per år (0 om ingen).',
  trainingOre: 'Ange den uppskattade utbildningskostnaden (0 om ingen).',
  routineChangeOre: 'Ange den uppskattade kostnaden för att ändra rutiner i verksamheten (0 om ingen).',
  benefitOrePerYear: 'Ange den uppskattade nyttan per år i kronor (0 om den inte går att värdera i pengar – beskriv den då i texten).',
};

const blank = (text: string) => text.trim() === '';

const list = (names: string[]) => (names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} och ${names.at(-1)}`);

/**
 * Why the initiative may not leave its current stage, one issue per field that is missing
 * (empty when it may). The messages say what the stage must produce, in the strategy's words.
 */
export function gateIssues(state: GateState, ctx: GateContext): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const need = (path: keyof GateState | 'answers', message: string) => issues.push({ path, message });
  switch (state.stage) {
    case 'pre_study': {
      if (blank(state.preStudySummary)) need('preStudySummary', 'Skriv förstudiens sammanfattning: verksamhetens behov och vilka nya och befintliga funktioner som önskas.');
      for (const field of ['investmentOre', 'operationOrePerYear', 'trainingOre', 'routineChangeOre', 'benefitOrePerYear'] as const) {
        if (state[field] === null) need(field, costMessages[field]!);
      }
      const notAsked = ctx.otherMembers.filter((m) => !ctx.asked.includes(m.code));
      if (notAsked.length) need('answers', `Samordning ska alltid ske med övriga kommuner först: ${list(notAsked.map((m) => m.name))} har inte tillfrågats om att delta.`);
      break;
    }
    case 'decision':
      if (state.decisionDate === null) need('decisionDate', 'Ange beslutsdatum för beslutet om genomförande.');
      if (blank(state.decisionBody)) need('decisionBody', 'Ange beslutande organ, t.ex. kommunstyrelsen eller nämnden.');
      break;
    case 'requirements':
      if (blank(state.requirementsReference)) need('requirementsReference', 'Ange kravspecifikationen: en hänvisning (diarienummer, länk) eller en sammanfattning av funktionskraven.');
      break;
    case 'procurement':
      if (state.procurementRoute === null) need('procurementRoute', 'Välj upphandlingsform: ny upphandling enligt LOU eller ett befintligt ramavtal.');
      if (blank(state.procurementReference)) need('procurementReference', 'Ange upphandlingens eller ramavtalets hänvisning (diarienummer).');
      break;
    case 'system_choice':
      if (state.productId === null) need('productId', 'Välj det system (produkt) som valts.');
      else if (!ctx.productExists) need('productId', 'Den valda produkten finns inte i produktregistret.');
      break;
    case 'agreements':
      if (state.productId === null || !ctx.productExists) need('productId', 'Välj det system (produkt) som valts innan drift kan godkännas.');
      if (blank(state.supplierAgreementReference)) need('supplierAgreementReference', 'Ange avtalet med leverantören (hänvisning eller diarienummer).');
      if (blank(state.operatingAgreementReference)) need('operatingAgreementReference', 'Ange driftavtalet (SLA) med IT-enheten – det ska vara tecknat innan driftsättning.');
      if (state.operatingAgreementDate === null) need('operatingAgreementDate', 'Ange datum då driftavtalet tecknades.');
      break;
    case 'operation_approval':
      need('stage', 'Initiativet är redan godkänt för drift; det finns inget nästa steg.');
      break;
  }
  return issues;
}

/** Going back is allowed to any earlier stage, with a reason; never from an approved initiative. */
export function returnIssues(from: InitiativeStage, to: InitiativeStage, reason: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (from === finalStage) {
    issues.push({ path: 'toStage', message: 'Ett initiativ som är godkänt för drift kan inte flyttas tillbaka: systemen är redan registrerade.' });
  } else if (stageIndex(to) >= stageIndex(from)) {
    issues.push({ path: 'toStage', message: `Välj ett tidigare steg än ${stageLabel[from]}. Framåt går initiativet bara genom nästa steg med det steget kräver.` });
  }
  if (blank(reason)) issues.push({ path: 'reason', message: 'Ange varför initiativet går tillbaka – det skrivs i beslutsloggen.' });
  return issues;
}

export type CostEstimate = Pick<GateState, 'investmentOre' | 'operationOrePerYear' | 'trainingOre' | 'routineChangeOre' | 'benefitOrePerYear'>;

/**
 * The estimate's totals (öre) and a simple payback: the one-time costs (investment/licence,
 * training, changed routines) divided by the yearly net benefit (benefit minus operation).
 * Null payback when the net benefit is not positive or the estimate is incomplete.
 */
export function costSummary(estimate: CostEstimate) {
  const oneTimeOre = (estimate.investmentOre ?? 0) + (estimate.trainingOre ?? 0) + (estimate.routineChangeOre ?? 0);
  const yearlyOre = estimate.operationOrePerYear ?? 0;
  const benefitOre = estimate.benefitOrePerYear ?? 0;
  const netPerYearOre = benefitOre - yearlyOre;
  const complete = [estimate.investmentOre, estimate.operationOrePerYear, estimate.trainingOre, estimate.routineChangeOre, estimate.benefitOrePerYear]
    .every((v) => v !== null && v !== undefined);
  const paybackYears = complete && netPerYearOre > 0 ? Math.round((oneTimeOre / netPerYearOre) * 10) / 10 : null;
  return { oneTimeOre, yearlyOre, firstYearOre: oneTimeOre + yearlyOre, benefitOre, netPerYearOre, complete, paybackYears };
}

const dayMs = 86_400_000;

/** Whole days from one date (YYYY-MM-DD, or an ISO timestamp) to another. */
export const daysBetween = (from: string, to: string) =>
  Math.floor((Date.parse(`${to.slice(0, 10)}T00:00:00Z`) - Date.parse(`${from.slice(0, 10)}T00:00:00Z`)) / dayMs);

/** An initiative stands still ("står still") after this many days in one stage. */
export const stallDays = 60;

/** Unchanged in its stage for more than 60 days; an approved initiative is done, not stalled. */
export const isStalled = (stage: InitiativeStage, stageSince: string, today: string) =>
  stage !== finalStage && daysBetween(stageSince, today) > stallDays;
