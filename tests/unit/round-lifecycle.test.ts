/**
 * A round's status and its clock are one value: they cannot disagree, by type and through
 * every event a loop goes through.
 */
import { describe, expect, it } from 'vitest';
import { decide } from '../../shared/src/loop/decide';
import { reduce } from '../../shared/src/loop/reduce';
import { lifecycleOf, type LoopRound, type LoopState } from '../../shared/src/loop/state';
import { content } from '../helpers/content';
import { as, cmd, newLoop, run, T0 } from '../helpers/domain';

/** The clock kinds each status allows. */
const ALLOWED: Record<LoopRound['status'], readonly string[]> = {
  pending: ['not-started'],
  'in-progress': ['running', 'paused'],
  scoring: ['finished'],
  done: ['finished'],
};
const disagreements = (state: LoopState) =>
  state.rounds
    .filter((round) => !ALLOWED[round.status].includes(round.clock.kind))
    .map((round) => `${round.roundId}: ${round.status} with a ${round.clock.kind} clock`);

describe("a round's lifecycle", () => {
  it('is derived from the clock while a round runs', () => {
    expect(lifecycleOf({ kind: 'not-started' }).status).toBe('pending');
    expect(lifecycleOf({ kind: 'running', phase: 0, phaseEndsAt: T0 }).status).toBe('in-progress');
    expect(lifecycleOf({ kind: 'paused', phase: 1, remainingMs: 5 }).status).toBe('in-progress');
    expect(lifecycleOf({ kind: 'finished' }).status).toBe('scoring');
  });

  it('agrees with the clock after every event of a loop, phases running out included', () => {
    const { state: created } = newLoop('solo', [
      { id: 'screen', minutes: 20 },
      { id: 'coding', minutes: 45 },
    ]);
    let state = created;
    const steps: [string, () => LoopState][] = [
      ['start', () => run(state, cmd('round:start', { round: 0 }), as('candidate'), T0)],
      ['pause', () => run(state, cmd('timer:pause', { round: 0 }), as('candidate'), T0 + 60e3)],
      ['resume', () => run(state, cmd('timer:resume', { round: 0 }), as('candidate'), T0 + 9e4)],
      [
        'extend',
        () => run(state, cmd('timer:extend', { round: 0, minutes: 2 }), as('candidate'), T0 + 1e5),
      ],
      ['next phase', () => run(state, cmd('phase:next', { round: 0 }), as('candidate'), T0 + 2e5)],
      [
        'time runs out',
        () => {
          const decision = decide(
            state,
            { type: 'phase:expire', round: 0 },
            { kind: 'system' },
            T0 + 3 * 3600e3,
            content,
          );
          if (!decision.ok) throw new Error(decision.error.message);
          return decision.events.reduce(reduce, state);
        },
      ],
      [
        'next round',
        () => run(state, cmd('round:next', { round: 0 }), as('candidate'), T0 + 4 * 3600e3),
      ],
      [
        'start again',
        () => run(state, cmd('round:start', { round: 1 }), as('candidate'), T0 + 5 * 3600e3),
      ],
      [
        'end early',
        () => run(state, cmd('round:end', { round: 1 }), as('candidate'), T0 + 5.1 * 3600e3),
      ],
      ['end the loop', () => run(state, cmd('loop:end', {}), as('candidate'), T0 + 5.2 * 3600e3)],
    ];
    const seen = new Set<string>();
    for (const [name, step] of steps) {
      state = step();
      expect(disagreements(state), `after ${name}`).toEqual([]);
      for (const round of state.rounds) seen.add(round.status);
    }
    expect([...seen].sort()).toEqual(['done', 'in-progress', 'pending', 'scoring']);
  });
});

/** Type-level checks, run by `npm run typecheck`; never called. */
export function lifecycleTypes(round: LoopRound): LoopRound[] {
  return [
    // @ts-expect-error: a pending round cannot have a running clock
    { ...round, status: 'pending', clock: { kind: 'running', phase: 0, phaseEndsAt: 0 } },
    // @ts-expect-error: a round being scored cannot have a paused clock
    { ...round, status: 'scoring', clock: { kind: 'paused', phase: 0, remainingMs: 0 } },
    { ...round, status: 'done', clock: { kind: 'finished' } },
  ];
}
