/**
 * A React hook onto one shared document: loads the sync module (and Yjs) on first use,
 * opens the document while the component shows it, and re-renders on every change to its
 * texts and on its save state.
 */
import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { docKey, type DocRef } from '@mockloop/shared/docs';
import type { SharedDoc, SharedDocState } from '@/lib/doc-sync';

const LOADING: SharedDocState = { status: 'loading', error: '', saved: true };
const NO_TEXTS: Record<string, string> = {};
const nothing = () => () => {};

let module: Promise<typeof import('@/lib/doc-sync')> | null = null;
const loadModule = () => (module ??= import('@/lib/doc-sync'));

export interface UseSharedDoc {
  /** The document once its module has loaded; null before, or when `ref` is null. */
  shared: SharedDoc | null;
  state: SharedDocState;
  /** Its texts by name, once loaded from the server; empty before. */
  texts: Record<string, string>;
}

/** The document `ref` names, or nothing while `ref` is null (nothing to show). */
export function useSharedDoc(ref: DocRef | null): UseSharedDoc {
  const key = ref && docKey(ref);
  const [shared, setShared] = useState<SharedDoc | null>(null);

  useEffect(() => {
    if (!ref) return setShared(null);
    let open: SharedDoc | null = null;
    let cancelled = false;
    void loadModule().then(({ SharedDoc }) => {
      if (cancelled) return;
      open = new SharedDoc(ref);
      setShared(open);
    });
    return () => {
      cancelled = true;
      open?.destroy();
      setShared(null);
    };
    // The key says everything about `ref`.
  }, [key]);

  const subscribe = useCallback(
    (listener: () => void) => (shared ? shared.onStatus(listener) : nothing()),
    [shared],
  );
  const state = useSyncExternalStore(subscribe, () => shared?.state ?? LOADING);
  const texts = useTexts(shared, state.status !== 'loading');
  return { shared, state, texts };
}

/** The document's texts, re-read after every change. */
function useTexts(shared: SharedDoc | null, loaded: boolean): Record<string, string> {
  const [texts, setTexts] = useState(NO_TEXTS);
  useEffect(() => {
    if (!shared || !loaded) return setTexts(NO_TEXTS);
    setTexts(shared.texts());
    return shared.onChange(() => setTexts(shared.texts()));
  }, [shared, loaded]);
  return texts;
}

/** What a document's save state reads as next to its editor. */
export function saveLabel(state: SharedDocState): string {
  if (state.status === 'loading') return 'Loading…';
  if (state.status === 'error') return 'Not saved';
  return state.saved ? 'Saved' : 'Saving…';
}
