import { useEffect, useRef, useState } from 'react';
import type { Ack } from '@mockloop/shared/errors';

export type SaveState = 'saved' | 'saving' | 'unsaved' | 'error';

export const SAVE_LABEL: Record<SaveState, string> = {
  saved: 'Saved',
  saving: 'Saving…',
  unsaved: 'Not saved yet',
  error: 'Not saved',
};

/** How many of the values sent last are remembered, to recognise their echoes. */
const ECHOES_KEPT = 20;

/**
 * Sends the latest value at most every `everyMs` while it changes, so a partner watches
 * it appear; `dirty` tells the caller to keep its local value over the server's, and
 * `isEcho` whether a value from the server is one this editor sent itself: an older one
 * may still be in the store for a moment after a newer one was acknowledged, and taking it
 * would drop what was typed since.
 */
export function useThrottledSave<T>(send: (value: T) => Promise<Ack<unknown>>, everyMs: number) {
  const [state, setState] = useState<SaveState>('saved');
  /** Why the newest save was refused, as the server said it. */
  const [problem, setProblem] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const latest = useRef<T | undefined>(undefined);
  const sent = useRef<string[]>([]);
  const sendRef = useRef(send);
  sendRef.current = send;

  useEffect(() => () => clearTimeout(timer.current), []);

  const flush = async () => {
    timer.current = undefined;
    const value = latest.current as T;
    sent.current = [JSON.stringify(value), ...sent.current].slice(0, ECHOES_KEPT);
    setState('saving');
    const ack = await sendRef.current(value);
    // Only the newest value decides the status; older acks may arrive after newer edits.
    if (latest.current === value) {
      setState(ack.ok ? 'saved' : 'error');
      setProblem(ack.ok ? null : `${ack.error.message}. It is tried again when you type.`);
    }
  };

  const save = (value: T) => {
    latest.current = value;
    setState('unsaved');
    timer.current ??= setTimeout(() => void flush(), everyMs);
  };

  const isEcho = (value: T) => sent.current.includes(JSON.stringify(value));
  return { save, state, problem, dirty: state !== 'saved', isEcho };
}
