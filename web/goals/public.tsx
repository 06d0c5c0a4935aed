import type { Child, FC } from 'hono/jsx';
import { goalAreas, type GoalArea } from '../../schema/goals.ts';
import type { PublicGoal } from '../../worker/goals/public-routes.tsx';
import { EmptyState } from '../components/page.tsx';
import { StatusTag } from './board.tsx';
import { areaLabel, goalTarget, goalValue, statusText } from './labels.ts';
import { TrendChart } from './trend-chart.tsx';

/**
 * The page citizens and councillors see without logging in: a layout of its own, with no
 * menu and no links into the register — only the goals an administrator has made public.
 */
const PublicLayout: FC<{ title: string; demo: boolean; children: Child }> = ({ title, demo, children }) => (
  <html lang="sv">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>{`${title} – Samverkansplattformen`}</title>
      <link rel="stylesheet" href="/app.css" />
    </head>
    <body>
      <a class="skip-link" href="#main">Hoppa till innehållet</a>
      <header class="site-header">
        <span class="public-brand">Samverkansplattformen</span>
      </header>
      {demo && (
        <p class="demo-banner" role="note">
          <strong>Demodata.</strong> Kommunerna är verkliga, men systemen och siffrorna är påhittade för att visa hur tjänsten fungerar.
        </p>
      )}
      <main id="main" tabindex={-1}>{children}</main>
      <footer class="site-footer">
        <p>Samverkansplattformen – kommunernas gemensamma register över IT-stöd och samverkan. Arbetar du i någon av kommunerna? <a href="/logga-in">Logga in</a>.</p>
      </footer>
    </body>
  </html>
);

const statusMeaning: Record<keyof typeof statusText, string> = {
  reached: 'målet är nått.',
  onTrack: 'med utvecklingen hittills nås målet i tid.',
  atRisk: 'målet kan missas om utvecklingen inte tar fart.',
  behind: 'målet nås inte i tid med nuvarande takt.',
};

const Goal: FC<{ g: PublicGoal }> = ({ g }) => (
  <article class="public-goal" aria-labelledby={`goal-${g.id}`}>
    <h3 id={`goal-${g.id}`}>{g.title}</h3>
    <dl class="goal-figures">
      <div><dt>{g.type === 'milestone' ? 'Läge' : 'Värde i dag'}</dt><dd>{g.type === 'milestone' && g.doneOn ? `Klar ${g.doneOn}` : goalValue(g.unit, g.value)}</dd></div>
      <div><dt>Mål</dt><dd>{goalTarget(g.unit, g.target, g.comparison)}{g.deadline ? ` senast ${g.deadline}` : ''}</dd></div>
      <div><dt>Status</dt><dd><StatusTag status={g.status} /></dd></div>
    </dl>
    {g.type !== 'milestone' && (
      <TrendChart title={`Utvecklingen för målet: ${g.title}`} points={g.trend} target={g.target} unit={g.unit} comparison={g.comparison} tableId={`trend-${g.id}`} />
    )}
  </article>
);

export const PublicGoalsPage: FC<{ goals: PublicGoal[]; strategy?: string; today: string; demo: boolean }> = ({ goals, strategy, today, demo }) => {
  const areas = goalAreas.filter((a) => goals.some((g) => g.area === a));
  return (
    <PublicLayout title="Målen för den gemensamma IT-strategin" demo={demo}>
      <div class="page-header">
        <h1>Målen för den gemensamma IT-strategin</h1>
        <p class="lead">
          {strategy ? `${strategy}: ` : ''}så långt har kommunerna kommit med de mål som redovisas öppet. Värdena gäller {today} och räknas
          fram ur kommunernas gemensamma register där det går.
        </p>
      </div>
      <section aria-labelledby="status-heading">
        <h2 id="status-heading">Så läser du statusen</h2>
        <ul>
          {(['reached', 'onTrack', 'atRisk', 'behind'] as const).map((s) => <li><strong>{statusText[s].label}</strong>: {statusMeaning[s]}</li>)}
        </ul>
      </section>
      {goals.length === 0 ? (
        <EmptyState><p>Inga mål redovisas öppet just nu.</p></EmptyState>
      ) : areas.map((area: GoalArea) => (
        <section aria-labelledby={`area-${area}`}>
          <h2 id={`area-${area}`}>{areaLabel[area]}</h2>
          {goals.filter((g) => g.area === area).map((g) => <Goal g={g} />)}
        </section>
      ))}
    </PublicLayout>
  );
};
