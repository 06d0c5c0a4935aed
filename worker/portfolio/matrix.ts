import * as v from 'valibot';
import type { ApplicationKind, LifecyclePhase } from '../../schema/portfolio.ts';
import { municipalityCode, wholeNumber } from '../validation.ts';

type Named = { code: string; name: string };
type ProductRef = { id: number; vendor: string; name: string };

export type MatrixCell = {
  installationId: number;
  lifecycle: LifecyclePhase;
  product: ProductRef;
  /** Cells of a row that share a product share a group letter ("A", "B", …); null if alone. */
  group: string | null;
  /** Samverkansnivå: the level of the active collaboration it takes part in, else 1. */
  level: number;
  collaborationId: number | null;
};

export type MatrixRow = {
  application: { id: number; name: string; kind: ApplicationKind };
  cells: Record<string, MatrixCell | null>;
  /** Every member has it in use (not planned), all with the same product. */
  sameProductEverywhere: boolean;
};

export type Matrix = { municipalities: Named[]; rows: MatrixRow[] };

const collator = new Intl.Collator('sv');

/** "In use" in the strategy's sense: running, including on its way out — not planned, not retired. */
export const inUse = (lifecycle: LifecyclePhase) => lifecycle === 'active' || lifecycle === 'retiring';
const groupLetter = (index: number) => String.fromCharCode(65 + (index % 26)) + (index >= 26 ? String(Math.floor(index / 26)) : '');

/**
 * Applications × municipalities, each cell the product in use. Pure: the rows come from
 * `matrixSource`. Municipalities and applications in Swedish alphabetical order.
 */
export function buildMatrix(source: {
  municipalities: Named[];
  applications: { id: number; name: string; kind: ApplicationKind }[];
  cells: { installationId: number; municipality: string; applicationId: number; lifecycle: LifecyclePhase; product: ProductRef }[];
  levels?: { applicationId: number; municipality: string; level: number; collaborationId: number }[];
}, onlyLevel?: number): Matrix {
  const levels = new Map((source.levels ?? []).map((l) => [`${l.applicationId}:${l.municipality}`, l]));
  const municipalities = [...source.municipalities].sort((a, b) => collator.compare(a.name, b.name));
  const byApplication = new Map<number, typeof source.cells>();
  for (const cell of source.cells) {
    const list = byApplication.get(cell.applicationId) ?? [];
    list.push(cell);
    byApplication.set(cell.applicationId, list);
  }

  const rows = [...source.applications]
    .sort((a, b) => collator.compare(a.name, b.name))
    .map((app): MatrixRow => {
      const installed = byApplication.get(app.id) ?? [];
      const groups = productGroups(installed.map((c) => c.product));
      const cells: Record<string, MatrixCell | null> = {};
      for (const m of municipalities) {
        const found = installed.find((c) => c.municipality === m.code);
        const joined = found && levels.get(`${app.id}:${m.code}`);
        cells[m.code] = found
          ? {
            installationId: found.installationId, lifecycle: found.lifecycle, product: found.product, group: groups.get(found.product.id) ?? null,
            level: joined?.level ?? 1, collaborationId: joined?.collaborationId ?? null,
          }
          : null;
      }
      const sameProductEverywhere = municipalities.length > 0 && municipalities.every((m) => {
        const cell = cells[m.code];
        return cell && inUse(cell.lifecycle) && cell.product.id === installed[0]!.product.id;
      });
      return { application: { id: app.id, name: app.name, kind: app.kind }, cells, sameProductEverywhere };
    });

  // "Show level 3": the applications where some member's installation is at that level.
  const shown = onlyLevel === undefined ? rows : rows.filter((row) => Object.values(row.cells).some((cell) => cell?.level === onlyLevel));
  return { municipalities, rows: shown };
}

/** Products used by two or more members get letters, the most used first. */
function productGroups(products: ProductRef[]): Map<number, string> {
  const counts = new Map<number, { product: ProductRef; count: number }>();
  for (const p of products) counts.set(p.id, { product: p, count: (counts.get(p.id)?.count ?? 0) + 1 });
  const shared = [...counts.values()]
    .filter((entry) => entry.count >= 2)
    .sort((a, b) => b.count - a.count || collator.compare(`${a.product.vendor} ${a.product.name}`, `${b.product.vendor} ${b.product.name}`));
  return new Map(shared.map((entry, index) => [entry.product.id, groupLetter(index)]));
}

// ---------------------------------------------------------------------------------------------
// At national size: the page compares a chosen set of municipalities, a page of rows at a time.

export const matrixLimits = {
  /** Up to this many members the page compares everyone, as in Dalsland; above it, a chosen set. */
  compareAllUpTo: 12,
  /** Most columns one page shows: a comparison of more is unreadable, and the page would be too big. */
  maxColumns: 30,
  /** Cells per page: rows per page shrink as columns grow, so every page stays small. */
  cellsPerPage: 1000,
  maxRowsPerPage: 150,
  minRowsPerPage: 25,
} as const;

