/**
 * May a planned change go ahead, given the freezes it falls in (no I/O)? Standard changes
 * (documented, low risk) always may; others only with an exception approved by the IT
 * directors' group (the seed's "IT- och digitaliseringschefen kan bevilja undantag efter
 * riskbedömning samt återställningsplan").
 */
import type { ExceptionStatus, FreezeScope, RiskClass } from '../../schema/changes.ts';
import type { Occurrence } from './freeze-calendar.ts';

export type ChangeFreeze = Occurrence & { ruleId: number; name: string; scope: FreezeScope };

/**
 * clear: in no freeze · standard: in a freeze, but a standard change · approved / requested /
 * rejected: in a freeze, with an exception in that state · refused: in a freeze without one
 * (a freeze announced after the change was planned).
 */
export type Clearance = 'clear' | 'standard' | 'approved' | 'requested' | 'rejected' | 'refused';

export function clearance(riskClass: RiskClass, exceptionStatus: ExceptionStatus, freezes: ChangeFreeze[]): Clearance {
  if (freezes.length === 0) return 'clear';
  if (riskClass === 'standard') return 'standard';
  return exceptionStatus === 'none' ? 'refused' : exceptionStatus;
}

export const scopeText: Record<FreezeScope, string> = { all: 'hela miljön', education: 'utbildningsmiljön' };

const periodText = (f: ChangeFreeze) => `${f.name} (${f.from}–${f.to}, gäller ${scopeText[f.scope]})`;

/** The refusal of a change in a freeze, naming each freeze period and its dates. */
export function freezeRefusal(freezes: ChangeFreeze[]): string {
  const named = freezes.map(periodText).join(', ');
  return `Ändringen ligger i ${freezes.length === 1 ? 'frysperioden' : 'frysperioderna'} ${named}. `
    + 'Under en frysperiod får bara standardändringar göras, eller ändringar med ett undantag: riskbedömning, återställningsplan och godkännande av IT-chefsgruppen.';
}
