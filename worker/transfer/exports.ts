import type { Municipality } from '../portfolio/queries.ts';
import type { InstallationView } from '../portfolio/queries.ts';
import type { Matrix } from '../portfolio/matrix.ts';
import type { GoalView } from '../goals/queries.ts';
import { statusLabel } from '../goals/status.ts';
import type { Column, ColumnKind, Sheet, SheetCell } from '../spreadsheet.ts';
import { areaLabel } from '../../web/goals/labels.ts';
import { productLabel } from '../../web/format.ts';
import { criticalityWords, importColumns, kindWords, lifecycleWords, type CellKind, type ImportColumn } from './columns.ts';

/**
 * The register, the comparison matrix and goal status as sheets (worker/spreadsheet.ts writes
 * them as xlsx or CSV). Pure: built from what the pages' own queries return.
 */

const sheetKind: Record<CellKind, ColumnKind> = {
  text: 'text', code: 'text', kind: 'text', lifecycle: 'text', criticality: 'text', yesNo: 'text', integer: 'integer', money: 'money', date: 'date',
};

/** The register's columns: the import's (so an export imports back unchanged) with the municipality's name for people to read. */
const registerColumns: ImportColumn[] = importColumns.filter((c) => c.field !== 'subarea' && c.field !== 'businessArea');

export function registerSheet(installations: InstallationView[], name = 'Register'): Sheet {
  const sorted = [...installations].sort((a, b) =>
    a.municipalityName.localeCompare(b.municipalityName, 'sv') || a.applicationName.localeCompare(b.applicationName, 'sv') || a.installation.id - b.installation.id);
  const columns: Column[] = registerColumns.flatMap((c) => {
    const column = { header: c.header, kind: sheetKind[c.kind] };
    return c.field === 'municipality' ? [column, { header: 'kommun' }] : [column];
  });
  const rows = sorted.map((view) => {
    const i = view.installation;
    const cell: Record<string, SheetCell> = {
      municipality: i.municipality, application: view.applicationName, kind: kindWords[view.applicationKind], vendor: view.productVendor, product: view.productName,
      productVersion: i.productVersion, administration: i.administration, lifecycle: lifecycleWords[i.lifecycle], users: i.users,
      licenceCostOre: i.licenceCostOre, operationsCostOre: i.operationsCostOre, contractEnd: i.contractEnd, noticeMonths: i.noticeMonths,
      confirmedOn: i.confirmedOn, functionScore: i.functionScore, competenceRisk: i.competenceRisk,
      criticality: i.criticality ? criticalityWords[i.criticality] : null,
      confidentialityClass: i.confidentialityClass, integrityClass: i.integrityClass, availabilityClass: i.availabilityClass,
      singleSignOn: i.singleSignOn, twoFactor: i.twoFactor, traceability: i.traceability, operatingAgreement: i.operatingAgreement, notes: i.notes,
    };
    return registerColumns.flatMap((c) => (c.field === 'municipality' ? [cell.municipality, view.municipalityName] : [cell[c.field]]));
  });
  return { name, columns, rows };
}

export const registerName = (m?: Pick<Municipality, 'name'>) => (m ? `Register ${m.name}` : 'Register');

const lifecycleNote: Record<string, string> = { planned: ' (planerad)', retiring: ' (under avveckling)' };

/** Applications × municipalities, each cell the product (as on /matris). */
export function matrixSheet(matrix: Matrix): Sheet {
  return {
    name: 'Jämförelse',
    columns: [
      { header: 'applikation' }, { header: 'typ' },
      ...matrix.municipalities.map((m) => ({ header: m.name })),
      { header: 'samma produkt hos alla' },
    ],
    rows: matrix.rows.map((row) => [
      row.application.name, kindWords[row.application.kind],
      ...matrix.municipalities.map((m) => {
        const cell = row.cells[m.code];
        return cell ? productLabel(cell.product.vendor, cell.product.name) + (lifecycleNote[cell.lifecycle] ?? '') : null;
      }),
      row.sameProductEverywhere,
    ]),
  };
}

const typeWords: Record<GoalView['type'], string> = { computed: 'beräknat', measured: 'mätt', milestone: 'milstolpe' };

/** Every goal with its value, target, deadline and status (as on /mal). */
export function goalSheet(goals: GoalView[]): Sheet {
  const share = (g: GoalView, x: number | null) => (g.unit === 'share' && x !== null ? x * 100 : null);
  const number = (g: GoalView, x: number | null) => (g.unit === 'number' && x !== null ? x : null);
  return {
    name: 'Målstatus',
    columns: [
      { header: 'mål' }, { header: 'område' }, { header: 'strategi' }, { header: 'sort' },
      { header: 'värde (%)', kind: 'percent' }, { header: 'målvärde (%)', kind: 'percent' },
      { header: 'värde (tal)', kind: 'decimal' }, { header: 'målvärde (tal)', kind: 'decimal' },
      { header: 'villkor' }, { header: 'senast', kind: 'date' }, { header: 'klart', kind: 'date' }, { header: 'status' },
      { header: 'uppfyller', kind: 'integer' }, { header: 'av', kind: 'integer' },
    ],
    rows: goals.map((g) => [
      g.title, areaLabel[g.area], g.strategy, typeWords[g.type],
      share(g, g.value), share(g, g.target), number(g, g.value), number(g, g.target),
      g.unit === 'done' ? 'klar' : g.comparison === 'above' ? 'mer än' : 'minst',
      g.deadline, g.doneOn, statusLabel[g.status], g.numerator, g.denominator,
    ]),
  };
}

/** The template: the import's columns and, on a second sheet, what each one takes. */
export function templateSheets(municipalities: { code: string; name: string }[]): Sheet[] {
  const codes = municipalities.map((m) => `${m.code} (${m.name})`).join(', ');
  return [
    { name: 'Installationer', columns: importColumns.map((c) => ({ header: c.header, kind: sheetKind[c.kind] })), rows: [] },
    {
      name: 'Instruktioner',
      columns: [{ header: 'kolumn' }, { header: 'obligatorisk' }, { header: 'beskrivning' }, { header: 'giltiga värden' }],
      rows: [
        ...importColumns.map((c) => [c.header, c.required ? 'ja' : 'nej', c.about, c.field === 'municipality' && codes ? `${c.values} Registrerade: ${codes}.` : c.values]),
        [],
        ['Så fungerar importen', '', 'En rad per kommun och applikation. Finns kommunens system för applikationen redan ändras det, annars läggs det till. En kolumn som saknas i filen lämnas orörd; en tom cell i en kolumn som finns betyder tomt (0 för belopp och användare, nej för ja/nej-frågor).', ''],
        ['', '', 'Du ser först en förhandsgranskning med alla ändringar och alla fel. Inget sparas förrän du genomför importen, och har någon rad fel sparas ingenting.', ''],
      ],
    },
  ];
}
