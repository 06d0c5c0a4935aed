import type { ApplicationKind, Criticality, LifecyclePhase } from '../portfolio.ts';

/*
 * Demo data: the five Dalsland municipalities and a plausible application portfolio, so the
 * product is understandable at first start (`npm start`). Pure data, no I/O: it also runs
 * inside workerd in tests. Everything is referenced by natural keys (municipality code,
 * application name, product vendor + name), never by numeric ids.
 *
 * Populations follow SCB's published figures (folkmängd 31 december), as far as they could be
 * checked without access to SCB itself: verify before relying on them. Applications, products, costs and contract dates are made up
 * but realistic for small Swedish municipalities; they do not describe the real municipalities.
 * Installations are generated deterministically (seeded PRNG) from the usage table below.
 */

/** The date the demo is written against: contract ends and confirmations are relative to it. */
export const demoToday = '2026-11-25';

export const populationSource = 'SCB, folkmängd 31 december 2023 och 2024';
export const populationYears = [2023, 2024] as const;

export type DemoMunicipality = {
  code: string;
  name: string;
  /** Population on 31 December of each year in `populationYears`. */
  population: Record<(typeof populationYears)[number], number>;
};

// SCB, folkmängd 31 december. Dals-Ed had 4 606 inhabitants on both dates.
export const municipalities: DemoMunicipality[] = [
  { code: '1438', name: 'Dals-Ed', population: { 2023: 4606, 2024: 4606 } },
  { code: '1439', name: 'Färgelanda', population: { 2023: 6434, 2024: 6376 } },
  { code: '1460', name: 'Bengtsfors', population: { 2023: 9138, 2024: 9076 } },
  { code: '1461', name: 'Mellerud', population: { 2023: 9165, 2024: 9052 } },
  { code: '1492', name: 'Åmål', population: { 2023: 12006, 2024: 11906 } },
];

export const businessAreas = [
  'Kommunövergripande', 'Ekonomi', 'Personal', 'Utbildning', 'Socialtjänst',
  'Samhällsbyggnad', 'Kultur och fritid', 'IT',
] as const;
type BusinessArea = (typeof businessAreas)[number];

/** Delområden of the technical platform (strategy 5.1, 3.3). */
export const technicalSubareas = [
  'Nät och kommunikation', 'Brandvägg och säkerhet', 'Servrar och lagring', 'Backup',
  'Klientdrift (arbetsplats)', 'Telefoni', 'Support och övervakning',
] as const;
type Subarea = (typeof technicalSubareas)[number];

export type DemoApplication = {
  name: string;
  kind: ApplicationKind;
  businessArea: BusinessArea;
  /** Set exactly for technical applications. */
  subarea: Subarea | null;
  description: string;
};

export type DemoProduct = { vendor: string; name: string };

export type DemoInstallation = {
  municipalityCode: string;
  application: string;
  productVendor: string;
  productName: string;
  productVersion: string;
  administration: string;
  lifecycle: LifecyclePhase;
  users: number;
  /** Yearly, integer öre. */
  licenceCostOre: number;
  /** Yearly, integer öre. */
  operationsCostOre: number;
  contractEnd: string | null;
  noticeMonths: number | null;
  confirmedOn: string | null;
  functionScore: number | null;
  competenceRisk: number | null;
  criticality: Criticality | null;
  confidentialityClass: number | null;
  integrityClass: number | null;
  availabilityClass: number | null;
  singleSignOn: boolean;
  twoFactor: boolean;
  traceability: boolean;
  operatingAgreement: boolean;
  notes: string;
};

// ---------------------------------------------------------------------------------------------
// Products. `version` is the usual product version; `free` means no licence and no contract.

type Product = DemoProduct & { version: string; free?: boolean };
const cloud = 'Molntjänst';

const P = {
  exchangeOnline: { vendor: 'Microsoft', name: 'Exchange Online', version: cloud },
  exchangeServer: { vendor: 'Microsoft', name: 'Exchange Server', version: '2019 CU14' },
  m365Apps: { vendor: 'Microsoft', name: 'Microsoft 365 Apps', version: cloud },
  sharePoint: { vendor: 'Microsoft', name: 'SharePoint Online', version: cloud },
  sitevision: { vendor: 'Sitevision', name: 'Sitevision', version: '2025.05' },
  trio: { vendor: 'Enghouse Interactive', name: 'Trio Enterprise', version: '6.3' },
  touchpoint: { vendor: 'Telia', name: 'Touchpoint Plus', version: cloud },
  raindance: { vendor: 'CGI', name: 'Raindance', version: '2025.1' },
  proceedo: { vendor: 'Visma', name: 'Proceedo', version: cloud },
  heroma: { vendor: 'CGI', name: 'Heroma', version: '25.1' },
  personec: { vendor: 'Visma', name: 'Personec P', version: '24.2' },
  public360: { vendor: 'Tietoevry', name: 'Public 360°', version: '2024.1' },
  w3d3: { vendor: 'Formpipe', name: 'W3D3', version: '7.3' },
  geosecma: { vendor: 'Sokigo', name: 'Geosecma', version: '11' },
  arcgis: { vendor: 'Esri', name: 'ArcGIS Enterprise', version: '11.3' },
  qgis: { vendor: 'OSGeo', name: 'QGIS', version: '3.40 LTR', free: true },
  stratsys: { vendor: 'Stratsys', name: 'Stratsys', version: cloud },
  hypergene: { vendor: 'Hypergene', name: 'Hypergene', version: cloud },
  tendsign: { vendor: 'Visma', name: 'TendSign', version: cloud },
  extens: { vendor: 'IST', name: 'Extens', version: cloud },
  tietoEducation: { vendor: 'Tietoevry', name: 'Tieto Education', version: cloud },
  unikum: { vendor: 'Unikum', name: 'Unikum', version: cloud },
  vklass: { vendor: 'Vklass', name: 'Vklass', version: cloud },
  schoolsoft: { vendor: 'SchoolSoft', name: 'SchoolSoft', version: cloud },
  treserva: { vendor: 'CGI', name: 'Treserva', version: '24.2' },
  lifecare: { vendor: 'Tietoevry', name: 'Lifecare', version: cloud },
  procapita: { vendor: 'Tietoevry', name: 'Procapita', version: '2023' },
  phoniro: { vendor: 'Phoniro', name: 'Phoniro Care', version: cloud },
  tunstall: { vendor: 'Tunstall', name: 'Digitala trygghetslarm', version: cloud },
  quria: { vendor: 'Axiell', name: 'Quria', version: cloud },
  byggr: { vendor: 'Sokigo', name: 'ByggR', version: '2025.1' },
  edpFuture: { vendor: 'EDP Consult', name: 'EDP Future', version: '10' },
  mashie: { vendor: 'Matilda Foodtech', name: 'Mashie', version: cloud },
  aivo: { vendor: 'Aivo', name: 'Aivo', version: cloud },
  catalyst: { vendor: 'Cisco', name: 'Catalyst', version: 'IOS XE 17.9' },
  arubaCx: { vendor: 'HPE Aruba Networking', name: 'Aruba CX', version: 'AOS-CX 10.13' },
  meraki: { vendor: 'Cisco', name: 'Meraki', version: 'Molnstyrd' },
  fortigate: { vendor: 'Fortinet', name: 'FortiGate', version: 'FortiOS 7.4' },
  fortiClient: { vendor: 'Fortinet', name: 'FortiClient VPN', version: '7.2' },
  secureClient: { vendor: 'Cisco', name: 'Secure Client', version: '5.1' },
  defender: { vendor: 'Microsoft', name: 'Defender for Endpoint', version: cloud },
  sophos: { vendor: 'Sophos', name: 'Intercept X', version: 'Sophos Central' },
  vsphere: { vendor: 'Broadcom', name: 'VMware vSphere', version: '8.0 U3' },
  hyperV: { vendor: 'Microsoft', name: 'Hyper-V', version: 'Windows Server 2022' },
  powerStore: { vendor: 'Dell', name: 'PowerStore', version: 'PowerStoreOS 4.0' },
  alletra: { vendor: 'HPE', name: 'Alletra', version: '6.1' },
  ontap: { vendor: 'NetApp', name: 'ONTAP', version: '9.14' },
  activeDirectory: { vendor: 'Microsoft', name: 'Active Directory och Entra ID', version: 'Windows Server 2022' },
  veeam: { vendor: 'Veeam', name: 'Backup & Replication', version: '12.3' },
  commvault: { vendor: 'Commvault', name: 'Commvault Cloud', version: '11.36' },
  intune: { vendor: 'Microsoft', name: 'Intune', version: cloud },
  configMgr: { vendor: 'Microsoft', name: 'Configuration Manager', version: '2409' },
  tele2: { vendor: 'Tele2', name: 'Tele2 Växel', version: cloud },
  mitel: { vendor: 'Mitel', name: 'MiVoice Business', version: '9.4' },
  easit: { vendor: 'Easit', name: 'Easit GO', version: cloud },
  topdesk: { vendor: 'TOPdesk', name: 'TOPdesk', version: cloud },
  teamviewer: { vendor: 'TeamViewer', name: 'TeamViewer Tensor', version: cloud },
  prtg: { vendor: 'Paessler', name: 'PRTG Network Monitor', version: '25.1' },
  op5: { vendor: 'ITRS', name: 'OP5 Monitor', version: '9.3' },
  zabbix: { vendor: 'Zabbix', name: 'Zabbix', version: '7.0 LTS', free: true },
} satisfies Record<string, Product>;

