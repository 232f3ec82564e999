import type { RubricDimension } from '@mockloop/shared/content';
import type { RoundView } from '@mockloop/shared/loop/project';
import { isStaff } from '@mockloop/shared/loop/permissions';
import { ErrorMessage } from '@/components/error-message';
import { useStore } from '@/store/store';
import { ScoreForm } from '@/features/scoring/score-form';
import { ScoreResult } from '@/features/scoring/score-result';
import { Countdown } from '@/features/timer/countdown';
import { PhaseAnnouncer } from '@/features/timer/phase-announcer';
import { RoundWorkspace } from '@/app/round-workspace';
import { NotesEditor } from '@/features/workspace-notes/notes-editor';
import { InterviewerConsole } from '@/app/interviewer-console';
import { RoundOver } from '@/app/round-over';
import { ActionButton } from '@/components/action-button';
import { ClockShortcuts } from '@/features/loop/clock-shortcuts';
import { focusWhenShown } from '@/lib/focus';
import { NextRoundButton } from '@/features/loop/next-round-button';
import { PhaseGuide } from '@/features/loop/phase-guide';
import { inLpPhase, LpQuestionPanel } from '@/features/loop/lp-question-panel';
import { LpQuestionPicker } from '@/features/loop/lp-question-picker';
import { QuestionCard } from '@/features/loop/question-card';
import { QuestionPicker } from '@/features/loop/question-picker';
import { CLOCK_TOGGLE, RoundControls } from '@/features/loop/round-controls';
import { useCommand } from '@/lib/use-command';
import { useLoopFacts, useRound, useRoundCount, useRoundOpenForWork } from '@/store/loop-selectors';

/**
 * The current round: intro before it starts, then the timed workspace and scoring — for
 * staff in the interviewer console, for the candidate as one page.
 */
export function RoundPanel({ index }: { index: number }) {
  const round = useRound(index);
  const { role } = useLoopFacts();
  const rubric = useStore((s) => s.content?.rounds.find((r) => r.id === round.roundId)?.rubric);
  if (round.status === 'pending') return <RoundIntro round={round} />;
  if (isStaff(role)) return <InterviewerConsole round={round} rubric={rubric} />;
  return <CandidateRound round={round} rubric={rubric} />;
}

function CandidateRound({ round, rubric }: WorkProps) {
  const { permissions } = useLoopFacts();
  const roundCount = useRoundCount();
  // The round opens with a story question: during that phase it leads the page, and the
  // candidate meets the round's own question only once the phase is over.
  const lpNow = inLpPhase(round);
  return (
    <div className="round-layout">
      <PhaseAnnouncer round={round} />
      <section className="round-main" aria-labelledby="round-title">
        <p className="eyebrow">
          Round {round.index + 1} of {roundCount}
        </p>
        <h1 id="round-title">{round.title}</h1>
        <LpQuestionPanel round={round} folded={!lpNow} />
        {lpNow ? (
          <p className="banner banner--info" role="status">
            The {round.title} question follows when this phase ends.
          </p>
        ) : (
          <QuestionCard round={round} />
        )}
        <RoundOver round={round} />
        <CandidateWork round={round} rubric={rubric} />
      </section>
      <aside className="round-side" aria-label="Clock">
        <Countdown roundIndex={round.index} clock={round.clock} phases={round.phases} />
        {round.status === 'in-progress' && permissions.control && <RoundControls round={round} />}
        <ClockShortcuts round={round} />
        <PhaseGuide round={round} />
      </aside>
    </div>
  );
}

function RoundIntro({ round }: { round: RoundView }) {
  const summary = useStore((s) => s.content?.rounds.find((r) => r.id === round.roundId));
  const { run, error, busy } = useCommand();
  const { mode, role, permissions } = useLoopFacts();
  const roundCount = useRoundCount();
  const control = permissions.control;
  const isLast = round.index === roundCount - 1;
  return (
    <section className="panel round-intro" aria-labelledby="round-title">
      <p className="eyebrow">
        Round {round.index + 1} of {roundCount} · {round.minutes} minutes
      </p>
      <h1 id="round-title">{round.title}</h1>
      {summary && <p>{summary.tests}</p>}
      <h2>Phases</h2>
      <ol className="phase-list">
        {round.phases.map((p) => (
          <li key={p.id}>
            <strong>{p.title}</strong> · {p.minutes} min — {p.guidance}
          </li>
        ))}
      </ol>
      {mode === 'paired' && isStaff(role) && (
        <>
          <LpQuestionPanel round={round} folded={false} />
          <QuestionCard round={round} />
        </>
      )}
      {control && <LpQuestionPicker round={round} hidden={mode === 'solo'} />}
      {control && <QuestionPicker round={round} hidden={mode === 'solo'} />}
      {control ? (
        <div className="actions">
          <ActionButton
            className="button button--primary"
            busy={busy}
            onClick={() =>
              void run('round:start', { round: round.index }).then(
                (ok) => ok && focusWhenShown(CLOCK_TOGGLE),
              )
            }
          >
            Start round
          </ActionButton>
          <button
            type="button"
            className="button"
            disabled={busy}
            onClick={() => void run('round:next', { round: round.index })}
          >
            {isLast ? 'Skip and finish the loop' : 'Skip this round'}
          </button>
        </div>
      ) : (
        <p className="banner banner--info" role="status">
          Waiting for the interviewer to start the round.
        </p>
      )}
      <ErrorMessage message={error} />
    </section>
  );
}

interface WorkProps {
  round: RoundView;
  rubric: RubricDimension[] | undefined;
}

/** The candidate's side: the shared notes, then the self-score. */
function CandidateWork({ round, rubric }: WorkProps) {
  const { mode, permissions, targetLevel } = useLoopFacts();
  const open = useRoundOpenForWork(round.index);
  return (
    <>
      {round.status === 'scoring' &&
        rubric &&
        permissions.scoreAs === 'self' &&
        (round.scores.self ? (
          <ScoreResult round={round} rubric={rubric} />
        ) : (
          <ScoreForm round={round} rubric={rubric} targetLevel={targetLevel} source="self" />
        ))}
      {round.status === 'scoring' && permissions.control && <NextRoundButton round={round} />}
      <RoundWorkspace round={round} />
      <NotesEditor
        doc={{ kind: 'notes', round: round.index }}
        saved={round.notes}
        editable={permissions.notes && open}
        id="notes"
        label={
          mode === 'paired' ? 'Your notes (your interviewer sees them as you type)' : 'Your notes'
        }
        placeholder="Clarifying questions, assumptions, your approach, trade-offs…"
      />
    </>
  );
}
