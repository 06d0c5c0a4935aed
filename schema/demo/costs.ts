import { allocate, type AllocationPart } from '../../worker/costs/allocation.ts';
import type { CostCategory, KeyPart } from '../costs.ts';
import { municipalities, populationYears } from './data.ts';
import { insert, literal } from './sql.ts';

/*
 * Demo cost sharing: four allocation keys, the common costs of 2023 (closed, its shares
 * frozen) and 2024 (open, with budgets and a solidarity compensation). The years follow the
 * population figures the demo has (31 December 2023 and 2024), since a population key uses
 * the cost's year. The amounts are invented.
 */

type DemoKey = { name: string; description: string; parts: KeyPart[] };

const keys: DemoKey[] = [
  { name: 'Lika delar', description: 'Varje deltagare betalar lika mycket.', parts: [{ basis: 'equal', weight: 1 }] },
  { name: 'Invånare', description: 'Efter folkmängden den 31 december kostnadens år.', parts: [{ basis: 'population', weight: 1 }] },
  {
    name: '40 % lika, 60 % invånare', description: 'IT-strategins nyckel för gemensam drift: en grundavgift och resten efter storlek.',
    parts: [{ basis: 'equal', weight: 40 }, { basis: 'population', weight: 60 }],
  },
  { name: 'Användare', description: 'Efter antalet användare i kommunernas system för applikationen.', parts: [{ basis: 'users', weight: 1 }] },
];

/** The agreed key of a demo collaboration, by its application. */
const agreedKeys: Record<string, string> = { Ekonomisystem: '40 % lika, 60 % invånare', Upphandlingsstöd: 'Lika delar' };

type DemoItem = {
  year: (typeof populationYears)[number];
  description: string;
  category: CostCategory;
  amountOre: number;
  budgetOre: number | null;
  key: string;
  collaboration?: string;
  subarea?: string;
  application?: string;
  beneficiary?: string;
};

const all = municipalities.map((m) => m.code);

const items: DemoItem[] = [
  { year: 2023, description: 'Stadsnät mellan kommunhusen, drift', category: 'network', amountOre: 142_500_000, budgetOre: 140_000_000, key: '40 % lika, 60 % invånare', subarea: 'Nät och kommunikation' },
  { year: 2023, description: 'Ekonomisystem, drift hos Åmål', category: 'operations', amountOre: 96_350_050, budgetOre: 95_000_000, key: '40 % lika, 60 % invånare', collaboration: 'Ekonomisystem' },
  { year: 2023, description: 'Utbildning för systemförvaltare', category: 'training', amountOre: 8_500_000, budgetOre: 10_000_000, key: 'Lika delar' },
  { year: 2024, description: 'Stadsnät mellan kommunhusen, drift', category: 'network', amountOre: 147_812_345, budgetOre: 145_000_000, key: '40 % lika, 60 % invånare', subarea: 'Nät och kommunikation' },
  { year: 2024, description: 'Ekonomisystem, drift hos Åmål', category: 'operations', amountOre: 98_000_001, budgetOre: 99_000_000, key: '40 % lika, 60 % invånare', collaboration: 'Ekonomisystem' },
  { year: 2024, description: 'Dals-Ed byter ut sitt fungerande ekonomisystem i förtid', category: 'solidarity', amountOre: 24_000_000, budgetOre: 24_000_000, key: '40 % lika, 60 % invånare', collaboration: 'Ekonomisystem', beneficiary: '1438' },
  { year: 2024, description: 'E-post, licenser', category: 'licence', amountOre: 61_250_000, budgetOre: 60_000_000, key: 'Användare', application: 'E-post' },
  { year: 2024, description: 'Ny brandvägg, investering', category: 'investment', amountOre: 37_500_000, budgetOre: null, key: 'Lika delar', subarea: 'Brandvägg och säkerhet' },
  { year: 2024, description: 'Upphandlingsstöd, licens', category: 'licence', amountOre: 12_000_003, budgetOre: 12_000_000, key: 'Lika delar', collaboration: 'Upphandlingsstöd' },
];

/** The closed demo year: its shares are frozen as the year-closing command would freeze them. */
const closedYear = 2023;

const keyId = (name: string) => ({ sql: `SELECT id FROM allocation_key WHERE name = ${literal(name)}` });
const collaborationId = (application: string) =>
  ({ sql: `SELECT c.id FROM collaboration c JOIN application a ON a.id = c.application_id WHERE a.name = ${literal(application)} AND c.ended_on IS NULL` });

/** The shares of a closed-year item, with the bases it uses (equal and population only). */
function frozenShares(item: DemoItem, amountOre: number) {
  const parts: AllocationPart[] = keys.find((k) => k.name === item.key)!.parts.map((p) => {
    if (p.basis !== 'equal' && p.basis !== 'population') throw new Error(`demo: ${p.basis} in a closed year`);
    return { weight: p.weight, shares: Object.fromEntries(municipalities.map((m) => [m.code, p.basis === 'equal' ? 1 : m.population[item.year]])) };
  });
  return allocate({ totalOre: amountOre, participants: all, parts });
}

export function costDemoStatements(): string[] {
  const years = [...new Set(items.map((i) => i.year))];
  return [
    ...keys.map((k) => insert('allocation_key', { name: k.name, description: k.description })),
    ...keys.flatMap((k) => years.map((year) => insert('allocation_key_year', { key_id: keyId(k.name), year, parts: JSON.stringify(k.parts) }))),
    ...Object.entries(agreedKeys).map(([application, key]) =>
      `UPDATE "collaboration" SET "allocation_key_id" = (${keyId(key).sql}) WHERE "id" = (${collaborationId(application).sql})`),
    ...items.map((i) => insert('cost_item', {
      year: i.year, amount_ore: i.amountOre, budget_ore: i.budgetOre, category: i.category, description: i.description,
      key_id: keyId(i.key), participants: JSON.stringify(all),
      collaboration_id: i.collaboration ? collaborationId(i.collaboration) : null,
      subarea_id: i.subarea ? { sql: `SELECT id FROM technical_subarea WHERE name = ${literal(i.subarea)}` } : null,
      application_id: i.application ? { sql: `SELECT id FROM application WHERE name = ${literal(i.application)}` } : null,
      beneficiary_code: i.beneficiary ?? null,
    })),
    insert('cost_year', { year: closedYear, closed_at: `${closedYear + 1}-02-15T09:00:00.000Z`, closed_by: 'demodata', note: 'Bokslut fastställt av IT-chefsgruppen.' }),
    ...items.filter((i) => i.year === closedYear).flatMap((i) => {
      const budget = i.budgetOre === null ? null : frozenShares(i, i.budgetOre);
      return frozenShares(i, i.amountOre).map((s) => insert('cost_share', {
        cost_item_id: { sql: `SELECT id FROM cost_item WHERE year = ${i.year} AND description = ${literal(i.description)}` },
        municipality_code: s.municipality, amount_ore: s.amountOre,
        budget_ore: budget ? budget.find((b) => b.municipality === s.municipality)!.amountOre : null,
      }));
    }),
  ];
}