// ---------------------------------------------------------------------------------------------
// Catalogue with a usage profile per application and who runs what.

const AMAL = '1492', BENGTSFORS = '1460', DALS_ED = '1438', FARGELANDA = '1439', MELLERUD = '1461';
const allCodes = [AMAL, BENGTSFORS, DALS_ED, FARGELANDA, MELLERUD];

type Override = Partial<Omit<DemoInstallation, 'municipalityCode' | 'application' | 'productVendor' | 'productName'>>;
type Use = { code: string; product: Product; override?: Override };

type Profile = {
  /** Users in a municipality of about 1 000 employees, or 'it': the IT technicians. */
  users: number | 'it';
  /** Yearly costs in kronor for a municipality of about 1 000 employees. */
  licenceKr: number;
  operationsKr: number;
  criticality: Criticality;
  /** Confidentiality, integrity, availability classes 1–4. */
  cia: readonly [number, number, number];
  /** Probabilities (0–1) of single sign-on, two-factor login, traceability, operating agreement. */
  sso: number;
  twoFactor: number;
  traceability: number;
  agreement: number;
};

type Entry = DemoApplication & { profile: Profile; uses: Use[] };

const use = (codes: string[], product: Product, override?: Override): Use[] =>
  codes.map((code) => ({ code, product, ...(override ? { override } : {}) }));

