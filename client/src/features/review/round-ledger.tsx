/**
 * Review details that come from the loop's report: pacing per phase against the plan,
 * the hints and follow-ups with when they came, and Leadership Principle coverage.
 */
import { useEffect, useState } from 'react';
import type { LoopView } from '@mockloop/shared/loop/project';
import type { LoopReport } from '@mockloop/shared/report';
import { fetchReport } from '@/lib/api';

const minutes = (ms: number) => `${(ms / 60_000).toFixed(1)} min`;

/** The loop's report as this role may see it, fetched again when the loop changes. */
export function useLoopReport(view: LoopView, token: string): LoopReport | null {
  const [report, setReport] = useState<LoopReport | null>(null);
  useEffect(() => {
    let current = true;
    fetchReport(view.id, token, 'json')
      .then((blob) => blob.text())
      .then((text) => current && setReport(JSON.parse(text) as LoopReport))
      .catch(() => current && setReport(null));
    return () => {
      current = false;
    };
  }, [view.id, view.version, token]);
  return report;
}

type ReportRound = LoopReport['rounds'][number];

export function PacingTable({ round, title }: { round: ReportRound; title: string }) {
  const pace = round.pacing;
  if (!pace || !pace.phases.some((p) => p.reached)) return null;
  return (
    <table className="pacing-table">
      <caption>
        Pacing: {minutes(pace.spentMs)} of {minutes(pace.plannedMs)} planned
        {pace.pausedMs > 0 && `, paused ${minutes(pace.pausedMs)}`}
        <span className="visually-hidden"> for {title}</span>
      </caption>
      <thead>
        <tr>
          <th scope="col">Phase</th>
          <th scope="col">Planned</th>
          <th scope="col">Spent</th>
          <th scope="col">Difference</th>
        </tr>
      </thead>
      <tbody>
        {pace.phases.map((phase) => {
          const over = phase.spentMs - phase.plannedMs;
          return (
            <tr key={phase.id}>
              <th scope="row">{phase.title}</th>
              <td>{minutes(phase.plannedMs)}</td>
              <td>{phase.reached ? minutes(phase.spentMs) : 'not reached'}</td>
              <td className={over > 60_000 ? 'pacing--over' : undefined}>
                {phase.reached ? `${over > 0 ? '+' : ''}${minutes(over)}` : '—'}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function HintLedger({ round }: { round: ReportRound }) {
  if (round.ledger.length === 0) return null;
  return (
    <div className="hint-ledger">
      <h3>Hints and follow-ups</h3>
      <ol>
        {round.ledger.map((entry) => (
          <li key={`${entry.kind}-${entry.index}`}>
            <strong>
              {entry.kind === 'hint' ? `Hint ${entry.index + 1}` : `Follow-up ${entry.index + 1}`}
            </strong>
            {entry.afterMs !== null && <> at {minutes(entry.afterMs)}</>}: {entry.text}
          </li>
        ))}
      </ol>
    </div>
  );
}

export function LpCoverageList({ report }: { report: LoopReport }) {
  const shown = report.principles.filter((p) => p.sources.length > 0);
  return (
    <section className="panel lp-coverage" aria-labelledby="lp-coverage-title">
      <h2 id="lp-coverage-title">
        Leadership Principles: {shown.length} of {report.principles.length} evidenced
      </h2>
      <ul className="lp-coverage__list">
        {report.principles.map((p) => (
          <li key={p.id} className={p.sources.length ? 'lp--shown' : 'lp--missing'}>
            <span aria-hidden="true">{p.sources.length ? '✓ ' : '○ '}</span>
            <strong>{p.name}</strong>
            {p.sources.length ? (
              <>
                {' — '}
                {p.sources
                  .map((s) => `${s.title} (${s.via === 'star' ? 'your STAR tag' : 'question'})`)
                  .join(', ')}
              </>
            ) : (
              <span className="muted"> — not evidenced in this loop</span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
