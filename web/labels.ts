import type { ApplicationKind, Criticality, LifecyclePhase } from '../schema/portfolio.ts';

/** The Swedish words users see for the codes the API speaks. */
export const kindLabel: Record<ApplicationKind, string> = {
  general: 'Generell',
  common: 'Gemensam',
  specific: 'Verksamhetsspecifik',
  technical: 'Teknisk (IT-utrustning och stödsystem)',
};

export const kindShort: Record<ApplicationKind, string> = {
  general: 'Generell',
  common: 'Gemensam',
  specific: 'Verksamhetsspecifik',
  technical: 'Teknisk',
};

export const lifecycleLabel: Record<LifecyclePhase, string> = {
  planned: 'Planerad',
  active: 'I drift',
  retiring: 'Under avveckling',
  retired: 'Avvecklad',
};

export const criticalityLabel: Record<Criticality, string> = {
  low: 'Låg',
  medium: 'Måttlig',
  high: 'Hög',
  critical: 'Mycket hög',
};