const catalogue: Entry[] = [
  // Generella: used by everyone regardless of business (strategy 4.1).
  {
    name: 'E-post', kind: 'general', businessArea: 'Kommunövergripande', subarea: null,
    description: 'E-post och kalender för alla medarbetare.',
    profile: { users: 950, licenceKr: 380_000, operationsKr: 120_000, criticality: 'high', cia: [3, 2, 3], sso: 1, twoFactor: 0.6, traceability: 0.9, agreement: 0.6 },
    uses: [
      ...use([AMAL, BENGTSFORS, FARGELANDA, MELLERUD], P.exchangeOnline),
      ...use([DALS_ED], P.exchangeServer, {
        lifecycle: 'retiring', functionScore: 2, competenceRisk: 4, twoFactor: false, contractEnd: null, noticeMonths: null,
        notes: 'Egen server utan support sedan oktober 2025. Flyttas till Exchange Online under 2027 för gemensam katalog med övriga kommuner.',
      }),
    ],
  },
  {
    name: 'Kontorsprogram', kind: 'general', businessArea: 'Kommunövergripande', subarea: null,
    description: 'Ordbehandling, kalkyl och presentationer.',
    profile: { users: 950, licenceKr: 1_650_000, operationsKr: 80_000, criticality: 'high', cia: [2, 2, 3], sso: 1, twoFactor: 0.5, traceability: 0.3, agreement: 0.5 },
    uses: use(allCodes, P.m365Apps, { contractEnd: '2028-04-30', noticeMonths: 6, notes: 'Avrop från statligt ramavtal för programvara.' }),
  },
  {
    name: 'Intranät/medarbetarportal', kind: 'general', businessArea: 'Kommunövergripande', subarea: null,
    description: 'Medarbetarnas ingång till information och allt IT-stöd.',
    profile: { users: 1000, licenceKr: 140_000, operationsKr: 90_000, criticality: 'medium', cia: [2, 2, 2], sso: 0.8, twoFactor: 0.2, traceability: 0.6, agreement: 0.5 },
    uses: [...use([AMAL, BENGTSFORS, MELLERUD], P.sharePoint), ...use([FARGELANDA, DALS_ED], P.sitevision)],
  },
  {
    name: 'Webbplats och e-tjänster', kind: 'general', businessArea: 'Kommunövergripande', subarea: null,
    description: 'Kommunens webbplats och invånarportal med e-tjänster (24-timmarsmyndigheten).',
    profile: { users: 45, licenceKr: 160_000, operationsKr: 110_000, criticality: 'medium', cia: [1, 3, 3], sso: 0.6, twoFactor: 0.5, traceability: 0.8, agreement: 0.7 },
    uses: use(allCodes, P.sitevision),
  },
  {
    name: 'Hänvisningssystem', kind: 'general', businessArea: 'Kommunövergripande', subarea: null,
    description: 'Hänvisning och närvarostatus i telefonin, används av alla medarbetare.',
    profile: { users: 650, licenceKr: 95_000, operationsKr: 40_000, criticality: 'medium', cia: [1, 2, 3], sso: 0.5, twoFactor: 0.1, traceability: 0.4, agreement: 0.5 },
    uses: [...use([AMAL, BENGTSFORS, MELLERUD], P.trio), ...use([FARGELANDA, DALS_ED], P.touchpoint)],
  },

  // Gemensamma: used by several förvaltningar.
  {
    name: 'Ekonomisystem', kind: 'common', businessArea: 'Ekonomi', subarea: null,
    description: 'Redovisning, budget samt leverantörs- och kundfakturor.',
    profile: { users: 140, licenceKr: 620_000, operationsKr: 240_000, criticality: 'high', cia: [2, 4, 3], sso: 0.7, twoFactor: 0.4, traceability: 1, agreement: 0.9 },
    uses: use(allCodes, P.raindance, {
      contractEnd: '2028-12-31', noticeMonths: 12,
      notes: 'Gemensamt upphandlat ekonomisystem för Dalslandskommunerna.',
    }),
  },
  {
    name: 'E-handel', kind: 'common', businessArea: 'Ekonomi', subarea: null,
    description: 'Elektronisk handel hela vägen från beställning till leverans och betalning.',
    profile: { users: 220, licenceKr: 210_000, operationsKr: 60_000, criticality: 'medium', cia: [2, 3, 2], sso: 0.7, twoFactor: 0.2, traceability: 0.9, agreement: 0.7 },
    uses: [
      ...use([AMAL, BENGTSFORS, FARGELANDA, MELLERUD], P.proceedo),
      ...use([DALS_ED], P.proceedo, { lifecycle: 'planned', confirmedOn: '2026-10-14', notes: 'Införs våren 2027 och kopplas till det gemensamma ekonomisystemet.' }),
    ],
  },
  {
    name: 'Personal- och lönesystem', kind: 'common', businessArea: 'Personal', subarea: null,
    description: 'Personaladministration, schema och lön (PA/lön) med självservice för chefer.',
    profile: { users: 160, licenceKr: 540_000, operationsKr: 200_000, criticality: 'high', cia: [3, 4, 3], sso: 0.5, twoFactor: 0.6, traceability: 0.9, agreement: 0.7 },
    uses: [
      ...use([AMAL, FARGELANDA, MELLERUD], P.heroma),
      ...use([BENGTSFORS], P.personec, {
        contractEnd: '2027-06-30', noticeMonths: 12, functionScore: 3,
        notes: 'Sista dag för uppsägning har passerat; avtalet förlängs ett år. Utred anslutning till Heroma tillsammans med Åmål, Färgelanda och Mellerud.',
      }),
      ...use([DALS_ED], P.personec),
    ],
  },
  {
    name: 'Ärende- och dokumenthantering', kind: 'common', businessArea: 'Kommunövergripande', subarea: null,
    description: 'Diarium, ärendehantering och dokumenthantering för alla nämnder.',
    profile: { users: 180, licenceKr: 310_000, operationsKr: 120_000, criticality: 'high', cia: [3, 3, 2], sso: 0.6, twoFactor: 0.5, traceability: 0.9, agreement: 0.7 },
    uses: [...use([AMAL, BENGTSFORS, MELLERUD], P.public360), ...use([FARGELANDA, DALS_ED], P.w3d3)],
  },
  {
    name: 'GIS', kind: 'common', businessArea: 'Samhällsbyggnad', subarea: null,
    description: 'Geografiskt informationssystem: kartor, fastigheter och analyser för flera förvaltningar.',
    profile: { users: 45, licenceKr: 260_000, operationsKr: 90_000, criticality: 'medium', cia: [1, 3, 2], sso: 0.5, twoFactor: 0.1, traceability: 0.6, agreement: 0.5 },
    uses: [
      ...use([AMAL, FARGELANDA, MELLERUD], P.geosecma),
      ...use([BENGTSFORS], P.arcgis),
      ...use([DALS_ED], P.qgis, { competenceRisk: 5, functionScore: 3, notes: 'Öppen källkod. En medarbetare har all kunskap om kartunderlagen.' }),
    ],
  },
  {
    name: 'Mål- och resultatstyrning', kind: 'common', businessArea: 'Kommunövergripande', subarea: null,
    description: 'Planering, uppföljning och rapportering av mål, budget och verksamhet.',
    profile: { users: 110, licenceKr: 180_000, operationsKr: 20_000, criticality: 'low', cia: [1, 2, 2], sso: 0.6, twoFactor: 0.1, traceability: 0.7, agreement: 0.6 },
    uses: [...use([AMAL, BENGTSFORS, MELLERUD], P.stratsys), ...use([FARGELANDA], P.hypergene)],
  },
  {
    name: 'Upphandlingsstöd', kind: 'common', businessArea: 'Ekonomi', subarea: null,
    description: 'Annonsering och hantering av offentliga upphandlingar enligt LOU.',
    profile: { users: 25, licenceKr: 85_000, operationsKr: 10_000, criticality: 'low', cia: [2, 3, 2], sso: 0.3, twoFactor: 0.6, traceability: 0.9, agreement: 0.6 },
    uses: use(allCodes, P.tendsign, {
      contractEnd: '2027-07-31', noticeMonths: 6,
      notes: 'Gemensamt avtal via upphandlingssamverkan; beslut om förlängning behövs senast i januari 2027.',
    }),
  },

  // Verksamhetsspecifika: used within one förvaltning.
  {
    name: 'Elev- och barnomsorgsadministration', kind: 'specific', businessArea: 'Utbildning', subarea: null,
    description: 'Elevregister, förskoleplacering, avgifter och betyg.',
    profile: { users: 260, licenceKr: 480_000, operationsKr: 150_000, criticality: 'high', cia: [3, 3, 3], sso: 0.6, twoFactor: 0.5, traceability: 0.8, agreement: 0.6 },
    uses: [...use([AMAL, BENGTSFORS, FARGELANDA], P.extens), ...use([MELLERUD, DALS_ED], P.tietoEducation)],
  },
  {
    name: 'Lärplattform', kind: 'specific', businessArea: 'Utbildning', subarea: null,
    description: 'Planering, bedömning och kommunikation med elever och vårdnadshavare.',
    profile: { users: 320, licenceKr: 260_000, operationsKr: 30_000, criticality: 'medium', cia: [3, 2, 2], sso: 0.8, twoFactor: 0.3, traceability: 0.6, agreement: 0.5 },
    uses: [
      ...use([AMAL, DALS_ED], P.unikum),
      ...use([BENGTSFORS, MELLERUD], P.vklass),
      ...use([FARGELANDA], P.schoolsoft, { functionScore: 2 }),
    ],
  },
  {
    name: 'Verksamhetssystem för socialtjänst och omsorg', kind: 'specific', businessArea: 'Socialtjänst', subarea: null,
    description: 'Journal och ärendehantering inom individ- och familjeomsorg, äldreomsorg och LSS.',
    profile: { users: 230, licenceKr: 950_000, operationsKr: 320_000, criticality: 'critical', cia: [4, 4, 3], sso: 0.5, twoFactor: 0.7, traceability: 1, agreement: 0.8 },
    uses: [
      ...use([AMAL, MELLERUD], P.treserva),
      ...use([BENGTSFORS], P.lifecare, { confirmedOn: '2026-09-02', notes: 'Ersatte Procapita vid årsskiftet 2025/2026.' }),
      ...use([BENGTSFORS], P.procapita, {
        lifecycle: 'retired', users: 0, licenceCostOre: 0, operationsCostOre: 0, contractEnd: '2025-12-31', noticeMonths: 12,
        confirmedOn: '2026-01-15', notes: 'Avvecklad 2025-12-31. Historiken finns i e-arkivet.',
      }),
      ...use([FARGELANDA], P.procapita, {
        lifecycle: 'retiring', functionScore: 2, competenceRisk: 4, contractEnd: '2027-12-31', noticeMonths: 12,
        notes: 'Leverantören fasar ut produkten. Val av ersättare pågår; samverkan med Bengtsfors och Dals-Ed undersöks.',
      }),
      ...use([DALS_ED], P.lifecare),
    ],
  },
  {
    name: 'Trygghetslarm och nyckelfri hemtjänst', kind: 'specific', businessArea: 'Socialtjänst', subarea: null,
    description: 'Digitala trygghetslarm och digitala lås för hemtjänsten.',
    profile: { users: 140, licenceKr: 420_000, operationsKr: 160_000, criticality: 'critical', cia: [3, 3, 4], sso: 0.2, twoFactor: 0.5, traceability: 0.9, agreement: 0.8 },
    uses: [...use([AMAL, BENGTSFORS, DALS_ED, MELLERUD], P.phoniro), ...use([FARGELANDA], P.tunstall)],
  },
  {
    name: 'Bibliotekssystem', kind: 'specific', businessArea: 'Kultur och fritid', subarea: null,
    description: 'Katalog, utlån och låntagarregister för folk- och skolbibliotek.',
    profile: { users: 18, licenceKr: 110_000, operationsKr: 25_000, criticality: 'low', cia: [2, 2, 2], sso: 0.4, twoFactor: 0.1, traceability: 0.7, agreement: 0.7 },
    uses: use(allCodes, P.quria, {
      contractEnd: '2029-06-30', noticeMonths: 6,
      notes: 'Gemensam katalog och ett lånekort för biblioteken i Dalsland.',
    }),
  },
  {
    name: 'Bygglovshantering', kind: 'specific', businessArea: 'Samhällsbyggnad', subarea: null,
    description: 'Handläggning av bygglov, anmälningar och tillsyn enligt plan- och bygglagen.',
    profile: { users: 14, licenceKr: 190_000, operationsKr: 60_000, criticality: 'medium', cia: [2, 3, 2], sso: 0.4, twoFactor: 0.2, traceability: 0.9, agreement: 0.6 },
    uses: [...use([AMAL, BENGTSFORS, FARGELANDA, MELLERUD], P.byggr), ...use([DALS_ED], P.edpFuture)],
  },
  {
    name: 'Kost- och måltidssystem', kind: 'specific', businessArea: 'Utbildning', subarea: null,
    description: 'Menyplanering, specialkost, näringsberäkning och beställning av måltider.',
    profile: { users: 22, licenceKr: 95_000, operationsKr: 15_000, criticality: 'low', cia: [2, 2, 2], sso: 0.3, twoFactor: 0.1, traceability: 0.5, agreement: 0.4 },
    uses: [...use([AMAL, FARGELANDA, MELLERUD], P.mashie), ...use([BENGTSFORS], P.aivo)],
  },

  // IT-utrustning och tekniska stödsystem, one subarea each (strategy 5.1).
  {
    name: 'Nätverksutrustning (LAN)', kind: 'technical', businessArea: 'IT', subarea: 'Nät och kommunikation',
    description: 'Switchar och routrar i det administrativa och det pedagogiska nätet.',
    profile: { users: 'it', licenceKr: 180_000, operationsKr: 260_000, criticality: 'critical', cia: [2, 3, 4], sso: 0.4, twoFactor: 0.4, traceability: 0.6, agreement: 0.3 },
    uses: [...use([AMAL, BENGTSFORS, MELLERUD], P.catalyst), ...use([FARGELANDA, DALS_ED], P.arubaCx)],
  },
  {
    name: 'Trådlöst nätverk (WLAN)', kind: 'technical', businessArea: 'IT', subarea: 'Nät och kommunikation',
    description: 'Trådlösa nät för medarbetare, elever och gäster.',
    profile: { users: 'it', licenceKr: 150_000, operationsKr: 90_000, criticality: 'high', cia: [2, 2, 3], sso: 0.6, twoFactor: 0.5, traceability: 0.6, agreement: 0.3 },
    uses: use([AMAL, BENGTSFORS, FARGELANDA, MELLERUD], P.meraki),
  },
  {
    name: 'Brandvägg', kind: 'technical', businessArea: 'IT', subarea: 'Brandvägg och säkerhet',
    description: 'Skydd mellan kommunens nät, Dalslandsnätet och internet.',
    profile: { users: 'it', licenceKr: 230_000, operationsKr: 140_000, criticality: 'critical', cia: [3, 4, 4], sso: 0.3, twoFactor: 0.7, traceability: 0.9, agreement: 0.4 },
    uses: use(allCodes, P.fortigate, {
      contractEnd: '2028-06-30', noticeMonths: 6,
      notes: 'Gemensam teknisk standard för Dalslandsnätet; avropad på gemensamt ramavtal.',
    }),
  },
  {
    name: 'Fjärråtkomst (VPN)', kind: 'technical', businessArea: 'IT', subarea: 'Brandvägg och säkerhet',
    description: 'Säker fjärråtkomst för medarbetare med rörliga arbetsuppgifter.',
    profile: { users: 'it', licenceKr: 60_000, operationsKr: 30_000, criticality: 'medium', cia: [3, 3, 3], sso: 0.7, twoFactor: 0.8, traceability: 0.8, agreement: 0.3 },
    uses: [...use([AMAL, BENGTSFORS, FARGELANDA, MELLERUD], P.fortiClient), ...use([DALS_ED], P.secureClient)],
  },
  {
    name: 'Endpoint-skydd (antivirus)', kind: 'technical', businessArea: 'IT', subarea: 'Brandvägg och säkerhet',
    description: 'Skydd mot skadlig kod på datorer och servrar.',
    profile: { users: 'it', licenceKr: 240_000, operationsKr: 40_000, criticality: 'high', cia: [2, 3, 3], sso: 0.7, twoFactor: 0.6, traceability: 0.8, agreement: 0.3 },
    uses: [...use([AMAL, BENGTSFORS, MELLERUD], P.defender), ...use([FARGELANDA, DALS_ED], P.sophos)],
  },
  {
    name: 'Servervirtualisering', kind: 'technical', businessArea: 'IT', subarea: 'Servrar och lagring',
    description: 'Plattform för de virtuella servrar som kör verksamhetssystemen.',
    profile: { users: 'it', licenceKr: 380_000, operationsKr: 220_000, criticality: 'critical', cia: [3, 4, 4], sso: 0.5, twoFactor: 0.5, traceability: 0.7, agreement: 0.4 },
    uses: [
      ...use([AMAL, BENGTSFORS, FARGELANDA], P.vsphere, { notes: 'Licenskostnaden ökade kraftigt vid övergången till prenumeration.' }),
      ...use([MELLERUD], P.vsphere, { productVersion: '7.0 U3', competenceRisk: 4, notes: 'Version 7 saknar support sedan oktober 2025; uppgradering krävs.' }),
      ...use([DALS_ED], P.hyperV),
    ],
  },
  {
    name: 'Lagring', kind: 'technical', businessArea: 'IT', subarea: 'Servrar och lagring',
    description: 'Central lagring (SAN) för servrar och filer.',
    profile: { users: 'it', licenceKr: 160_000, operationsKr: 120_000, criticality: 'critical', cia: [3, 4, 4], sso: 0.3, twoFactor: 0.3, traceability: 0.6, agreement: 0.3 },
    uses: [...use([AMAL], P.powerStore), ...use([BENGTSFORS, MELLERUD], P.alletra), ...use([FARGELANDA], P.ontap)],
  },
  {
    name: 'Katalogtjänst och behörighetskontroll', kind: 'technical', businessArea: 'IT', subarea: 'Servrar och lagring',
    description: 'Användarkonton, grupper och inloggning (nätoperativsystem).',
    profile: { users: 'it', licenceKr: 0, operationsKr: 110_000, criticality: 'critical', cia: [3, 4, 4], sso: 1, twoFactor: 0.6, traceability: 0.9, agreement: 0.4 },
    uses: use(allCodes, P.activeDirectory),
  },
  {
    name: 'Säkerhetskopiering', kind: 'technical', businessArea: 'IT', subarea: 'Backup',
    description: 'Backup och återställning av servrar och data.',
    profile: { users: 'it', licenceKr: 170_000, operationsKr: 90_000, criticality: 'high', cia: [4, 4, 3], sso: 0.4, twoFactor: 0.6, traceability: 0.8, agreement: 0.4 },
    uses: [...use([AMAL, BENGTSFORS, DALS_ED, MELLERUD], P.veeam), ...use([FARGELANDA], P.commvault)],
  },
  {
    name: 'Klient- och mobilhantering', kind: 'technical', businessArea: 'IT', subarea: 'Klientdrift (arbetsplats)',
    description: 'Installation, uppdatering och styrning av datorer och mobiler.',
    profile: { users: 'it', licenceKr: 60_000, operationsKr: 180_000, criticality: 'medium', cia: [2, 3, 2], sso: 1, twoFactor: 0.6, traceability: 0.7, agreement: 0.3 },
    uses: [...use([AMAL, BENGTSFORS, DALS_ED, MELLERUD], P.intune), ...use([FARGELANDA], P.configMgr)],
  },
  {
    name: 'Telefonväxel', kind: 'technical', businessArea: 'IT', subarea: 'Telefoni',
    description: 'Kommunens växel för fast och mobil telefoni.',
    profile: { users: 'it', licenceKr: 520_000, operationsKr: 110_000, criticality: 'high', cia: [2, 2, 4], sso: 0.4, twoFactor: 0.3, traceability: 0.6, agreement: 0.6 },
    uses: [
      ...use([AMAL, BENGTSFORS, FARGELANDA], P.touchpoint),
      ...use([DALS_ED], P.tele2),
      ...use([MELLERUD], P.mitel, {
        lifecycle: 'retiring', functionScore: 2, competenceRisk: 5, contractEnd: '2027-03-31', noticeMonths: 3,
        notes: 'Egen växel där en tekniker kan systemet. Ersätts av den gemensamma telefonilösningen.',
      }),
    ],
  },
  {
    name: 'Ärendesystem för IT-support', kind: 'technical', businessArea: 'IT', subarea: 'Support och övervakning',
    description: 'Felanmälan, ärenden och dokumentation av IT-utrustningen.',
    profile: { users: 'it', licenceKr: 140_000, operationsKr: 30_000, criticality: 'medium', cia: [2, 2, 2], sso: 0.7, twoFactor: 0.3, traceability: 0.8, agreement: 0.4 },
    uses: [...use([AMAL, BENGTSFORS, DALS_ED], P.easit), ...use([MELLERUD, FARGELANDA], P.topdesk)],
  },
  {
    name: 'Fjärrsupport', kind: 'technical', businessArea: 'IT', subarea: 'Support och övervakning',
    description: 'Fjärrstyrning av medarbetarnas datorer vid support.',
    profile: { users: 'it', licenceKr: 45_000, operationsKr: 5_000, criticality: 'low', cia: [2, 2, 2], sso: 0.5, twoFactor: 0.7, traceability: 0.8, agreement: 0.2 },
    uses: use(allCodes, P.teamviewer),
  },
  {
    name: 'Övervakning', kind: 'technical', businessArea: 'IT', subarea: 'Support och övervakning',
    description: 'Övervakning av nät, servrar och tjänster med larm.',
    profile: { users: 'it', licenceKr: 55_000, operationsKr: 40_000, criticality: 'medium', cia: [1, 2, 3], sso: 0.3, twoFactor: 0.2, traceability: 0.5, agreement: 0.2 },
    uses: [...use([AMAL, MELLERUD], P.prtg), ...use([BENGTSFORS], P.op5), ...use([FARGELANDA], P.zabbix)],
  },
];

