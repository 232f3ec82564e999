import type { RubricDimension } from '@mockloop/shared/content';
import type { RoundView } from '@mockloop/shared/loop/project';
import { AnswerGuide, referenceSolutions } from '@/components/answer-guide';
import { ScoreForm } from '@/features/scoring/score-form';
import { ScoreResult } from '@/features/scoring/score-result';
import { ErrorMessage } from '@/components/error-message';
import { useCommand } from '@/lib/use-command';
import { RoundWorkspace } from '@/app/round-workspace';
import { NotesEditor } from '@/features/workspace-notes/notes-editor';
import { NextRoundButton } from '@/features/loop/next-round-button';
import { useLoopFacts, useRoundOpenForWork } from '@/store/loop-selectors';

interface Props {
  round: RoundView;
  rubric: RubricDimension[] | undefined;
}

/** The candidate's live work as the interviewer (or observer) follows it: workspace and notes. */
export function CandidateWorkLive({ round }: { round: RoundView }) {
  return (
    <>
      <RoundWorkspace round={round} />
      <NotesEditor
        doc={{ kind: 'notes', round: round.index }}
        saved={round.notes}
        editable={false}
        id="candidate-notes"
        label="The candidate's notes (live)"
        placeholder="Nothing written yet."
      />
    </>
  );
}

/**
 * The interviewer's assessment (read-only for an observer): what a strong answer shows,
 * private notes, and the partner score, then the way on once the round is over.
 */
export function InterviewerAssessment({ round, rubric }: Props) {
  const { permissions, status, targetLevel } = useLoopFacts();
  const open = useRoundOpenForWork(round.index);
  const { signals = [], redFlags = [] } = round.question;
  const canScore = permissions.scoreAs === 'partner';
  const scoring = round.status === 'in-progress' || round.status === 'scoring';
  const tick = useCommand();
  const canTick = permissions.tickSignals && status === 'in-progress';
  return (
    <>
      <section className="panel signals-panel" aria-label="What a strong answer shows">
        <AnswerGuide
          signals={signals}
          redFlags={redFlags}
          solutions={referenceSolutions(round.question)}
          ticked={round.question.signalsTicked}
          onTick={
            canTick
              ? (index, checked) =>
                  void tick.run('signal:tick', { round: round.index, index, checked })
              : undefined
          }
        />
        <ErrorMessage message={tick.error} />
      </section>
      <NotesEditor
        doc={{ kind: 'private-notes', round: round.index }}
        saved={round.privateNotes ?? ''}
        editable={permissions.interview && open}
        id="private-notes"
        label="Your private notes (the candidate never sees them)"
        placeholder="Evidence for each rubric dimension, quotes, timings…"
      />
      {rubric &&
        (round.scores.partner?.card ? (
          <ScoreResult round={round} rubric={rubric} />
        ) : canScore && scoring ? (
          <ScoreForm round={round} rubric={rubric} targetLevel={targetLevel} source="partner" />
        ) : null)}
      {round.status === 'scoring' && permissions.control && <NextRoundButton round={round} />}
    </>
  );
}
