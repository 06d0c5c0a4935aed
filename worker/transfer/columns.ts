import { type ApplicationKind, type Criticality, type LifecyclePhase } from '../../schema/portfolio.ts';

/**
 * The columns of the import file, its template and the register export: Swedish headers, the
 * field each one fills, how its cells are read, and what the template's guide says about it.
 * Pure data; the import, the template and the export are all built from this one list.
 */

export type CellKind = 'text' | 'code' | 'integer' | 'money' | 'date' | 'yesNo' | 'lifecycle' | 'criticality' | 'kind';

/** Installation fields (as in worker/portfolio/schemas.ts) plus the catalogue names a row refers to. */
export type ImportField =
  | 'municipality' | 'application' | 'kind' | 'subarea' | 'businessArea' | 'vendor' | 'product'
  | 'productVersion' | 'administration' | 'lifecycle' | 'users' | 'licenceCostOre' | 'operationsCostOre'
  | 'contractEnd' | 'noticeMonths' | 'confirmedOn' | 'functionScore' | 'competenceRisk' | 'criticality'
  | 'confidentialityClass' | 'integrityClass' | 'availabilityClass'
  | 'singleSignOn' | 'twoFactor' | 'traceability' | 'operatingAgreement' | 'notes';

export type ImportColumn = {
  field: ImportField;
  header: string;
  kind: CellKind;
  required?: boolean;
  /** What the template's guide says the column holds. */
  about: string;
  /** The values it takes, in words. */
  values: string;
};

export const lifecycleWords: Record<LifecyclePhase, string> = { planned: 'planerad', active: 'i drift', retiring: 'under avveckling', retired: 'avvecklad' };
export const criticalityWords: Record<Criticality, string> = { low: 'låg', medium: 'måttlig', high: 'hög', critical: 'mycket hög' };
export const kindWords: Record<ApplicationKind, string> = { general: 'generell', common: 'gemensam', specific: 'verksamhetsspecifik', technical: 'teknisk' };

const words = (list: Record<string, string>) => Object.values(list).join(', ');

export const importColumns: readonly ImportColumn[] = [
  { field: 'municipality', header: 'kommunkod', kind: 'code', required: true, about: 'Kommunens fyrsiffriga kod från SCB.', values: 'T.ex. 1460. Kommunen ska finnas i registret.' },
  { field: 'application', header: 'applikation', kind: 'text', required: true, about: 'Applikationens namn i den gemensamma katalogen, t.ex. Ekonomisystem.', values: 'Text. En applikation som saknas läggs till (bara administratörer); ange då typ.' },
  { field: 'kind', header: 'typ', kind: 'kind', about: 'Applikationens typ. Behövs bara för en ny applikation; för en befintlig ska den stämma med katalogen.', values: words(kindWords) },
  { field: 'subarea', header: 'delområde', kind: 'text', about: 'Den tekniska plattformens delområde. Behövs för en ny teknisk applikation.', values: 'Namnet på ett delområde som finns, t.ex. Nät och kommunikation.' },
  { field: 'businessArea', header: 'verksamhetsområde', kind: 'text', about: 'Verksamhetsområdet för en ny applikation.', values: 'Namnet på ett verksamhetsområde som finns, eller tomt.' },
  { field: 'vendor', header: 'leverantör', kind: 'text', required: true, about: 'Produktens leverantör, t.ex. CGI.', values: 'Text. En produkt som saknas läggs till.' },
  { field: 'product', header: 'produkt', kind: 'text', required: true, about: 'Produktens namn, t.ex. Raindance.', values: 'Text.' },
  { field: 'productVersion', header: 'version', kind: 'text', about: 'Produktens version.', values: 'Text, högst 60 tecken.' },
  { field: 'administration', header: 'förvaltning', kind: 'text', about: 'Den förvaltning som äger systemet.', values: 'Text, högst 120 tecken.' },
  { field: 'lifecycle', header: 'livscykel', kind: 'lifecycle', about: 'Var systemet är i sin livscykel. Tomt betyder i drift.', values: `${words(lifecycleWords)} (aktiv går också)` },
  { field: 'users', header: 'användare', kind: 'integer', about: 'Antal användare.', values: 'Heltal, 0 eller mer.' },
  { field: 'licenceCostOre', header: 'licenskostnad (kr)', kind: 'money', about: 'Licenskostnad per år i kronor.', values: 'Belopp i kronor, t.ex. 125000 eller 125 000,50.' },
  { field: 'operationsCostOre', header: 'driftkostnad (kr)', kind: 'money', about: 'Driftkostnad per år i kronor.', values: 'Belopp i kronor, t.ex. 40000.' },
  { field: 'contractEnd', header: 'avtalsslut', kind: 'date', about: 'Dagen avtalet löper ut.', values: 'Datum ÅÅÅÅ-MM-DD, eller tomt.' },
  { field: 'noticeMonths', header: 'uppsägningstid (månader)', kind: 'integer', about: 'Uppsägningstid i månader.', values: 'Heltal 0–120, eller tomt.' },
  { field: 'confirmedOn', header: 'senast bekräftad', kind: 'date', about: 'När uppgifterna senast kontrollerades.', values: 'Datum ÅÅÅÅ-MM-DD, eller tomt.' },
  { field: 'functionScore', header: 'hur väl det fungerar (1–5)', kind: 'integer', about: '1 = fungerar dåligt, 5 = fungerar mycket bra.', values: 'Heltal 1–5, eller tomt (ej bedömt).' },
  { field: 'competenceRisk', header: 'kompetensrisk (1–5)', kind: 'integer', about: '1 = liten risk, 5 = kunskapen finns hos en enda person.', values: 'Heltal 1–5, eller tomt (ej bedömt).' },
  { field: 'criticality', header: 'kritikalitet', kind: 'criticality', about: 'Hur kritiskt systemet är för verksamheten.', values: `${words(criticalityWords)}, eller tomt (ej bedömt)` },
  { field: 'confidentialityClass', header: 'konfidentialitet (1–4)', kind: 'integer', about: 'Informationsklass för konfidentialitet (K).', values: 'Heltal 1–4, eller tomt (ej klassat).' },
  { field: 'integrityClass', header: 'riktighet (1–4)', kind: 'integer', about: 'Informationsklass för riktighet (R).', values: 'Heltal 1–4, eller tomt (ej klassat).' },
  { field: 'availabilityClass', header: 'tillgänglighet (1–4)', kind: 'integer', about: 'Informationsklass för tillgänglighet (T).', values: 'Heltal 1–4, eller tomt (ej klassat).' },
  { field: 'singleSignOn', header: 'single sign-on', kind: 'yesNo', about: 'Inloggning med kommunens konto.', values: 'ja eller nej (tomt = nej)' },
  { field: 'twoFactor', header: 'tvåfaktorsinloggning', kind: 'yesNo', about: 'Kräver inloggning med två faktorer.', values: 'ja eller nej (tomt = nej)' },
  { field: 'traceability', header: 'spårbarhet', kind: 'yesNo', about: 'Användningen loggas så att den går att spåra.', values: 'ja eller nej (tomt = nej)' },
  { field: 'operatingAgreement', header: 'driftavtal', kind: 'yesNo', about: 'Det finns ett driftavtal (SLA).', values: 'ja eller nej (tomt = nej)' },
  { field: 'notes', header: 'anteckningar', kind: 'text', about: 'Fria anteckningar.', values: 'Text, högst 4000 tecken.' },
];