// ---------------------------------------------------------------------------------------------
// Deterministic generation of the installations' details.

/** Size relative to a municipality of about 1 000 employees, IT technicians, register maturity. */
const traits: Record<string, { size: number; technicians: number; maturity: number }> = {
  [AMAL]: { size: 1.3, technicians: 8, maturity: 0.15 },
  [BENGTSFORS]: { size: 1.0, technicians: 6, maturity: 0.05 },
  [MELLERUD]: { size: 1.0, technicians: 6, maturity: 0 },
  [FARGELANDA]: { size: 0.7, technicians: 4, maturity: -0.05 },
  [DALS_ED]: { size: 0.5, technicians: 3, maturity: -0.15 },
};

const administrationOf: Record<BusinessArea, string> = {
  'Kommunövergripande': 'Kommunstyrelseförvaltningen',
  'Ekonomi': 'Kommunstyrelseförvaltningen',
  'Personal': 'Kommunstyrelseförvaltningen',
  'IT': 'Kommunstyrelseförvaltningen',
  'Utbildning': 'Barn- och utbildningsförvaltningen',
  'Socialtjänst': 'Socialförvaltningen',
  'Samhällsbyggnad': 'Samhällsbyggnadsförvaltningen',
  'Kultur och fritid': 'Kultur- och fritidsförvaltningen',
};

