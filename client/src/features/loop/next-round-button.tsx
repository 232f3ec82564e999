import type { RoundView } from '@mockloop/shared/loop/project';
import { ErrorMessage } from '@/components/error-message';
import { useCommand } from '@/lib/use-command';
import { usePermissions, useRoundCount } from '@/store/loop-selectors';

/** Closes the round being scored and moves on (or finishes the loop after the last). */
export function NextRoundButton({ round }: { round: RoundView }) {
  const { run, error, busy } = useCommand();
  const rounds = useRoundCount();
  const own = usePermissions().scoreAs;
  const isLast = round.index === rounds - 1;
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
