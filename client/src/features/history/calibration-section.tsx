/** How far the self-scores sat from the interviewer's, loop by loop: a chart and its table. */
import type { CalibrationPoint } from '@mockloop/shared/review/history';
import { TableScroll } from './table-scroll';
import { formatDate, formatGap, loopLabel } from './format';
import { TrendChart } from './trend-chart';

const GAP_RANGE: [number, number] = [-3.2, 3.2];
const GAP_TICKS = [-3, -2, -1, 0, 1, 2, 3];
const formatTick = (v: number) => (v > 0 ? `+${v}` : v < 0 ? `\u2212${-v}` : '0');

export function CalibrationSection({
  points,
  loopIds,
}: {
  points: CalibrationPoint[];
  loopIds: string[];
}) {
  const labels = points.map((p) => loopLabel(loopIds.indexOf(p.loopId)));
  return (
    <section className="panel" aria-labelledby="calibration-title">
      <h2 id="calibration-title">Calibration: your score against the interviewer's</h2>
      <p className="muted">
        The mean of your self-score minus the interviewer's, over the dimensions you both rated.
        Above zero you rated yourself higher; near zero your judgement matches theirs.
      </p>
      {points.length === 0 ? (
        <p>No loop with an interviewer's scores has ended yet.</p>
      ) : (
        <>
          <TrendChart
            description="Mean self minus interviewer gap per loop, from −3 to +3."
            xLabels={labels}
            series={[
              { label: 'Mean gap (self − interviewer)', values: points.map((p) => p.meanGap) },
            ]}
            yRange={GAP_RANGE}
            yTicks={GAP_TICKS}
            formatY={formatTick}
          />
          <details className="chart-table">
            <summary>Table of the calibration gaps</summary>
            <TableScroll label="Calibration gaps per loop">
              <table className="history-table" data-testid="calibration-table">
                <caption className="visually-hidden">Mean gap per loop</caption>
                <thead>
                  <tr>
                    <th scope="col">Loop</th>
                    <th scope="col">Date</th>
                    <th scope="col">Mean gap</th>
                    <th scope="col">Dimensions both rated</th>
                  </tr>
                </thead>
                <tbody>
                  {points.map((p, i) => (
                    <tr key={p.loopId}>
                      <th scope="row">{labels[i]}</th>
                      <td>
                        <time dateTime={p.at}>{formatDate(p.at)}</time>
                      </td>
                      <td>{formatGap(p.meanGap)}</td>
                      <td>{p.dimensions}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          </details>
        </>
      )}
    </section>
  );
}
