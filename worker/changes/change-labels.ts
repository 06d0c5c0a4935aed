import type { Environment, FreezeKind, RiskClass } from '../../schema/changes.ts';
import type { Clearance } from './change-clearance.ts';

/** The change calendar's words, shared by the pages and the calendar feed. */
export const riskText: Record<RiskClass, string> = { standard: 'standardändring', normal: 'normal ändring', urgent: 'akut ändring' };
export const riskLabel: Record<RiskClass, string> = { standard: 'Standardändring (låg risk, förgodkänd)', normal: 'Normal', urgent: 'Akut' };
export const environmentText: Record<Environment, string> = { education: 'utbildningsmiljön', administration: 'administrativa miljön' };
export const environmentLabel: Record<Environment, string> = { education: 'Utbildningsmiljön (skolmiljön)', administration: 'Administrativa miljön' };
export const kindLabel: Record<FreezeKind, string> = { weeks: 'Veckor varje år', yearly: 'Datum varje år', window: 'Daterat fönster' };

export const clearanceText: Record<Clearance, string> = {
  clear: 'Ingen frysperiod',
  standard: 'Standardändring under frysperiod – tillåten',
  approved: 'Undantag godkänt',
  requested: 'Undantag begärt – väntar på godkännande',
  rejected: 'Undantag avslaget – får inte genomföras',
  refused: 'I frysperiod utan undantag – får inte genomföras',
};

export const monthNames = ['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september', 'oktober', 'november', 'december'];
export const weekdayNames = ['måndag', 'tisdag', 'onsdag', 'torsdag', 'fredag', 'lördag', 'söndag'];
