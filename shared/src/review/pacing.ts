/**
 * Pacing: how long each phase of each round actually ran, against its plan, read from a
 * loop's event log. Paused time is not counted; a phase the round never reached spent 0.
 */
import type { LoopEvent, LoopEventType } from '../loop/events';
import { MINUTE_MS } from '../timer';

export interface PhasePace {
  id: string;
  title: string;
  plannedMs: number;
  spentMs: number;
  reached: boolean;
}

export interface RoundPace {
  round: number;
  phases: PhasePace[];
  plannedMs: number;
  spentMs: number;
  /** Time the clock stood paused. */
  pausedMs: number;
}

interface Running {
  phase: number;
  /** When the current stretch began; null while paused. */
  since: number | null;
  pausedAt: number | null;
}

/**
 * The events pacing reads: a log of only these gives the same pacing as the whole log, so a
 * report need not read what was typed.
 */
export const PACING_EVENTS = [
  'loop.created',
  'round.started',
  'clock.paused',
  'clock.resumed',
  'phase.advanced',
  'round.ended',
] as const satisfies readonly LoopEventType[];

/** Pacing of every round of a loop, from its event log (which starts with `loop.created`). */
export function pacingFromEvents(events: readonly LoopEvent[]): RoundPace[] {
  const created = events[0];
  if (created?.type !== 'loop.created') return [];
  const rounds: RoundPace[] = created.rounds.map((plan, round) => ({
    round,
    phases: plan.phases.map((p) => ({
      id: p.id,
      title: p.title,
      plannedMs: p.minutes * MINUTE_MS,
      spentMs: 0,
      reached: false,
    })),
    plannedMs: plan.minutes * MINUTE_MS,
    spentMs: 0,
    pausedMs: 0,
  }));
  const clocks = new Map<number, Running>();

  const stop = (round: number, at: number) => {
    const running = clocks.get(round);
    const pace = rounds[round];
    if (!running || !pace || running.since === null) return;
    const phase = pace.phases[running.phase];
    if (phase) phase.spentMs += Math.max(0, at - running.since);
    running.since = null;
  };
  const enter = (round: number, phase: number, at: number, paused: boolean) => {
    const target = rounds[round]?.phases[phase];
    if (target) target.reached = true;
    clocks.set(round, { phase, since: paused ? null : at, pausedAt: paused ? at : null });
  };

  for (const event of events.slice(1)) {
    switch (event.type) {
      case 'round.started':
        enter(event.round, 0, event.at, false);
        break;
      case 'clock.paused': {
        stop(event.round, event.at);
        const running = clocks.get(event.round);
        if (running) running.pausedAt = event.at;
        break;
      }
      case 'clock.resumed': {
        const running = clocks.get(event.round);
        const pace = rounds[event.round];
        if (!running || !pace) break;
        if (running.pausedAt !== null) pace.pausedMs += Math.max(0, event.at - running.pausedAt);
        running.pausedAt = null;
        running.since = event.at;
        break;
      }
      case 'phase.advanced': {
        const pausedAt = clocks.get(event.round)?.pausedAt ?? null;
        stop(event.round, event.at);
        if (event.clock.kind !== 'running' && event.clock.kind !== 'paused') break;
        const paused = event.clock.kind === 'paused';
        enter(event.round, event.clock.phase, event.at, paused);
        // Skipping ahead while paused keeps the pause that began earlier.
        if (paused) clocks.get(event.round)!.pausedAt = pausedAt ?? event.at;
        break;
      }
      case 'round.ended': {
        stop(event.round, event.at);
        const running = clocks.get(event.round);
        const pace = rounds[event.round];
        if (running?.pausedAt != null && pace)
          pace.pausedMs += Math.max(0, event.at - running.pausedAt);
        clocks.delete(event.round);
        break;
      }
      default:
        break;
    }
  }
  for (const pace of rounds) pace.spentMs = pace.phases.reduce((sum, p) => sum + p.spentMs, 0);
  return rounds;
}