/** Columns the register export adds for people to read; the import skips them. */
export const readOnlyHeaders = ['kommun', 'samverkansnivå'] as const;

/** "Licenskostnad (kr)", "licenskostnad" and " LICENSKOSTNAD  (KR) " all name the same column. */
export const headerKey = (header: string) =>
  header.normalize('NFC').toLocaleLowerCase('sv').replace(/\(.*?\)/g, ' ').replace(/[\s\u00a0]+/g, ' ').trim();

const byHeader = new Map(importColumns.map((c) => [headerKey(c.header), c]));
// Words people also write for a column.
byHeader.set('sso', byHeader.get('single sign-on')!);
byHeader.set('tvåfaktor', byHeader.get('tvåfaktorsinloggning')!);
byHeader.set('leverantor', byHeader.get('leverantör')!);
byHeader.set('funktion', byHeader.get('hur väl det fungerar')!);

export const columnForHeader = (header: string): ImportColumn | undefined => byHeader.get(headerKey(header));
export const isReadOnlyHeader = (header: string) => (readOnlyHeaders as readonly string[]).includes(headerKey(header));

/** Swedish words → the codes the API takes (case and surrounding space do not matter). */
const wordsToCode = <C extends string>(list: Record<C, string>, extra: Record<string, C> = {}) => {
  const map = new Map<string, C>(Object.entries(list).map(([code, word]) => [(word as string).toLocaleLowerCase('sv'), code as C]));
  for (const [word, code] of Object.entries(extra)) map.set(word, code);
  return (text: string) => map.get(text.trim().toLocaleLowerCase('sv').replace(/\s+/g, ' '));
};

export const lifecycleFromWord = wordsToCode(lifecycleWords, { aktiv: 'active', 'i bruk': 'active' });
export const criticalityFromWord = wordsToCode(criticalityWords, { 'mycket hög': 'critical', kritisk: 'critical', medel: 'medium' });
export const kindFromWord = wordsToCode(kindWords, { 'teknisk (it-utrustning och stödsystem)': 'technical', verksamhetsspecifikt: 'specific' });

/** Defaults of a new installation's columns (schema/portfolio.ts) when the file leaves a column out. */
export const installationDefaults = {
  productVersion: '', administration: '', lifecycle: 'active' as LifecyclePhase, users: 0, licenceCostOre: 0, operationsCostOre: 0,
  contractEnd: null, noticeMonths: null, confirmedOn: null, functionScore: null, competenceRisk: null, criticality: null,
  confidentialityClass: null, integrityClass: null, availabilityClass: null,
  singleSignOn: false, twoFactor: false, traceability: false, operatingAgreement: false, notes: '',
};

export type InstallationField = keyof typeof installationDefaults;
export const installationFields = Object.keys(installationDefaults) as InstallationField[];
