/**
 * The attention list (Att hantera) from the facts of the register and a day — no I/O. Dates
 * are ISO days compared as text. Each rule says what is due and by when, in Swedish, with a
 * link; the list is ordered most pressing first and, within that, soonest day first.
 */
import { attentionKinds, type AttentionEntity, type AttentionKind, type AttentionUrgency } from '../../schema/attention.ts';
import type { InitiativeStage } from '../../schema/initiatives.ts';
import { scopeText } from '../changes/change-clearance.ts';
import { addDays, occurrences, type FreezeDefinition } from '../changes/freeze-calendar.ts';
import { noticeDays } from '../changes/freeze-notice.ts';
import type { AttentionDocument } from '../documents/queries.ts';
import { documentTypeLabel } from '../documents/review.ts';
import { stageLabel, stallDays } from '../initiatives/gates.ts';
import { addMonths, noticeDeadlineWithin } from '../portfolio/contracts.ts';

/** Notice deadlines this close are listed (the issue: "within six months"). */
export const noticeHorizonMonths = 6;
/** Contracts ending this close are listed. */
export const contractHorizonMonths = 12;
/** A system's facts not confirmed for this long are stale (as the overview's table counts them). */
export const confirmationMonths = 12;
/** Freezes starting this close are listed: the six weeks' notice new freezes must give. */
export const freezeHorizonDays = noticeDays;
/** A dated item this close is "soon" rather than "later". */
export const soonDays = 30;

/** A current (not retired) installation with what the rules look at. */
export type InstallationFact = {
  id: number;
  municipality: string;
  municipalityName: string;
  applicationId: number;
  applicationName: string;
  vendor: string;
  productName: string;
  contractEnd: string | null;
  noticeMonths: number | null;
  confirmedOn: string | null;
};

export type StalledInitiativeFact = {
  id: number; applicationName: string; sponsor: string; sponsorName: string;
  stage: InitiativeStage; stageSince: string; daysInStage: number;
};

export type AttentionFacts = {
  installations: InstallationFact[];
  /** Installations with a systemägare assigned to them (role_assignment on the installation). */
  ownedInstallations: number[];
  /** Members of an active collaboration whose shared system owner (level 3 and up) owns their system too. */
  sharedOwners: { applicationId: number; municipality: string }[];
  /** Documents past their review day: `documentsNeedingAttention`. */
  overdueDocuments: AttentionDocument[];
  freezeRules: (FreezeDefinition & { id: number })[];
  /** Initiatives standing still: `stalledInitiatives`. */
  stalledInitiatives: StalledInitiativeFact[];
};

export type AttentionItem = {
  kind: AttentionKind;
  urgency: AttentionUrgency;
  dueOn: string | null;
  municipality: string | null;
  municipalityName: string | null;
  subject: string;
  detail: string;
  href: string;
  entity: AttentionEntity;
  entityId: number;
};

/** How a dated item stands today: passed, within 30 days (today included), or later. */
export function urgencyOf(dueOn: string, today: string): AttentionUrgency {
  if (dueOn < today) return 'overdue';
  return dueOn <= addDays(today, soonDays) ? 'soon' : 'later';
}

const product = (i: InstallationFact) =>
  i.productName.toLowerCase().startsWith(i.vendor.toLowerCase()) ? i.productName : `${i.vendor} ${i.productName}`;
const systemOf = (i: InstallationFact) => ({
  municipality: i.municipality, municipalityName: i.municipalityName,
  subject: `${i.applicationName} i ${i.municipalityName}`, href: `/system/${i.id}`, entity: 'installation' as const, entityId: i.id,
});
const months = (n: number) => (n === 1 ? '1 månads' : `${n} månaders`);
const days = (n: number) => (n === 1 ? '1 dag' : `${n} dagar`);

/** Last day to give notice within six months: "säg upp eller förläng senast …". */
function noticeItems(installations: InstallationFact[], today: string): AttentionItem[] {
  return installations.flatMap((i): AttentionItem[] => {
    const deadline = i.contractEnd ? noticeDeadlineWithin(i.contractEnd, i.noticeMonths, today, noticeHorizonMonths) : undefined;
    if (!deadline) return [];
    const term = i.noticeMonths ? `${months(i.noticeMonths)} uppsägningstid` : 'ingen uppsägningstid registrerad';
    return [{
      kind: 'notice_deadline', urgency: urgencyOf(deadline, today), dueOn: deadline, ...systemOf(i),
      detail: `Säg upp eller förläng senast ${deadline}: avtalet för ${product(i)} löper ut ${i.contractEnd} (${term}).`,
    }];
  });
}

/** Contracts ending within twelve months — and those already ended on a system still registered as in use. */
function contractItems(installations: InstallationFact[], today: string): AttentionItem[] {
  const horizon = addMonths(today, contractHorizonMonths);
  return installations.flatMap((i): AttentionItem[] => {
    const end = i.contractEnd;
    if (!end || end > horizon) return [];
    return [{
      kind: 'contract_ending', urgency: urgencyOf(end, today), dueOn: end, ...systemOf(i),
      detail: end < today
        ? `Avtalet för ${product(i)} löpte ut ${end}, men systemet är inte avvecklat i registret.`
        : `Avtalet för ${product(i)} löper ut ${end}.`,
    }];
  });
}

