import { allocate, type AllocationPart } from '../../worker/costs/allocation.ts';
import type { ApplicationCreate, InstallationCreate, MunicipalityCreate, ProductCreate } from '../../worker/portfolio/schemas.ts';
import type { CollaborationCreate } from '../../worker/collaboration/schemas.ts';
import type { ItemCreate } from '../../worker/costs/cost-schemas.ts';
import type { GoalDefinition } from '../../worker/goals/definition.ts';
import type { PersonCreate, RoleAssignmentCreate } from '../../worker/people/schemas.ts';
import type { CostCategory, KeyPart } from '../costs.ts';
import type { ApplicationKind, Criticality, LifecyclePhase } from '../portfolio.ts';
import { goals as demoGoals, random, type DemoGoal } from './data.ts';
import { literal } from './sql.ts';

/*
 * A national-size data set for the benchmark (`npm run bench`): every Swedish municipality's
 * worth of members (290 by default, with a realistic population spread), ~150 systems each, a
 * catalogue of a few hundred applications, hundreds of collaborations at levels 2–5 that keep
 * the strategy's rules, thousands of cost items (one year closed, its shares frozen), a year of
 * daily goal history, people and their roles.
 *
 * Pure and deterministic (seeded PRNG, `today` passed in): the same options give the same
 * data, in Node (bench/run.ts) and in workerd (test/national.test.ts). The domain objects are
 * in the API's own shapes (InstallationCreate, CollaborationCreate, ItemCreate, …) plus their
 * `id`, so the API's valibot schemas validate them as they are. The SQL is for an empty,
 * migrated database only: ids are explicit (no subqueries per row, so 60 000 rows load fast)
 * and rows go in multi-row INSERTs below D1's 100 kB statement limit.
 *
 * Codes are SCB-style four digits with made-up county prefixes 30–50, so they never clash
 * with real codes (counties 01–25) nor with the Dalsland demo (14xx). Names are invented.
 */

export type NationalOptions = {
  /** Members (default 290). */
  municipalities?: number;
  /** Average current installations per member (default 150). */
  installationsPerMunicipality?: number;
  /** Catalogue size (default 300 applications). */
  applications?: number;
  /** The day the data is written against (YYYY-MM-DD); goal history ends the day before. */
  today: string;
  seed?: string;
};

type WithId<T> = T & { id: number };

export type NationalMunicipality = MunicipalityCreate & { populations: { year: number; population: number }[]; county: string };
export type NationalApplication = WithId<ApplicationCreate & { kind: ApplicationKind; description: string; subareaId: number | null; businessAreaId: number }>;
export type NationalProduct = WithId<ProductCreate>;
export type NationalInstallation = WithId<Required<InstallationCreate>>;
export type NationalPerson = WithId<PersonCreate & { municipality: string | null; email: string; phone: string; title: string }>;
export type NationalRoleAssignment = WithId<RoleAssignmentCreate>;
export type NationalCollaboration = WithId<CollaborationCreate & {
  ownerId: number | null; allocationKeyId: number | null;
  history: { level: number; on: string; note: string }[];
}>;
export type NationalKey = { id: number; name: string; description: string; parts: KeyPart[] };
export type NationalCostItem = WithId<ItemCreate & { keyId: number; participants: string[]; description: string }>;
export type NationalGoal = WithId<Omit<DemoGoal, 'definition'> & { definition: GoalDefinition | null }>;

export type NationalData = {
  today: string;
  populationYears: number[];
  closedYear: number;
  openYear: number;
  municipalities: NationalMunicipality[];
  businessAreas: { id: number; name: string }[];
  subareas: { id: number; name: string }[];
  applications: NationalApplication[];
  products: NationalProduct[];
  installations: NationalInstallation[];
  people: NationalPerson[];
  roleAssignments: NationalRoleAssignment[];
  allocationKeys: NationalKey[];
  collaborations: NationalCollaboration[];
  costItems: NationalCostItem[];
  /** The closed year's shares, frozen as the year-closing command freezes them. */
  costShares: { costItemId: number; municipality: string; amountOre: number; budgetOre: number | null }[];
  strategy: { id: number; name: string; periodFrom: string; periodTo: string };
  goals: NationalGoal[];
  goalMeasurements: { goalId: number; period: string; value: number; comment: string }[];
  goalSnapshots: { goalId: number; on: string; value: number | null; numerator: number | null; denominator: number | null }[];
};

// ---------------------------------------------------------------------------------------------
// Randomness and small helpers.


type Rng = () => number;
const pick = <T>(r: Rng, values: readonly T[]): T => values[Math.floor(r() * values.length)]!;
const between = (r: Rng, low: number, high: number) => low + Math.floor(r() * (high - low + 1));
const clamp = (x: number, low: number, high: number) => Math.min(high, Math.max(low, x));
/** Standard normal (Box–Muller). */
const normal = (r: Rng) => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
/** Whole kronor rounded to 100 kr, as öre. */
const ore = (kronor: number) => Math.max(0, Math.round(kronor / 100)) * 100 * 100;
function weighted<T>(r: Rng, items: readonly T[], weight: (t: T) => number): T {
  const total = items.reduce((s, t) => s + weight(t), 0);
  let x = r() * total;
  for (const t of items) if ((x -= weight(t)) < 0) return t;
  return items.at(-1)!;
}
const slug = (s: string) => s.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]+/g, '');

// ---------------------------------------------------------------------------------------------
// Vocabulary.

const businessAreaNames = ['Kommunövergripande', 'Ekonomi', 'Personal', 'Utbildning', 'Socialtjänst', 'Samhällsbyggnad', 'Kultur och fritid', 'IT'] as const;
type Area = (typeof businessAreaNames)[number];
const subareaNames = ['Nät och kommunikation', 'Brandvägg och säkerhet', 'Servrar och lagring', 'Backup', 'Klientdrift (arbetsplats)', 'Telefoni', 'Support och övervakning'] as const;

type Stem = { name: string; kind: ApplicationKind; area: Area; subarea?: (typeof subareaNames)[number] };
const stems = (kind: ApplicationKind, area: Area, names: string[], subarea?: (typeof subareaNames)[number]): Stem[] =>
  names.map((name) => ({ name, kind, area, ...(subarea ? { subarea } : {}) }));

