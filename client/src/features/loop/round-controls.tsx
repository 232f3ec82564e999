import { ErrorMessage } from '@/components/error-message';
import type { RoundView } from '@mockloop/shared/loop/project';
import { useCommand } from '@/lib/use-command';

const EXTEND_MINUTES = 5;

/** Clock controls for whoever runs the clock (the solo user, or the interviewer). */
export function RoundControls({ round }: { round: RoundView }) {
  const { run, error, busy } = useCommand();
  const target = { round: round.index };
  const paused = round.clock.kind === 'paused';
  const lastPhase = 'phase' in round.clock && round.clock.phase === round.phases.length - 1;
  return (
    <div className="controls" role="group" aria-label="Clock controls">
      <button
        type="button"
        className="button"
        disabled={busy}
        onClick={() => void run(paused ? 'timer:resume' : 'timer:pause', target)}
      >
        {paused ? 'Resume' : 'Pause'}
      </button>
      <button
        type="button"
        className="button"
        disabled={busy}
        onClick={() => void run('timer:extend', { ...target, minutes: EXTEND_MINUTES })}
      >
        +{EXTEND_MINUTES} min
      </button>
      <button
        type="button"
        className="button"
        disabled={busy}
        onClick={() => void run('phase:next', target)}
      >
        {lastPhase ? 'Finish phase' : 'Next phase'}
      </button>
      <button
        type="button"
        className="button button--danger"
        disabled={busy}
        onClick={() => void run('round:end', target)}
      >
        End round
      </button>
      <ErrorMessage message={error} />
    </div>
  );
}
