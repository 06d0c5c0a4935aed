import { collaborationIssues, type CollaborationDraft, type RuleContext } from '../collaboration/rules.ts';
import type { FieldIssue } from '../outcome.ts';

/*
 * What approval for operation does, decided without I/O: which municipalities get an
 * installation of the chosen product, which are skipped (they already have the application),
 * and whether a level-2 collaboration starts. The collaboration is judged by the
 * collaboration area's own rules (worker/collaboration/rules.ts) against the register as it
 * will be once the new installations exist.
 */

export type ApprovalPlan = {
  /** Municipalities that get a new (planned) installation. */
  install: string[];
  skipped: { municipality: string; reason: string }[];
  /** The level-2 collaboration's participants (host = the sponsor), or null when none starts. */
  collaboration: CollaborationDraft | null;
  /** Why no collaboration starts ('' when one does). */
  collaborationNote: string;
  /** The collaboration rules' refusals; approval is refused with them. */
  issues: FieldIssue[];
};

export function planApproval(
  input: { sponsor: string; joiners: string[]; productId: number; productName: string },
  ctx: RuleContext,
): ApprovalPlan {
  const name = (code: string) => ctx.municipalities.get(code) ?? code;
  const candidates = [...new Set([input.sponsor, ...input.joiners])];
  const current = new Map(ctx.installations.map((i) => [i.municipality, i]));
  const install: string[] = [];
  const skipped: ApprovalPlan['skipped'] = [];
  for (const code of candidates) {
    const existing = current.get(code);
    if (existing) skipped.push({ municipality: code, reason: `${name(code)} har redan ${ctx.applicationName} (${existing.productName}) registrerat; inget nytt system lades till.` });
    else install.push(code);
  }
  // In a level-2 collaboration everyone runs the chosen product: the new installations and
  // the skipped ones that already run it — unless they are in another collaboration about it.
  const sameProduct = candidates.filter((code) => install.includes(code) || current.get(code)?.productId === input.productId);
  const participants = sameProduct.filter((code) => !ctx.elsewhere.includes(code));
  const empty = { install, skipped, issues: [] };
  if (!participants.includes(input.sponsor)) {
    return { ...empty, collaboration: null, collaborationNote: `Ingen samverkan startades: ${name(input.sponsor)} kör inte ${input.productName} eller deltar redan i en annan samverkan om ${ctx.applicationName}.` };
  }
  if (participants.length < 2) {
    return { ...empty, collaboration: null, collaborationNote: 'Ingen samverkan startades: ingen annan kommun ska delta med samma produkt.' };
  }
  const draft: CollaborationDraft = {
    level: 2, participants: [...participants].sort(), host: input.sponsor, ownerId: null,
    lowestLevel: null, highestLevel: null, validFrom: null, validTo: null,
  };
  const after: RuleContext = {
    ...ctx,
    installations: [...ctx.installations, ...install.map((municipality) => ({ municipality, productId: input.productId, productName: input.productName }))],
  };
  return { ...empty, collaboration: draft, collaborationNote: '', issues: collaborationIssues(draft, after) };
}
