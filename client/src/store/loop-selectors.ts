/**
 * Selector hooks over the loop the page shows: a component asks for what it reads (one
 * field, a round, the loop's facts, the permissions) instead of being handed the whole
 * view, and re-renders only when what it selected changes (the store keeps the identity of
 * whatever a new view did not change). For components under the loop page, where a view
 * is always there.
 */
import { useShallow } from 'zustand/react/shallow';
import type { LoopView, RoundView } from '@mockloop/shared/loop/project';
import { useStore, type Bound } from '@/store/store';
import { roundOpenForWork } from '@mockloop/shared/docs';

/** What the round's components read of the loop besides its rounds. */
export type LoopFacts = Pick<
  LoopView,
  'id' | 'mode' | 'role' | 'status' | 'current' | 'targetLevel' | 'permissions'
>;

const viewOf = (state: Bound): LoopView => {
  if (!state.view) throw new Error('a loop selector was used outside the loop page');
  return state.view;
};

/** One field of the loop's view (a string or number re-renders only when it changes). */
export function useLoopField<K extends keyof LoopView>(key: K): LoopView[K] {
  return useStore((state) => viewOf(state)[key]);
}

/** How many rounds the loop has. */
export function useRoundCount(): number {
  return useStore((state) => viewOf(state).rounds.length);
}

/** What this role may do in this loop. */
export function usePermissions(): LoopView['permissions'] {
  return useStore((state) => viewOf(state).permissions);
}

/** One round of the loop, by index. */
export function useRound(index: number): RoundView {
  return useStore((state) => {
    const round = viewOf(state).rounds[index];
    if (!round) throw new Error(`the loop has no round ${index}`);
    return round;
  });
}

/** The loop's facts (`LoopFacts`): re-renders when one of them changes, not with a round. */
export function useLoopFacts(): LoopFacts {
  return useStore(
    useShallow((state) => {
      const { id, mode, role, status, current, targetLevel, permissions } = viewOf(state);
      return { id, mode, role, status, current, targetLevel, permissions };
    }),
  );
}

/**
 * Whether round `index`'s work may change now: the loop runs, the round is the current
 * one and not over (the server holds every edit to the same rule, `roundOpenForWork`).
 */
export function useRoundOpenForWork(index: number): boolean {
  return useStore((state) => {
    const view = viewOf(state);
    const round = view.rounds[index];
    return (
      view.status === 'in-progress' &&
      view.current === index &&
      round !== undefined &&
      roundOpenForWork(round.status)
    );
  });
}