/**
 * Which members the page compares (the API and the export compare everyone). Worked out in SQL
 * in the same batch as the rest (worker/portfolio/queries.ts matrixSource), so the page stays
 * one round trip: with `compareAllUpTo` members or fewer, the scope is ignored and all are shown.
 */
export type MatrixScope =
  /** `?kommun=1460&kommun=1492` and/or `?lan=14`: these municipalities, these counties. */
  | { by: 'asked'; municipalities: string[]; counties: string[] }
  /** Nothing asked, an editor: their own municipalities. */
  | { by: 'own'; municipalities: string[] }
  /** Nothing asked, no municipality of one's own (administrator, viewer, finance): the first county by code. */
  | { by: 'first-county' };

/** The page's choice from its URL (`?kommun=…&lan=…&sida=…`), as lists. */
export const matrixSelection = v.object({
  municipalities: v.optional(v.pipe(v.array(municipalityCode('Kommun')), v.maxLength(400, 'Välj högst 400 kommuner.'))),
  counties: v.optional(v.pipe(
    v.array(v.pipe(v.string(), v.regex(/^\d{2}$/, 'Länet anges med två siffror, t.ex. 14.'))),
    v.maxLength(30, 'Välj högst 30 län.'),
  )),
  page: v.optional(v.pipe(v.string(), v.toNumber('Sidan måste vara ett tal.'), wholeNumber('Sida', 1, 100_000))),
});
export type MatrixSelection = v.InferOutput<typeof matrixSelection>;

export function matrixScope(asked: { municipalities?: string[]; counties?: string[] }, own: readonly string[]): MatrixScope {
  const municipalities = [...new Set(asked.municipalities ?? [])];
  const counties = [...new Set(asked.counties ?? [])];
  if (municipalities.length || counties.length) return { by: 'asked', municipalities, counties };
  return own.length ? { by: 'own', municipalities: [...own] } : { by: 'first-county' };
}

/** The county of a municipality: the first two digits of its SCB code. */
export const countyOf = (code: string) => code.slice(0, 2);

const countyNames: Record<string, string> = {
  '01': 'Stockholms län', '03': 'Uppsala län', '04': 'Södermanlands län', '05': 'Östergötlands län', '06': 'Jönköpings län',
  '07': 'Kronobergs län', '08': 'Kalmar län', '09': 'Gotlands län', '10': 'Blekinge län', '12': 'Skåne län', '13': 'Hallands län',
  '14': 'Västra Götalands län', '17': 'Värmlands län', '18': 'Örebro län', '19': 'Västmanlands län', '20': 'Dalarnas län',
  '21': 'Gävleborgs län', '22': 'Västernorrlands län', '23': 'Jämtlands län', '24': 'Västerbottens län', '25': 'Norrbottens län',
};
/** SCB's county names; a code outside them (test and benchmark data) is shown as "Län 30". */
export const countyName = (county: string) => countyNames[county] ?? `Län ${county}`;

export type MatrixColumns = {
  /** The register is larger than `compareAllUpTo`: the page shows a chosen set. */
  selecting: boolean;
  /** The columns shown, by code (the matrix sorts them by name). */
  columns: Named[];
  /** Every member, for the choice: by county, then name. */
  register: (Named & { county: string })[];
  /** How many the scope chose before the `maxColumns` cap. */
  chosen: number;
};

/** The columns from every member with its "chosen" flag (SQL) — capped as the installation query caps them: by code. */
export function matrixColumns(rows: (Named & { chosen: number | boolean })[], scoped: boolean): MatrixColumns {
  const selecting = scoped && rows.length > matrixLimits.compareAllUpTo;
  const chosen = rows.filter((m) => !selecting || Boolean(m.chosen)).sort((a, b) => a.code.localeCompare(b.code));
  const columns = (selecting ? chosen.slice(0, matrixLimits.maxColumns) : chosen).map(({ code, name }) => ({ code, name }));
  const register = rows.map(({ code, name }) => ({ code, name, county: countyOf(code) }))
    .sort((a, b) => a.county.localeCompare(b.county) || collator.compare(a.name, b.name));
  return { selecting, columns, register, chosen: chosen.length };
}

export const rowsPerPage = (columns: number) =>
  Math.max(matrixLimits.minRowsPerPage, Math.min(matrixLimits.maxRowsPerPage, Math.floor(matrixLimits.cellsPerPage / Math.max(1, columns))));

export type MatrixPageOf = { rows: MatrixRow[]; total: number; page: number; pages: number; first: number };

/**
 * One page of the matrix's rows. When comparing a chosen set, only the applications at least
 * one of them has; in the full matrix every application, so an empty row invites registering.
 * A page past the last shows the last.
 */
export function matrixPage(matrix: Matrix, selecting: boolean, page = 1): MatrixPageOf {
  const rows = selecting ? matrix.rows.filter((row) => Object.values(row.cells).some((cell) => cell !== null)) : matrix.rows;
  const size = rowsPerPage(matrix.municipalities.length);
  const pages = Math.max(1, Math.ceil(rows.length / size));
  const shown = Math.min(Math.max(1, page), pages);
  const first = (shown - 1) * size;
  return { rows: rows.slice(first, first + size), total: rows.length, page: shown, pages, first: first + 1 };
}