/**
 * Not confirmed within twelve months: never, or last before today minus twelve months
 * (clamped like the notice arithmetic, so on 28 February 2027 a confirmation of 28 February
 * 2026 still counts). Due on the day the confirmation ran out.
 */
function unconfirmedItems(installations: InstallationFact[], today: string): AttentionItem[] {
  const cutoff = addMonths(today, -confirmationMonths);
  return installations.flatMap((i): AttentionItem[] => {
    if (i.confirmedOn !== null && i.confirmedOn >= cutoff) return [];
    return [{
      kind: 'unconfirmed_installation', urgency: 'overdue', dueOn: i.confirmedOn && addMonths(i.confirmedOn, confirmationMonths), ...systemOf(i),
      detail: i.confirmedOn ? `Uppgifterna bekräftades senast ${i.confirmedOn}.` : 'Uppgifterna har aldrig bekräftats.',
    }];
  });
}

/** No systemägare: none on the installation, and no shared owner of a collaboration it takes part in. */
function ownerItems(facts: AttentionFacts): AttentionItem[] {
  const owned = new Set(facts.ownedInstallations);
  const shared = new Set(facts.sharedOwners.map((s) => `${s.applicationId}/${s.municipality}`));
  return facts.installations
    .filter((i) => !owned.has(i.id) && !shared.has(`${i.applicationId}/${i.municipality}`))
    .map((i): AttentionItem => ({
      kind: 'missing_system_owner', urgency: 'missing', dueOn: null, ...systemOf(i),
      detail: `Ingen systemägare är utsedd för ${i.applicationName} i ${i.municipalityName}.`,
    }));
}

function documentItems(documents: AttentionDocument[]): AttentionItem[] {
  return documents.map((d): AttentionItem => ({
    kind: 'overdue_document', urgency: 'overdue', dueOn: d.nextReviewOn,
    municipality: d.municipality, municipalityName: d.municipalityName,
    subject: d.title, href: `/styrdokument/${d.id}`, entity: 'governing_document', entityId: d.id,
    detail: `${documentTypeLabel[d.type]} ${d.municipalityName ? `för ${d.municipalityName}` : 'gemensam för samverkan'}`
      + ` skulle ha granskats ${d.nextReviewOn} (${days(d.daysOverdue)} sedan). Ägare: ${d.ownerName}.`,
  }));
}

/** Periods starting today or within six weeks (a period already under way is not "starting"). */
function freezeItems(rules: AttentionFacts['freezeRules'], today: string): AttentionItem[] {
  const last = addDays(today, freezeHorizonDays);
  return rules.flatMap((rule) => occurrences(rule, today, last)
    .filter((p) => p.from >= today)
    .map((p): AttentionItem => ({
      kind: 'upcoming_freeze', urgency: urgencyOf(p.from, today), dueOn: p.from, municipality: null, municipalityName: null,
      subject: rule.name, href: `/andringar?manad=${p.from.slice(0, 7)}`, entity: 'freeze_rule', entityId: rule.id,
      detail: `Förändringsstopp i ${scopeText[rule.scope]} ${p.from}–${p.to}. Planera ändringarna före eller efter.`,
    })));
}

/** Due the last day it was not yet standing still: 60 days in the stage. */
function initiativeItems(initiatives: StalledInitiativeFact[]): AttentionItem[] {
  return initiatives.map((i): AttentionItem => ({
    kind: 'stalled_initiative', urgency: 'overdue', dueOn: addDays(i.stageSince, stallDays),
    municipality: i.sponsor, municipalityName: i.sponsorName,
    subject: `${i.applicationName} (${i.sponsorName})`, href: `/initiativ/${i.id}`, entity: 'initiative', entityId: i.id,
    detail: `Står still i steget ${stageLabel[i.stage]} sedan ${i.stageSince} (${days(i.daysInStage)}).`,
  }));
}

const urgencyRank: Record<AttentionUrgency, number> = { overdue: 0, soon: 1, later: 2, missing: 3 };
const kindRank = (k: AttentionKind) => attentionKinds.indexOf(k);
const sv = (a: string | null, b: string | null) => (a ?? '').localeCompare(b ?? '', 'sv');

/**
 * Most pressing first (passed, within 30 days, later, missing), then the soonest day — an
 * undated passed item (never confirmed) before the dated ones —, then the kinds in the
 * page's order, municipality and subject.
 */
export const byUrgency = (a: AttentionItem, b: AttentionItem) =>
  urgencyRank[a.urgency] - urgencyRank[b.urgency]
  || (a.dueOn ?? '').localeCompare(b.dueOn ?? '')
  || kindRank(a.kind) - kindRank(b.kind)
  || sv(a.municipalityName, b.municipalityName)
  || sv(a.subject, b.subject)
  || a.entityId - b.entityId;

/** Every attention item on `today`, in the list's order. */
export function attentionItems(facts: AttentionFacts, today: string): AttentionItem[] {
  return [
    ...noticeItems(facts.installations, today),
    ...freezeItems(facts.freezeRules, today),
    ...contractItems(facts.installations, today),
    ...documentItems(facts.overdueDocuments),
    ...initiativeItems(facts.stalledInitiatives),
    ...ownerItems(facts),
    ...unconfirmedItems(facts.installations, today),
  ].sort(byUrgency);
}
