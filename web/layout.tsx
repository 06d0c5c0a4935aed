import type { Child, FC } from 'hono/jsx';
import type { Role } from '../schema/access.ts';

/**
 * The main menu: a few links and groups. A group is a disclosure (`<details>`), so it opens
 * with the keyboard and without JavaScript; app.js only closes an open one on Escape or a
 * click elsewhere. `Section` is every page's place in it.
 */
const links = {
  overview: { href: '/', label: 'Översikt' },
  goals: { href: '/mal', label: 'Mål' },
  matrix: { href: '/matris', label: 'Jämförelse' },
  municipalities: { href: '/kommuner', label: 'Kommuner' },
  applications: { href: '/applikationer', label: 'Applikationer' },
  products: { href: '/produkter', label: 'Produkter' },
  classifications: { href: '/indelningar', label: 'Indelningar' },
  transfer: { href: '/dataoverforing', label: 'Import och export' },
  collaborations: { href: '/samverkan', label: 'Samverkan' },
  priorities: { href: '/prioritering', label: 'Prioritering' },
  initiatives: { href: '/initiativ', label: 'Nya system' },
  people: { href: '/personer', label: 'Personer och roller' },
  actionPlan: { href: '/handlingsplan', label: 'Handlingsplan' },
  documents: { href: '/styrdokument', label: 'Styrdokument' },
  changes: { href: '/andringar', label: 'Ändringskalender' },
  costs: { href: '/kostnader', label: 'Kostnader' },
  log: { href: '/logg', label: 'Ändringslogg' },
  users: { href: '/anvandare', label: 'Användare', role: 'admin' },
} as const;

type MenuLink = (typeof links)[keyof typeof links];
type MenuGroup = { label: string; links: MenuLink[] };

const menu: (MenuLink | MenuGroup)[] = [
  links.overview,
  links.goals,
  { label: 'Register', links: [links.matrix, links.municipalities, links.applications, links.products, links.classifications, links.transfer] },
  { label: 'Samverkan', links: [links.collaborations, links.priorities, links.initiatives, links.people] },
  { label: 'Styrning', links: [links.actionPlan, links.documents, links.changes] },
  links.costs,
  { label: 'Administration', links: [links.log, links.users] },
];

export type Section = MenuLink['href'];

const visible = (link: MenuLink, role: Role) => !('role' in link) || link.role === role;

const MenuItem: FC<{ link: MenuLink; section?: Section }> = ({ link, section }) =>
  <li><a href={link.href} aria-current={link.href === section ? 'page' : undefined}>{link.label}</a></li>;

const MainMenu: FC<{ role: Role; section?: Section }> = ({ role, section }) => (
  <nav aria-label="Huvudmeny">
    <ul class="menu">
      {menu.map((item) => {
        if (!('links' in item)) return <MenuItem link={item} section={section} />;
        const shown = item.links.filter((l) => visible(l, role));
        const here = shown.some((l) => l.href === section);
        return (
          <li class="menu-group">
            <details>
              <summary aria-current={here ? 'true' : undefined}>{item.label}</summary>
              <ul>{shown.map((l) => <MenuItem link={l} section={section} />)}</ul>
            </details>
          </li>
        );
      })}
    </ul>
  </nav>
);

export const roleLabel: Record<Role, string> = { admin: 'Administratör', editor: 'Redaktör', finance: 'Ekonomi', viewer: 'Läsare' };

/** Who is signed in, as the header shows it; null on the login pages. */
export type Viewer = { name: string; role: Role } | null;

type LayoutProps = { title: string; section?: Section; demo?: boolean; viewer?: Viewer; children?: Child };

export const Layout: FC<LayoutProps> = ({ title, section, demo, viewer, children }) => (
  <html lang="sv">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>{`${title} – Samverkansplattformen`}</title>
      <link rel="stylesheet" href="/app.css" />
      <script src="/app.js" defer></script>
    </head>
    <body>
      <a class="skip-link" href="#main">Hoppa till innehållet</a>
      <header class="site-header">
        <a class="brand" href="/">Samverkansplattformen</a>
        {viewer && <MainMenu role={viewer.role} section={section} />}
        {viewer && (
          <div class="account">
            <a href="/konto">{viewer.name}<span class="role"> ({roleLabel[viewer.role]})</span></a>
            <form method="post" action="/logga-ut"><button type="submit" class="link-button">Logga ut</button></form>
          </div>
        )}
      </header>
      {demo && (
        <p class="demo-banner" role="note">
          <strong>Demodata.</strong> Kommunerna är verkliga, men systemen, produkterna och kostnaderna är påhittade för att visa hur tjänsten fungerar.
        </p>
      )}
      <main id="main" tabindex={-1}>{children}</main>
      <footer class="site-footer">
        <p>Samverkansplattformen – kommunernas gemensamma register över IT-stöd och samverkan.</p>
      </footer>
    </body>
  </html>
);