/** mulberry32 seeded with the FNV-1a hash of a string: the same demo data on every machine. */
export function random(seed: string): () => number {
  let a = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) a = Math.imul(a ^ seed.charCodeAt(i), 0x01000193);
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(r: number, values: readonly T[]): T => values[Math.floor(r * values.length)]!;
const isoDate = (year: number, monthIndex: number, day: number) => new Date(Date.UTC(year, monthIndex, day)).toISOString().slice(0, 10);
/** Whole-kronor costs rounded to 500 kr, as öre. */
const ore = (kronor: number) => Math.round(kronor / 500) * 500 * 100;

function contract(r: () => number, product: Product, licenceKr: number): Pick<DemoInstallation, 'contractEnd' | 'noticeMonths'> {
  if (product.free || licenceKr === 0) return { contractEnd: null, noticeMonths: null };
  const bucket = r();
  if (bucket < 0.3) {
    // Ends within twelve months of demoToday: the last day of December 2026 (k = 1) … November 2027
    // (k = 12). The notice period makes the last day of notice passed (1 in 5), due soon (3 in 10)
    // or later, so the contract views show all three.
    const k = 1 + Math.floor(r() * 12);
    const status = r();
    const fits = [3, 6, 12].filter((n) => (status < 0.2 ? n > k : status < 0.5 ? k - n >= 0 && k - n <= 2 : k - n > 2));
    return { contractEnd: isoDate(2026, 11 + k, 0), noticeMonths: pick(r(), fits.length > 0 ? fits : [3, 6, 12]) };
  }
  if (bucket < 0.85) {
    // Later: the end of a quarter in 2028–2030.
    return { contractEnd: isoDate(2028 + Math.floor(r() * 3), 3 * (1 + Math.floor(r() * 4)), 0), noticeMonths: pick(r(), [3, 6, 6, 12]) };
  }
  // Tillsvidareavtal: no end date, terminated with notice.
  return { contractEnd: null, noticeMonths: pick(r(), [3, 6, null]) };
}

function generate(entry: Entry, { code, product, override }: Use): DemoInstallation {
  const r = random(`${code}|${entry.name}|${product.vendor}|${product.name}`);
  const t = traits[code]!;
  const p = entry.profile;
  const chance = (probability: number) => {
    const roll = r();
    return probability >= 1 ? true : probability <= 0 ? false : roll < Math.min(1, Math.max(0, probability + t.maturity));
  };
  const scale = t.size ** 0.8;
  const licenceKr = product.free ? 0 : p.licenceKr;
  // Less mature municipalities confirm their data less often: skew the day towards the past.
  const confirmedOn = r() < 0.06 - t.maturity / 2
    ? null
    : isoDate(2025, 8, 1 + Math.floor(r() ** (1 - t.maturity * 3) * 445));
  const [confidentiality, integrity, availability] = p.cia;
  const installation: DemoInstallation = {
    municipalityCode: code,
    application: entry.name,
    productVendor: product.vendor,
    productName: product.name,
    productVersion: product.version,
    administration: administrationOf[entry.businessArea],
    lifecycle: 'active',
    users: p.users === 'it'
      ? Math.max(1, t.technicians - Math.floor(r() * 3))
      : Math.round(p.users * t.size * (0.85 + 0.3 * r())),
    licenceCostOre: ore(licenceKr * scale * (0.85 + 0.3 * r())),
    operationsCostOre: ore(p.operationsKr * scale * (0.85 + 0.3 * r())),
    ...contract(r, product, licenceKr),
    confirmedOn,
    functionScore: pick(r(), [2, 3, 3, 4, 4, 4, 5, 5]),
    competenceRisk: pick(r(), [1, 2, 2, 2, 3, 3, 4]),
    criticality: p.criticality,
    confidentialityClass: confidentiality!,
    integrityClass: integrity!,
    availabilityClass: availability!,
    singleSignOn: chance(p.sso),
    twoFactor: chance(p.twoFactor),
    traceability: chance(p.traceability),
    operatingAgreement: chance(p.agreement),
    notes: '',
  };
  return { ...installation, ...override };
}

// ---------------------------------------------------------------------------------------------
// What the SQL loader and the tests read.

export const applications: DemoApplication[] = catalogue.map(({ name, kind, businessArea, subarea, description }) => ({
  name, kind, businessArea, subarea, description,
}));

export const products: DemoProduct[] = Object.values(P).map(({ vendor, name }) => ({ vendor, name }));

export const installations: DemoInstallation[] = catalogue.flatMap((entry) => entry.uses.map((u) => generate(entry, u)));

/**
 * Demo accounts, all with the password `samverkan-demo-2026` (its scrypt hash below, made
 * with worker/access/password.ts). The administrator has two-factor login enrolled with the
 * RFC 6238 test key "12345678901234567890" (base32 GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ), so any
 * TOTP tool can produce its codes. They exist only in the local demo data.
 */
export const demoPassword = 'samverkan-demo-2026';
export const demoPasswordHash = 'scrypt$16384$8$5$b5aLmBOolri4YXy64jdQ6Q==$J9WSb5ZjIwkf+uH+4PDvGcl/u12ot7a/0WOUDv9zmqQ=';
export const demoTotpKeyHex = '3132333435363738393031323334353637383930';

export type DemoAccount = { email: string; name: string; role: 'admin' | 'editor' | 'finance' | 'viewer'; municipalities: string[]; totp: boolean };

export const accounts: DemoAccount[] = [
  { email: 'admin@demo.test', name: 'Anna Administratör (IT-chefsgruppen)', role: 'admin', municipalities: [], totp: true },
  ...municipalities.map((m): DemoAccount => ({
    email: `redaktor.${m.code}@demo.test`, name: `Redaktör ${m.name}`, role: 'editor', municipalities: [m.code], totp: false,
  })),
  { email: 'ekonomi@demo.test', name: 'Erik Ekonom', role: 'finance', municipalities: [], totp: false },
  { email: 'lasare@demo.test', name: 'Lisa Läsare', role: 'viewer', municipalities: [], totp: false },
];

// ---------------------------------------------------------------------------------------------
// People and their roles (the people directory): made-up names, a handful per municipality.
// Phone numbers come from the range PTS reserves for fiction (070-174 06 05 – 070-174 06 99),
// so no real person is called. Roles are referenced by e-mail address, municipality code and
// application name — natural keys, as everything else here.

export type DemoPerson = { name: string; email: string; phone: string; municipalityCode: string | null; title: string };

export type DemoRoleAssignment = {
  personEmail: string;
  role: import('../collaboration.ts').RoleKind;
  /** The municipality's current installation of the application; null for a collaboration-wide role. */
  installation: { municipalityCode: string; application: string } | null;
};

type StaffKey = 'chief' | 'tech' | 'tech2' | 'economy' | 'social' | 'school' | 'office' | 'gis';

const domains: Record<string, string> = { [AMAL]: 'amal.se', [BENGTSFORS]: 'bengtsfors.se', [DALS_ED]: 'dalsed.se', [FARGELANDA]: 'fargelanda.se', [MELLERUD]: 'mellerud.se' };

