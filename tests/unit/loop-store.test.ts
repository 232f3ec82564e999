/**
 * The client's store of the loop: a newer view keeps the identity of every part it did not
 * change, so a component that selected a round or the loop's facts re-renders only when
 * what it selected changed; an older view arriving late is ignored.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { project } from '../../shared/src/loop/project';
import { useStore } from '../../client/src/store/store';
import { content } from '../helpers/content';
import { as, cmd, newLoop, run, T0 } from '../helpers/domain';

function views() {
  const { state } = newLoop('paired');
  const started = run(state, cmd('round:start', { round: 0 }), as('interviewer'), T0);
  const hinted = run(
    started,
    cmd('hint:reveal', { round: 0, index: 0 }),
    as('interviewer'),
    T0 + 5_000,
  );
  return {
    before: project(started, 'interviewer', T0 + 1_000, content),
    after: project(hinted, 'interviewer', T0 + 6_000, content),
  };
}

describe('the loop in the client store', () => {
  beforeEach(() => useStore.getState().clearView());

  it('keeps what a newer view did not change and renews what it did', () => {
    const { before, after } = views();
    const { receiveView } = useStore.getState();
    receiveView(before);
    const held = useStore.getState().view!;
    receiveView(after);
    const next = useStore.getState().view!;
    expect(next).toEqual(after);
    expect(next.permissions).toBe(held.permissions);
    expect(next.rounds[1]).toBe(held.rounds[1]);
    expect(next.rounds[0]).not.toBe(held.rounds[0]);
    expect(next.rounds[0]!.phases).toBe(held.rounds[0]!.phases);
  });

  it('ignores an older view that arrives late, and takes another loop whole', () => {
    const { before, after } = views();
    const { receiveView } = useStore.getState();
    receiveView(after);
    receiveView(before);
    expect(useStore.getState().view).toEqual(after);
    const other = { ...before, id: 'another-loop' };
    receiveView(other);
    expect(useStore.getState().view).toBe(other);
  });
});
