import type { FieldIssue } from '../outcome.ts';

/** A collaboration as it would be after a create or a change. */
export type CollaborationDraft = {
  level: number;
  participants: string[];
  host: string;
  ownerId: number | null;
  lowestLevel: number | null;
  highestLevel: number | null;
  validFrom: string | null;
  validTo: string | null;
};

/** What the rules need to know of the register, read in one round trip. */
export type RuleContext = {
  applicationName: string;
  municipalities: Map<string, string>;
  /** The application's current (not retired) installations. */
  installations: { municipality: string; productId: number; productName: string }[];
  /** Members already in another active collaboration about this application. */
  elsewhere: string[];
  ownerExists: boolean;
};

const list = (names: string[]) => (names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} och ${names.at(-1)}`);

/**
 * The strategy's rules for a collaboration (section 3), each with the message a user needs
 * to put it right. Pure: the caller reads the context.
 */
export function collaborationIssues(draft: CollaborationDraft, ctx: RuleContext): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const name = (code: string) => ctx.municipalities.get(code) ?? code;
  const participants = [...new Set(draft.participants)];

  const unknown = participants.filter((code) => !ctx.municipalities.has(code));
  if (unknown.length) issues.push({ path: 'participants', message: `Kommunkoden ${list(unknown)} finns inte.` });
  if (participants.length < 2) issues.push({ path: 'participants', message: 'En samverkan behöver minst två deltagande kommuner.' });
  if (!participants.includes(draft.host)) issues.push({ path: 'host', message: 'Värdkommunen måste vara en av de deltagande kommunerna.' });

  const busy = participants.filter((code) => ctx.elsewhere.includes(code));
  if (busy.length) {
    issues.push({ path: 'participants', message: `${list(busy.map(name))} deltar redan i en annan samverkan om ${ctx.applicationName}. En kommun deltar i högst en samverkan per applikation.` });
  }
  const known = participants.filter((code) => ctx.municipalities.has(code));
  const installed = new Map(ctx.installations.map((i) => [i.municipality, i]));
  const without = known.filter((code) => !installed.has(code));
  if (without.length) {
    issues.push({ path: 'participants', message: `${list(without.map(name))} har inget system för ${ctx.applicationName} registrerat. Varje deltagare ska ha det; registrera systemet först.` });
  }

  if (draft.level === 2) {
    const products = new Map(known.filter((code) => installed.has(code)).map((code) => [code, installed.get(code)!]));
    if (new Set([...products.values()].map((i) => i.productId)).size > 1) {
      const uses = [...products.entries()].map(([code, i]) => `${name(code)} ${i.productName}`);
      issues.push({ path: 'level', message: `Nivå 2 (egna system men likadana) kräver samma produkt hos alla: ${uses.join(', ')}.` });
    }
  }
  if (draft.level >= 3 && draft.ownerId === null) {
    issues.push({ path: 'ownerId', message: 'Från nivå 3 har samverkan en gemensam systemägare. Välj systemägaren.' });
  }
  if (draft.ownerId !== null && !ctx.ownerExists) issues.push({ path: 'ownerId', message: 'Personen som ska vara systemägare finns inte i personregistret.' });

  const { lowestLevel: low, highestLevel: high } = draft;
  if (low !== null && high !== null && low > high) issues.push({ path: 'lowestLevel', message: 'Lägsta nivån kan inte vara högre än den högsta.' });
  else if ((low !== null && draft.level < low) || (high !== null && draft.level > high)) {
    issues.push({ path: 'level', message: `Nivån ligger utanför avtalets ram (nivå ${low ?? 2}–${high ?? 5}).` });
  }
  if (draft.validFrom && draft.validTo && draft.validTo < draft.validFrom) {
    issues.push({ path: 'validTo', message: 'Avtalet kan inte upphöra innan det börjar gälla.' });
  }
  return issues;
}
