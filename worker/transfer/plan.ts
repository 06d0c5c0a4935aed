import * as v from 'valibot';
import type { ApplicationKind, LifecyclePhase } from '../../schema/portfolio.ts';
import { installationRefusal } from '../access/permissions.ts';
import type { Actor } from '../env.ts';
import { kronorToOre } from '../forms.ts';
import { applicationCreate, installationCreate, productCreate } from '../portfolio/schemas.ts';
import { fieldIssues } from '../validation.ts';
import {
  columnForHeader, criticalityFromWord, importColumns, installationDefaults, installationFields, isReadOnlyHeader, kindFromWord, kindWords,
  lifecycleFromWord, type ImportColumn, type ImportField, type InstallationField,
} from './columns.ts';
import type { RawCell } from './read-sheet.ts';

/**
 * What an import will do, row by row — pure: the file's cells, the register as read and who
 * imports in; the preview out. Each row is validated with the API's own schemas
 * (`installationCreate`, `applicationCreate`, `productCreate`), so a file cannot put into the
 * register what the API would refuse.
 *
 * Matching follows the register's rule that a municipality has at most one current (not
 * retired) installation per application: a row names municipality + application, and changes
 * that current installation (the product too, if it differs) or creates one. A row marked
 * "avvecklad" matches the retired installation of the same product if there is one, so an
 * exported register imports back unchanged.
 */

export type CellError = { row: number; column: string; cell: string; message: string };
export type Change = { field: InstallationField | 'product'; from: unknown; to: unknown };
export type RowAction = 'create' | 'update' | 'unchanged' | 'error';

/** What the commit writes for a row: catalogue references by id, or by name when the import creates them. */
export type RowWrite = {
  municipality: string;
  applicationId: number | null;
  applicationName: string;
  productId: number | null;
  vendor: string;
  productName: string;
  values: Record<InstallationField, unknown>;
};

export type PlannedRow = {
  row: number;
  action: RowAction;
  municipality: string;
  application: string;
  product: string;
  installationId?: number;
  /** The version read: the commit refuses (409) when the installation has moved on since. */
  version?: number;
  changes?: Change[];
  errors?: CellError[];
  write?: RowWrite;
};

export type NewApplication = { name: string; kind: ApplicationKind; subareaId: number | null; businessAreaId: number | null; row: number };
export type NewProduct = { vendor: string; name: string; row: number };

export type Preview = {
  rows: PlannedRow[];
  /** Every error, file order: the header's first, then each row's left to right. */
  errors: CellError[];
  newApplications: NewApplication[];
  newProducts: NewProduct[];
  counts: Record<RowAction, number> & { rows: number };
  committable: boolean;
};

type InstallationRecord = { id: number; version: number; municipality: string; applicationId: number; productId: number } & Record<InstallationField, unknown>;

export type Register = {
  municipalities: { code: string; name: string }[];
  applications: { id: number; name: string; kind: ApplicationKind; subareaId: number | null; businessAreaId: number | null }[];
  products: { id: number; vendor: string; name: string }[];
  installations: InstallationRecord[];
  businessAreas: { id: number; name: string }[];
  subareas: { id: number; name: string }[];
};

export const maxRows = 10_000;