const catalogueStems: Stem[] = [
  ...stems('general', 'Kommunövergripande', ['E-post', 'Kontorsprogram', 'Videomöten', 'Chatt och samarbete', 'Digital signering', 'Lösenordshantering',
    'Utskriftshantering', 'Säker filöverföring', 'PDF-verktyg', 'Enkätverktyg', 'Mötesbokning', 'Intranät', 'Projektverktyg', 'Översättningstjänst',
    'E-lärande', 'Felanmälan', 'Säkra meddelanden', 'Talsyntes och tillgänglighet', 'Webbformulär', 'Skärminspelning']),
  ...stems('common', 'Kommunövergripande', ['Diarium och ärendehantering', 'E-arkiv', 'Beslutsstöd', 'Verksamhetsplanering', 'Avtalsdatabas', 'Politikerportal',
    'Webbplats och e-tjänster', 'Kontaktcenter', 'Dokumenthantering', 'Digitala nämndhandlingar', 'Riskhantering', 'Internkontroll', 'Visselblåsartjänst',
    'Fordonsbokning', 'Lokalbokning', 'Medborgardialog', 'Statistikportal', 'GIS-plattform', 'Integrationsplattform', 'Kris och beredskap']),
  ...stems('common', 'Ekonomi', ['Ekonomisystem', 'Upphandlingsstöd', 'E-handel', 'Fakturahantering', 'Budgetsystem', 'Kassasystem', 'Anläggningsregister']),
  ...stems('common', 'Personal', ['Personal- och lönesystem', 'Rekryteringssystem', 'Kompetensplattform', 'Bemanningssystem', 'Tidrapportering']),
  ...stems('specific', 'Ekonomi', ['Kundreskontra', 'Leverantörsreskontra', 'Koncernredovisning', 'Skuldhantering', 'Kapitalförvaltning']),
  ...stems('specific', 'Personal', ['Arbetsmiljö och tillbud', 'Löneöversyn', 'Medarbetarenkät', 'Friskvårdsportal', 'Pensionsadministration']),
  ...stems('specific', 'Utbildning', ['Elevregister', 'Skolplattform', 'Schemaläggning', 'Frånvarohantering', 'Betygsdokumentation', 'Skolskjutsplanering',
    'Barnomsorgsplacering', 'Elevhälsojournal', 'Modersmålsadministration', 'Lärplattform', 'Prov och bedömning', 'Läromedelsportal',
    'Vuxenutbildningsadministration', 'Kulturskoleadministration', 'Fritidshemsnärvaro', 'Studie- och yrkesvägledning', 'Skolval']),
  ...stems('specific', 'Socialtjänst', ['Verksamhetssystem för socialtjänst och omsorg', 'Hälso- och sjukvårdsjournal', 'Trygghetslarm', 'Nyckelfri hemtjänst',
    'Planering hemtjänst', 'Läkemedelshantering', 'Försörjningsstöd', 'Familjerätt', 'LSS-administration', 'Färdtjänst', 'Bostadsanpassning',
    'Avgiftshantering omsorg', 'Digital tillsyn', 'Kvalitetsregister omsorg', 'Anhörigstöd', 'Barn och unga – utredning', 'Vårdplanering']),
  ...stems('specific', 'Samhällsbyggnad', ['Bygglovshantering', 'Miljö- och hälsoskydd', 'Livsmedelskontroll', 'Kartverktyg', 'Fastighetsregister', 'Detaljplanering',
    'Parkeringsövervakning', 'Vatten och avlopp', 'Renhållning', 'Gatu- och parkförvaltning', 'Energiuppföljning', 'Adressregister', 'Bostadskö',
    'Serveringstillstånd', 'Insatsrapportering räddningstjänst', 'Brandskyddstillsyn', 'Fastighetsförvaltning']),
  ...stems('specific', 'Kultur och fritid', ['Bibliotekssystem', 'Föreningsregister', 'Idrottsbokning', 'Bidragshantering', 'Konstregister', 'Museisamlingar',
    'Fritidsgårdsnärvaro', 'Evenemangskalender', 'Badhuskassa', 'Kulturarrangemang']),
  ...stems('technical', 'IT', ['Nätverksutrustning (LAN)', 'Trådlöst nätverk (WLAN)', 'Stadsnät', 'Nätverkshantering', 'DNS och DHCP', 'VPN för distansarbete'], 'Nät och kommunikation'),
  ...stems('technical', 'IT', ['Brandvägg', 'Endpoint-skydd (antivirus)', 'Loggsamling (SIEM)', 'Sårbarhetsskanning', 'Multifaktorautentisering', 'E-postfilter', 'Certifikathantering'], 'Brandvägg och säkerhet'),
  ...stems('technical', 'IT', ['Servervirtualisering', 'Lagring', 'Katalogtjänst och behörighetskontroll', 'Databasplattform', 'Filserver'], 'Servrar och lagring'),
  ...stems('technical', 'IT', ['Säkerhetskopiering', 'Arkivlagring', 'Molnbackup för M365'], 'Backup'),
  ...stems('technical', 'IT', ['Klienthantering', 'Mobilhantering (MDM)', 'Programdistribution', 'Tunna klienter'], 'Klientdrift (arbetsplats)'),
  ...stems('technical', 'IT', ['Telefonväxel', 'Mobiltelefoni', 'Larmtelefoni'], 'Telefoni'),
  ...stems('technical', 'IT', ['Ärendehantering IT-support', 'Fjärrsupport', 'Övervakning', 'Tillgångsregister (CMDB)'], 'Support och övervakning'),
];

/** Modules that municipalities register as systems of their own, to grow the catalogue. */
const modules = ['e-tjänst', 'mobilapp', 'rapportmodul', 'integration', 'arkivmodul', 'planeringsmodul', 'statistikmodul', 'kundportal'];

