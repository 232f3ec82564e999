/** Progress across the loops this device opened: the list, trends, calibration, LP coverage. */
import { useMemo } from 'react';
import {
  calibrationOverTime,
  dimensionTrends,
  loopSummaries,
  lpHeatmap,
  progressLoops,
  weakestDimensions,
} from '@mockloop/shared/review/history';
import { CalibrationSection } from './calibration-section';
import { LoopList, loopRows } from './loop-list';
import { LpHeatmapTable } from './lp-heatmap-table';
import { TrendsSection } from './trends-section';
import { useHistoryReports } from './use-history-reports';
import { WeakestSection } from './weakest-section';

export function HistoryPage() {
  const entries = useHistoryReports();
  const reports = useMemo(
    () => entries.flatMap((e) => (e.state === 'loaded' ? [e.report] : [])),
    [entries],
  );
  const view = useMemo(() => {
    const counted = progressLoops(reports);
    return {
      rows: loopRows(entries, loopSummaries(reports)),
      loopIds: counted.map((r) => r.loop.id),
      trends: dimensionTrends(reports),
      calibration: calibrationOverTime(reports),
      heatmap: lpHeatmap(reports),
      weakest: weakestDimensions(reports),
    };
  }, [entries, reports]);
  const loading = entries.some((e) => e.state === 'loading');

  return (
    <div className="history">
      <h1>Your progress</h1>
      <section className="panel" aria-labelledby="loops-title" aria-busy={loading}>
        <h2 id="loops-title">Loops on this device</h2>
        {entries.length === 0 ? (
          <p>
            This device has not opened a loop yet. <a href="/">Start a loop</a>
          </p>
        ) : (
          <LoopList rows={view.rows} />
        )}
      </section>
      {view.loopIds.length === 0 ? (
        !loading && (
          <section className="panel" aria-labelledby="empty-title" data-testid="history-empty">
            <h2 id="empty-title">No finished loop yet</h2>
            <p>
              Progress appears here once a loop you took as the candidate has ended.{' '}
              <a href="/">Start a loop</a>
            </p>
          </section>
        )
      ) : (
        <>
          <WeakestSection weakest={view.weakest} />
          <TrendsSection trends={view.trends} loopIds={view.loopIds} />
          <CalibrationSection points={view.calibration} loopIds={view.loopIds} />
          <LpHeatmapTable map={view.heatmap} />
        </>
      )}
    </div>
  );
}

export default HistoryPage;
