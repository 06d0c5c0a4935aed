/**
 * Fair placement (rättvis fördelning): the strategy places operating responsibility where the
 * knowledge is, but the load should be spread fairly. Per member municipality, three
 * measures over the **active** collaborations (not ended), each against an even share:
 *
 * - `hosting`: the collaborations it hosts (`collaboration.host_code`: it operates the
 *   shared solution or holds the expertise).
 * - `ownership`: the collaborations whose system owner (`collaboration.owner_id`) is a
 *   person of that municipality.
 * - `administration`: the administration responsibilities its people carry — role
 *   assignments as systemadministratör, driftansvarig or systemtekniker, held by a person of
 *   that municipality, on an active collaboration or on a current installation that takes part
 *   in one (its municipality is an active participant of an active collaboration for its
 *   application). Each assignment counts once.
 *
 * Even share = the measure's total over the members ÷ the number of members; the difference
 * is count − even share. Owners and role holders who belong to no member municipality (people
 * of the collaboration as a whole) are counted as `unattributed` and left out of the total,
 * so the differences add up to zero. Pure: the rows come from `placementSource`.
 */

export const measures = ['hosting', 'ownership', 'administration'] as const;
export type Measure = (typeof measures)[number];

/** The role kinds that count as an administration responsibility. */
export const administrationRoles = ['system_administrator', 'operations_manager', 'system_technician'] as const;

export type PlacementSource = {
  municipalities: { code: string; name: string }[];
  /** Active collaborations: the host, and the owner's municipality (null: no owner, or one of no member). */
  collaborations: { id: number; hostCode: string; ownerMunicipality: string | null; hasOwner: boolean }[];
  /** One row per counted role assignment: the holder's municipality (null: none). */
  responsibilities: { id: number; municipality: string | null }[];
};

export type MeasureFigure = { count: number; evenShare: number; difference: number };

export type PlacementRow = { code: string; name: string } & Record<Measure, MeasureFigure>;

export type Placement = {
  municipalities: PlacementRow[];
  totals: Record<Measure, { total: number; evenShare: number; unattributed: number }>;
  /** Active collaborations in all, and how many of them have no system owner. */
  activeCollaborations: number;
  withoutOwner: number;
};

const collator = new Intl.Collator('sv');

export function fairPlacement(source: PlacementSource): Placement {
  const members = [...source.municipalities].sort((a, b) => collator.compare(a.name, b.name));
  const codes = new Set(members.map((m) => m.code));
  const counts: Record<Measure, Map<string, number>> = { hosting: new Map(), ownership: new Map(), administration: new Map() };
  const unattributed: Record<Measure, number> = { hosting: 0, ownership: 0, administration: 0 };
  const add = (measure: Measure, code: string | null) => {
    if (code !== null && codes.has(code)) counts[measure].set(code, (counts[measure].get(code) ?? 0) + 1);
    else unattributed[measure] += 1;
  };

  for (const c of source.collaborations) {
    add('hosting', c.hostCode);
    if (c.hasOwner) add('ownership', c.ownerMunicipality);
  }
  const seen = new Set<number>();
  for (const r of source.responsibilities) {
    if (seen.has(r.id)) continue;
    seen.add(r.id);
    add('administration', r.municipality);
  }

  const totals = Object.fromEntries(measures.map((m) => {
    const total = [...counts[m].values()].reduce((s, n) => s + n, 0);
    return [m, { total, evenShare: members.length ? total / members.length : 0, unattributed: unattributed[m] }];
  })) as Placement['totals'];

  return {
    municipalities: members.map((m) => ({
      code: m.code,
      name: m.name,
      ...Object.fromEntries(measures.map((measure) => {
        const count = counts[measure].get(m.code) ?? 0;
        const evenShare = totals[measure].evenShare;
        return [measure, { count, evenShare, difference: count - evenShare }];
      })) as Record<Measure, MeasureFigure>,
    })),
    totals,
    activeCollaborations: source.collaborations.length,
    withoutOwner: source.collaborations.filter((c) => !c.hasOwner).length,
  };
}

const decimals = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 2 });

/** A share or difference as Swedes write it: "1,4", "2", "0,33". */
export const figure = (n: number) => decimals.format(Math.abs(n) < 1e-9 ? 0 : n);

/** The difference in words: "2 över jämn andel", "0,4 under jämn andel", "jämn andel". */
export function differenceInWords(difference: number): string {
  if (Math.abs(difference) < 0.005) return 'jämn andel';
  return `${figure(Math.abs(difference))} ${difference > 0 ? 'över' : 'under'} jämn andel`;
}
