import type { LoopView, RoundView } from '@mockloop/shared/loop/project';
import { ErrorMessage } from '@/components/error-message';
import { useCommand } from '@/lib/use-command';

/** Closes the round being scored and moves on (or finishes the loop after the last). */
export function NextRoundButton({ view, round }: { view: LoopView; round: RoundView }) {
  const { run, error, busy } = useCommand();
  const isLast = round.index === view.rounds.length - 1;
  const own = view.permissions.scoreAs;
  return (
    <>
      <div className="actions">
        <button
          type="button"
          className="button button--primary"
          disabled={busy}
          onClick={() => void run('round:next', { round: round.index })}
        >
          {isLast ? 'Finish the loop and see the review' : 'Next round'}
        </button>
        {own && !round.scores[own] && (
          <span className="muted">
            You can move on without scoring; the round will show as not scored.
          </span>
        )}
      </div>
      <ErrorMessage message={error} />
    </>
  );
}
