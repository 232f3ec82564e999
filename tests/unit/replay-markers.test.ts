import { describe, expect, it } from 'vitest';
import type { LoopEvent } from '../../shared/src/loop/events';
import { replayTimeline } from '../../shared/src/replay/markers';
import { MINUTE_MS } from '../../shared/src/timer';
import { content } from '../helpers/content';
import { as, cmd, newLoop, run, T0 } from '../helpers/domain';

/** A solo screen round driven by commands at given minutes after T0: the whole event log. */
function logOf(steps: [number, Parameters<typeof run>[1]][]) {
  const { state: initial, log } = newLoop('solo', [{ id: 'screen' }, { id: 'behavioral' }]);
  const events = [...log];
  let state = initial;
  for (const [minute, command] of steps)
    state = run(state, command, as('candidate'), T0 + minute * MINUTE_MS, events);
  return { events, state };
}

describe('replay markers', () => {
  it('places every lifecycle moment of a round on its timeline, in words', () => {
    const round = { round: 0 };
    const { events, state } = logOf([
      [0, cmd('round:start', round)],
      [2, cmd('hint:reveal', { ...round, index: 0 })],
      [3, cmd('timer:pause', round)],
      [4, cmd('timer:resume', round)],
      [5, cmd('timer:extend', { ...round, minutes: 5 })],
      [6, cmd('phase:next', round)],
      [9, cmd('round:end', round)],
    ]);
    const phases = state.rounds[0]!.phases.map((p) =>
      content.round('screen')!.phases.find((d) => d.id === p.id)!,
    );
    const timeline = replayTimeline(events, 0, phases);
    expect(timeline.startedAt).toBe(T0);
    expect(timeline.endedAt).toBe(T0 + 9 * MINUTE_MS);
    expect(timeline.markers.map((m) => [m.kind, m.offsetMs / MINUTE_MS, m.label])).toEqual([
      ['start', 0, `Started · Phase 1: ${phases[0]!.title}`],
      ['hint', 2, 'Hint 1 revealed'],
      ['pause', 3, 'Paused'],
      ['resume', 4, 'Resumed'],
      ['extend', 5, '+5 min'],
      ['phase', 6, `Phase 2: ${phases[1]!.title}`],
      ['end', 9, 'Ended early'],
    ]);
    // Another round's timeline holds none of it; a round not started has none at all.
    expect(replayTimeline(events, 1, phases)).toEqual({
      startedAt: null,
      endedAt: null,
      markers: [],
    });
  });

  it('marks test runs with their outcome and the opening story question apart', () => {
    const at = (minute: number) => T0 + minute * MINUTE_MS;
    const ran = (minute: number, outcome: 'passed' | 'failed', message: string): LoopEvent => ({
      type: 'code.ran',
      at: at(minute),
      round: 0,
      run: { at: at(minute), language: 'python', outcome, message, durationMs: 40, cases: [] },
    });
    const events: LoopEvent[] = [
      { type: 'lp-hint.revealed', at: at(0.5), round: 0, index: 0 },
      {
        type: 'round.started',
        at: at(1),
        round: 0,
        clock: { kind: 'running', phase: 0, phaseEndsAt: at(11) },
      },
      { type: 'lp-followup.pushed', at: at(2), round: 0, index: 1 },
      ran(20, 'failed', '3 of 6 cases passed'),
      ran(30, 'passed', '6 of 6 cases passed'),
      { type: 'round.ended', at: at(46), round: 0, reason: 'time-up' },
    ];
    const { markers } = replayTimeline(events, 0, [{ title: 'Leadership Principles' }]);
    expect(markers.map((m) => [m.kind, m.offsetMs / MINUTE_MS, m.label, m.outcome])).toEqual([
      ['start', 0, 'Started · Phase 1: Leadership Principles', undefined],
      ['follow-up', 1, 'Opening story: follow-up 2 pushed', undefined],
      ['run', 19, 'Tests: 3 of 6 cases passed', 'failed'],
      ['run', 29, 'Tests: 6 of 6 cases passed', 'passed'],
      ['end', 45, 'Time up', undefined],
    ]);
  });
});
