import { describe, expect, it } from 'vitest';
import { planApproval } from '../worker/initiatives/approval.ts';
import {
  costSummary, daysBetween, gateIssues, isStalled, nextStage, returnIssues, type GateContext, type GateState,
} from '../worker/initiatives/gates.ts';
import type { RuleContext } from '../worker/collaboration/rules.ts';

const others = [{ code: '1438', name: 'Dals-Ed' }, { code: '1492', name: 'Åmål' }];
const ctx: GateContext = { otherMembers: others, asked: ['1438', '1492'], productExists: true };

/** An initiative whose every gate is satisfied; each test takes one thing away. */
const complete: GateState = {
  stage: 'pre_study',
  preStudySummary: 'Behov av e-arkiv.',
  investmentOre: 0, operationOrePerYear: 100, trainingOre: 0, routineChangeOre: 0, benefitOrePerYear: 0,
  decisionDate: '2026-02-01', decisionBody: 'Kommunstyrelsen',
  requirementsReference: 'KS 2026/12',
  procurementRoute: 'framework', procurementReference: 'Adda 2025',
  productId: 7,
  supplierAgreementReference: 'Avtal 2026/3', operatingAgreementReference: 'SLA 2026/4', operatingAgreementDate: '2026-05-01',
};

const paths = (state: Partial<GateState>, context: GateContext = ctx) => gateIssues({ ...complete, ...state }, context).map((i) => i.path);

describe('the gates of appendix F', () => {
  it('has the strategy\'s stages in its order, one step at a time', () => {
    expect(nextStage('pre_study')).toBe('decision');
    expect(nextStage('decision')).toBe('requirements');
    expect(nextStage('requirements')).toBe('procurement');
    expect(nextStage('procurement')).toBe('system_choice');
    expect(nextStage('system_choice')).toBe('agreements');
    expect(nextStage('agreements')).toBe('operation_approval');
    expect(nextStage('operation_approval')).toBeNull();
  });

  it('lets every stage go on when what it must produce is there', () => {
    for (const stage of ['pre_study', 'decision', 'requirements', 'procurement', 'system_choice', 'agreements'] as const) {
      expect(gateIssues({ ...complete, stage }, ctx)).toEqual([]);
    }
  });

  it('refuses leaving the pre-study without its summary', () => {
    expect(paths({ preStudySummary: '  ' })).toEqual(['preStudySummary']);
    expect(gateIssues({ ...complete, preStudySummary: '' }, ctx)[0]!.message).toContain('förstudiens sammanfattning');
  });

  it('refuses leaving the pre-study without each part of the cost estimate', () => {
    expect(paths({ investmentOre: null, benefitOrePerYear: null })).toEqual(['investmentOre', 'benefitOrePerYear']);
    expect(paths({ operationOrePerYear: null })).toEqual(['operationOrePerYear']);
    expect(paths({ trainingOre: null })).toEqual(['trainingOre']);
    expect(paths({ routineChangeOre: null })).toEqual(['routineChangeOre']);
  });

  it('refuses leaving the pre-study before every other member has been asked, naming them', () => {
    const issues = gateIssues(complete, { ...ctx, asked: ['1438'] });
    expect(issues).toEqual([{ path: 'answers', message: expect.stringContaining('Åmål har inte tillfrågats') }]);
  });

  it('refuses requirements without the decision date and the deciding body', () => {
    expect(paths({ stage: 'decision', decisionDate: null })).toEqual(['decisionDate']);
    expect(paths({ stage: 'decision', decisionBody: '' })).toEqual(['decisionBody']);
  });

  it('refuses procurement without the requirements', () => {
    expect(paths({ stage: 'requirements', requirementsReference: '' })).toEqual(['requirementsReference']);
  });

  it('refuses the choice of system without the procurement route and reference', () => {
    expect(paths({ stage: 'procurement', procurementRoute: null, procurementReference: '' })).toEqual(['procurementRoute', 'procurementReference']);
  });

  it('refuses agreements without a chosen product that exists', () => {
    expect(paths({ stage: 'system_choice', productId: null })).toEqual(['productId']);
    expect(gateIssues({ ...complete, stage: 'system_choice' }, { ...ctx, productExists: false })[0]!.message).toContain('finns inte');
  });

  it('refuses approval for operation without the supplier agreement and the operating agreement with its date', () => {
    expect(paths({ stage: 'agreements', supplierAgreementReference: '' })).toEqual(['supplierAgreementReference']);
    expect(paths({ stage: 'agreements', operatingAgreementReference: '' })).toEqual(['operatingAgreementReference']);
    expect(paths({ stage: 'agreements', operatingAgreementDate: null })).toEqual(['operatingAgreementDate']);
  });

  it('has nothing after approval for operation', () => {
    expect(paths({ stage: 'operation_approval' })).toEqual(['stage']);
  });

  it('goes back only to an earlier stage, with a reason, never from an approved initiative', () => {
    expect(returnIssues('procurement', 'decision', 'Beslutet överklagades.')).toEqual([]);
    expect(returnIssues('procurement', 'procurement', 'x').map((i) => i.path)).toEqual(['toStage']);
    expect(returnIssues('procurement', 'agreements', 'x').map((i) => i.path)).toEqual(['toStage']);
    expect(returnIssues('procurement', 'decision', ' ').map((i) => i.path)).toEqual(['reason']);
    expect(returnIssues('operation_approval', 'agreements', 'x').map((i) => i.path)).toEqual(['toStage']);
  });
});

