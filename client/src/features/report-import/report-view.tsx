/**
 * A loop review drawn from a report alone, as an imported `report.json` shows it: the same
 * debrief, score table with gaps, ledger, pacing, answers and Leadership Principle coverage
 * as the live review page, from the shared report parts. All text is rendered as text.
 */
import { useMemo } from 'react';
import { TARGET_LEVEL_NAMES } from '@mockloop/shared/levels';
import { RoundReplay } from '@/components/replay/round-replay';
import type { ReplaySource } from '@/components/replay/replay-panel';
import type { LoopReport } from '@mockloop/shared/report';
import { STAR_FIELD_NAMES, STAR_FIELDS } from '@mockloop/shared/star';
import {
  DebriefSection,
  DiagramFigure,
  NotesDetails,
  HintLedger,
  LpCoverageList,
  PacingTable,
  ScoreTable,
} from '@/components/report-parts';

type Round = LoopReport['rounds'][number];

function Work({ round, index }: { round: Round; index: number }) {
  return (
    <>
      {round.star && (
        <details>
          <summary>STAR answer</summary>
          <dl className="review-star">
            {STAR_FIELDS.filter((f) => round.star![f].trim()).map((f) => (
              <div key={f}>
                <dt>{STAR_FIELD_NAMES[f]}</dt>
                <dd className="notes-view">{round.star![f]}</dd>
              </div>
            ))}
          </dl>
        </details>
      )}
      {(round.code || round.lastRun) && (
        <details>
          <summary>
            Code{round.code ? ` (${round.code.language})` : ''}
            {round.lastRun && ` · last test run: ${round.lastRun.message}`}
          </summary>
          {round.code && (
            <pre className="code-view">
              <code>{round.code.text}</code>
            </pre>
          )}
        </details>
      )}
      {round.signalsHeard && round.signalsHeard.length > 0 && (
        <details>
          <summary>Signals heard: {round.signalsHeard.length}</summary>
          <ul className="signals">
            {round.signalsHeard.map((s) => (
              <li key={s}>{s}</li>
            ))}
          </ul>
        </details>
      )}
      {round.diagramLeftOut !== undefined ? (
        <p className="muted" data-testid="diagram-left-out">
          The diagram ({round.diagramLeftOut} elements) was too large to keep in this report file;
          the loop&apos;s own review page shows it.
        </p>
      ) : (
        round.diagram && (
          <DiagramFigure round={index} title={round.title} elements={round.diagram} />
        )
      )}
      <NotesDetails notes={round.notes} />
    </>
  );
}

/** A round's replay when the report carries it (no recordings travel in a report). */
function ImportedReplay({
  report,
  index,
  title,
}: {
  report: LoopReport;
  index: number;
  title: string;
}) {
  const replay = report.replays?.find((r) => r.round === index);
  const source = useMemo<ReplaySource | null>(
    () =>
      replay
        ? {
            kind: 'report',
            loopId: report.loop.id,
            replay,
            recordings: report.recordings ?? [],
          }
        : null,
    [replay, report],
  );
  if (report.replaysLeftOut?.includes(index))
    return (
      <p className="muted" data-testid="replay-left-out">
        This round&apos;s replay was too large to keep in this report file; the loop&apos;s own
        review page replays it.
      </p>
    );
  if (!source || !replay) return null;
  const workspace = replay.board.length ? 'whiteboard' : 'notes';
  return (
    <RoundReplay
      source={source}
      round={{ index, title, workspace }}
      paired={report.loop.mode === 'paired'}
    />
  );
}

export function ReportView({ report }: { report: LoopReport }) {
  const paired = report.loop.mode === 'paired';
  const { debrief } = report;
  return (
    <div className="review">
      <h1>Loop review (imported)</h1>
      <p data-testid="target-level">
        Level targeted: <strong>{report.loop.targetLevel}</strong> (
        {TARGET_LEVEL_NAMES[report.loop.targetLevel]})
      </p>
      <p className="muted">
        Loop {report.loop.id} · {report.loop.mode} · started{' '}
        {new Date(report.loop.createdAt).toLocaleString()} · as the {report.viewedAs}
      </p>
      {debrief && <DebriefSection debrief={debrief} />}
      {report.rounds.map((round, index) => (
        <section key={index} className="panel review-round" aria-labelledby={`imported-${index}`}>
          <h2 id={`imported-${index}`}>
            {index + 1}. {round.title}
          </h2>
          {round.lpQuestion && (
            <p className="review-round__lp">
              <strong>Opening story question:</strong> {round.lpQuestion.prompt}{' '}
              <span className="muted">(hints used: {round.lpQuestion.hintsUsed})</span>
            </p>
          )}
          <p className="question__prompt">{round.question.prompt}</p>
          <p className="muted">Hints used: {round.hintsUsed}</p>
          {(round.self || round.partner) && (
            <ScoreTable
              title={round.title}
              paired={paired}
              dimensions={round.dimensions}
              votes={{ self: round.self?.vote, partner: round.partner?.vote }}
            />
          )}
          {round.self?.justification && (
            <p className="justification">
              <strong>Self:</strong> {round.self.justification}
            </p>
          )}
          {round.partner?.justification && (
            <p className="justification">
              <strong>Partner:</strong> {round.partner.justification}
            </p>
          )}
          <HintLedger round={round} />
          <PacingTable round={round} title={round.title} />
          <Work round={round} index={index} />
          <ImportedReplay report={report} index={index} title={round.title} />
        </section>
      ))}
      <LpCoverageList report={report} />
    </div>
  );
}
