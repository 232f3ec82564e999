/**
 * Selector hooks over the loop the page shows: a component asks for what it reads (one
 * field, the number of rounds, the permissions) instead of being handed the whole view, and re-renders
 * only when what it selected changes. For components under the loop page, where a view is
 * always there (an imported report's review passes its view as props instead).
 */
import type { LoopView } from '@mockloop/shared/loop/project';
import { useStore, type Bound } from '@/store/store';

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
