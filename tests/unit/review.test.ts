/**
 * What the review derives: pacing from a loop's event log, the calibration gap between
 * self and partner scores, and Leadership Principle coverage.
 */
import { describe, expect, it } from 'vitest';
import { decide } from '../../shared/src/loop/decide';
import type { LoopEvent } from '../../shared/src/loop/events';
import { reduce } from '../../shared/src/loop/reduce';
import type { LoopState, ScoreCard } from '../../shared/src/loop/state';
import { isNotableGap, meanGap, ratingGap } from '../../shared/src/review/calibration';
import { lpCoverage } from '../../shared/src/review/lp-coverage';
import { pacingFromEvents } from '../../shared/src/review/pacing';
import { MINUTE_MS } from '../../shared/src/timer';
import { content } from '../helpers/content';
import { as, cmd, newLoop, T0 } from '../helpers/domain';

/** Runs commands at given minutes after T0 and returns the whole event log. */
function logOf(steps: [number, Parameters<typeof decide>[1], 'candidate' | 'system'][]) {
  const { state: initial, log } = newLoop('solo', [{ id: 'screen', minutes: 10 }]);
  let state: LoopState = initial;
  const events: LoopEvent[] = [...log];
  for (const [minute, command, who] of steps) {
    const actor = who === 'system' ? ({ kind: 'system' } as const) : as('candidate');
    const decision = decide(state, command, actor, T0 + minute * MINUTE_MS, content);
    if (!decision.ok) throw new Error(decision.error.message);
    events.push(...decision.events);
    state = decision.events.reduce(reduce, state);
  }
  return { events, state };
}

describe('pacing from the event log', () => {
  it('counts the time in each phase, leaves out pauses, and marks phases never reached', () => {
    const { events, state } = logOf([
      [0, cmd('round:start', { round: 0 }), 'candidate'],
      [1, cmd('timer:pause', { round: 0 }), 'candidate'],
      [4, cmd('timer:resume', { round: 0 }), 'candidate'],
      [5, cmd('phase:next', { round: 0 }), 'candidate'],
      [6.5, cmd('round:end', { round: 0 }), 'candidate'],
    ]);
    const [round] = pacingFromEvents(events);
    const planned = state.rounds[0]!.phases;
    expect(round!.phases.map((p) => p.plannedMs)).toEqual(
      planned.map((p) => p.minutes * MINUTE_MS),
    );
    // Phase 1: 0–1 and 4–5 (the pause does not count); phase 2: 5–6.5; the rest unreached.
    expect(round!.phases.map((p) => p.spentMs)).toEqual([
      2 * MINUTE_MS,
      1.5 * MINUTE_MS,
      ...planned.slice(2).map(() => 0),
    ]);
    expect(round!.phases.map((p) => p.reached)).toEqual(planned.map((_, i) => i < 2));
    expect(round!.pausedMs).toBe(3 * MINUTE_MS);
    expect(round!.spentMs).toBe(3.5 * MINUTE_MS);
  });

  it('follows phases the server ended by itself, at their deadlines', () => {
    const { state: initial } = logOf([]);
    const first = initial.rounds[0]!.phases[0]!.minutes;
    const { events } = logOf([
      [0, cmd('round:start', { round: 0 }), 'candidate'],
      [first + 0.5, { type: 'phase:expire', round: 0 }, 'system'],
      [first + 1, cmd('round:end', { round: 0 }), 'candidate'],
    ]);
    const [round] = pacingFromEvents(events);
    expect(round!.phases[0]!.spentMs).toBe(first * MINUTE_MS);
    expect(round!.phases[1]!.spentMs).toBe(1 * MINUTE_MS);
  });

  it('is empty for a log that does not start with the loop', () => {
    expect(pacingFromEvents([])).toEqual([]);
  });
});

describe('calibration gap', () => {
  const card = (ratings: ScoreCard['ratings']): ScoreCard => ({
    ratings,
    vote: 3,
    justification: '',
    submittedAt: 0,
  });

  it('is self minus partner, flagged from two levels, with no gap for "no signal"', () => {
    expect(ratingGap(4, 2)).toBe(2);
    expect(ratingGap(1, 3)).toBe(-2);
    expect(ratingGap('no-signal', 3)).toBeNull();
    expect(ratingGap(3, undefined)).toBeNull();
    expect([2, -2, 1, 0, null].map(isNotableGap)).toEqual([true, true, false, false, false]);
  });

  it('averages over the dimensions both rated', () => {
    const self = card({ a: 4, b: 3, c: 'no-signal' });
    const partner = card({ a: 2, b: 3, c: 2 });
    expect(meanGap(self, partner, ['a', 'b', 'c'])).toBe(1);
    expect(meanGap(self, null, ['a'])).toBeNull();
    expect(meanGap(card({ a: 'no-signal' }), partner, ['a'])).toBeNull();
  });
});

describe('Leadership Principle coverage', () => {
  it('lists every principle with the questions and STAR tags that evidenced it', () => {
    const principles = content.catalog.principles.map(({ id, name }) => ({ id, name }));
    const coverage = lpCoverage(
      [
        {
          index: 0,
          title: 'Behavioral',
          ran: true,
          questionPrinciples: ['ownership'],
          starPrinciples: ['ownership', 'dive-deep'],
        },
        {
          index: 1,
          title: 'Bar Raiser',
          ran: true,
          questionPrinciples: ['earn-trust'],
          starPrinciples: [],
        },
        // Skipped: its question was never asked, so it evidences nothing.
        {
          index: 2,
          title: 'Behavioral',
          ran: false,
          questionPrinciples: ['customer-obsession'],
          lpPrinciples: ['ownership'],
          starPrinciples: ['bias-for-action'],
        },
      ],
      principles,
    );
    expect(coverage).toHaveLength(principles.length);
    const of = (id: string) => coverage.find((c) => c.id === id)!.sources;
    expect(of('ownership')).toEqual([
      { round: 0, title: 'Behavioral', via: 'question' },
      { round: 0, title: 'Behavioral', via: 'star' },
    ]);
    expect(of('dive-deep')).toEqual([{ round: 0, title: 'Behavioral', via: 'star' }]);
    expect(of('earn-trust')).toEqual([{ round: 1, title: 'Bar Raiser', via: 'question' }]);
    expect(of('customer-obsession')).toEqual([]);
    expect(of('bias-for-action')).toEqual([]);
    expect(coverage.filter((c) => c.sources.length === 0)).toHaveLength(principles.length - 3);
  });
});
