import type { ApplicationKind, LifecyclePhase } from '../../schema/portfolio.ts';

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
