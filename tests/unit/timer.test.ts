import { describe, expect, it } from 'vitest';
import {
  expiredSteps,
  extendClock,
  formatDuration,
  MINUTE_MS,
  nextPhase,
  pauseClock,
  phaseRemainingMs,
  planPhases,
  resumeClock,
  roundRemainingMs,
  startClock,
  type PlannedPhase,
} from '../../shared/src/timer';

const phases: PlannedPhase[] = [
  { id: 'clarify', title: 'Clarify', minutes: 5 },
  { id: 'build', title: 'Build', minutes: 30 },
  { id: 'wrap', title: 'Wrap up', minutes: 10 },
];
const t0 = 1_000_000;

describe('planPhases', () => {
  it('keeps the defined minutes when the total is unchanged', () => {
    expect(planPhases(phases, 45).map((p) => p.minutes)).toEqual([5, 30, 10]);
  });

  it('scales phases to a new total that adds up exactly', () => {
    for (const total of [5, 20, 31, 60, 90, 120]) {
      const planned = planPhases(phases, total);
      expect(planned.reduce((s, p) => s + p.minutes, 0)).toBe(Math.max(total, phases.length));
      expect(planned.every((p) => p.minutes >= 1)).toBe(true);
    }
    expect(planPhases(phases, 90).map((p) => p.minutes)).toEqual([10, 60, 20]);
  });

  it('gives every phase at least a minute even when squeezed', () => {
    expect(planPhases(phases, 3).map((p) => p.minutes)).toEqual([1, 1, 1]);
  });
});

describe('clock', () => {
  it('starts the first phase with its deadline', () => {
    expect(startClock(phases, t0)).toEqual({
      kind: 'running',
      phase: 0,
      phaseEndsAt: t0 + 5 * MINUTE_MS,
    });
  });

  it('pause keeps the remaining time and resume sets a new deadline from it', () => {
    const running = startClock(phases, t0);
    const paused = pauseClock(running, t0 + 2 * MINUTE_MS);
    expect(paused).toEqual({ kind: 'paused', phase: 0, remainingMs: 3 * MINUTE_MS });
    expect(phaseRemainingMs(paused, t0 + 50 * MINUTE_MS)).toBe(3 * MINUTE_MS);
    const resumed = resumeClock(paused, t0 + 10 * MINUTE_MS);
    expect(resumed).toEqual({ kind: 'running', phase: 0, phaseEndsAt: t0 + 13 * MINUTE_MS });
  });

  it('extends running and paused phases alike', () => {
    const running = startClock(phases, t0);
    expect(phaseRemainingMs(extendClock(running, 5 * MINUTE_MS), t0)).toBe(10 * MINUTE_MS);
    expect(phaseRemainingMs(extendClock(pauseClock(running, t0), MINUTE_MS), t0)).toBe(
      6 * MINUTE_MS,
    );
  });

  it('counts the rest of the round across later phases', () => {
    const running = startClock(phases, t0);
    expect(roundRemainingMs(running, phases, t0 + MINUTE_MS)).toBe(44 * MINUTE_MS);
    expect(roundRemainingMs({ kind: 'not-started' }, phases, t0)).toBe(45 * MINUTE_MS);
  });

  it('skipping starts the next phase now, and finishes after the last', () => {
    const running = startClock(phases, t0);
    expect(nextPhase(running, phases, t0 + MINUTE_MS)).toEqual({
      kind: 'running',
      phase: 1,
      phaseEndsAt: t0 + 31 * MINUTE_MS,
    });
    expect(nextPhase({ kind: 'running', phase: 2, phaseEndsAt: t0 }, phases, t0)).toEqual({
      kind: 'finished',
    });
  });

  it('expiry chains phases from each deadline, so a late timer never shortens a phase', () => {
    const running = startClock(phases, t0);
    expect(expiredSteps(running, phases, t0 + 5 * MINUTE_MS - 1)).toEqual([]);
    const late = expiredSteps(running, phases, t0 + 36 * MINUTE_MS);
    expect(late).toEqual([
      { kind: 'running', phase: 1, phaseEndsAt: t0 + 35 * MINUTE_MS },
      { kind: 'running', phase: 2, phaseEndsAt: t0 + 45 * MINUTE_MS },
    ]);
    expect(expiredSteps(running, phases, t0 + 46 * MINUTE_MS).at(-1)).toEqual({ kind: 'finished' });
  });

  it('formats durations rounded up to the second', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(59_001)).toBe('1:00');
    expect(formatDuration(5 * MINUTE_MS)).toBe('5:00');
    expect(formatDuration(75 * MINUTE_MS)).toBe('1:15:00');
  });
});
