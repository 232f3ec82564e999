import { ErrorMessage } from '@/components/error-message';
import { ActionButton } from '@/components/action-button';
import type { RoundView } from '@mockloop/shared/loop/project';
import { focusWhenShown } from '@/lib/focus';
import { useCommand } from '@/lib/use-command';
import { shortcutKeys } from './shortcuts';

export const EXTEND_MINUTES = 5;

/** Where focus goes once a round has started: the clock's first control. */
export const CLOCK_TOGGLE = '#clock-toggle';
/** Where focus goes once a round has ended: the note that says so. */
export const ROUND_OVER = '[data-testid="round-over"]';

/** Clock controls for whoever runs the clock (the solo user, or the interviewer). */
export function RoundControls({ round }: { round: RoundView }) {
  const { run, error, busy } = useCommand();
  const target = { round: round.index };
  const paused = round.clock.kind === 'paused';
  const lastPhase = 'phase' in round.clock && round.clock.phase === round.phases.length - 1;
  return (
    <div className="controls" role="group" aria-label="Clock controls">
      <ActionButton
        id="clock-toggle"
        className="button"
        busy={busy}
        aria-keyshortcuts={shortcutKeys('pause-resume')}
        onClick={() => void run(paused ? 'timer:resume' : 'timer:pause', target)}
      >
        {paused ? 'Resume' : 'Pause'}
      </ActionButton>
      <ActionButton
        className="button"
        busy={busy}
        aria-keyshortcuts={shortcutKeys('extend')}
        onClick={() => void run('timer:extend', { ...target, minutes: EXTEND_MINUTES })}
      >
        +{EXTEND_MINUTES} min
      </ActionButton>
      <ActionButton
        className="button"
        busy={busy}
        aria-keyshortcuts={shortcutKeys('next-phase')}
        onClick={() => void run('phase:next', target)}
      >
        {lastPhase ? 'Finish phase' : 'Next phase'}
      </ActionButton>
      <ActionButton
        className="button button--danger"
        busy={busy}
        onClick={() => void run('round:end', target).then((ok) => ok && focusWhenShown(ROUND_OVER))}
      >
        End round
      </ActionButton>
      <ErrorMessage message={error} />
    </div>
  );
}
