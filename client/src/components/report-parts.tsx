/**
 * Parts of a loop review drawn from its report (`shared/src/report.ts`), shared by the live
 * review page and an imported report: the self/partner gap, pacing per phase, the hints
 * and follow-ups with when they came, Leadership Principle coverage, and the debrief.
 */
import { ScrollRegion } from './scroll-region';
import type { ReactNode } from 'react';
import type { BoardElement } from '@mockloop/shared/board';
import type { DebriefResult } from '@mockloop/shared/debrief';
import { LEVEL_NAMES, type Level } from '@mockloop/shared/levels';
import type { LoopReport } from '@mockloop/shared/report';
import type { Rating } from '@mockloop/shared/loop/state';
import { isNotableGap, ratingGap } from '@mockloop/shared/review/calibration';
import { LP_SOURCE_LABELS } from '@mockloop/shared/review/lp-coverage';
import { DiagramImage } from './diagram-image';

const minutes = (ms: number) => `${(ms / 60_000).toFixed(1)} min`;

export const DEBRIEF_OUTCOME_LABEL: Record<DebriefResult['outcome'], string> = {
  hire: 'Hire',
  'no-hire': 'No hire',
  'no-decision': 'No decision',
};

/** The debrief's outcome and the clause that decided it; `children` follow them. */
export function DebriefSection({
  debrief,
  children,
}: {
  debrief: DebriefResult;
  children?: ReactNode;
}) {
  return (
    <section className={`debrief debrief--${debrief.outcome}`} aria-labelledby="debrief-title">
      <h2 id="debrief-title">
        Debrief outcome: <span data-testid="outcome">{DEBRIEF_OUTCOME_LABEL[debrief.outcome]}</span>
      </h2>
      <p data-testid="debrief-clause">{debrief.explanation}</p>
      {children}
    </section>
  );
}

/** The self − partner gap, marked in words (not only by colour) when it is 2 or more. */
export function GapCell({
  self,
  partner,
}: {
  self: Rating | null | undefined;
  partner: Rating | null | undefined;
}) {
  const value = ratingGap(self ?? undefined, partner ?? undefined);
  if (value === null) return <td>—</td>;
  const text = value > 0 ? `+${value}` : String(value);
  return isNotableGap(value) ? (
    <td className="gap--notable">
      <strong>{text}</strong> <span className="gap__flag">(differ by {Math.abs(value)})</span>
    </td>
  ) : (
    <td>{text}</td>
  );
}

export type ReportRound = LoopReport['rounds'][number];

export function PacingTable({ round, title }: { round: ReportRound; title: string }) {
  const pace = round.pacing;
  if (!pace || !pace.phases.some((p) => p.reached)) return null;
  return (
    <ScrollRegion label={`Pacing of ${title}`}>
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
    </ScrollRegion>
  );
}

export function HintLedger({ round }: { round: ReportRound }) {
  if (round.ledger.length === 0) return null;
  return (
    <div className="hint-ledger">
      <h3>Hints and follow-ups</h3>
      <ol>
        {round.ledger.map((entry) => (
          <li key={`${entry.part ?? 'main'}-${entry.kind}-${entry.index}`}>
            <strong>
              {entry.part === 'lp' && 'Opening story — '}
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
                  .map(
                    (s) =>
                      `${s.title} (${s.via === 'star' ? 'your STAR tag' : LP_SOURCE_LABELS[s.via]})`,
                  )
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

const shown = (r: Rating | null | undefined) =>
  r === null || r === undefined ? '—' : r === 'no-signal' ? 'no signal' : String(r);
const voted = (vote: Level | undefined) => (vote ? `${vote} · ${LEVEL_NAMES[vote]}` : '—');

/**
 * A round's rubric table: each dimension's self and partner rating with their gap, then
 * the votes. The partner and gap columns show in a paired loop only.
 */
export function ScoreTable({
  title,
  paired,
  dimensions,
  votes,
}: {
  title: string;
  paired: boolean;
  dimensions: { id: string; title: string; self: Rating | null; partner: Rating | null }[];
  votes: { self?: Level; partner?: Level };
}) {
  return (
    <table className="score-table">
      <caption className="visually-hidden">Rubric scores for {title}</caption>
      <thead>
        <tr>
          <th scope="col">Dimension</th>
          <th scope="col">Self</th>
          {paired && <th scope="col">Partner</th>}
          {paired && <th scope="col">Gap</th>}
        </tr>
      </thead>
      <tbody>
        {dimensions.map((d) => (
          <tr key={d.id}>
            <th scope="row">{d.title}</th>
            <td>{shown(d.self)}</td>
            {paired && <td>{shown(d.partner)}</td>}
            {paired && <GapCell self={d.self} partner={d.partner} />}
          </tr>
        ))}
        <tr className="score-table__vote">
          <th scope="row">Overall vote</th>
          <td>{voted(votes.self)}</td>
          {paired && <td>{voted(votes.partner)}</td>}
          {paired && <GapCell self={votes.self} partner={votes.partner} />}
        </tr>
      </tbody>
    </table>
  );
}

/** The round's whiteboard as it was at the end, as an image (from the board or given elements). */
export function DiagramFigure(props: {
  round: number;
  title: string;
  elements?: readonly BoardElement[];
}) {
  return (
    <figure className="review-diagram">
      <DiagramImage {...props} />
      <figcaption className="muted">The whiteboard at the end of the round</figcaption>
    </figure>
  );
}

/** The round's notes, folded. */
export function NotesDetails({ notes, title = 'Notes' }: { notes: string; title?: string }) {
  if (!notes) return null;
  return (
    <details>
      <summary>{title}</summary>
      <pre className="notes-view">{notes}</pre>
    </details>
  );
}
