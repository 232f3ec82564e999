import { useEffect, useRef } from 'react';
import type { RoundView } from '@mockloop/shared/loop/project';
import { plural } from '@mockloop/shared/words';
import { useStore } from '@/store/store';
import { playChime } from '@/features/timer/chime';

function describe(round: RoundView): string {
  const { clock, phases } = round;
  // Over at its deadline or ended early: either way, over.
  if (round.status === 'scoring') return `${round.title} is over. Score the round.`;
  if (clock.kind !== 'running' && clock.kind !== 'paused') return '';
  const phase = phases[clock.phase]!;
  return `${round.title}, phase ${clock.phase + 1} of ${phases.length}: ${phase.title}, ${plural(phase.minutes, 'minute')}.`;
}

/**
 * Announces phase changes through the polite live region and with a soft chime. The
 * first render only records where the loop is, so opening a page never chimes.
 */
export function PhaseAnnouncer({ round }: { round: RoundView }) {
  const announce = useStore((s) => s.announce);
  const muted = useStore((s) => s.muted);
  const phase =
    round.clock.kind === 'running' || round.clock.kind === 'paused' ? round.clock.phase : -1;
  const key = `${round.index}:${round.status}:${phase}`;
  const last = useRef<string | null>(null);

  useEffect(() => {
    if (last.current !== null && last.current !== key) {
      const text = describe(round);
      if (text) {
        announce(text);
        if (!muted) playChime();
      }
    }
    last.current = key;
    // Only a change of phase or status announces; the round object changes every tick.
  }, [key]);
  return null;
}

export function LiveRegion() {
  const announcement = useStore((s) => s.announcement);
  return (
    <div className="visually-hidden" aria-live="polite" role="status" data-testid="announcer">
      {announcement}
    </div>
  );
}