/** "A", "Z", "AA": the column letters Excel shows. */
export function columnLetter(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

const isBlank = (cell: RawCell) => cell === null || (typeof cell === 'string' && cell.trim() === '');
const fold = (s: string) => s.trim().replace(/\s+/g, ' ').toLocaleLowerCase('sv');

const isoOfDate = (d: Date) => new Date(Math.round(d.getTime() / 86_400_000) * 86_400_000).toISOString().slice(0, 10);
/** Excel's serial day (days since 1899-12-30) as an ISO date. */
const isoOfSerial = (serial: number) => new Date(Math.round((serial - 25_569) * 86_400_000)).toISOString().slice(0, 10);

const yes = new Set(['ja', 'j', 'yes', 'y', 'x', '1', 'sant', 'true']);
const no = new Set(['nej', 'n', 'no', '0', 'falskt', 'false']);

const moneyMessage = 'Ange beloppet i kronor, t.ex. 12 500 eller 12 500,50.';

type Converted = { value: unknown } | { error: string };

/** A cell as the value the API's schema takes; what cannot be converted goes through as text, so the schema says why. */
export function cellInput(kind: ImportColumn['kind'], cell: RawCell, nullable: boolean): Converted {
  const text = typeof cell === 'string' ? cell.trim() : cell;
  switch (kind) {
    case 'code':
      if (typeof cell === 'number' && Number.isInteger(cell) && cell >= 0 && cell < 10_000) return { value: String(cell).padStart(4, '0') };
      return { value: cell === null ? '' : String(text) };
    case 'text':
      if (cell === null) return { value: '' };
      if (cell instanceof Date) return { value: isoOfDate(cell) };
      if (typeof cell === 'boolean') return { value: cell ? 'ja' : 'nej' };
      return { value: String(cell) };
    case 'integer': {
      if (isBlank(cell)) return { value: nullable ? null : 0 };
      if (typeof cell === 'number') return { value: cell };
      const digits = String(text).replace(/[\s\u00a0]/g, '');
      return { value: /^-?\d+$/.test(digits) ? Number(digits) : String(text) };
    }
    case 'money': {
      if (isBlank(cell)) return { value: 0 };
      if (typeof cell === 'number') {
        const ore = Math.round(cell * 100);
        return Number.isSafeInteger(ore) && Math.abs(cell * 100 - ore) < 1e-6 ? { value: ore } : { error: moneyMessage };
      }
      const ore = typeof text === 'string' ? kronorToOre(text) : undefined;
      return ore === undefined ? { error: moneyMessage } : { value: ore };
    }
    case 'date':
      if (isBlank(cell)) return { value: null };
      if (cell instanceof Date) return { value: isoOfDate(cell) };
      if (typeof cell === 'number' && cell > 0 && cell < 2_958_466) return { value: isoOfSerial(cell) };
      return { value: String(text) };
    case 'yesNo': {
      if (isBlank(cell)) return { value: false };
      if (typeof cell === 'boolean') return { value: cell };
      const word = String(text).toLocaleLowerCase('sv');
      return { value: yes.has(word) ? true : no.has(word) ? false : String(text) };
    }
    case 'lifecycle':
      if (isBlank(cell)) return { value: 'active' };
      return { value: lifecycleFromWord(String(text)) ?? String(text) };
    case 'criticality':
      if (isBlank(cell)) return { value: null };
      return { value: criticalityFromWord(String(text)) ?? String(text) };
    case 'kind':
      if (isBlank(cell)) return { value: undefined };
      return { value: kindFromWord(String(text)) ?? String(text) };
  }
}

/** Each row's installation fields, checked by the API's schema for a new installation (ids resolved separately). */
const rowSchema = v.omit(installationCreate, ['applicationId', 'productId']);
const nullableFields = new Set<string>(['contractEnd', 'noticeMonths', 'confirmedOn', 'functionScore', 'competenceRisk', 'criticality', 'confidentialityClass', 'integrityClass', 'availabilityClass']);

const sameValue = (a: unknown, b: unknown) => (a ?? null) === (b ?? null);

export function planImport(grid: RawCell[][], register: Register, actor: Actor): Preview {
  const errors: CellError[] = [];
  const rows: PlannedRow[] = [];
  const newApplications: NewApplication[] = [];
  const newProducts: NewProduct[] = [];
  const counts = { rows: 0, create: 0, update: 0, unchanged: 0, error: 0 };
  const done = (): Preview => ({ rows, errors, newApplications, newProducts, counts, committable: errors.length === 0 && rows.length > 0 });

  // ---- The header row ----
  const header = grid[0] ?? [];
  const columns = new Map<number, ImportColumn>();
  const headerOf = new Map<ImportField, string>();
  header.forEach((cell, index) => {
    const text = cell === null ? '' : String(cell).trim();
    const at = { row: 1, column: text || `kolumn ${columnLetter(index)}`, cell: `${columnLetter(index)}1` };
    if (text === '') {
      if (grid.slice(1).some((r) => !isBlank(r[index] ?? null))) errors.push({ ...at, message: 'Kolumnen har värden men ingen rubrik.' });
      return;
    }
    if (isReadOnlyHeader(text)) return;
    const column = columnForHeader(text);
    if (!column) {
      errors.push({ ...at, message: `Okänd kolumn ”${text}”. Rätta rubriken eller ta bort kolumnen; mallen visar vilka kolumner som finns.` });
    } else if (headerOf.has(column.field)) {
      errors.push({ ...at, message: `Kolumnen ${column.header} finns två gånger.` });
    } else {
      columns.set(index, column);
      headerOf.set(column.field, text);
    }
  });
  const missing = importColumns.filter((c) => c.required && !headerOf.has(c.field));
  for (const c of missing) errors.push({ row: 1, column: c.header, cell: '', message: `Kolumnen ${c.header} saknas. Första raden ska ha kolumnrubrikerna, som i mallen.` });
  if (missing.length) return done();
  const columnIndex = new Map([...columns].map(([index, c]) => [c.field, index]));

  const dataRows = grid.length - 1;
  if (dataRows > maxRows) {
    errors.push({ row: maxRows + 2, column: '', cell: '', message: `Filen har fler än ${maxRows} rader. Dela upp den i flera filer.` });
    return done();
  }

  // ---- The register, indexed ----
  const municipalities = new Map(register.municipalities.map((m) => [m.code, m]));
  type App = { id: number | null; name: string; kind: ApplicationKind; subareaId: number | null; businessAreaId: number | null; row?: number };
  const appsExact = new Map<string, App>(register.applications.map((a) => [a.name, a]));
  const appsFolded = new Map<string, App>(register.applications.map((a) => [fold(a.name), a]));
  type Prod = { id: number | null; vendor: string; name: string };
  const productKey = (vendor: string, name: string) => `${vendor}\u0000${name}`;
  const productsExact = new Map<string, Prod>(register.products.map((p) => [productKey(p.vendor, p.name), p]));
  const productsFolded = new Map<string, Prod>(register.products.map((p) => [productKey(fold(p.vendor), fold(p.name)), p]));
  const subareas = new Map(register.subareas.map((s) => [fold(s.name), s]));
  const businessAreas = new Map(register.businessAreas.map((b) => [fold(b.name), b]));
  const subareaName = new Map(register.subareas.map((s) => [s.id, s.name]));
  const businessAreaName = new Map(register.businessAreas.map((b) => [b.id, b.name]));
  const productLabel = new Map(register.products.map((p) => [p.id, `${p.vendor} ${p.name}`]));
  const current = new Map<string, InstallationRecord>();
  const retired = new Map<string, InstallationRecord>();
  for (const i of register.installations) {
    if (i.lifecycle !== 'retired') current.set(`${i.municipality}:${i.applicationId}`, i);
    else {
      const key = `${i.municipality}:${i.applicationId}:${i.productId}`;
      if ((retired.get(key)?.id ?? 0) < i.id) retired.set(key, i);
    }
  }
  const claimed = new Map<string, number>();

  // ---- Each row ----
  for (let r = 1; r < grid.length; r++) {
    const cells = grid[r] ?? [];
    if (cells.every(isBlank)) continue;
    const excelRow = r + 1;
    counts.rows++;
    const rowErrors: CellError[] = [];
    const at = (field: ImportField) => {
      const index = columnIndex.get(field);
      const column = importColumns.find((c) => c.field === field)!;
      return { row: excelRow, column: headerOf.get(field) ?? column.header, cell: index === undefined ? '' : `${columnLetter(index)}${excelRow}` };
    };
    const fail = (field: ImportField, message: string) => rowErrors.push({ ...at(field), message });

    // Cells → input values, for the columns the file has.
    const input: Partial<Record<ImportField, unknown>> = {};
    for (const [index, column] of columns) {
      const converted = cellInput(column.kind, cells[index] ?? null, nullableFields.has(column.field));
      if ('error' in converted) fail(column.field, converted.error);
      else if (converted.value !== undefined) input[column.field] = converted.value;
    }

    // The installation's fields, by the API's schema.
    const given = installationFields.filter((f) => columnIndex.has(f) && input[f] !== undefined && !rowErrors.some((e) => e.cell === at(f).cell));
    const installationInput: Record<string, unknown> = { municipality: input.municipality };
    for (const f of given) installationInput[f] = input[f];
    const parsed = v.safeParse(rowSchema, installationInput, { abortPipeEarly: true });
    const valid = parsed.success ? (parsed.output as Record<string, unknown>) : {};
    if (!parsed.success) {
      for (const issue of fieldIssues(parsed.issues)) fail((issue.path || 'municipality') as ImportField, issue.message);
    }

    // The municipality: registered, and one the importer may change.
    const code = String(input.municipality ?? '').trim();
    const municipality = municipalities.get(code);
    if (/^\d{4}$/.test(code)) {
      if (!municipality) fail('municipality', `Kommunen ${code} finns inte i registret.`);
      else {
        const refusal = installationRefusal(actor, code, 'all');
        if (refusal) fail('municipality', refusal);
      }
    }

    // The application: from the catalogue, or a new one (administrators only).
    const appName = String(input.application ?? '').trim().replace(/\s+/g, ' ');
    let app: App | undefined;
    if (appName === '') fail('application', 'Ange applikation.');
    else {
      app = appsExact.get(appName) ?? appsFolded.get(fold(appName));
      const kind = input.kind as string | undefined;
      const subareaText = String(input.subarea ?? '').trim();
      const areaText = String(input.businessArea ?? '').trim();
      const subarea = subareaText ? subareas.get(fold(subareaText)) : undefined;
      const area = areaText ? businessAreas.get(fold(areaText)) : undefined;
      if (app) {
        const where = app.id === null ? ` (ny på rad ${app.row})` : '';
        if (kind !== undefined && kind !== app.kind) fail('kind', `Applikationen ${app.name}${where} har typen ${kindWords[app.kind]}. Typen ändras i katalogen, inte med importen.`);
        if (subareaText && fold(subareaText) !== fold(subareaName.get(app.subareaId ?? 0) ?? '')) fail('subarea', `Applikationen ${app.name}${where} hör till ${app.subareaId ? `delområdet ${subareaName.get(app.subareaId)}` : 'inget delområde'}.`);
        if (areaText && fold(areaText) !== fold(businessAreaName.get(app.businessAreaId ?? 0) ?? '')) fail('businessArea', `Applikationen ${app.name}${where} hör till ${app.businessAreaId ? `verksamhetsområdet ${businessAreaName.get(app.businessAreaId)}` : 'inget verksamhetsområde'}.`);
      } else if (actor.role !== 'admin') {
        fail('application', `Applikationen ${appName} finns inte i katalogen. Välj en som finns; bara administratörer kan lägga till applikationer.`);
      } else {
        const before = rowErrors.length;
        if (subareaText && !subarea) fail('subarea', `Delområdet ${subareaText} finns inte.`);
        if (areaText && !area) fail('businessArea', `Verksamhetsområdet ${areaText} finns inte.`);
        const candidate = { name: appName, kind: kind ?? '', subareaId: subarea?.id ?? null, businessAreaId: area?.id ?? null };
        const checked = v.safeParse(applicationCreate, candidate, { abortPipeEarly: true });
        if (!checked.success) {
          const pathField: Record<string, ImportField> = { name: 'application', kind: 'kind', subareaId: 'subarea', businessAreaId: 'businessArea' };
          for (const issue of fieldIssues(checked.issues)) fail(pathField[issue.path] ?? 'application', issue.path === 'kind' && kind === undefined ? 'Ange typ för den nya applikationen: generell, gemensam, verksamhetsspecifik eller teknisk.' : issue.message);
        } else if (checked.output.kind === 'technical' && !subarea && !subareaText) {
          fail('subarea', 'Ange delområde: en ny teknisk applikation hör till ett delområde.');
        } else if (checked.output.kind !== 'technical' && subarea) {
          fail('subarea', 'Bara tekniska applikationer hör till ett delområde.');
        }
        if (rowErrors.length === before) {
          app = { id: null, name: appName, kind: candidate.kind as ApplicationKind, subareaId: candidate.subareaId, businessAreaId: candidate.businessAreaId, row: excelRow };
          appsExact.set(appName, app);
          appsFolded.set(fold(appName), app);
          newApplications.push({ name: app.name, kind: app.kind, subareaId: app.subareaId, businessAreaId: app.businessAreaId, row: excelRow });
        }
      }
    }

    // The product: from the register, or a new one.
    let prod: Prod | undefined;
    const productInput = { vendor: String(input.vendor ?? ''), name: String(input.product ?? '') };
    const checkedProduct = v.safeParse(productCreate, productInput, { abortPipeEarly: true });
    if (!checkedProduct.success) {
      for (const issue of fieldIssues(checkedProduct.issues)) fail(issue.path === 'vendor' ? 'vendor' : 'product', issue.message);
    } else {
      const { vendor, name } = checkedProduct.output;
      prod = productsExact.get(productKey(vendor, name)) ?? productsFolded.get(productKey(fold(vendor), fold(name)));
      if (!prod) {
        prod = { id: null, vendor, name };
        productsExact.set(productKey(vendor, name), prod);
        productsFolded.set(productKey(fold(vendor), fold(name)), prod);
        newProducts.push({ vendor, name, row: excelRow });
      }
    }

    // Which installation the row is: the current one of municipality + application, or for a
    // retired row the retired one of the same product.
    const lifecycle = (columnIndex.has('lifecycle') ? valid.lifecycle : undefined) as LifecyclePhase | undefined;
    let target: InstallationRecord | undefined;
    if (municipality && app?.id != null && prod) {
      const now = current.get(`${code}:${app.id}`);
      target = lifecycle === 'retired'
        ? retired.get(`${code}:${app.id}:${prod.id}`) ?? (now && now.productId === prod.id ? now : undefined)
        : now;
    }
    if (municipality && app && lifecycle !== 'retired') {
      const key = target ? `i${target.id}` : `${code}:${fold(app.name)}`;
      const first = claimed.get(key);
      if (first !== undefined) fail('application', `${app.name} i ${municipality.name} finns redan på rad ${first} i filen.`);
      else claimed.set(key, excelRow);
    } else if (target) {
      const first = claimed.get(`i${target.id}`);
      if (first !== undefined) fail('application', `Raden gäller samma system som rad ${first} i filen.`);
      else claimed.set(`i${target.id}`, excelRow);
    }

    const planned: PlannedRow = {
      row: excelRow, action: 'error', municipality: code, application: app?.name ?? appName,
      product: prod ? `${prod.vendor} ${prod.name}` : `${productInput.vendor} ${productInput.name}`.trim(),
    };
    if (rowErrors.length || !municipality || !app || !prod) {
      planned.errors = rowErrors;
      errors.push(...rowErrors);
    } else {
      const setFields = Object.fromEntries(given.map((f) => [f, valid[f] ?? (nullableFields.has(f) ? null : valid[f])])) as Partial<Record<InstallationField, unknown>>;
      const writeOf = (values: Record<InstallationField, unknown>): RowWrite => ({
        municipality: code, applicationId: app!.id, applicationName: app!.name, productId: prod!.id, vendor: prod!.vendor, productName: prod!.name, values,
      });
      if (target) {
        const changes: Change[] = [];
        if (target.productId !== prod.id) changes.push({ field: 'product', from: productLabel.get(target.productId) ?? '', to: planned.product });
        for (const f of given) if (!sameValue(target[f], setFields[f])) changes.push({ field: f, from: target[f] ?? null, to: setFields[f] ?? null });
        planned.installationId = target.id;
        planned.version = target.version;
        if (changes.length) {
          planned.action = 'update';
          planned.changes = changes;
          const values = Object.fromEntries(installationFields.map((f) => [f, f in setFields ? setFields[f] : target![f]])) as Record<InstallationField, unknown>;
          planned.write = writeOf(values);
        } else planned.action = 'unchanged';
      } else {
        planned.action = 'create';
        planned.write = writeOf({ ...installationDefaults, ...setFields } as Record<InstallationField, unknown>);
      }
    }
    counts[planned.action]++;
    rows.push(planned);
  }
  if (counts.rows === 0) errors.push({ row: 2, column: '', cell: '', message: 'Filen har inga rader under rubrikraden.' });
  return done();
}