const staff: Record<string, Partial<Record<StaffKey, [name: string, title: string]>>> = {
  [AMAL]: {
    chief: ['Karin Lindqvist', 'IT-chef'],
    tech: ['Johan Nyström', 'IT-tekniker'],
    tech2: ['Emma Sjöberg', 'Systemtekniker'],
    economy: ['Per Holm', 'Systemförvaltare ekonomi och personal'],
    social: ['Maria Engström', 'Systemförvaltare socialtjänst'],
    school: ['Anders Wikström', 'Systemförvaltare skola'],
    office: ['Lena Dahl', 'Registrator och systemförvaltare'],
    gis: ['Fredrik Ström', 'GIS-ingenjör'],
  },
  [BENGTSFORS]: {
    chief: ['Mikael Sandberg', 'IT-chef'],
    tech: ['Sofia Hedlund', 'IT-tekniker'],
    tech2: ['Jonas Lund', 'Systemtekniker'],
    economy: ['Helena Björk', 'Systemförvaltare ekonomi'],
    social: ['Eva Forsberg', 'Systemförvaltare socialtjänst'],
    school: ['Niklas Berglund', 'IT-pedagog och systemförvaltare skola'],
    office: ['Camilla Nord', 'Kommunikatör'],
  },
  [MELLERUD]: {
    chief: ['Stefan Gustavsson', 'IT-chef'],
    tech: ['Linda Karlsson', 'IT-tekniker'],
    tech2: ['Patrik Olsson', 'Systemtekniker'],
    economy: ['Jenny Lindgren', 'Systemförvaltare ekonomi'],
    social: ['Åsa Pettersson', 'Systemförvaltare vård och omsorg'],
    school: ['Magnus Axelsson', 'Systemförvaltare skola'],
  },
  [FARGELANDA]: {
    chief: ['Ulrika Svensson', 'IT-chef'],
    tech: ['Daniel Jakobsson', 'IT-tekniker'],
    economy: ['Therese Johansson', 'Ekonom och systemförvaltare'],
    social: ['Birgitta Nilsson', 'Systemförvaltare socialtjänst'],
    school: ['Henrik Andersson', 'IT-samordnare skola'],
  },
  [DALS_ED]: {
    chief: ['Tomas Hansson', 'IT-chef'],
    tech: ['Robert Larsson', 'IT-tekniker'],
    economy: ['Annika Persson', 'Ekonom och systemförvaltare'],
    social: ['Kristina Jonsson', 'Systemförvaltare socialtjänst'],
    school: ['Peter Mattsson', 'IT-samordnare skola'],
    gis: ['Ingrid Berg', 'Mätningsingenjör'],
  },
};

/** "Åsa Pettersson" at mellerud.se → asa.pettersson@mellerud.se */
const emailOf = (name: string, domain: string) =>
  `${name.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/\s+/g, '.')}@${domain}`;

const securityOfficer: DemoPerson = {
  name: 'Lars Fransson', email: emailOf('Lars Fransson', 'amal.se'), phone: '070-174 06 99', municipalityCode: null,
  title: 'IT-säkerhetsansvarig för Dalslandskommunerna',
};

export const people: DemoPerson[] = [
  ...allCodes.flatMap((code) => Object.values(staff[code]!).map(([name, title]): DemoPerson => ({ name, title, municipalityCode: code, email: emailOf(name, domains[code]!), phone: '' }))),
].map((p, i) => ({ ...p, phone: `070-174 06 ${String(5 + i).padStart(2, '0')}` })).concat([securityOfficer]);

/**
 * Who is systemförvaltare (manager) and systemadministratör (administrator) of each
 * application; a missing key falls back as listed, an application not listed has no roles
 * registered yet (a good share has, not all).
 */
const responsibility: Record<string, { manager: StaffKey[]; administrator: StaffKey[] }> = {
  'E-post': { manager: ['tech2', 'chief'], administrator: ['tech'] },
  'Kontorsprogram': { manager: ['office', 'chief'], administrator: ['tech'] },
  'Intranät/medarbetarportal': { manager: ['office'], administrator: [] },
  'Webbplats och e-tjänster': { manager: ['office', 'economy'], administrator: [] },
  'Ekonomisystem': { manager: ['economy'], administrator: ['tech'] },
  'E-handel': { manager: ['economy'], administrator: [] },
  'Personal- och lönesystem': { manager: ['economy'], administrator: ['tech2', 'tech'] },
  'Ärende- och dokumenthantering': { manager: ['office', 'economy'], administrator: ['tech'] },
  'GIS': { manager: ['gis'], administrator: [] },
  'Mål- och resultatstyrning': { manager: ['economy'], administrator: [] },
  'Elev- och barnomsorgsadministration': { manager: ['school'], administrator: ['tech'] },
  'Lärplattform': { manager: ['school'], administrator: [] },
  'Verksamhetssystem för socialtjänst och omsorg': { manager: ['social'], administrator: ['tech2', 'tech'] },
  'Trygghetslarm och nyckelfri hemtjänst': { manager: ['social'], administrator: ['tech'] },
  'Nätverksutrustning (LAN)': { manager: ['tech2', 'chief'], administrator: ['tech'] },
  'Brandvägg': { manager: ['tech2', 'chief'], administrator: ['tech'] },
  'Servervirtualisering': { manager: ['tech', 'chief'], administrator: ['tech2', 'tech'] },
  'Lagring': { manager: ['tech', 'chief'], administrator: ['tech2', 'tech'] },
  'Katalogtjänst och behörighetskontroll': { manager: ['tech2', 'chief'], administrator: ['tech'] },
  'Säkerhetskopiering': { manager: ['tech2', 'chief'], administrator: ['tech'] },
  'Trådlöst nätverk (WLAN)': { manager: ['tech2', 'chief'], administrator: ['tech'] },
  'Endpoint-skydd (antivirus)': { manager: ['chief'], administrator: ['tech2', 'tech'] },
  'Telefonväxel': { manager: ['chief'], administrator: ['tech'] },
};

/**
 * Single-person dependencies, so the vulnerability list has something to act on: here one
 * person holds both key roles (the first of `manager`), or nobody has been named at all.
 */
const onePerson: Record<string, string[]> = {
  [DALS_ED]: ['Brandvägg', 'Servervirtualisering'],
  [FARGELANDA]: ['Säkerhetskopiering', 'Verksamhetssystem för socialtjänst och omsorg'],
  [MELLERUD]: ['Servervirtualisering', 'Telefonväxel'],
  [BENGTSFORS]: ['Verksamhetssystem för socialtjänst och omsorg'],
};
const nobody: Record<string, string[]> = { [AMAL]: ['Lagring'], [MELLERUD]: ['Trygghetslarm och nyckelfri hemtjänst'] };

/** The first of these the municipality has, other than `not`: small units lack some. */
const emailIn = (code: string, keys: StaffKey[], not?: string) =>
  keys.map((k) => staff[code]![k]).filter((s) => s !== undefined).map((s) => emailOf(s[0], domains[code]!)).find((e) => e !== not);

export const roleAssignments: DemoRoleAssignment[] = [
  ...installations.filter((i) => i.lifecycle !== 'retired' && responsibility[i.application] && !nobody[i.municipalityCode]?.includes(i.application))
    .flatMap((i): DemoRoleAssignment[] => {
      const r = responsibility[i.application]!;
      const target = { municipalityCode: i.municipalityCode, application: i.application };
      // Mellerud's old exchange is known by its one technician only.
      const solo = onePerson[i.municipalityCode]?.includes(i.application);
      const manager = i.municipalityCode === MELLERUD && i.application === 'Telefonväxel' ? emailIn(MELLERUD, ['tech']) : emailIn(i.municipalityCode, r.manager);
      const administrator = solo ? manager : r.administrator.length ? emailIn(i.municipalityCode, [...r.administrator, 'tech', 'chief'], manager) : undefined;
      return [
        ...(manager ? [{ personEmail: manager, role: 'system_manager' as const, installation: target }] : []),
        ...(administrator && !(solo && r.administrator.length === 0) ? [{ personEmail: administrator, role: 'system_administrator' as const, installation: target }] : []),
      ];
    }),
  // Driftansvarig for the server platform: the IT manager of each municipality that runs one.
  ...installations.filter((i) => i.application === 'Servervirtualisering' && i.lifecycle !== 'retired' && !onePerson[i.municipalityCode]?.includes(i.application))
    .map((i): DemoRoleAssignment => ({ personEmail: emailIn(i.municipalityCode, ['chief'])!, role: 'operations_manager', installation: { municipalityCode: i.municipalityCode, application: i.application } })),
  // The collaboration as a whole: the IT directors' group and the IT security officer.
  ...allCodes.map((code): DemoRoleAssignment => ({ personEmail: emailIn(code, ['chief'])!, role: 'it_directors_group', installation: null })),
  { personEmail: securityOfficer.email, role: 'security_officer', installation: null },
];

/**
 * Collaborations already running, so the matrix shows levels and the application pages a
 * history: they follow the strategy's own examples (a shared financial system, shared
 * technical platform). Every one satisfies the collaboration rules (test/demo.test.ts).
 */
export type DemoCollaboration = {
  application: string;
  level: 2 | 3 | 4 | 5;
  participants: string[];
  host: string;
  /** Name of the person in `people` who is the shared system owner (required from level 3). */
  owner: string | null;
  scope: string;
  decisionReference: string;
  decisionDate: string;
  validFrom: string;
  history: { level: 2 | 3 | 4 | 5; on: string; note: string }[];
};

