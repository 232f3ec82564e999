/**
 * A line chart of values per loop, drawn with uPlot. The canvas is a picture only: every
 * chart comes with a table of the same numbers (the caller's), and the legend names each
 * series beside a sample of its line and point style.
 */
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useTheme } from '@/lib/use-theme';
import { seriesStyle, type SeriesStyle } from './series-style';

export interface ChartSeries {
  label: string;
  /** One value per loop (x = 1, 2, …); null where the loop gave none. */
  values: (number | null)[];
}

interface Props {
  /** Short description of the picture, for its accessible name. */
  description: string;
  /** Label of each loop on the x axis. */
  xLabels: string[];
  series: ChartSeries[];
  /** The y axis' fixed range and its ticks. */
  yRange: [number, number];
  yTicks: number[];
  formatY?: (value: number) => string;
}

const HEIGHT = 220;

/** A styles.css colour token's value now, for the canvas, which cannot use CSS variables. */
const tokenValue = (token: string) =>
  getComputedStyle(document.documentElement).getPropertyValue(token).trim();

function LegendSample({ style }: { style: SeriesStyle }) {
  return (
    <svg width="44" height="14" aria-hidden="true" focusable="false">
      <line
        x1="2"
        y1="7"
        x2="42"
        y2="7"
        style={{ stroke: `var(${style.colour})` }}
        strokeWidth="2"
        strokeDasharray={style.dash.join(' ') || undefined}
      />
      <circle
        cx="22"
        cy="7"
        r={style.pointSize / 2 - 1}
        style={{
          stroke: `var(${style.colour})`,
          fill: style.hollow ? 'var(--surface)' : `var(${style.colour})`,
        }}
        strokeWidth="2"
      />
    </svg>
  );
}

export function TrendChart({ description, xLabels, series, yRange, yTicks, formatY }: Props) {
  const target = useRef<HTMLDivElement>(null);
  // Rebuild the plot only when what it shows changes, not on every render of the page.
  const signature = JSON.stringify([xLabels, series, yRange, yTicks]);
  // Canvas colours are read from the tokens when drawn, so a theme change draws it again.
  const theme = useTheme();

  useEffect(() => {
    const el = target.current;
    if (!el) return;
    const xs = xLabels.map((_, i) => i + 1);
    const fmt = formatY ?? ((v: number) => String(v));
    const [text, border, background] = ['--text', '--border', '--surface'].map(tokenValue);
    const axis = { stroke: text, grid: { stroke: border }, ticks: { stroke: border } };
    const plot = new uPlot(
      {
        width: Math.max(240, el.clientWidth),
        height: HEIGHT,
        legend: { show: false },
        cursor: { drag: { x: false, y: false } },
        scales: {
          x: { time: false, range: [0.6, Math.max(xs.length, 1) + 0.4] },
          y: { range: yRange },
        },
        axes: [
          {
            ...axis,
            splits: () => xs,
            values: (_u, splits) => splits.map((v) => xLabels[v - 1] ?? ''),
          },
          { ...axis, splits: () => yTicks, values: (_u, splits) => splits.map(fmt), size: 44 },
        ],
        series: [
          {},
          ...series.map((s, i) => {
            const style = seriesStyle(i);
            const stroke = tokenValue(style.colour);
            return {
              label: s.label,
              stroke,
              width: 2,
              dash: style.dash,
              spanGaps: true,
              points: {
                show: true,
                size: style.pointSize,
                width: 2,
                stroke,
                fill: style.hollow ? background : stroke,
              },
            };
          }),
        ],
      },
      [xs, ...series.map((s) => s.values)],
      el,
    );
    const resize = new ResizeObserver(() =>
      plot.setSize({ width: Math.max(240, el.clientWidth), height: HEIGHT }),
    );
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [signature, formatY, theme]);

  return (
    <figure className="trend-chart">
      <div
        ref={target}
        className="trend-chart__canvas"
        role="img"
        aria-label={`${description} The numbers are in the table that follows.`}
      />
      <ul className="chart-legend">
        {series.map((s, i) => (
          <li key={s.label}>
            <LegendSample style={seriesStyle(i)} /> {s.label}
          </li>
        ))}
      </ul>
    </figure>
  );
}
