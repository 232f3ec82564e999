/**
 * Timer math. The server owns the clock: a running phase stores the wall-clock
 * instant it ends (`phaseEndsAt`, epoch ms); a paused phase stores what was left.
 * All functions are pure: `now` is always passed in.
 */

export const MINUTE_MS = 60_000;

/** A phase of a round as planned for one loop (minutes may differ from the definition). */
export interface PlannedPhase {
  id: string;
  title: string;
  minutes: number;
}

/** The state of one round's clock. */
export type Clock =
  | { kind: 'not-started' }
  | { kind: 'running'; phase: number; phaseEndsAt: number }
  | { kind: 'paused'; phase: number; remainingMs: number }
  | { kind: 'finished' };

/**
 * Scales a round's phases to a new total length. Every phase keeps at least one
 * minute; rounding uses largest remainders so the minutes add up exactly.
 */
export function planPhases(phases: readonly PlannedPhase[], totalMinutes: number): PlannedPhase[] {
  const defined = phases.reduce((sum, p) => sum + p.minutes, 0);
  if (totalMinutes === defined) return phases.map((p) => ({ ...p }));
  const total = Math.max(totalMinutes, phases.length);
  const raw = phases.map((p) => (p.minutes / defined) * total);
  const floors = raw.map((r) => Math.max(1, Math.floor(r)));
  let left = total - floors.reduce((a, b) => a + b, 0);
  const byRemainder = raw
    .map((r, i) => ({ i, rem: r - Math.floor(r) }))
    .sort((a, b) => b.rem - a.rem || a.i - b.i);
  for (let k = 0; left > 0; k = (k + 1) % byRemainder.length, left--) {
    floors[byRemainder[k]!.i]! += 1;
  }
  for (let i = floors.length - 1; left < 0 && i >= 0; i--) {
    while (left < 0 && floors[i]! > 1) {
      floors[i]! -= 1;
      left++;
    }
  }
  return phases.map((p, i) => ({ ...p, minutes: floors[i]! }));
}

/** Starts the first phase at `now`. */
export function startClock(phases: readonly PlannedPhase[], now: number): Clock {
  return { kind: 'running', phase: 0, phaseEndsAt: now + phases[0]!.minutes * MINUTE_MS };
}

/** Milliseconds left in the current phase (0 when not running or paused). */
export function phaseRemainingMs(clock: Clock, now: number): number {
  switch (clock.kind) {
    case 'running':
      return Math.max(0, clock.phaseEndsAt - now);
    case 'paused':
      return clock.remainingMs;
    case 'not-started':
    case 'finished':
      return 0;
  }
}

/** Milliseconds left in the whole round: this phase plus every later phase. */
export function roundRemainingMs(
  clock: Clock,
  phases: readonly PlannedPhase[],
  now: number,
): number {
  if (clock.kind === 'not-started') return phases.reduce((s, p) => s + p.minutes * MINUTE_MS, 0);
  if (clock.kind === 'finished') return 0;
  const later = phases.slice(clock.phase + 1).reduce((s, p) => s + p.minutes * MINUTE_MS, 0);
  return phaseRemainingMs(clock, now) + later;
}

export function pauseClock(clock: Clock, now: number): Clock {
  if (clock.kind !== 'running') return clock;
  return { kind: 'paused', phase: clock.phase, remainingMs: Math.max(0, clock.phaseEndsAt - now) };
}

export function resumeClock(clock: Clock, now: number): Clock {
  if (clock.kind !== 'paused') return clock;
  return { kind: 'running', phase: clock.phase, phaseEndsAt: now + clock.remainingMs };
}

/** Adds time to the current phase, running or paused. */
export function extendClock(clock: Clock, ms: number): Clock {
  switch (clock.kind) {
    case 'running':
      return { ...clock, phaseEndsAt: clock.phaseEndsAt + ms };
    case 'paused':
      return { ...clock, remainingMs: clock.remainingMs + ms };
    case 'not-started':
    case 'finished':
      return clock;
  }
}

/**
 * Moves to the next phase, which starts at `startAt` (now for a skip, the previous
 * phase's end for an expiry, so a late timer never shortens the next phase).
 * Returns `finished` after the last phase. A paused clock stays paused.
 */
export function nextPhase(clock: Clock, phases: readonly PlannedPhase[], startAt: number): Clock {
  if (clock.kind !== 'running' && clock.kind !== 'paused') return clock;
  const phase = clock.phase + 1;
  const next = phases[phase];
  if (!next) return { kind: 'finished' };
  const ms = next.minutes * MINUTE_MS;
  return clock.kind === 'running'
    ? { kind: 'running', phase, phaseEndsAt: startAt + ms }
    : { kind: 'paused', phase, remainingMs: ms };
}

/**
 * The clocks a running round passes through up to `now`: one entry per phase that
 * has ended, each starting where the previous ended. Empty when nothing is due.
 */
export function expiredSteps(clock: Clock, phases: readonly PlannedPhase[], now: number): Clock[] {
  const steps: Clock[] = [];
  let current = clock;
  while (current.kind === 'running' && current.phaseEndsAt <= now) {
    current = nextPhase(current, phases, current.phaseEndsAt);
    steps.push(current);
  }
  return steps;
}

/** The next instant the server must act on this clock, or null. */
export function nextDeadline(clock: Clock): number | null {
  return clock.kind === 'running' ? clock.phaseEndsAt : null;
}

/** `mm:ss` (or `h:mm:ss`) for a duration, rounded up to the whole second. */
export function formatDuration(ms: number): string {
  const total = Math.ceil(Math.max(0, ms) / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mmss = `${String(m).padStart(h ? 2 : 1, '0')}:${String(s).padStart(2, '0')}`;
  return h ? `${h}:${mmss}` : mmss;
}
