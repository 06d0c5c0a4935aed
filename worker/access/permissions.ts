import type { MiddlewareHandler } from 'hono';
import type { Actor, AppEnv } from '../env.ts';
import { forbiddenPage } from '../pages.tsx';

/**
 * Who may call a route, declared on the route itself with `allow(...)`. A test walks every
 * registered route and fails when one has no declaration.
 *  - public:       anyone, signed in or not (the login page, an invitation link)
 *  - signedIn:     any account, for its own affairs (sign out, its password, two-factor)
 *  - read:         every role reads everything
 *  - register:     add or remove installations: administrators and editors (their
 *                  municipalities only — the scope is checked by the command)
 *  - installations: change installations: administrators, editors (their municipalities)
 *                  and finance officers (cost fields only) — checked by the command
 *  - products:     administrators and editors (an editor may need a product the catalogue lacks)
 *  - costs:        cost items and allocation keys: administrators and finance officers
 *  - changes:      plan changes in the change calendar: administrators (any) and editors (their
 *                  municipalities only — checked by the command); freeze periods and approving a
 *                  freeze exception are `admin` (the IT directors' group grants exceptions)
 *  - admin:        the IT directors' group: catalogue, municipalities, users, tokens
 */
export const permissions = {
  public: () => true,
  signedIn: (a: Actor) => a.role !== null,
  read: (a: Actor) => a.role !== null,
  register: (a: Actor) => a.role === 'admin' || a.role === 'editor',
  installations: (a: Actor) => a.role === 'admin' || a.role === 'editor' || a.role === 'finance',
  products: (a: Actor) => a.role === 'admin' || a.role === 'editor',
  costs: (a: Actor) => a.role === 'admin' || a.role === 'finance',
  changes: (a: Actor) => a.role === 'admin' || a.role === 'editor',
  admin: (a: Actor) => a.role === 'admin',
} as const;

export type Permission = keyof typeof permissions;

/** The fields a finance officer may change on an installation. */
export const costFields = ['licenceCostOre', 'operationsCostOre'] as const;

/**
 * May this actor change installations of this municipality — the whole row (create,
 * delete: `'all'`) or just these fields (the ones a PATCH really changes)?
 */
export function mayChangeInstallation(actor: Actor, municipality: string, fields: string[] | 'all'): boolean {
  if (actor.role === 'admin') return true;
  if (actor.role === 'editor') return actor.municipalities.includes(municipality);
  if (actor.role === 'finance') return fields !== 'all' && fields.every((f) => (costFields as readonly string[]).includes(f));
  return false;
}

/** Why this actor may not make this change to an installation, or undefined when it may. */
export function installationRefusal(actor: Actor, municipality: string, fields: string[] | 'all'): string | undefined {
  if (mayChangeInstallation(actor, municipality, fields)) return undefined;
  if (actor.role === 'finance') return 'Som ekonomihandläggare får du bara ändra kostnaderna för ett system.';
  if (actor.role === 'editor') return 'Du får bara ändra system i de kommuner du är redaktör för.';
  return 'Din roll får inte ändra kommunernas system.';
}

export type Guard = MiddlewareHandler<AppEnv> & { permission: Permission };

/**
 * The route's declaration and its check. Not signed in: 401 for the API, the login page
 * for pages. Signed in without the permission: 403.
 */
export function allow(permission: Permission): Guard {
  const guard: MiddlewareHandler<AppEnv> = async (c, next) => {
    const actor = c.var.actor;
    if (permissions[permission](actor)) return next();
    const api = c.req.path.startsWith('/api/');
    if (actor.role === null) {
      const session = c.var.session;
      const step = !session ? 'login' : session.user.twoFactorEnrolled ? 'code' : 'enrol';
      if (api) return c.json({ error: step === 'enrol' ? 'Administratörer måste först aktivera tvåstegsverifiering.' : 'Logga in först.' }, 401);
      const back = encodeURIComponent(c.req.method === 'GET' ? c.req.path + new URL(c.req.url).search : '/');
      return c.redirect(step === 'login' ? `/logga-in?till=${back}` : step === 'code' ? `/logga-in/kod?till=${back}` : '/konto/tvastegsverifiering', 303);
    }
    if (api) return c.json({ error: 'Din roll får inte göra detta.' }, 403);
    return forbiddenPage(c);
  };
  return Object.assign(guard, { permission });
}

/** What the pages offer this actor, so nobody is shown a button that would only answer 403. */
export function abilities(actor: Actor) {
  return {
    admin: actor.role === 'admin',
    addProducts: permissions.products(actor),
    registerIn: (municipality: string) => mayChangeInstallation(actor, municipality, 'all'),
    /** Finance officers edit the costs of any installation; the form then shows only those. */
    editIn: (municipality: string) => actor.role === 'finance' || mayChangeInstallation(actor, municipality, 'all'),
    costsOnly: actor.role === 'finance',
  };
}
export type Abilities = ReturnType<typeof abilities>;
