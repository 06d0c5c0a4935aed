import type { FC } from 'hono/jsx';
import { roleKinds, type RoleKind } from '../../schema/collaboration.ts';
import { roleLabel } from '../../worker/people/schemas.ts';
import type { Option } from '../components/forms.tsx';

export { roleLabel };

/**
 * One line per role, from the member municipalities' guidelines (roles and responsibilities
 * for IT systems) and the joint IT strategy's section 7.1.
 */
export const roleExplanation: Record<RoleKind, string> = {
  system_owner: 'Strategiskt ansvar för att systemet stödjer verksamhetens mål: beslutar om förändringar och prioriteringar, har budget-, licens- och avtalsansvar.',
  system_manager: 'Operativt ansvar för att systemet fungerar i det dagliga arbetet: genomför beslut, hanterar krav och förändringar, har kontakt med leverantör och IT-drift.',
  system_administrator: 'Specialist på systemet: sköter den dagliga administrationen och behörigheterna, hjälper och utbildar användare och är systemförvaltarens bollplank.',
  operations_manager: 'Ansvarar för den operativa driften – nät, servrar, backup och drift av applikationer – enligt driftavtal med systemägaren.',
  system_technician: 'Arbetar tekniskt med drift, prestanda, tillgänglighet och säkerhet i den underliggande infrastrukturen: patchar, konfiguration och loggar.',
  application_support: 'Ger användarna stöd i applikationen när de är många; samlas helst på ett ställe för alla kommuner.',
  it_directors_group: 'Driver och samordnar samverkan enligt IT-strategin och har det strategiska ansvaret för IT-säkerheten i hela samverkan.',
  security_officer: 'Leder det strategiska och operativa arbetet med att skydda IT-miljön mot cyberhot, intrång och andra säkerhetsrisker.',
};

export const roleOptions = (roles: readonly RoleKind[] = roleKinds): Option[] => roles.map((r) => ({ value: r, label: roleLabel[r] }));

/** What the roles mean, for the directory and the role form. */
export const RoleGuide: FC<{ open?: boolean }> = ({ open }) => (
  <details class="role-guide" open={open}>
    <summary>Vad rollerna betyder</summary>
    <dl>
      {roleKinds.map((r) => (
        <div>
          <dt>{roleLabel[r]}</dt>
          <dd>{roleExplanation[r]}</dd>
        </div>
      ))}
    </dl>
  </details>
);

/** An e-mail address and a phone number as links, or a dash. */
export const ContactLinks: FC<{ email: string; phone: string }> = ({ email, phone }) => (
  <>
    {email ? <a href={`mailto:${email}`}>{email}</a> : null}
    {email && phone ? <br /> : null}
    {phone ? <a href={`tel:${phone.replace(/[^\d+]/g, '')}`}>{phone}</a> : null}
    {!email && !phone ? '–' : null}
  </>
);
