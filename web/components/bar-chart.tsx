import type { FC } from 'hono/jsx';

export type Bar = { label: string; value: number; display: string };

/**
 * A horizontal bar chart as server-rendered SVG. It is a picture of the table that always
 * stands next to it, so screen readers get a summary and the table carries the figures.
 */
export const BarChart: FC<{ title: string; bars: Bar[]; tableId: string }> = ({ title, bars, tableId }) => {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const labelWidth = 130;
  const barArea = 320;
  const rowHeight = 28;
  const height = bars.length * rowHeight + 8;
  return (
    <figure class="chart">
      <svg viewBox={`0 0 ${labelWidth + barArea + 130} ${height}`} role="img" aria-label={`${title}. Siffrorna finns i tabellen nedan.`} aria-describedby={tableId}>
        {bars.map((bar, i) => {
          const y = i * rowHeight + 4;
          const width = Math.max(1, Math.round((bar.value / max) * barArea));
          return (
            <g>
              <text x={labelWidth - 8} y={y + 17} text-anchor="end" class="chart-label">{bar.label}</text>
              <rect x={labelWidth} y={y + 3} width={width} height={rowHeight - 10} class="chart-bar" />
              <text x={labelWidth + width + 6} y={y + 17} class="chart-value">{bar.display}</text>
            </g>
          );
        })}
      </svg>
      <figcaption>{title}</figcaption>
    </figure>
  );
};