export const collaborations: DemoCollaboration[] = [
  {
    application: 'Ekonomisystem', level: 3, participants: [AMAL, BENGTSFORS, DALS_ED, FARGELANDA, MELLERUD], host: AMAL, owner: 'Per Holm',
    scope: 'Ett gemensamt ekonomisystem med separerad information per kommun, drift hos Åmål.', decisionReference: 'IT-chefsgruppen 2024:3',
    decisionDate: '2024-03-12', validFrom: '2024-07-01',
    history: [{ level: 2, on: '2021-01-01', note: 'Samma produkt i alla kommuner efter gemensam upphandling.' }, { level: 3, on: '2024-07-01', note: 'Gemensam driftmiljö hos Åmål.' }],
  },
  {
    application: 'Upphandlingsstöd', level: 3, participants: [AMAL, BENGTSFORS, DALS_ED, FARGELANDA, MELLERUD], host: FARGELANDA, owner: 'Ulrika Svensson',
    scope: 'Gemensamt upphandlingsstöd med separerade upphandlingar per kommun.', decisionReference: 'IT-chefsgruppen 2025:7',
    decisionDate: '2025-05-20', validFrom: '2025-09-01', history: [{ level: 3, on: '2025-09-01', note: 'Samverkan startade.' }],
  },
  {
    application: 'Brandvägg', level: 2, participants: [AMAL, BENGTSFORS, DALS_ED, FARGELANDA, MELLERUD], host: BENGTSFORS, owner: null,
    scope: 'Samma brandväggsplattform och gemensamma regler; Bengtsfors är expert.', decisionReference: 'IT-chefsgruppen 2023:2',
    decisionDate: '2023-02-14', validFrom: '2023-03-01', history: [{ level: 2, on: '2023-03-01', note: 'Samverkan startade.' }],
  },
  {
    application: 'Katalogtjänst och behörighetskontroll', level: 2, participants: [AMAL, BENGTSFORS, DALS_ED, FARGELANDA, MELLERUD], host: AMAL, owner: null,
    scope: 'Gemensamt nätoperativsystem och gemensam katalogstruktur.', decisionReference: 'IT-chefsgruppen 2022:5',
    decisionDate: '2022-09-01', validFrom: '2022-10-01', history: [{ level: 2, on: '2022-10-01', note: 'Samverkan startade.' }],
  },
];

/**
 * The demo strategy: the 2004 joint IT strategy's goals, re-adopted for a current period so
 * that deadlines lie ahead (the original "Mål för 2007" have long passed).
 */
export const demoStrategy = { name: 'Gemensam IT-strategi för Dalsland', periodFrom: '2025-01-01', periodTo: '2028-12-31' };

export type DemoGoal = {
  key: string | null;
  title: string;
  description: string;
  area: 'collaboration' | 'applications' | 'technical_platform' | 'information_security' | 'organisation' | 'financing' | 'competence';
  type: 'computed' | 'measured' | 'milestone';
  definition: unknown;
  unit: 'share' | 'number' | 'done';
  target: number | null;
  comparison: 'atLeast' | 'above';
  deadline: string;
  public: boolean;
};

const deadline = '2028-12-31';
const business = ['common', 'specific'];

export const goals: DemoGoal[] = [
  { key: 'common-level3', title: 'För minst 50 % av de gemensamma applikationerna ska samverkan på nivå 3 eller högre vara genomförd.', description: 'Strategin 3.2, mål för samverkan mellan verksamheter.', area: 'collaboration', type: 'computed', definition: { population: 'applications', kinds: ['common'], condition: { type: 'levelAtLeast', level: 3 } }, unit: 'share', target: 0.5, comparison: 'atLeast', deadline, public: true },
  { key: 'specific-level3', title: 'För minst 30 % av de verksamhetsspecifika applikationerna ska samverkan på nivå 3 eller högre vara genomförd.', description: 'Strategin 3.2.', area: 'collaboration', type: 'computed', definition: { population: 'applications', kinds: ['specific'], condition: { type: 'levelAtLeast', level: 3 } }, unit: 'share', target: 0.3, comparison: 'atLeast', deadline, public: true },
  { key: 'technical-level2', title: 'För minst 50 % av IT-utrustningen och de tekniska stödsystemen inom varje delområde ska samverkan på nivå 2 eller högre vara genomförd.', description: 'Strategin 3.3. Målets värde är det lägsta delområdets andel.', area: 'technical_platform', type: 'computed', definition: { population: 'applications', kinds: ['technical'], condition: { type: 'levelAtLeast', level: 2 }, perSubarea: true }, unit: 'share', target: 0.5, comparison: 'atLeast', deadline, public: true },
  { key: 'same-product-general-common', title: 'För minst 50 % av de generella och gemensamma applikationerna ska hela Dalsland använda samma applikation.', description: 'Strategin 4.2. Samma applikation betyder samma produkt, i drift hos varje kommun.', area: 'applications', type: 'computed', definition: { population: 'applications', kinds: ['general', 'common'], condition: { type: 'sameProductEverywhere' } }, unit: 'share', target: 0.5, comparison: 'atLeast', deadline, public: true },
  { key: 'same-product-specific', title: 'För minst 30 % av de verksamhetsspecifika applikationerna ska hela Dalsland använda samma applikation.', description: 'Strategin 4.2.', area: 'applications', type: 'computed', definition: { population: 'applications', kinds: ['specific'], condition: { type: 'sameProductEverywhere' } }, unit: 'share', target: 0.3, comparison: 'atLeast', deadline, public: true },
  { key: 'traceability', title: 'Spårbarhet ska vara infört i samtliga verksamhetssystem.', description: 'Strategin 6.4: det ska gå att reda ut vem som har gjort vad i alla system i efterhand. Verksamhetssystem är gemensamma och verksamhetsspecifika applikationer.', area: 'information_security', type: 'computed', definition: { population: 'installations', kinds: business, condition: { type: 'flag', field: 'traceability' }, weight: 'count' }, unit: 'share', target: 1, comparison: 'atLeast', deadline, public: true },
  { key: 'operating-agreement', title: 'Driftavtal som reglerar driftkvalitet ska finnas för samtliga IT-system.', description: 'Strategin 6.4.', area: 'information_security', type: 'computed', definition: { population: 'installations', condition: { type: 'flag', field: 'operatingAgreement' }, weight: 'count' }, unit: 'share', target: 1, comparison: 'atLeast', deadline, public: true },
  { key: 'two-factor', title: 'Tvåfaktorsautentisering ska ge behörighet till känsliga system.', description: 'Strategin 6.4. Känsliga system: konfidentialitetsklass 3 eller högre.', area: 'information_security', type: 'computed', definition: { population: 'installations', confidentialityAtLeast: 3, condition: { type: 'flag', field: 'twoFactor' }, weight: 'count' }, unit: 'share', target: 1, comparison: 'atLeast', deadline, public: true },
  { key: 'single-sign-on', title: 'Mer än hälften av användarna av verksamhetssystem ska kunna logga in med single sign-on.', description: 'Strategin 6.4. Räknas per användare: varje system väger med sitt antal användare.', area: 'information_security', type: 'computed', definition: { population: 'installations', kinds: business, condition: { type: 'flag', field: 'singleSignOn' }, weight: 'users' }, unit: 'share', target: 0.5, comparison: 'above', deadline, public: true },
  { key: 'network-connected', title: 'Samtliga arbetsplatser ska vara anslutna till Dalslandsnätet.', description: 'Strategin 5. Mäts: andel anslutna arbetsplatser enligt nätinventeringen.', area: 'technical_platform', type: 'measured', definition: null, unit: 'share', target: 1, comparison: 'atLeast', deadline, public: false },
  { key: 'shared-telephony', title: 'Gemensam telefonilösning ska vara införd och integrerad i Dalslandsnätet.', description: 'Strategin 5.1. Milstolpe.', area: 'technical_platform', type: 'milestone', definition: null, unit: 'done', target: null, comparison: 'atLeast', deadline: '2027-12-31', public: true },
  { key: 'citizen-portal', title: 'En gemensam portal för alla kommuninvånare i hela Dalsland ska vara införd.', description: 'Strategin 5.4. Milstolpe.', area: 'technical_platform', type: 'milestone', definition: null, unit: 'done', target: null, comparison: 'atLeast', deadline: '2028-06-30', public: true },
];

