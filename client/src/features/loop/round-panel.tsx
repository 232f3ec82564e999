import { ErrorMessage } from '@/components/error-message';
import type { LoopView, RoundView } from '@mockloop/shared/loop/project';
import { useStore } from '@/store/store';
import { ScoreForm } from '@/features/scoring/score-form';
import { ScoreResult } from '@/features/scoring/score-result';
import { Countdown } from '@/features/timer/countdown';
import { PhaseAnnouncer } from '@/features/timer/phase-announcer';
import { NotesEditor } from '@/features/workspace-notes/notes-editor';
import { QuestionCard } from './question-card';
import { RoundControls } from './round-controls';
import { PhaseGuide } from './phase-guide';
import { QuestionPicker } from './question-picker';
import { useCommand } from './use-command';

/** The current round: intro before it starts, the timed workspace, then scoring. */
export function RoundPanel({ view, round }: { view: LoopView; round: RoundView }) {
  const summary = useStore((s) => s.content?.rounds.find((r) => r.id === round.roundId));
  const { run, error, busy } = useCommand();
  const control = view.permissions.control;
  const isLast = round.index === view.rounds.length - 1;

  if (round.status === 'pending') {
    return (
      <section className="panel round-intro" aria-labelledby="round-title">
        <p className="eyebrow">
          Round {round.index + 1} of {view.rounds.length} · {round.minutes} minutes
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
        {control && <QuestionPicker round={round} />}
        {control && (
          <div className="actions">
            <button
              type="button"
              className="button button--primary"
              disabled={busy}
              onClick={() => void run('round:start', { round: round.index })}
            >
              Start round
            </button>
            <button
              type="button"
              className="button"
              disabled={busy}
              onClick={() => void run('round:next', { round: round.index })}
            >
              {isLast ? 'Skip and finish the loop' : 'Skip this round'}
            </button>
          </div>
        )}
        <ErrorMessage message={error} />
      </section>
    );
  }

  return (
    <div className="round-layout">
      <PhaseAnnouncer round={round} />
      <section className="round-main" aria-labelledby="round-title">
        <p className="eyebrow">
          Round {round.index + 1} of {view.rounds.length}
        </p>
        <h1 id="round-title">{round.title}</h1>
        <QuestionCard
          round={round}
          canRevealHints={view.permissions.revealHints && round.status === 'in-progress'}
        />
        {round.status === 'scoring' &&
          summary &&
          (round.scores.self ? (
            <ScoreResult round={round} rubric={summary.rubric} />
          ) : view.permissions.scoreAs === 'self' ? (
            <ScoreForm round={round} rubric={summary.rubric} />
          ) : null)}
        {round.status === 'scoring' && control && (
          <div className="actions">
            <button
              type="button"
              className="button button--primary"
              disabled={busy}
              onClick={() => void run('round:next', { round: round.index })}
            >
              {isLast ? 'Finish the loop and see the review' : 'Next round'}
            </button>
            {!round.scores.self && (
              <span className="muted">
                You can move on without scoring; the round will show as not scored.
              </span>
            )}
          </div>
        )}
        <ErrorMessage message={error} />
        <NotesEditor round={round} editable={view.permissions.notes} />
      </section>
      <aside className="round-side" aria-label="Clock">
        <Countdown roundIndex={round.index} clock={round.clock} phases={round.phases} />
        {round.status === 'in-progress' && control && <RoundControls round={round} />}
        <PhaseGuide round={round} />
      </aside>
    </div>
  );
}
