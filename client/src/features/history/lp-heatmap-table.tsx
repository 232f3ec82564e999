/** Leadership Principles × loops: the count of evidence in each cell, as text and as shading. */
import type { LpHeatmap } from '@mockloop/shared/review/history';
import { TableScroll } from './table-scroll';
import { formatDate, loopLabel } from './format';

/** Shading steps: 0, 1, 2, 3 or more pieces of evidence. */
const shade = (count: number) => `heat heat--${Math.min(count, 3)}`;

export function LpHeatmapTable({ map }: { map: LpHeatmap }) {
  return (
    <section className="panel" aria-labelledby="lp-heatmap-title">
      <h2 id="lp-heatmap-title">Leadership Principles across loops</h2>
      <p className="muted">
        How many times each loop gave evidence of a principle: questions that target it and STAR
        answers you tagged with it. Darker cells hold more.
      </p>
      <TableScroll label="Leadership Principles per loop">
        <table className="history-table lp-heatmap" data-testid="lp-heatmap">
          <caption className="visually-hidden">Evidence per Leadership Principle and loop</caption>
          <thead>
            <tr>
              <th scope="col">Principle</th>
              {map.loops.map((loop, i) => (
                <th scope="col" key={loop.loopId}>
                  {loopLabel(i)}
                  <span className="visually-hidden"> ({formatDate(loop.at)})</span>
                </th>
              ))}
              <th scope="col">Total</th>
            </tr>
          </thead>
          <tbody>
            {map.rows.map((row) => (
              <tr key={row.id} className={row.total === 0 ? 'lp-heatmap__none' : undefined}>
                <th scope="row">{row.name}</th>
                {row.counts.map((count, i) => (
                  <td key={map.loops[i]!.loopId} className={shade(count)}>
                    {count}
                  </td>
                ))}
                <td className="lp-heatmap__total">
                  {row.total === 0 ? '0 (none yet)' : row.total}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}