/** Measured values entered per period. */
export const goalMeasurements = [
  { goal: 'network-connected', period: '2025-06-30', value: 0.82, comment: 'Nätinventering våren 2025.' },
  { goal: 'network-connected', period: '2025-12-31', value: 0.88, comment: 'Skolorna i Dals-Ed anslutna.' },
  { goal: 'network-connected', period: '2026-06-30', value: 0.91, comment: 'Hemtjänstlokalerna i Mellerud kvar.' },
];

// ---------------------------------------------------------------------------------------------
// The action plan (handlingsplan): the activities of the strategy's appendix G, in its own
// words, given quarters in 2026–2027 by the IT directors' group. As of the demo day
// (2026-11-25) some are done, some under way, one cancelled, and two have passed their due
// while still open (overdue). Owners are people in `people` by name, or a group in words.

export type DemoAction = {
  title: string;
  description: string;
  /** A quarter ("2026-Q3") or a date; null without a time plan. */
  due: string | null;
  status: 'planned' | 'ongoing' | 'done' | 'cancelled';
  /** Name of a person in `people`, or null when a group is responsible (`ownerText`). */
  owner: string | null;
  ownerText: string;
  /** Keys of the demo strategy's goals the activity contributes to. */
  goals: string[];
  notes: { on: string; text: string; actor: string }[];
};

const scheduled = 'Prioriterad aktivitet i bilaga G, ”Förverkliga IT-strategin”.';
const unscheduled = 'Bilaga G, ”Andra viktiga punkter utan tidplan och prioritering”; tidsatt av IT-chefsgruppen i den årliga handlingsplanen.';

export const actionPlan: DemoAction[] = [
  {
    title: 'Fastställ IT-policy och informationssäkerhetspolicy i respektive kommunfullmäktige',
    description: `${scheduled} Policyerna är gemensamma; varje fullmäktige fattar sitt eget beslut.`,
    due: '2026-Q2', status: 'done', owner: null, ownerText: 'IT-chefsgruppen', goals: ['traceability', 'two-factor'],
    notes: [
      { on: '2026-03-18', text: 'Förslaget remitterat till kommunstyrelserna.', actor: 'demodata' },
      { on: '2026-06-11', text: 'Antagna av fullmäktige i alla fem kommunerna; Åmål sist, den 10 juni.', actor: 'demodata' },
    ],
  },
  {
    title: 'Kommunicera och förankra IT-strategin i Dalslands kommuner',
    description: `${scheduled} Dragningar för ledningsgrupper, förvaltningar och fackliga företrädare.`,
    due: '2026-Q2', status: 'done', owner: null, ownerText: 'IT-chefsgruppen', goals: [],
    notes: [{ on: '2026-06-02', text: 'Strategin presenterad för samtliga kommunledningsgrupper och på intranäten.', actor: 'demodata' }],
  },
  {
    title: 'Genomför en säkerhetsrevision för att kartlägga brister och prioritera åtgärder',
    description: `${scheduled} Revisionen omfattar alla fem kommunernas nät, system och rutiner.`,
    due: '2026-Q3', status: 'ongoing', owner: 'Lars Fransson', ownerText: '', goals: ['two-factor', 'traceability'],
    notes: [
      { on: '2026-09-08', text: 'Revisionen klar i Åmål och Bengtsfors.', actor: 'demodata' },
      { on: '2026-10-14', text: 'Klar i tre av fem kommuner. Mellerud och Dals-Ed återstår; intervjuerna är bokade i december.', actor: 'demodata' },
    ],
  },
  {
    title: 'Inför en gemensam process för arbete med förbättringar av IT-säkerheten',
    description: `${scheduled} Bygger på säkerhetsrevisionens prioriterade åtgärder.`,
    due: '2026-Q4', status: 'planned', owner: 'Lars Fransson', ownerText: '', goals: ['two-factor'], notes: [],
  },
  {
    title: 'Kartlägg applikationer per kommun',
    description: `${unscheduled} Varje kommuns system registreras i Samverkansplattformen och jämförs sida vid sida.`,
    due: '2026-Q1', status: 'done', owner: 'Karin Lindqvist', ownerText: '', goals: ['same-product-general-common', 'common-level3'],
    notes: [{ on: '2026-03-27', text: 'Alla fem kommuners system är registrerade och bekräftade av systemförvaltarna.', actor: 'demodata' }],
  },
  {
    title: 'Upprätta ett standardavtal för drift som kan användas som mall för driftavtal',
    description: `${unscheduled} Mallen ska reglera driftkvalitet, servicenivåer och ansvar.`,
    due: '2026-09-30', status: 'ongoing', owner: 'Stefan Gustavsson', ownerText: '', goals: ['operating-agreement'],
    notes: [{ on: '2026-09-22', text: 'Utkastet är på remiss hos förvaltningarna; juristen har synpunkter på ansvarsbegränsningen.', actor: 'demodata' }],
  },
  {
    title: 'Upprätta driftavtal mellan några förvaltningar och IT-enheter',
    description: `${unscheduled} Med standardavtalet som mall; först ekonomi- och personalsystemen.`,
    due: '2027-Q2', status: 'planned', owner: null, ownerText: 'IT-enheterna i respektive kommun', goals: ['operating-agreement'], notes: [],
  },
  {
    title: 'Tag fram gemensamma IT-säkerhetsinstruktioner för driftansvariga, systemansvariga och medarbetare',
    description: unscheduled,
    due: '2027-Q1', status: 'ongoing', owner: 'Lars Fransson', ownerText: '', goals: ['two-factor', 'traceability'],
    notes: [{ on: '2026-11-10', text: 'Instruktionen för medarbetare är klar; de för driftansvariga och systemansvariga skrivs.', actor: 'demodata' }],
  },
  {
    title: 'Kartlägg IT-enheternas kompetensprofiler för eventuell specialisering',
    description: unscheduled,
    due: '2027-Q1', status: 'planned', owner: null, ownerText: 'IT-chefsgruppen', goals: ['technical-level2'], notes: [],
  },
  {
    title: 'Tag fram förslag på kompetensnätverk som kan öka kompetensen',
    description: unscheduled,
    due: '2027-Q3', status: 'planned', owner: 'Ulrika Svensson', ownerText: '', goals: [], notes: [],
  },
  {
    title: 'Etablera ett centralt dokumentregister och en dokumentlagringsplats för hantering av gemensamma dokument på kort sikt',
    description: unscheduled,
    due: '2026-Q3', status: 'done', owner: 'Lena Dahl', ownerText: '', goals: ['common-level3'],
    notes: [{ on: '2026-08-31', text: 'Gemensam dokumentyta i drift hos Åmål; IT-chefsgruppens dokument är flyttade dit.', actor: 'demodata' }],
  },
  {
    title: 'Utred behov och förutsättningar för en kortsiktig gemensam teknisk lösning för intranät i Dalslandskommunerna',
    description: unscheduled,
    due: '2026-Q4', status: 'cancelled', owner: 'Camilla Nord', ownerText: '', goals: [],
    notes: [{ on: '2026-05-05', text: 'Inställd: går upp i utredningen om en gemensam portalfunktion för medarbetare.', actor: 'demodata' }],
  },
  {
    title: 'Utred förutsättningarna för en gemensam portalfunktion för medarbetare i Dalslandskommunerna',
    description: unscheduled,
    due: '2027-Q2', status: 'ongoing', owner: 'Camilla Nord', ownerText: '', goals: ['single-sign-on', 'common-level3'],
    notes: [{ on: '2026-10-01', text: 'Behovsinventering klar; workshop med förvaltningarna i januari.', actor: 'demodata' }],
  },
  {
    title: 'Utred hur medarbetare på det pedagogiska nätet på ett säkert sätt skall kunna få full tillgång till medarbetarportal',
    description: unscheduled,
    due: '2027-Q2', status: 'planned', owner: 'Niklas Berglund', ownerText: '', goals: ['single-sign-on'], notes: [],
  },
  {
    title: 'Utred förutsättningarna för en gemensam portalfunktion för kommuninvånare i Dalslandskommunerna',
    description: unscheduled,
    due: '2027-Q4', status: 'planned', owner: null, ownerText: 'IT-chefsgruppen och kommunikatörerna', goals: ['citizen-portal'], notes: [],
  },
  {
    title: 'Utred möjligheter att reducera kommunikationskostnader',
    description: `${unscheduled} Gäller Dalslandsnätet och telefonin.`,
    due: '2027-Q3', status: 'planned', owner: 'Mikael Sandberg', ownerText: '', goals: ['shared-telephony', 'technical-level2'], notes: [],
  },
];
