import { useCallback, useEffect, useState } from 'react';
import { readStories, STORY_BANK_KEY, writeStories, type Story } from './story-bank';

/**
 * The story bank of this device as React state. Another tab's changes arrive through the
 * `storage` event; a change here is written at once and reports whether the browser kept it.
 */
export function useStoryBank() {
  const [stories, setStories] = useState<Story[]>(() => readStories(localStorage));

  useEffect(() => {
    const onStorage = (event: StorageEvent) => {
      if (event.key === STORY_BANK_KEY || event.key === null) setStories(readStories(localStorage));
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, []);

  /** Applies `change` to the stored bank (re-read first, so another tab's stories are kept). */
  const update = useCallback((change: (current: Story[]) => Story[]): boolean => {
    const next = change(readStories(localStorage));
    const kept = writeStories(localStorage, next);
    setStories(readStories(localStorage));
    return kept;
  }, []);

  return { stories, update };
}
