import { useRef } from 'react';
import { nextShown, urgency, type ShownCountdown } from '@mockloop/shared/clock-sync';
import {
  formatDuration,
  phaseRemainingMs,
  roundRemainingMs,
  type Clock,
  type PlannedPhase,
} from '@mockloop/shared/timer';
import { useStore } from '@/store/store';
import { useNow } from '@/features/timer/use-now';

interface Props {
  roundIndex: number;
  clock: Clock;
  phases: PlannedPhase[];
}

function deadlineKey(roundIndex: number, clock: Clock): string {
  switch (clock.kind) {
    case 'running':
      return `${roundIndex}:${clock.phase}:${clock.phaseEndsAt}`;
    case 'paused':
      return `${roundIndex}:${clock.phase}:paused:${clock.remainingMs}`;
    default:
      return `${roundIndex}:${clock.kind}`;
  }
}

/** The phase countdown: `endsAt - (Date.now() + offset)`, never a decrementing counter. */
export function Countdown({ roundIndex, clock, phases }: Props) {
  const offsetMs = useStore((s) => s.offsetMs);
  const now = useNow() + offsetMs;
  const shown = useRef<ShownCountdown | null>(null);
  shown.current = nextShown(
    shown.current,
    deadlineKey(roundIndex, clock),
    phaseRemainingMs(clock, now),
  );
  const remaining = shown.current.remainingMs;
  const phase =
    clock.kind === 'running' || clock.kind === 'paused' ? phases[clock.phase] : undefined;
  const total = roundRemainingMs(clock, phases, now) - phaseRemainingMs(clock, now) + remaining;
  // The colour warns about the end of the round, not of each (often short) phase.
  const band = phase ? urgency(total) : 'normal';

  if (clock.kind === 'finished') {
    return (
      <div className="countdown" data-testid="countdown">
        <div className="countdown__label">Time</div>
        <div className="countdown__time countdown__time--over">Round over</div>
      </div>
    );
  }

  return (
    <div className={`countdown countdown--${band}`} data-testid="countdown">
      <div className="countdown__label">
        {phase
          ? `Phase ${(clock as { phase: number }).phase + 1} of ${phases.length}: ${phase.title}`
          : 'Time'}
        {clock.kind === 'paused' && <span className="badge">Paused</span>}
      </div>
      <div className="countdown__time" role="timer" aria-label="Time left in this phase">
        {formatDuration(remaining)}
      </div>
      <div className="countdown__total">{formatDuration(total)} left in the round</div>
      {band !== 'normal' && (
        <div className="countdown__band">
          {band === 'red'
            ? 'Under a minute left in the round'
            : 'Under five minutes left in the round'}
        </div>
      )}
    </div>
  );
}
