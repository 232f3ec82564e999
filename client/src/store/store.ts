/** The one client store, built from typed slices. Components select single fields. */
import { create, type StateCreator } from 'zustand';
import type { LoopView } from '@mockloop/shared/loop/project';
import type { Presence } from '@mockloop/shared/protocol';
import { shareUnchanged } from '@mockloop/shared/share-unchanged';
import type { RoundsResponse } from '@/lib/api';

export type ConnectionStatus = 'connecting' | 'online' | 'offline' | 'failed';

interface ConnectionSlice {
  connection: ConnectionStatus;
  /** Which roles of the loop have someone connected. */
  presence: Presence | null;
  setPresence(presence: Presence): void;
  connectionError: string | null;
  /** Server clock minus local clock, in ms. */
  offsetMs: number;
  setConnection(status: ConnectionStatus, error?: string | null): void;
  setOffset(offsetMs: number): void;
}

interface LoopSlice {
  view: LoopView | null;
  /**
   * Keeps the newest view: an older version arriving late is ignored, and the parts of a
   * newer one equal to the view held keep their identity.
   */
  receiveView(view: LoopView): void;
  clearView(): void;
}

interface ContentSlice {
  content: RoundsResponse | null;
  setContent(content: RoundsResponse): void;
}

interface UiSlice {
  muted: boolean;
  toggleMuted(): void;
  announcement: string;
  announce(text: string): void;
}

export type Bound = ConnectionSlice & LoopSlice & ContentSlice & UiSlice;

const connectionSlice: StateCreator<Bound, [], [], ConnectionSlice> = (set) => ({
  connection: 'connecting',
  presence: null,
  setPresence: (presence) => set({ presence }),
  connectionError: null,
  offsetMs: 0,
  setConnection: (connection, connectionError = null) => set({ connection, connectionError }),
  setOffset: (offsetMs) => set({ offsetMs }),
});

const loopSlice: StateCreator<Bound, [], [], LoopSlice> = (set) => ({
  view: null,
  receiveView: (view) =>
    set((state) => {
      if (!state.view || state.view.id !== view.id) return { view };
      if (state.view.version > view.version) return {};
      // What did not change keeps its identity, so a selector re-renders only on a change.
      return { view: shareUnchanged(state.view, view) };
    }),
  clearView: () => set({ view: null, presence: null }),
});

const contentSlice: StateCreator<Bound, [], [], ContentSlice> = (set) => ({
  content: null,
  setContent: (content) => set({ content }),
});

const MUTED_KEY = 'mockloop.muted';
const uiSlice: StateCreator<Bound, [], [], UiSlice> = (set) => ({
  muted: typeof localStorage !== 'undefined' && localStorage.getItem(MUTED_KEY) === '1',
  toggleMuted: () =>
    set((state) => {
      localStorage.setItem(MUTED_KEY, state.muted ? '0' : '1');
      return { muted: !state.muted };
    }),
  announcement: '',
  announce: (announcement) => set({ announcement }),
});

export const useStore = create<Bound>()((...a) => ({
  ...connectionSlice(...a),
  ...loopSlice(...a),
  ...contentSlice(...a),
  ...uiSlice(...a),
}));
