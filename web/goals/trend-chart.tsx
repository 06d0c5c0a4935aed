import type { FC } from 'hono/jsx';
import { EmptyState, ScrollTable } from '../components/page.tsx';

export type TrendPoint = { on: string; value: number | null };
export type GoalUnit = 'share' | 'number' | 'done';

const percentFormat = new Intl.NumberFormat('sv-SE', { style: 'percent', maximumFractionDigits: 1 });
const numberFormat = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 2 });

/** A share (fraction 0–1) as Swedes write it: "66,7 %". */
export const percent = (share: number) => percentFormat.format(share);

/** A value in the chart and its table: a share as percent with one decimal, a number, a milestone done or not. */
export function trendValue(value: number | null, unit: GoalUnit): string {
  if (value === null) return 'Inget värde än';
  if (unit === 'done') return value >= 1 ? 'Klar' : 'Inte klar';
  return unit === 'share' ? percent(value) : numberFormat.format(value);
}

/** "minst 50 %", "mer än 50 %". */
const targetWords = (target: number, unit: GoalUnit, comparison: 'atLeast' | 'above') =>
  `${comparison === 'above' ? 'mer än' : 'minst'} ${trendValue(target, unit)}`;

// The drawing's coordinate system; the SVG scales to its container.
const width = 640;
const height = 260;
const left = 58;
const right = 20;
const top = 18;
const bottom = 44;
const plotWidth = width - left - right;
const plotHeight = height - top - bottom;

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const round = (n: number) => Math.round(n * 10) / 10;

/** 1, 2, 2.5 or 5 times a power of ten, at least `max`: the top of a number axis. */
function niceMax(max: number): number {
  if (max <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  return [1, 2, 2.5, 5, 10].map((f) => f * power).find((m) => m >= max)!;
}

/**
 * A goal's value over time as server-rendered SVG, with the figures in a table beside it:
 * the line is a picture of the table. The target is a dashed line labelled in text, so it
 * does not rest on colour. Fewer than two values give an empty state instead of a chart.
 */
export const TrendChart: FC<{
  title: string;
  points: TrendPoint[];
  target: number | null;
  unit?: GoalUnit;
  comparison?: 'atLeast' | 'above';
  tableId: string;
}> = ({ title, points, target, unit = 'share', comparison = 'atLeast', tableId }) => {
  const sorted = [...points].sort((a, b) => a.on.localeCompare(b.on));
  const known = sorted.filter((p): p is { on: string; value: number } => p.value !== null);
  if (known.length < 2) {
    return (
      <EmptyState>
        <p>
          Ingen utveckling att visa än: det behövs värden från minst två dagar.
          {known.length === 1 && ` Värdet ${known[0]!.on} var ${trendValue(known[0]!.value, unit)}.`}
        </p>
      </EmptyState>
    );
  }

  const fixedScale = unit !== 'number';
  const top_ = fixedScale ? 1 : niceMax(Math.max(...known.map((p) => p.value), target ?? 0));
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => f * top_);
  const first = day(sorted[0]!.on);
  const span = Math.max(1, day(sorted[sorted.length - 1]!.on) - first);
  const x = (on: string) => round(left + ((day(on) - first) / span) * plotWidth);
  const y = (value: number) => round(top + plotHeight - (Math.min(Math.max(value, 0), top_) / top_) * plotHeight);

  // A missing value breaks the line rather than bridging the gap.
  const segments: TrendPoint[][] = [[]];
  for (const p of sorted) {
    if (p.value === null) { if (segments[segments.length - 1]!.length) segments.push([]); } else segments[segments.length - 1]!.push(p);
  }
  const last = known[known.length - 1]!;
  const firstKnown = known[0]!;
  const targetText = target !== null && unit !== 'done' ? `Mål ${targetWords(target, unit, comparison)}` : undefined;
  const summary = `${title.replace(/\.$/, '')}: ${trendValue(firstKnown.value, unit)} den ${firstKnown.on}, ${trendValue(last.value, unit)} den ${last.on}`
    + `${targetText ? `. ${targetText}` : ''}. Siffrorna finns i tabellen bredvid.`;

  return (
    <div class="trend">
      <figure class="chart trend-chart">
        <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={summary}>
          {ticks.map((t) => (
            <g>
              <line x1={left} x2={width - right} y1={y(t)} y2={y(t)} class="trend-grid" />
              <text x={left - 8} y={y(t) + 4} text-anchor="end" class="chart-label">{unit === 'number' ? trendValue(t, 'number') : percent(t)}</text>
            </g>
          ))}
          <line x1={left} x2={left} y1={top} y2={top + plotHeight} class="trend-axis" />
          <line x1={left} x2={width - right} y1={top + plotHeight} y2={top + plotHeight} class="trend-axis" />
          <text x={left} y={height - 14} text-anchor="start" class="chart-label">{sorted[0]!.on}</text>
          <text x={width - right} y={height - 14} text-anchor="end" class="chart-label">{sorted[sorted.length - 1]!.on}</text>
          {targetText && (
            <g>
              <line x1={left} x2={width - right} y1={y(target!)} y2={y(target!)} class="trend-target" />
              <text x={width - right - 4} y={y(target!) - 6} text-anchor="end" class="chart-label trend-target-label">{targetText}</text>
            </g>
          )}
          {segments.filter((s) => s.length > 0).map((s) => (
            s.length === 1
              ? null
              : <polyline points={s.map((p) => `${x(p.on)},${y(p.value!)}`).join(' ')} class="trend-line" />
          ))}
          {known.length <= 60 && known.map((p) => <circle cx={x(p.on)} cy={y(p.value)} r={3.5} class="trend-point" />)}
          <text x={x(last.on) - 6} y={y(last.value) - 9} text-anchor="end" class="chart-value trend-last">{trendValue(last.value, unit)}</text>
        </svg>
        <figcaption>Heldragen linje: värdet.{targetText ? ` Streckad linje: ${targetText.toLowerCase()}.` : ''}</figcaption>
      </figure>
      <ScrollTable label={`${title}, siffror`}>
        <table id={tableId} class="trend-table">
          <caption>Värde per datum</caption>
          <thead>
            <tr><th scope="col">Datum</th><th scope="col" class="num">Värde</th></tr>
          </thead>
          <tbody>
            {sorted.map((p) => (
              <tr><th scope="row"><time datetime={p.on}>{p.on}</time></th><td class="num">{trendValue(p.value, unit)}</td></tr>
            ))}
          </tbody>
          {targetText && (
            <tfoot>
              <tr><th scope="row">Mål</th><td class="num">{targetWords(target!, unit, comparison)}</td></tr>
            </tfoot>
          )}
        </table>
      </ScrollTable>
    </div>
  );
};
