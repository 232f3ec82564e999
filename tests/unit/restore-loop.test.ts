/**
 * Both stores load a loop the same way: the stored snapshot upgraded, then the events after
 * it replayed; a log with an event missing is refused rather than served wrong.
 */
import { describe, expect, it } from 'vitest';
import type { LoopEvent } from '../../shared/src/loop/events';
import { replay, restoreLoop } from '../../shared/src/loop/reduce';
import { as, cmd, newLoop, run, T0 } from '../helpers/domain';

function playedLoop() {
  const { state: created, log } = newLoop('solo');
  let state = run(created, cmd('round:start', { round: 0 }), as('candidate'), T0, log);
  state = run(state, cmd('timer:pause', { round: 0 }), as('candidate'), T0 + 60_000, log);
  state = run(state, cmd('timer:resume', { round: 0 }), as('candidate'), T0 + 90_000, log);
  state = run(state, cmd('round:end', { round: 0 }), as('candidate'), T0 + 120_000, log);
  return { state, log };
}

describe('restoreLoop', () => {
  it('replays the events after a snapshot to the state the log ends at', () => {
    const { state, log } = playedLoop();
    const at = 2;
    const snapshot = { version: at, state: JSON.stringify(replay(log.slice(0, at))) };
    expect(restoreLoop('loop1', snapshot, log.slice(at))).toEqual(state);
    expect(restoreLoop('loop1', snapshot, log.slice(at), state.version)).toEqual(state);
  });

  it('serves a snapshot with nothing after it as it is', () => {
    const { state } = playedLoop();
    const snapshot = { version: state.version, state: JSON.stringify(state) };
    expect(restoreLoop('loop1', snapshot, [])).toEqual(state);
  });

  it('upgrades a snapshot written before newer fields existed', () => {
    const { state, log } = playedLoop();
    const old = JSON.parse(JSON.stringify(replay(log.slice(0, 2)))) as Record<string, unknown>;
    delete old.targetLevel;
    delete old.recording;
    for (const round of old.rounds as Record<string, unknown>[]) {
      delete round.stars;
      delete round.signalsTicked;
      delete round.lastRun;
      delete round.lp;
    }
    const restored = restoreLoop('loop1', { version: 2, state: JSON.stringify(old) }, log.slice(2));
    expect(restored).toEqual(state);
  });

  it('refuses a log with an event missing', () => {
    const { log } = playedLoop();
    const snapshot = { version: 1, state: JSON.stringify(replay(log.slice(0, 1))) };
    const gap: LoopEvent[] = [...log.slice(1, 2), ...log.slice(3)];
    expect(() => restoreLoop('loop1', snapshot, gap, log.length)).toThrow(
      /loop loop1: log ends at \d+, replayed to \d+/,
    );
  });
});