describe('cost estimate', () => {
  it('totals the one-time costs and pays back over the net yearly benefit', () => {
    const s = costSummary({ investmentOre: 300_000_00, trainingOre: 50_000_00, routineChangeOre: 50_000_00, operationOrePerYear: 100_000_00, benefitOrePerYear: 260_000_00 });
    expect(s).toMatchObject({ oneTimeOre: 400_000_00, yearlyOre: 100_000_00, firstYearOre: 500_000_00, netPerYearOre: 160_000_00, complete: true, paybackYears: 2.5 });
  });

  it('has no payback when the benefit does not exceed operation, or the estimate is incomplete', () => {
    expect(costSummary({ investmentOre: 1, trainingOre: 0, routineChangeOre: 0, operationOrePerYear: 100, benefitOrePerYear: 100 }).paybackYears).toBeNull();
    expect(costSummary({ investmentOre: 1, trainingOre: null, routineChangeOre: 0, operationOrePerYear: 0, benefitOrePerYear: 100 })).toMatchObject({ complete: false, paybackYears: null });
  });

  it('rounds the payback to a tenth of a year', () => {
    expect(costSummary({ investmentOre: 100, trainingOre: 0, routineChangeOre: 0, operationOrePerYear: 0, benefitOrePerYear: 30 }).paybackYears).toBe(3.3);
  });
});

describe('standing still', () => {
  it('counts whole days and stalls after more than 60 in one stage', () => {
    expect(daysBetween('2026-01-01', '2026-03-02')).toBe(60);
    expect(isStalled('decision', '2026-01-01', '2026-03-02')).toBe(false);
    expect(isStalled('decision', '2026-01-01', '2026-03-03')).toBe(true);
    expect(isStalled('operation_approval', '2020-01-01', '2026-03-03')).toBe(false);
  });
});

describe('approval plan', () => {
  const rules: RuleContext = {
    applicationName: 'E-arkiv',
    municipalities: new Map([['1460', 'Bengtsfors'], ['1438', 'Dals-Ed'], ['1492', 'Åmål'], ['1461', 'Mellerud']]),
    installations: [{ municipality: '1492', productId: 9, productName: 'Annat' }],
    elsewhere: [],
    ownerExists: false,
  };

  it('installs for the sponsor and the joiners, skips who already has the application, and starts a level-2 collaboration', () => {
    const plan = planApproval({ sponsor: '1460', joiners: ['1438', '1492'], productId: 7, productName: 'Arkivet' }, rules);
    expect(plan.install).toEqual(['1460', '1438']);
    expect(plan.skipped).toEqual([{ municipality: '1492', reason: expect.stringContaining('Åmål har redan E-arkiv (Annat)') }]);
    expect(plan.collaboration).toMatchObject({ level: 2, host: '1460', participants: ['1438', '1460'] });
    expect(plan.issues).toEqual([]);
  });

  it('starts no collaboration when nobody joins with the same product', () => {
    const plan = planApproval({ sponsor: '1460', joiners: ['1492'], productId: 7, productName: 'Arkivet' }, rules);
    expect(plan.install).toEqual(['1460']);
    expect(plan.collaboration).toBeNull();
    expect(plan.collaborationNote).toContain('Ingen samverkan');
  });
});
