/**
 * What the iCalendar feed contains (no I/O): the freeze periods from a year back to two years
 * ahead, the planned changes in that time, and the last day to give notice on contracts
 * within the coming 12 months.
 */
import { noticeDeadlineWithin } from '../portfolio/contracts.ts';
import { scopeText } from './change-clearance.ts';
import { clearanceText, environmentText, riskText } from './change-labels.ts';
import type { FreezeRuleDefinition, PlannedChange } from './change-queries.ts';
import { addDays, occurrences } from './freeze-calendar.ts';
import type { AllDayEvent } from './icalendar.ts';

export const feedRange = (today: string) => ({ from: addDays(today, -366), to: addDays(today, 2 * 366) });

type Contract = { installationId: number; contractEnd: string | null; noticeMonths: number | null; applicationName: string; municipalityName: string; vendor: string; productName: string };

export function feedEvents(data: { rules: FreezeRuleDefinition[]; changes: PlannedChange[]; contracts: Contract[] }, today: string, origin: string): AllDayEvent[] {
  const host = new URL(origin).host;
  const range = feedRange(today);
  const freezes = data.rules.flatMap((rule) => occurrences(rule, range.from, range.to).map((p): AllDayEvent => ({
    uid: `freeze-${rule.id}-${p.from}@${host}`,
    summary: `Frysperiod: ${rule.name} (${scopeText[rule.scope]})`,
    description: `Förändringsstopp i ${scopeText[rule.scope]} ${p.from}–${p.to}. Bara standardändringar, eller ändringar med godkänt undantag.`,
    from: p.from, to: p.to, categories: 'Frysperiod',
  })));
  const changes = data.changes.map((c): AllDayEvent => ({
    uid: `change-${c.id}@${host}`,
    summary: `Ändring: ${c.title}${c.municipalityName ? ` (${c.municipalityName})` : ''}`,
    description: [
      `${riskText[c.riskClass][0]!.toUpperCase()}${riskText[c.riskClass].slice(1)} i ${environmentText[c.environment]}.`,
      c.installationLabel ? `System: ${c.installationLabel}.` : '',
      clearanceText[c.clearance] + '.',
      c.description,
    ].filter(Boolean).join('\n'),
    from: c.startsOn, to: c.endsOn ?? c.startsOn, categories: 'Planerad ändring', url: `${origin}/andringar/${c.id}`,
  }));
  const notices = data.contracts.flatMap((k): AllDayEvent[] => {
    // The attention list's rule (worker/attention/rules.ts) with a twelve-month horizon.
    const deadline = k.contractEnd ? noticeDeadlineWithin(k.contractEnd, k.noticeMonths, today, 12) : undefined;
    if (!deadline) return [];
    return [{
      uid: `notice-${k.installationId}-${deadline}@${host}`,
      summary: `Sista dag att säga upp: ${k.applicationName} i ${k.municipalityName}`,
      description: `Avtalet för ${k.vendor} ${k.productName} löper ut ${k.contractEnd}${k.noticeMonths ? ` med ${k.noticeMonths} månaders uppsägningstid` : ''}.`,
      from: deadline, to: deadline, categories: 'Uppsägning', url: `${origin}/system/${k.installationId}`,
    }];
  });
  return [...freezes, ...changes, ...notices].sort((a, b) => a.from.localeCompare(b.from) || a.uid.localeCompare(b.uid));
}
