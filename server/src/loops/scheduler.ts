/**
 * The server's clock: one timer per loop, set for the instant its running phase ends.
 * When it fires, the service decides what has expired by then, so a late or missed
 * timer (a restart) catches up instead of drifting.
 */
import type { LoopState } from '@mockloop/shared/loop/state';
import { nextDeadline } from '@mockloop/shared/timer';

/** Time source and timers, injectable so tests can drive time. */
export interface ServerClock {
  now(): number;
  /** `fn` may return a promise of its work; a test clock can wait for it. */
  setTimeout(fn: () => unknown, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: ServerClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** Node timers cannot wait longer than this; a longer wait is re-armed on firing. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export class ClockScheduler {
  private readonly timers = new Map<string, { at: number; handle: unknown }>();

  constructor(
    private readonly clock: ServerClock,
    private readonly onDue: (loopId: string, round: number) => unknown,
  ) {}

  /** Sets (or clears) the timer of a loop from its current state. */
  schedule(state: LoopState): void {
    const round = state.rounds[state.current];
    const deadline = state.status === 'in-progress' && round ? nextDeadline(round.clock) : null;
    const existing = this.timers.get(state.id);
    if (existing && existing.at === deadline) return;
    if (existing) this.clock.clearTimeout(existing.handle);
    this.timers.delete(state.id);
    if (deadline === null) return;
    const wait = Math.min(Math.max(0, deadline - this.clock.now()), MAX_TIMER_MS);
    // The timer keeps only the ids, not the state: that would hold an old copy per loop.
    const { id, current } = state;
    const handle = this.clock.setTimeout(() => {
      this.timers.delete(id);
      return this.onDue(id, current);
    }, wait);
    this.timers.set(id, { at: deadline, handle });
  }

  clear(): void {
    for (const { handle } of this.timers.values()) this.clock.clearTimeout(handle);
    this.timers.clear();
  }
}
