import { ErrorMessage } from '@/components/error-message';
import { useMemo, useState } from 'react';
import { TARGET_LEVEL_NAMES } from '@mockloop/shared/levels';
import type { LoopView } from '@mockloop/shared/loop/project';
import { Prose } from '@/components/prose';
import { navigate } from '@/lib/router';
import { sendCommand } from '@/lib/loop-connection';
import { fetchReport } from '@/lib/api';
import { useStore } from '@/store/store';
import {
  DebriefSection,
  HintLedger,
  LpCoverageList,
  PacingTable,
  ScoreTable,
} from '@/components/report-parts';
import { RoundWork } from './round-work';
import { replayable } from '@mockloop/shared/replay/replay';
import type { ReplaySource } from '@/components/replay/replay-panel';
import { RoundReplay } from '@/components/replay/round-replay';

import { useLoopReport } from './use-loop-report';

/** The loop review: debrief outcome, rounds × dimensions, votes and justifications. */
export function ReviewPage({ view, token }: { view: LoopView; token: string }) {
  const content = useStore((s) => s.content);
  const report = useLoopReport(view, token);
  const [actionError, setActionError] = useState<string | null>(null);
  const debrief = view.debrief;
  const paired = view.mode === 'paired';
  const source = useMemo<ReplaySource>(
    () => ({ kind: 'loop', loopId: view.id, token }),
    [view.id, token],
  );

  const swap = async () => {
    const ack = await sendCommand('loop:swap', {});
    if (ack.ok) navigate(`/loop/${ack.data.nextLoopId}#token=${token}`);
    else setActionError(ack.error.message);
  };

  const download = async (format: 'json' | 'md', extra: 'replay' | 'audio' | null = null) => {
    try {
      const blob = await fetchReport(view.id, token, format, extra);
      const url = URL.createObjectURL(blob);
      const a = Object.assign(document.createElement('a'), {
        href: url,
        download: `mockloop-${view.id}${extra ? `-with-${extra}` : ''}.${format}`,
      });
      a.click();
      URL.revokeObjectURL(url);
    } catch (error) {
      setActionError((error as Error).message);
    }
  };

  return (
    <div className="review">
      <h1>Loop review</h1>
      <p data-testid="target-level">
        Level targeted: <strong>{view.targetLevel}</strong> ({TARGET_LEVEL_NAMES[view.targetLevel]})
      </p>
      {debrief && (
        <DebriefSection debrief={debrief}>
          <p className="muted">
            Hire only if no round is Strong No Hire, the Bar Raiser is Inclined or better, and most
            rounds are Inclined or better.{' '}
            {paired
              ? "Each round counts the interviewer's vote where there is one."
              : 'Votes are your own.'}
          </p>
        </DebriefSection>
      )}

      {view.rounds.map((round) => {
        const rubric = content?.rounds.find((r) => r.id === round.roundId)?.rubric ?? [];
        const self = round.scores.self?.card ?? null;
        const partner = round.scores.partner?.card ?? null;
        const hints = round.question.hints.filter((h) => h.revealedAt !== null).length;
        return (
          <section
            key={round.index}
            className="panel review-round"
            aria-labelledby={`review-${round.index}`}
          >
            <h2 id={`review-${round.index}`}>
              {round.index + 1}. {round.title}
            </h2>
            {round.lp && (
              <div className="review-round__lp">
                <p>
                  <strong>Opening story question</strong>{' '}
                  <span className="muted">
                    (hints used:{' '}
                    {round.lp.question.hints.filter((h) => h.revealedAt !== null).length} of{' '}
                    {round.lp.question.hintCount})
                  </span>
                </p>
                <Prose text={round.lp.question.prompt} />
              </div>
            )}
            <Prose className="question__prompt" text={round.question.prompt} />
            <p className="muted">
              {round.startedAt === null
                ? 'Skipped: this round did not run. '
                : round.status === 'done' && !self && !partner
                  ? 'Not scored. '
                  : ''}
              Hints used: {hints} of {round.question.hintCount}
            </p>
            {rubric.length > 0 && (self || partner) && (
              <ScoreTable
                title={round.title}
                paired={paired}
                dimensions={rubric.map((d) => ({
                  id: d.id,
                  title: d.title,
                  self: self?.ratings[d.id] ?? null,
                  partner: partner?.ratings[d.id] ?? null,
                }))}
                votes={{ self: self?.vote, partner: partner?.vote }}
              />
            )}
            {self?.justification && (
              <p className="justification">
                <strong>Self:</strong> {self.justification}
              </p>
            )}
            {partner?.justification && (
              <p className="justification">
                <strong>Partner:</strong> {partner.justification}
              </p>
            )}
            {report?.rounds[round.index] && (
              <>
                <HintLedger round={report.rounds[round.index]!} />
                <PacingTable round={report.rounds[round.index]!} title={round.title} />
              </>
            )}
            <RoundWork round={round} role={view.role} />
            {replayable(round) && (
              <RoundReplay source={source} round={round} paired={view.mode === 'paired'} />
            )}
          </section>
        );
      })}

      {report && <LpCoverageList report={report} />}

      <div className="actions">
        <button type="button" className="button" onClick={() => void download('md')}>
          Download Markdown report
        </button>
        <button type="button" className="button" onClick={() => void download('json')}>
          Download JSON report
        </button>
        <button type="button" className="button" onClick={() => void download('json', 'replay')}>
          Download JSON report with the replay
        </button>
        <button type="button" className="button" onClick={() => void download('json', 'audio')}>
          … with the replay and the recorded audio
        </button>
        {view.mode === 'paired' && view.nextLoopId && (
          <a className="button button--primary" href={`/loop/${view.nextLoopId}#token=${token}`}>
            Go to the next loop (roles swapped)
          </a>
        )}
        {view.mode === 'paired' && !view.nextLoopId && view.permissions.swap && (
          <button type="button" className="button button--primary" onClick={() => void swap()}>
            Swap roles and start the next loop
          </button>
        )}
        <a className={view.mode === 'paired' ? 'button' : 'button button--primary'} href="/">
          Start another loop
        </a>
      </div>
      <ErrorMessage message={actionError} />
    </div>
  );
}