const vendors = ['CGI', 'Visma', 'Tietoevry', 'Microsoft', 'Sokigo', 'Formpipe', 'IST', 'Unit4', 'Evolution', 'Stratsys', 'Hypergene', 'Axiell', 'Sitevision',
  'Netpublicator', 'Ciceron', 'Pulsen', 'Lexicon', 'Addici', 'Norrsken IT', 'Kommunsystem AB', 'Skandinavisk Programvara', 'Nordic Civic', 'Atea', 'Cisco',
  'Fortinet', 'HPE', 'Dell', 'Veeam', 'Broadcom', 'Telia', 'Tele2', 'Easit', 'TOPdesk', 'Paessler', 'Ateles', 'Infracontrol', 'Edlevo', 'Vklass', 'Unikum', 'Sigma'];
const syllables = ['pro', 'ca', 'vi', 'tre', 'sa', 'lu', 'me', 'nor', 'di', 'ax', 'ze', 'ra', 'ti', 've', 'ko', 'li', 'mi', 'ser', 'va', 'lo', 'ne', 'fa', 'ri', 'do'];
const productWord = (r: Rng) => {
  const w = Array.from({ length: between(r, 2, 3) }, () => pick(r, syllables)).join('');
  return w[0]!.toUpperCase() + w.slice(1);
};
const versions = ['Molntjänst', 'Molntjänst', '2024.2', '2025.1', '10.4', '7', '24.3', '11.2', '3.9'];

const nameRoots = ['Alm', 'Björk', 'Ek', 'Gran', 'Lind', 'Rön', 'Sjö', 'Sten', 'Ström', 'Sand', 'Berg', 'Dal', 'Lid', 'Hög', 'Mal', 'Kvarn', 'Tall', 'Fur',
  'Ljung', 'Ås', 'Hag', 'Ny', 'Vall', 'Myr', 'Kärr', 'Älv', 'Bäck', 'Mo', 'Skog', 'Hassel', 'Ask', 'Lönn', 'Al', 'Ros', 'Väst', 'Öst', 'Nord', 'Syd'];
const nameEnds = ['by', 'köping', 'vik', 'fors', 'holm', 'hamn', 'torp', 'stad', 'sund', 'åsen', 'dal', 'berga', 'näs', 'å', 'mark', 'ryd', 'hult', 'tuna', 'sjö', 'bo'];
const firstNames = ['Anna', 'Eva', 'Maria', 'Karin', 'Sara', 'Lena', 'Emma', 'Kristina', 'Johanna', 'Linda', 'Erik', 'Lars', 'Karl', 'Anders', 'Johan', 'Per',
  'Mikael', 'Fredrik', 'Daniel', 'Magnus', 'Åsa', 'Ingrid', 'Sofia', 'Henrik', 'Niklas', 'Jonas', 'Malin', 'Camilla', 'Peter', 'Ulrika', 'Oskar', 'Elin'];
const lastNames = ['Andersson', 'Johansson', 'Karlsson', 'Nilsson', 'Eriksson', 'Larsson', 'Olsson', 'Persson', 'Svensson', 'Gustafsson', 'Pettersson',
  'Jonsson', 'Jansson', 'Hansson', 'Bengtsson', 'Jönsson', 'Lindberg', 'Jakobsson', 'Magnusson', 'Lindström', 'Olofsson', 'Lindqvist', 'Lindgren',
  'Berg', 'Axelsson', 'Bergström', 'Lundberg', 'Lind', 'Lundgren', 'Lundqvist', 'Mattsson', 'Berglund', 'Fredriksson', 'Sandberg', 'Henriksson', 'Forsberg'];
const titles = ['IT-chef', 'IT-tekniker', 'Systemtekniker', 'Systemförvaltare ekonomi', 'Systemförvaltare skola', 'Systemförvaltare socialtjänst',
  'GIS-ingenjör', 'Registrator och systemförvaltare', 'Informationssäkerhetssamordnare', 'Digitaliseringsstrateg', 'Nätverkstekniker', 'Applikationsspecialist'];
const administrationOf: Record<Area, string> = {
  'Kommunövergripande': 'Kommunstyrelseförvaltningen', 'Ekonomi': 'Kommunstyrelseförvaltningen', 'Personal': 'Kommunstyrelseförvaltningen',
  'IT': 'Kommunstyrelseförvaltningen', 'Utbildning': 'Barn- och utbildningsförvaltningen', 'Socialtjänst': 'Socialförvaltningen',
  'Samhällsbyggnad': 'Samhällsbyggnadsförvaltningen', 'Kultur och fritid': 'Kultur- och fritidsförvaltningen',
};

// ---------------------------------------------------------------------------------------------
// The generator.

