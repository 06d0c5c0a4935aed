import type { GoalArea } from '../../schema/goals.ts';
import type { GoalStatus } from '../../worker/goals/status.ts';

export const areaLabel: Record<GoalArea, string> = {
  collaboration: 'Samverkan', applications: 'Applikationer', technical_platform: 'Teknisk plattform',
  information_security: 'Informationssäkerhet', organisation: 'Organisation', financing: 'Finansiering', competence: 'Kompetens',
};

/** Status in words, with a symbol that does not rely on colour. */
export const statusText: Record<GoalStatus, { label: string; symbol: string }> = {
  reached: { label: 'Uppnått', symbol: '✓' },
  onTrack: { label: 'I fas', symbol: '→' },
  atRisk: { label: 'Risk', symbol: '!' },
  behind: { label: 'Efter', symbol: '✗' },
};

const percent = new Intl.NumberFormat('sv-SE', { style: 'percent', maximumFractionDigits: 0 });

/** A goal's value as people read it: shares in percent, milestones as done or not. */
export function goalValue(unit: 'share' | 'number' | 'done', value: number | null): string {
  if (value === null) return 'Inget värde';
  if (unit === 'share') return percent.format(value);
  if (unit === 'done') return value >= 1 ? 'Klar' : 'Inte klar';
  return new Intl.NumberFormat('sv-SE').format(value);
}

export function goalTarget(unit: 'share' | 'number' | 'done', target: number | null, comparison: 'atLeast' | 'above'): string {
  if (unit === 'done' || target === null) return 'Klar';
  return `${comparison === 'above' ? 'mer än' : 'minst'} ${goalValue(unit, target)}`;
}
