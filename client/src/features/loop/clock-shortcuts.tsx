import { useEffect, useRef } from 'react';
import type { RoundView } from '@mockloop/shared/loop/project';
import { ErrorMessage } from '@/components/error-message';
import { useCommand } from '@/lib/use-command';
import { usePermissions } from '@/store/loop-selectors';
import { inLpPhase } from './lp-question-panel';
import { nextHintIndex } from './question-card';
import { EXTEND_MINUTES } from './round-controls';
import { SHORTCUTS, shortcutFor, shortcutKeys } from './shortcuts';

/**
 * The clock's keyboard shortcuts, for whoever runs the clock, while `round` runs: they
 * work from anywhere on the page, text fields and the code editor included. Revealing a
 * hint reveals the next one of the question being asked (the story question during its
 * phase). Returns the last refusal, to show beside the list.
 */
function useClockShortcuts(round: RoundView): string | null {
  const may = usePermissions();
  const { run, error } = useCommand();
  const latest = useRef(round);
  useEffect(() => {
    latest.current = round;
  });
  useEffect(() => {
    if (!may.control) return;
    const onKey = (event: KeyboardEvent) => {
      const action = shortcutFor(event);
      const current = latest.current;
      if (!action || current.status !== 'in-progress') return;
      event.preventDefault();
      const target = { round: current.index };
      switch (action) {
        case 'pause-resume':
          void run(current.clock.kind === 'paused' ? 'timer:resume' : 'timer:pause', target);
          return;
        case 'next-phase':
          void run('phase:next', target);
          return;
        case 'extend':
          void run('timer:extend', { ...target, minutes: EXTEND_MINUTES });
          return;
        case 'reveal-hint': {
          const lp = inLpPhase(current) && current.lp;
          const index = nextHintIndex(lp ? lp.question : current.question);
          if (may.revealHints && index !== null)
            void run('hint:reveal', { ...target, index, ...(lp ? { part: 'lp' as const } : {}) });
          return;
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [may.control, may.revealHints, run]);
  return error;
}

/** The shortcuts, listed where the clock is, and wired up while the round runs. */
export function ClockShortcuts({ round }: { round: RoundView }) {
  const error = useClockShortcuts(round);
  const may = usePermissions();
  if (!may.control || round.status !== 'in-progress') return null;
  return (
    <section className="shortcuts" aria-labelledby="shortcuts-title">
      <h2 id="shortcuts-title" className="shortcuts__title">
        Keyboard shortcuts
      </h2>
      <dl className="shortcuts__list">
        {SHORTCUTS.filter((s) => may.revealHints || s.action !== 'reveal-hint').map((s) => (
          <div key={s.action}>
            <dt>
              <kbd>{shortcutKeys(s.action)}</kbd>
            </dt>
            <dd>{s.label}</dd>
          </div>
        ))}
      </dl>
      <ErrorMessage message={error} />
    </section>
  );
}