export function nationalData(options: NationalOptions): NationalData {
  const count = options.municipalities ?? 290;
  const perMunicipality = options.installationsPerMunicipality ?? 150;
  const catalogueSize = options.applications ?? 300;
  const today = options.today;
  const seed = options.seed ?? 'samverkan-national';
  const r = random(seed);
  const thisYear = Number(today.slice(0, 4));
  const openYear = thisYear - 1;
  const closedYear = thisYear - 2;
  const populationYears = [closedYear, openYear];

  // Municipalities: log-normal population (median ~16 000, as Sweden's), three big-city outliers,
  // 21 made-up counties of about equal size.
  const counties = Array.from({ length: Math.max(1, Math.min(21, Math.round(count / 10))) }, (_, i) => String(30 + i));
  const names = new Set<string>();
  const municipalities: NationalMunicipality[] = [];
  const outliers = [988_000, 607_000, 362_000];
  for (let i = 0; i < count; i++) {
    const county = counties[i % counties.length]!;
    const code = `${county}${String(10 + Math.floor(i / counties.length)).padStart(2, '0')}`;
    let name: string;
    do name = pick(r, nameRoots) + pick(r, nameEnds); while (names.has(name));
    names.add(name);
    const base = i < outliers.length && count >= 20 ? outliers[i]! : Math.round(clamp(16_000 * Math.exp(0.95 * normal(r)), 2_450, 250_000));
    const growth = 1 + (r() - 0.45) * 0.02;
    municipalities.push({
      code, name, county,
      populations: populationYears.map((year, k) => ({ year, population: Math.round(base * growth ** k) })),
    });
  }
  municipalities.sort((a, b) => a.code.localeCompare(b.code));
  const population = new Map(municipalities.map((m) => [m.code, m.populations.at(-1)!.population]));

  const businessAreas = businessAreaNames.map((name, i) => ({ id: i + 1, name }));
  const subareas = subareaNames.map((name, i) => ({ id: i + 1, name }));
  const areaId = (a: Area) => businessAreaNames.indexOf(a) + 1;

  // Catalogue: the stems, then modules of business systems until the size is reached.
  const entries: (Stem & { popularity: number })[] = [];
  const popularityOf = (kind: ApplicationKind) =>
    kind === 'general' ? 0.85 + 0.14 * r() : kind === 'common' ? 0.45 + 0.5 * r() : kind === 'technical' ? 0.35 + 0.6 * r() : 0.15 + 0.6 * r();
  for (const s of catalogueStems.slice(0, catalogueSize)) entries.push({ ...s, popularity: popularityOf(s.kind) });
  const businessStems = catalogueStems.filter((s) => s.kind === 'specific' || s.kind === 'common');
  for (let k = 0; entries.length < catalogueSize; k++) {
    const s = businessStems[k % businessStems.length]!;
    const module = modules[Math.floor(k / businessStems.length) % modules.length]!;
    const round = Math.floor(k / (businessStems.length * modules.length));
    entries.push({ name: `${s.name}, ${module}${round ? ` ${round + 1}` : ''}`, kind: 'specific', area: s.area, popularity: 0.04 + 0.25 * r() });
  }
  const applications: NationalApplication[] = entries.map((e, i) => ({
    id: i + 1, name: e.name, kind: e.kind, businessAreaId: areaId(e.area),
    subareaId: e.subarea ? subareaNames.indexOf(e.subarea) + 1 : null,
    description: `${e.name} (${e.kind === 'technical' ? 'teknisk plattform' : e.area.toLowerCase()}).`,
  }));

  // Products: a few per application, with market shares falling off like Zipf's law.
  const products: NationalProduct[] = [];
  const productKeys = new Set<string>();
  const offer = new Map<number, { product: NationalProduct; share: number; version: string; free: boolean }[]>();
  for (const app of applications) {
    const n = app.name.includes(',') ? between(r, 1, 3) : between(r, 2, 6);
    const list = [];
    for (let k = 0; k < n; k++) {
      let vendor: string, name: string;
      do { vendor = pick(r, vendors); name = productWord(r); } while (productKeys.has(`${vendor}|${name}`));
      productKeys.add(`${vendor}|${name}`);
      const product = { id: products.length + 1, vendor, name };
      products.push(product);
      list.push({ product, share: 1 / (k + 1) ** 1.3, version: pick(r, versions), free: r() < 0.04 });
    }
    offer.set(app.id, list);
  }
  // Neighbours buy alike: each county leans to one product per application.
  const countyChoice = new Map<string, number>();
  const productFor = (county: string, appId: number) => {
    const list = offer.get(appId)!;
    const key = `${county}|${appId}`;
    if (!countyChoice.has(key)) countyChoice.set(key, weighted(r, list, (o) => o.share).product.id);
    const chosen = r() < 0.6 ? list.find((o) => o.product.id === countyChoice.get(key))! : weighted(r, list, (o) => o.share);
    return chosen;
  };

  // Installations: bigger municipalities run more systems (normalised to the average asked for).
  const sizeFactor = municipalities.map((m) => clamp(1 + 0.12 * Math.log(population.get(m.code)! / 16_000), 0.7, 1.6));
  const meanFactor = sizeFactor.reduce((s, f) => s + f, 0) / sizeFactor.length;
  const installations: NationalInstallation[] = [];
  const current = new Map<string, NationalInstallation>(); // `${code}|${appId}` → not retired
  municipalities.forEach((m, mi) => {
    const wanted = Math.min(applications.length, Math.round(perMunicipality * sizeFactor[mi]! / meanFactor));
    // Weighted sampling without replacement (Efraimidis–Spirakis): popular applications first.
    const chosen = entries.map((e, i) => ({ i, key: Math.log(r()) / e.popularity })).sort((a, b) => b.key - a.key).slice(0, wanted);
    const pop = population.get(m.code)!;
    const employees = Math.max(150, Math.round(pop * 0.075));
    const maturity = (r() - 0.5) * 0.3;
    for (const { i } of chosen.sort((a, b) => a.i - b.i)) {
      const app = applications[i]!;
      const entry = entries[i]!;
      const o = productFor(m.county, app.id);
      const users = app.kind === 'technical' ? between(r, 2, Math.max(3, Math.round(employees / 400)))
        : app.kind === 'general' ? Math.round(employees * (0.6 + 0.4 * r()))
          : Math.max(1, Math.round(employees * (app.kind === 'common' ? 0.05 + 0.3 * r() : 0.01 + 0.12 * r())));
      const licenceKr = o.free ? 0 : users * (80 + 900 * r());
      const roll = r();
      const lifecycle: LifecyclePhase = roll < 0.03 ? 'planned' : roll < 0.07 ? 'retiring' : 'active';
      const contractEnd = o.free || r() < 0.15 ? null : addDays(today, between(r, -200, 5 * 365));
      const confidentiality = app.kind === 'specific' && ['Socialtjänst', 'Utbildning'].includes(entry.area) ? between(r, 3, 4) : between(r, 1, 3);
      const chance = (p: number) => r() < clamp(p + maturity, 0, 1);
      const installation: NationalInstallation = {
        id: installations.length + 1, municipality: m.code, applicationId: app.id, productId: o.product.id, productVersion: o.version,
        administration: administrationOf[entry.area], lifecycle, users,
        licenceCostOre: ore(licenceKr), operationsCostOre: ore(licenceKr * (0.2 + 0.6 * r()) + 5_000 * r()),
        contractEnd, noticeMonths: contractEnd === null ? (o.free ? null : pick(r, [3, 6, null])) : pick(r, [3, 6, 6, 12]),
        confirmedOn: r() < 0.08 ? null : addDays(today, -between(r, 0, 700)),
        functionScore: pick(r, [1, 2, 3, 3, 4, 4, 4, 5, 5]), competenceRisk: pick(r, [1, 2, 2, 2, 3, 3, 4, 5]),
        criticality: pick<Criticality>(r, ['low', 'medium', 'medium', 'high', 'critical']),
        confidentialityClass: confidentiality, integrityClass: between(r, 1, 4), availabilityClass: between(r, 1, 4),
        singleSignOn: chance(0.55), twoFactor: chance(confidentiality >= 3 ? 0.6 : 0.3), traceability: chance(0.6), operatingAgreement: chance(0.5),
        notes: '',
      };
      installations.push(installation);
      current.set(`${m.code}|${app.id}`, installation);
      // Now and then the system it replaced stays on record, retired.
      if (r() < 0.02 && offer.get(app.id)!.length > 1) {
        const older = offer.get(app.id)!.find((x) => x.product.id !== o.product.id)!;
        installations.push({ ...installation, id: installations.length + 1, productId: older.product.id, productVersion: older.version, lifecycle: 'retired',
          contractEnd: addDays(today, -between(r, 100, 2000)), noticeMonths: 6, notes: 'Ersatt; kvar som historik.' });
      }
    }
  });

  // People: an IT chief and a handful more per municipality, more in the big ones.
  const people: NationalPerson[] = [];
  const staffOf = new Map<string, NationalPerson[]>();
  for (const m of municipalities) {
    const n = clamp(Math.round(3 + population.get(m.code)! / 25_000), 3, 40);
    const domain = `${slug(m.name)}.se`;
    const list: NationalPerson[] = [];
    for (let k = 0; k < n; k++) {
      const name = `${pick(r, firstNames)} ${pick(r, lastNames)}`;
      const id = people.length + 1;
      const person: NationalPerson = {
        id, name, municipality: m.code, title: k === 0 ? 'IT-chef' : pick(r, titles.slice(1)),
        email: `${slug(name.split(' ')[0]!)}.${slug(name.split(' ')[1]!)}${id}@${domain}`,
        phone: `0${between(r, 10, 99)}-${between(r, 100, 999)} ${String(between(r, 0, 99)).padStart(2, '0')} ${String(between(r, 0, 99)).padStart(2, '0')}`,
      };
      people.push(person);
      list.push(person);
    }
    staffOf.set(m.code, list);
  }
  const wide: NationalPerson[] = [];
  for (let k = 0; k < 3; k++) {
    const name = `${pick(r, firstNames)} ${pick(r, lastNames)}`;
    const person: NationalPerson = { id: people.length + 1, name, municipality: null, title: 'IT-säkerhetsansvarig för samverkan', email: `sakerhet${k + 1}@samverkan.se`, phone: '010-100 00 0' + k };
    people.push(person);
    wide.push(person);
  }

  const roleAssignments: NationalRoleAssignment[] = [];
  const assign = (a: RoleAssignmentCreate) => roleAssignments.push({ id: roleAssignments.length + 1, installationId: null, collaborationId: null, ...a });
  for (const i of installations) {
    if (i.lifecycle === 'retired') continue;
    const staff = staffOf.get(i.municipality)!;
    if (r() < 0.55) assign({ personId: pick(r, staff).id, role: 'system_manager', installationId: i.id });
    if (r() < 0.3) assign({ personId: pick(r, staff).id, role: 'system_administrator', installationId: i.id });
    if (r() < 0.1) assign({ personId: staff[0]!.id, role: 'system_owner', installationId: i.id });
  }
  for (const m of municipalities) if (r() < 0.15) assign({ personId: staffOf.get(m.code)![0]!.id, role: 'it_directors_group' });
  for (const p of wide) assign({ personId: p.id, role: 'security_officer' });

  // Allocation keys, the same parts both years.
  const allocationKeys: NationalKey[] = [
    { name: 'Lika delar', description: 'Varje deltagare betalar lika mycket.', parts: [{ basis: 'equal', weight: 1 }] },
    { name: 'Invånare', description: 'Efter folkmängden den 31 december kostnadens år.', parts: [{ basis: 'population', weight: 1 }] },
    { name: '40 % lika, 60 % invånare', description: 'Grundavgift och resten efter storlek.', parts: [{ basis: 'equal', weight: 40 }, { basis: 'population', weight: 60 }] },
    { name: '20 % lika, 80 % invånare', description: 'Liten grundavgift, resten efter storlek.', parts: [{ basis: 'equal', weight: 20 }, { basis: 'population', weight: 80 }] },
    { name: 'Användare', description: 'Efter antalet användare i kommunernas system för applikationen.', parts: [{ basis: 'users', weight: 1 }] },
    { name: 'Licenser', description: 'Efter kommunernas licenskostnad för applikationen.', parts: [{ basis: 'licences', weight: 1 }] },
    { name: '50 % lika, 50 % användare', description: 'Grundavgift och resten efter användare.', parts: [{ basis: 'equal', weight: 50 }, { basis: 'users', weight: 50 }] },
  ].map((k, i) => ({ id: i + 1, ...k }) as NationalKey);
  const keyNamed = (name: string) => allocationKeys.find((k) => k.name === name)!;
  const needsApplication = (k: NationalKey) => k.parts.some((p) => p.basis === 'users' || p.basis === 'licences');

  // Collaborations: a few national ones first, then within counties, each on one product so
  // level 2 holds; a municipality joins at most one per application.
  const target = Math.max(8, Math.round(count * 1.4));
  const busy = new Set<string>();
  const collaborations: NationalCollaboration[] = [];
  const pickLevel = () => weighted(r, [2, 3, 4, 5], (l) => [35, 35, 20, 10][l - 2]!);
  const addCollaboration = (app: NationalApplication, members: string[]) => {
    const participants = [...members].sort();
    const level = pickLevel();
    const host = participants.reduce((a, b) => (population.get(b)! > population.get(a)! ? b : a));
    const started = addDays(today, -between(r, 200, 3500));
    const raised = addDays(started, between(r, 30, 150));
    const agreed = r() < 0.6 ? pick(r, [keyNamed('Lika delar'), keyNamed('40 % lika, 60 % invånare'), keyNamed('Invånare'), keyNamed('Användare')]) : null;
    const c: NationalCollaboration = {
      id: collaborations.length + 1, applicationId: app.id, level, participants, host,
      ownerId: level >= 3 ? staffOf.get(host)![0]!.id : null,
      scope: `${app.name} i samverkan mellan ${participants.length} kommuner, drift hos ${municipalities.find((m) => m.code === host)!.name}.`,
      area: '', lowestLevel: r() < 0.5 ? 2 : null, highestLevel: r() < 0.5 ? 5 : null,
      validFrom: started, validTo: null, decisionReference: `Samverkansrådet ${started.slice(0, 4)}:${collaborations.length + 1}`, decisionDate: addDays(started, -30),
      serviceLevels: '', allocationKeyId: agreed?.id ?? null,
      history: level === 2 ? [{ level: 2, on: started, note: 'Samma produkt efter gemensam upphandling.' }]
        : [{ level: 2, on: started, note: 'Samma produkt efter gemensam upphandling.' }, { level, on: raised < today ? raised : started, note: 'Gemensam lösning införd.' }],
    };
    if (c.history.length === 2 && c.history[1]!.on === started) c.history.shift();
    collaborations.push(c);
    for (const code of participants) busy.add(`${app.id}|${code}`);
    if (c.ownerId !== null) assign({ personId: c.ownerId, role: 'system_owner', collaborationId: c.id });
  };
  const usersOf = (appId: number, productId: number, codes: string[]) =>
    codes.filter((code) => current.get(`${code}|${appId}`)?.productId === productId && !busy.has(`${appId}|${code}`));

  const nationalApps = applications.filter((a) => a.kind === 'common' || a.kind === 'technical').slice(0, Math.min(4, Math.ceil(count / 60)));
  for (const app of nationalApps) {
    const top = offer.get(app.id)![0]!.product.id;
    const members = usersOf(app.id, top, municipalities.map((m) => m.code)).filter(() => r() < 0.6);
    if (members.length >= 2) addCollaboration(app, members);
  }
  const candidates: { app: NationalApplication; members: string[]; w: number }[] = [];
  for (const county of counties) {
    const codes = municipalities.filter((m) => m.county === county).map((m) => m.code);
    for (const app of applications) {
      const byProduct = new Map<number, string[]>();
      for (const code of codes) {
        const i = current.get(`${code}|${app.id}`);
        if (i && !busy.has(`${app.id}|${code}`)) byProduct.set(i.productId, [...(byProduct.get(i.productId) ?? []), code]);
      }
      const best = [...byProduct.values()].sort((a, b) => b.length - a.length)[0];
      if (best && best.length >= 2) candidates.push({ app, members: best, w: app.kind === 'specific' ? 1 : 2.5 });
    }
  }
  // Weighted order without replacement, then as many as the target asks for.
  const ordered = candidates.map((c) => ({ c, key: Math.log(r()) / c.w })).sort((a, b) => b.key - a.key).map((x) => x.c);
  for (const { app, members } of ordered) {
    if (collaborations.length >= target) break;
    const free = members.filter((code) => !busy.has(`${app.id}|${code}`));
    const chosen = free.filter(() => r() < 0.8);
    if (chosen.length >= 2) addCollaboration(app, chosen);
  }

  // Cost items: per collaboration and year, and costs common to all or to a subarea.
  const allCodes = municipalities.map((m) => m.code);
  const costItems: NationalCostItem[] = [];
  const categories: CostCategory[] = ['operations', 'licence', 'investment', 'training', 'network'];
  const addItem = (item: Omit<NationalCostItem, 'id'>) => costItems.push({ id: costItems.length + 1, ...item } as NationalCostItem);
  for (const year of populationYears) {
    for (const c of collaborations) {
      const app = applications[c.applicationId - 1]!;
      const size = c.participants.reduce((s, code) => s + population.get(code)!, 0);
      for (let k = between(r, 1, 5); k > 0; k--) {
        const key = c.allocationKeyId !== null && r() < 0.7 ? allocationKeys[c.allocationKeyId - 1]! : pick(r, allocationKeys);
        const amountOre = ore(size * (0.5 + 4 * r()) + 20_000 * r());
        addItem({
          year, amountOre, category: pick(r, categories.slice(0, 4)), description: `${app.name}: ${pick(r, ['drift', 'licenser', 'förvaltning', 'vidareutveckling', 'support', 'utbildning'])} ${year}`,
          collaborationId: c.id, subareaId: null, keyId: key.id, participants: c.participants,
          applicationId: needsApplication(key) || r() < 0.3 ? app.id : null,
          budgetOre: r() < 0.2 ? null : ore(amountOre / 100 * (0.9 + 0.2 * r())), beneficiaryCode: null,
        });
      }
      // Solidarity financing: a member replaced a working system early to join.
      if (year === openYear && c.allocationKeyId !== null && r() < 0.08) {
        const beneficiary = pick(r, c.participants.filter((code) => code !== c.host));
        addItem({
          year, amountOre: ore(50_000 + 400_000 * r()), category: 'solidarity', description: `${app.name}: ersättning för förtida byte`,
          collaborationId: c.id, subareaId: null, keyId: c.allocationKeyId, participants: c.participants,
          applicationId: needsApplication(allocationKeys[c.allocationKeyId - 1]!) ? app.id : null, budgetOre: null, beneficiaryCode: beneficiary ?? null,
        });
      }
    }
    for (const s of subareas) {
      for (let k = 0; k < 3; k++) {
        const amountOre = ore(200_000 + 3_000_000 * r());
        addItem({ year, amountOre, category: pick(r, ['network', 'operations', 'investment'] as CostCategory[]), description: `${s.name}: gemensam kostnad ${k + 1}`,
          collaborationId: null, subareaId: s.id, keyId: pick(r, allocationKeys.filter((key) => !needsApplication(key))).id, participants: allCodes,
          applicationId: null, budgetOre: ore(amountOre / 100), beneficiaryCode: null });
      }
    }
    for (let k = 0; k < 20; k++) {
      const amountOre = ore(100_000 + 2_000_000 * r());
      addItem({ year, amountOre, category: pick(r, categories), description: `Gemensam kostnad ${k + 1} ${year}`,
        collaborationId: null, subareaId: null, keyId: pick(r, allocationKeys.filter((key) => !needsApplication(key))).id, participants: allCodes,
        applicationId: null, budgetOre: r() < 0.3 ? null : ore(amountOre / 100), beneficiaryCode: null });
    }
  }
  // A solidarity item with a users or licences key still needs where to read them from; every
  // key that needs an application has one set above.

  // The closed year's shares, with the bases the allocation command uses (worker/costs/preview.ts).
  const costShares: NationalData['costShares'] = [];
  const partsOf = (item: NationalCostItem): AllocationPart[] => allocationKeys[item.keyId - 1]!.parts.map((p) => ({
    weight: p.weight,
    shares: Object.fromEntries(item.participants.map((code) => {
      const i = current.get(`${code}|${item.applicationId}`);
      const value = p.basis === 'equal' ? 1
        : p.basis === 'population' ? municipalities.find((m) => m.code === code)!.populations.find((x) => x.year === item.year)!.population
          : p.basis === 'users' ? i?.users ?? 0 : p.basis === 'licences' ? i?.licenceCostOre ?? 0 : 1;
      return [code, value];
    })),
  }));
  for (const item of costItems) {
    // A users or licences basis that is 0 for everyone (free products) cannot be shared: the
    // allocation refuses it, so such an item is shared equally instead.
    if (partsOf(item).some((p) => Object.values(p.shares).every((v) => v === 0))) item.keyId = keyNamed('Lika delar').id;
  }
  for (const item of costItems.filter((i) => i.year === closedYear)) {
    const shares = allocate({ totalOre: item.amountOre, participants: item.participants, parts: partsOf(item) });
    const budget = item.budgetOre == null ? null : allocate({ totalOre: item.budgetOre, participants: item.participants, parts: partsOf(item) });
    for (const s of shares) {
      costShares.push({ costItemId: item.id, municipality: s.municipality, amountOre: s.amountOre, budgetOre: budget?.find((b) => b.municipality === s.municipality)!.amountOre ?? null });
    }
  }

  // The strategy and its goals (the demo's definitions, which are data), with a year of history.
  const strategy = { id: 1, name: 'Nationell IT-samverkan (benchmark)', periodFrom: `${thisYear - 1}-01-01`, periodTo: `${thisYear + 2}-12-31` };
  const goals: NationalGoal[] = demoGoals.map((g, i) => ({ ...g, definition: g.definition as GoalDefinition | null, id: i + 1, title: g.title.replaceAll('hela Dalsland', 'alla medlemmar').replaceAll('Dalslandsnätet', 'samverkansnätet') }));
  const measured = goals.filter((g) => g.type === 'measured');
  const goalMeasurements = measured.flatMap((g) => [270, 180, 90, 10].map((back, k) => ({
    goalId: g.id, period: addDays(today, -back), value: Math.round((0.6 + 0.08 * k) * 100) / 100, comment: `Inventering ${k + 1}.`,
  })));
  const inUse = installations.filter((i) => i.lifecycle === 'active' || i.lifecycle === 'retiring');
  const denominatorOf = (g: NationalGoal): number => {
    const d = g.definition;
    if (!d) return 0;
    if (d.population === 'applications') return applications.filter((a) => d.kinds.includes(a.kind) && inUse.some((i) => i.applicationId === a.id)).length;
    const kinds = d.kinds;
    const population = inUse.filter((i) => (!kinds || kinds.includes(applications[i.applicationId - 1]!.kind))
      && (d.confidentialityAtLeast === undefined || (i.confidentialityClass ?? 0) >= d.confidentialityAtLeast));
    return d.weight === 'users' ? population.reduce((s, i) => s + i.users, 0) : population.length;
  };
  const goalSnapshots: NationalData['goalSnapshots'] = [];
  for (const g of goals) {
    const denominator = g.type === 'computed' ? denominatorOf(g) : null;
    let value = 0.1 + 0.35 * r();
    for (let back = 365; back >= 1; back--) {
      const on = addDays(today, -back);
      value = clamp(value + 0.0008 + (r() - 0.5) * 0.004, 0, 1);
      if (g.type === 'computed') {
        const numerator = Math.round(value * denominator!);
        goalSnapshots.push({ goalId: g.id, on, value: denominator ? numerator / denominator : null, numerator, denominator });
      } else if (g.type === 'measured') {
        const latest = goalMeasurements.filter((m) => m.goalId === g.id && m.period <= on).at(-1);
        goalSnapshots.push({ goalId: g.id, on, value: latest?.value ?? null, numerator: null, denominator: null });
      } else {
        goalSnapshots.push({ goalId: g.id, on, value: 0, numerator: null, denominator: null });
      }
    }
  }

  return {
    today, populationYears, closedYear, openYear,
    municipalities, businessAreas, subareas, applications, products, installations, people, roleAssignments, allocationKeys, collaborations,
    costItems, costShares, strategy, goals, goalMeasurements, goalSnapshots,
  };
}

