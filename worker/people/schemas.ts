import * as v from 'valibot';
import { roleKinds, type RoleKind } from '../../schema/collaboration.ts';
import { id, municipalityCode, requiredText, text, versionField } from '../validation.ts';

const unknownField = 'Okänt fält.';
const nullable = <S extends v.GenericSchema>(schema: S) => v.optional(v.nullable(schema));

/** Empty is allowed (not everyone has one on record); otherwise it must look like an address. */
const email = v.pipe(
  v.string('E-postadressen måste vara text.'), v.trim(), v.toLowerCase(),
  v.maxLength(254, 'E-postadressen får vara högst 254 tecken.'),
  // Permissive on purpose, as for accounts: å, ä and ö occur in real addresses.
  v.check((s) => s === '' || /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/u.test(s), 'Ange en giltig e-postadress, t.ex. anna.andersson@amal.se.'),
);

/** Swedish numbers as people write them: "0532-170 00", "+46 532 170 00", "070-123 45 67". */
const phone = v.pipe(
  v.string('Telefonnumret måste vara text.'), v.trim(),
  v.maxLength(40, 'Telefonnumret får vara högst 40 tecken.'),
  v.check((s) => s === '' || /^\+?[\d\s\-()]{5,}$/.test(s) && /\d{5}/.test(s.replace(/\D/g, '')), 'Ange telefonnumret med siffror, t.ex. 0532-170 00 eller +46 532 170 00.'),
);

const personFields = {
  name: requiredText('Namn', 200),
  email: v.optional(email),
  phone: v.optional(phone),
  /** SCB code, or null for someone who works for the collaboration as a whole. */
  municipality: nullable(municipalityCode('Kommun')),
  title: v.optional(text('Titel', 200)),
};

export const personCreate = v.strictObject(personFields, unknownField);
export const personPatch = v.strictObject({ version: versionField, ...v.partial(v.object(personFields)).entries }, unknownField);

export type PersonCreate = v.InferOutput<typeof personCreate>;
export type PersonPatch = v.InferOutput<typeof personPatch>;

/** The roles in the words of the member municipalities' guidelines and the joint IT strategy. */
export const roleLabel: Record<RoleKind, string> = {
  system_owner: 'Systemägare',
  system_manager: 'Systemförvaltare (systemansvarig)',
  system_administrator: 'Systemadministratör',
  operations_manager: 'Driftansvarig',
  system_technician: 'Systemtekniker',
  application_support: 'Applikationssupport',
  it_directors_group: 'IT-chefsgruppen',
  security_officer: 'IT-säkerhetsansvarig',
};

/** Roles that belong to one system (an installation) or to one shared collaboration. */
export const targetedRoles = ['system_owner', 'system_manager', 'system_administrator', 'operations_manager', 'system_technician', 'application_support'] as const satisfies readonly RoleKind[];
/** Roles for the collaboration as a whole: no installation, no collaboration. */
export const collaborationWideRoles = ['it_directors_group', 'security_officer'] as const satisfies readonly RoleKind[];

export const isCollaborationWide = (role: RoleKind) => (collaborationWideRoles as readonly RoleKind[]).includes(role);

export const roleAssignmentCreate = v.strictObject({
  personId: id('Person'),
  role: v.picklist(roleKinds, 'Välj roll: systemägare, systemförvaltare, systemadministratör, driftansvarig, systemtekniker, applikationssupport, IT-chefsgruppen eller IT-säkerhetsansvarig.'),
  installationId: nullable(id('System')),
  collaborationId: nullable(id('Samverkan')),
}, unknownField);
export type RoleAssignmentCreate = v.InferOutput<typeof roleAssignmentCreate>;

const idQuery = (label: string) => v.optional(v.pipe(v.string(), v.regex(/^[1-9]\d{0,15}$/, `${label} måste vara ett id (ett positivt heltal).`), v.transform(Number)));

/** `GET /role-assignments?installation=&collaboration=&person=` */
export const roleAssignmentFilter = v.object({
  installation: idQuery('System (installation)'),
  collaboration: idQuery('Samverkan (collaboration)'),
  person: idQuery('Person (person)'),
});
export type RoleAssignmentFilter = v.InferOutput<typeof roleAssignmentFilter>;

/** `GET /people?municipality=<SCB code>` */
export const peopleFilter = v.object({
  municipality: v.optional(municipalityCode('Kommun')),
});
