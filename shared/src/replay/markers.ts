/**
 * The markers of a round's replay timeline, read from the loop's event log: when the
 * round started and ended, each phase it entered, the hints revealed and follow-ups
 * pushed (the opening story question's too), each test run with its outcome, and the
 * clock's pauses, resumes and extensions. Each marker is placed by its time into the
 * round (wall time: a pause takes its place on the timeline too) and named in words.
 */
import type { RunOutcome } from '../code-run';
import type { LoopEvent } from '../loop/events';

export type MarkerKind =
  'start' | 'phase' | 'hint' | 'follow-up' | 'run' | 'pause' | 'resume' | 'extend' | 'end';

export interface ReplayMarker {
  kind: MarkerKind;
  /** When it happened, and how long after the round started. */
  at: number;
  offsetMs: number;
  /** What the marker says, e.g. "Phase 2: Clarify the problem" or "Hint 1 revealed". */
  label: string;
  /** A test run's outcome. */
  outcome?: RunOutcome;
}

export interface ReplayTimeline {
  /** When the round started and ended; null for a round that never started (or still runs). */
  startedAt: number | null;
  endedAt: number | null;
  markers: ReplayMarker[];
}

/** What a marker needs of the round's plan: its phases' titles, in order. */
export interface PlannedPhaseTitle {
  title: string;
}

const phaseLabel = (phases: readonly PlannedPhaseTitle[], index: number) =>
  `Phase ${index + 1}: ${phases[index]?.title ?? 'unknown'}`;

/** The kind, label and outcome of an event of `round`, if it is a marker. */
function markerOf(
  event: LoopEvent,
  phases: readonly PlannedPhaseTitle[],
): Omit<ReplayMarker, 'at' | 'offsetMs'> | null {
  switch (event.type) {
    case 'round.started':
      return { kind: 'start', label: `Started · ${phaseLabel(phases, 0)}` };
    case 'phase.advanced':
      return event.clock.kind === 'running' || event.clock.kind === 'paused'
        ? { kind: 'phase', label: phaseLabel(phases, event.clock.phase) }
        : null;
    case 'hint.revealed':
      return { kind: 'hint', label: `Hint ${event.index + 1} revealed` };
    case 'lp-hint.revealed':
      return { kind: 'hint', label: `Opening story: hint ${event.index + 1} revealed` };
    case 'followup.pushed':
      return { kind: 'follow-up', label: `Follow-up ${event.index + 1} pushed` };
    case 'lp-followup.pushed':
      return { kind: 'follow-up', label: `Opening story: follow-up ${event.index + 1} pushed` };
    case 'code.ran':
      return { kind: 'run', label: `Tests: ${event.run.message}`, outcome: event.run.outcome };
    case 'clock.paused':
      return { kind: 'pause', label: 'Paused' };
    case 'clock.resumed':
      return { kind: 'resume', label: 'Resumed' };
    case 'clock.extended':
      return { kind: 'extend', label: `+${event.minutes} min` };
    case 'round.ended':
      return { kind: 'end', label: event.reason === 'time-up' ? 'Time up' : 'Ended early' };
    default:
      return null;
  }
}

/** The replay timeline of round `round` from the loop's whole event log, in order. */
export function replayTimeline(
  events: readonly LoopEvent[],
  round: number,
  phases: readonly PlannedPhaseTitle[],
): ReplayTimeline {
  let startedAt: number | null = null;
  let endedAt: number | null = null;
  const markers: ReplayMarker[] = [];
  for (const event of events) {
    if (!('round' in event) || event.round !== round) continue;
    if (event.type === 'round.started') startedAt = event.at;
    if (startedAt === null) continue;
    const marker = markerOf(event, phases);
    if (!marker) continue;
    markers.push({ ...marker, at: event.at, offsetMs: event.at - startedAt });
    if (event.type === 'round.ended') endedAt = event.at;
  }
  return { startedAt, endedAt, markers };
}
