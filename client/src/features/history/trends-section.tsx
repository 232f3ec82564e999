/** Rubric ratings over time: per round, one chart with a line per dimension, and its table. */
import type { DimensionTrend } from '@mockloop/shared/review/history';
import { TableScroll } from './table-scroll';
import { formatRating, loopLabel } from './format';
import { TrendChart } from './trend-chart';

const RATING_RANGE: [number, number] = [0.8, 4.2];
const RATING_TICKS = [1, 2, 3, 4];

interface RoundTrends {
  roundId: string;
  roundTitle: string;
  dimensions: DimensionTrend[];
  /** The progress loops that rated this round, as indexes into the loop numbering. */
  loops: number[];
}

function byRound(trends: DimensionTrend[], loopIds: string[]): RoundTrends[] {
  const rounds = new Map<string, RoundTrends>();
  for (const trend of trends) {
    let round = rounds.get(trend.roundId);
    if (!round) {
      round = { roundId: trend.roundId, roundTitle: trend.roundTitle, dimensions: [], loops: [] };
      rounds.set(trend.roundId, round);
    }
    round.dimensions.push(trend);
    for (const p of trend.points) {
      const index = loopIds.indexOf(p.loopId);
      if (!round.loops.includes(index)) round.loops.push(index);
    }
  }
  for (const round of rounds.values()) round.loops.sort((a, b) => a - b);
  return [...rounds.values()];
}

/** The rating a point counts with: the interviewer's where given, else the self-score. */
const counted = (p: DimensionTrend['points'][number]) => p.partner ?? p.self;

function RoundTrend({ round, loopIds }: { round: RoundTrends; loopIds: string[] }) {
  const headingId = `trend-${round.roundId}`;
  const pointAt = (dim: DimensionTrend, loopIndex: number) =>
    dim.points.find((p) => p.loopId === loopIds[loopIndex]);
  const series = round.dimensions.map((dim) => ({
    label: dim.title,
    values: round.loops.map((l) => {
      const p = pointAt(dim, l);
      return p ? counted(p) : null;
    }),
  }));
  return (
    <section className="history-trend" aria-labelledby={headingId} data-testid={headingId}>
      <h3 id={headingId}>{round.roundTitle}</h3>
      <TrendChart
        description={`Ratings of each ${round.roundTitle} dimension per loop, from 1 to 4.`}
        xLabels={round.loops.map(loopLabel)}
        series={series}
        yRange={RATING_RANGE}
        yTicks={RATING_TICKS}
      />
      <details className="chart-table">
        <summary>
          Table of these ratings<span className="visually-hidden"> for {round.roundTitle}</span>
        </summary>
        <TableScroll label={`${round.roundTitle} ratings`}>
          <table className="history-table">
            <caption className="visually-hidden">
              {round.roundTitle}: rating per dimension and loop
            </caption>
            <thead>
              <tr>
                <th scope="col">Dimension</th>
                {round.loops.map((l) => (
                  <th scope="col" key={l}>
                    {loopLabel(l)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {round.dimensions.map((dim) => (
                <tr key={dim.dimensionId}>
                  <th scope="row">{dim.title}</th>
                  {round.loops.map((l) => {
                    const p = pointAt(dim, l);
                    return (
                      <td key={l}>
                        {p ? (
                          <>
                            {formatRating(counted(p))}{' '}
                            <span className="muted">
                              (self {formatRating(p.self)}, interviewer {formatRating(p.partner)})
                            </span>
                          </>
                        ) : (
                          '—'
                        )}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </details>
    </section>
  );
}

export function TrendsSection({
  trends,
  loopIds,
}: {
  trends: DimensionTrend[];
  loopIds: string[];
}) {
  return (
    <section className="panel" aria-labelledby="trends-title">
      <h2 id="trends-title">Rubric ratings over time</h2>
      <p className="muted">
        Each line is a rubric dimension: the interviewer's rating where there is one, else your own.
        1 Strong No Hire · 2 Not Inclined · 3 Inclined · 4 Strong Hire.
      </p>
      {trends.length === 0 ? (
        <p>No rubric dimension has been rated in an ended loop yet.</p>
      ) : (
        byRound(trends, loopIds).map((round) => (
          <RoundTrend key={round.roundId} round={round} loopIds={loopIds} />
        ))
      )}
    </section>
  );
}
