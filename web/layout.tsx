import type { Child, FC } from 'hono/jsx';
import type { Role } from '../schema/access.ts';

const sections = [
  { href: '/', label: 'Översikt' },
  { href: '/mal', label: 'Mål' },
  { href: '/matris', label: 'Jämförelse' },
  { href: '/kommuner', label: 'Kommuner' },
  { href: '/applikationer', label: 'Applikationer' },
  { href: '/samverkan', label: 'Samverkan' },
  { href: '/prioritering', label: 'Prioritering' },
  { href: '/handlingsplan', label: 'Handlingsplan' },
  { href: '/kostnader', label: 'Kostnader' },
  { href: '/initiativ', label: 'Nya system' },
  { href: '/styrdokument', label: 'Styrdokument' },
  { href: '/andringar', label: 'Ändringskalender' },
  { href: '/personer', label: 'Personer och roller' },
  { href: '/produkter', label: 'Produkter' },
  { href: '/indelningar', label: 'Indelningar' },
  { href: '/logg', label: 'Ändringslogg' },
  { href: '/dataoverforing', label: 'Import och export' },
  { href: '/anvandare', label: 'Användare', role: 'admin' },
] as const;

export type Section = (typeof sections)[number]['href'];

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
        {viewer && (
          <nav aria-label="Huvudmeny">
            <ul>
              {sections.filter((s) => !('role' in s) || s.role === viewer.role).map((s) => (
                <li><a href={s.href} aria-current={s.href === section ? 'page' : undefined}>{s.label}</a></li>
              ))}
            </ul>
          </nav>
        )}
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
