/**
 * How chart series tell themselves apart without colour: each has its own dash pattern and
 * point style as well as a colour, and the legend shows all three beside its name.
 */

export interface SeriesStyle {
  /** The line's colour: a styles.css token, so that it follows the theme. */
  colour: string;
  /** Canvas dash pattern (px on, px off); empty for a solid line. */
  dash: number[];
  /** Hollow points are filled with the chart background. */
  hollow: boolean;
  pointSize: number;
}

const COLOURS = [
  '--series-1',
  '--series-2',
  '--series-3',
  '--series-4',
  '--series-5',
  '--series-6',
  '--series-7',
];
const DASHES = [[], [10, 5], [2, 4], [12, 4, 3, 4], [6, 3], [1, 5], [16, 6]];

export function seriesStyle(index: number): SeriesStyle {
  return {
    colour: COLOURS[index % COLOURS.length]!,
    dash: DASHES[index % DASHES.length]!,
    hollow: index % 2 === 1,
    pointSize: index % 3 === 2 ? 10 : 8,
  };
}
