/**
 * The call this tab is in, for what else needs its audio (the recorder records what this
 * person hears). The call panel registers its call; nothing here starts or ends one.
 */
import type { Call } from './call';

let current: Call | null = null;
const listeners = new Set<() => void>();
let unsubscribe: (() => void) | null = null;

/** Registers the tab's call (null when it goes); listeners hear of it and of its changes. */
export function setActiveCall(call: Call | null): void {
  unsubscribe?.();
  unsubscribe = null;
  current = call;
  if (call) unsubscribe = call.subscribe(() => listeners.forEach((listener) => listener()));
  listeners.forEach((listener) => listener());
}

/** The audio of everyone this tab hears in the call now. */
export const activeCallStreams = (): MediaStream[] =>
  current?.view().peers.map((peer) => peer.stream) ?? [];

/** Calls `listener` whenever the call starts, ends or changes; returns the unsubscribe. */
export function subscribeToCall(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