// ---------------------------------------------------------------------------------------------
// SQL.

type Cell = string | number | boolean | null | { sql: string };
/** A real number as SQL (literal() accepts integers only, on purpose for money). */
const real = (x: number | null): Cell => (x === null ? null : { sql: String(x) });

/** D1 refuses statements over 100 kB; stay well below. */
const maxStatementBytes = 90_000;

/** Multi-row INSERTs of `rows`, each statement below the size limit. */
export function insertRows(table: string, columns: string[], rows: Cell[][]): string[] {
  const head = `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES `;
  const statements: string[] = [];
  let values: string[] = [];
  let bytes = head.length;
  for (const row of rows) {
    const tuple = `(${row.map((v) => (v !== null && typeof v === 'object' ? v.sql : literal(v))).join(', ')})`;
    if (values.length > 0 && (bytes + tuple.length + 2 > maxStatementBytes || values.length >= 1000)) {
      statements.push(head + values.join(', '));
      values = [];
      bytes = head.length;
    }
    values.push(tuple);
    bytes += tuple.length + 2;
  }
  if (values.length) statements.push(head + values.join(', '));
  return statements;
}

/** The data set as SQL for an empty database created by the migrations, in foreign-key order. */
export function nationalStatements(d: NationalData): string[] {
  return [
    ...insertRows('municipality', ['code', 'name'], d.municipalities.map((m) => [m.code, m.name])),
    ...insertRows('municipality_population', ['municipality_code', 'year', 'population'],
      d.municipalities.flatMap((m) => m.populations.map((p) => [m.code, p.year, p.population]))),
    ...insertRows('business_area', ['id', 'name'], d.businessAreas.map((b) => [b.id, b.name])),
    ...insertRows('technical_subarea', ['id', 'name'], d.subareas.map((s) => [s.id, s.name])),
    ...insertRows('application', ['id', 'name', 'kind', 'subarea_id', 'business_area_id', 'description'],
      d.applications.map((a) => [a.id, a.name, a.kind, a.subareaId, a.businessAreaId, a.description])),
    ...insertRows('product', ['id', 'vendor', 'name'], d.products.map((p) => [p.id, p.vendor, p.name])),
    ...insertRows('installation', ['id', 'municipality_code', 'application_id', 'product_id', 'product_version', 'administration', 'lifecycle', 'users',
      'licence_cost_ore', 'operations_cost_ore', 'contract_end', 'notice_months', 'confirmed_on', 'function_score', 'competence_risk', 'criticality',
      'confidentiality_class', 'integrity_class', 'availability_class', 'single_sign_on', 'two_factor', 'traceability', 'operating_agreement', 'notes'],
    d.installations.map((i) => [i.id, i.municipality, i.applicationId, i.productId, i.productVersion, i.administration, i.lifecycle, i.users,
      i.licenceCostOre, i.operationsCostOre, i.contractEnd, i.noticeMonths, i.confirmedOn, i.functionScore, i.competenceRisk, i.criticality,
      i.confidentialityClass, i.integrityClass, i.availabilityClass, i.singleSignOn, i.twoFactor, i.traceability, i.operatingAgreement, i.notes])),
    ...insertRows('person', ['id', 'name', 'email', 'phone', 'municipality_code', 'title'],
      d.people.map((p) => [p.id, p.name, p.email, p.phone, p.municipality, p.title])),
    ...insertRows('allocation_key', ['id', 'name', 'description'], d.allocationKeys.map((k) => [k.id, k.name, k.description])),
    ...insertRows('allocation_key_year', ['key_id', 'year', 'parts'],
      d.allocationKeys.flatMap((k) => d.populationYears.map((year) => [k.id, year, JSON.stringify(k.parts)]))),
    ...insertRows('collaboration', ['id', 'application_id', 'level', 'host_code', 'owner_id', 'scope', 'area', 'lowest_level', 'highest_level',
      'valid_from', 'valid_to', 'decision_reference', 'decision_date', 'service_levels', 'allocation_key_id'],
    d.collaborations.map((c) => [c.id, c.applicationId, c.level, c.host, c.ownerId, c.scope ?? '', c.area ?? '', c.lowestLevel ?? null, c.highestLevel ?? null,
      c.validFrom ?? null, c.validTo ?? null, c.decisionReference ?? '', c.decisionDate ?? null, c.serviceLevels ?? '', c.allocationKeyId])),
    ...insertRows('collaboration_participant', ['collaboration_id', 'municipality_code', 'application_id'],
      d.collaborations.flatMap((c) => c.participants.map((code) => [c.id, code, c.applicationId]))),
    ...insertRows('collaboration_level_event', ['collaboration_id', 'level', 'on', 'note', 'actor'],
      d.collaborations.flatMap((c) => c.history.map((h) => [c.id, h.level, h.on, h.note, 'nationell testdata']))),
    ...insertRows('role_assignment', ['id', 'person_id', 'role', 'installation_id', 'collaboration_id'],
      d.roleAssignments.map((a) => [a.id, a.personId, a.role, a.installationId ?? null, a.collaborationId ?? null])),
    ...insertRows('cost_item', ['id', 'year', 'amount_ore', 'category', 'description', 'collaboration_id', 'subarea_id', 'key_id', 'participants',
      'application_id', 'budget_ore', 'beneficiary_code'],
    d.costItems.map((i) => [i.id, i.year, i.amountOre, i.category, i.description, i.collaborationId ?? null, i.subareaId ?? null, i.keyId,
      JSON.stringify(i.participants), i.applicationId ?? null, i.budgetOre ?? null, i.beneficiaryCode ?? null])),
    ...insertRows('cost_year', ['year', 'closed_at', 'closed_by', 'note'], [[d.closedYear, `${d.closedYear + 1}-02-15T09:00:00.000Z`, 'nationell testdata', 'Bokslut.']]),
    ...insertRows('cost_share', ['cost_item_id', 'municipality_code', 'amount_ore', 'budget_ore'],
      d.costShares.map((s) => [s.costItemId, s.municipality, s.amountOre, s.budgetOre])),
    ...insertRows('strategy', ['id', 'name', 'period_from', 'period_to'], [[d.strategy.id, d.strategy.name, d.strategy.periodFrom, d.strategy.periodTo]]),
    ...insertRows('goal', ['id', 'strategy_id', 'key', 'title', 'description', 'area', 'type', 'definition', 'unit', 'target', 'comparison', 'deadline', 'public', 'sort_order'],
      d.goals.map((g, i) => [g.id, d.strategy.id, g.key, g.title, g.description, g.area, g.type, g.definition === null ? null : JSON.stringify(g.definition),
        g.unit, real(g.target), g.comparison, g.deadline, g.public, i])),
    ...insertRows('goal_measurement', ['goal_id', 'period', 'value', 'comment', 'actor'],
      d.goalMeasurements.map((m) => [m.goalId, m.period, real(m.value), m.comment, 'nationell testdata'])),
    ...insertRows('goal_snapshot', ['goal_id', 'on', 'value', 'numerator', 'denominator'],
      d.goalSnapshots.map((s) => [s.goalId, s.on, real(s.value), real(s.numerator), real(s.denominator)])),
  ];
}

/** The counts a report or a test prints. */
export const nationalSummary = (d: NationalData) => ({
  municipalities: d.municipalities.length, applications: d.applications.length, products: d.products.length, installations: d.installations.length,
  collaborations: d.collaborations.length, people: d.people.length, roleAssignments: d.roleAssignments.length, costItems: d.costItems.length,
  costShares: d.costShares.length, goalSnapshots: d.goalSnapshots.length,
});
