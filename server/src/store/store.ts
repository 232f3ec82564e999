/** The persistence boundary of the loop service. */
import type { LoopEvent } from '@mockloop/shared/loop/events';
import type { LoopState, Role } from '@mockloop/shared/loop/state';

export interface StoredLoop {
  state: LoopState;
}

export interface LoopStore {
  /** Persists a new loop: its first event, its state and its hashed tokens. */
  createLoop(state: LoopState, created: LoopEvent, tokens: { role: Role; hash: string }[]): void;
  /**
   * Appends the events of one command atomically. Throws when `before.version` is no
   * longer the stored version (someone else wrote first).
   */
  append(before: LoopState, after: LoopState, events: LoopEvent[], commandId: string | null): void;
  load(loopId: string): StoredLoop | null;
  /** The whole event log of a loop, oldest first. */
  events(loopId: string): LoopEvent[];
  /** The loop version a command produced, if that command id was applied before. */
  commandVersion(loopId: string, commandId: string): number | null;
  /** The hashed tokens of a loop, one per role. */
  tokenHashes(loopId: string): { role: Role; hash: string }[];
  /** Gives a role a new token; the old one stops working. */
  replaceToken(loopId: string, role: Role, hash: string): void;
  /** Loops that have not ended, to reschedule their clocks after a restart. */
  activeLoopIds(): string[];
  close(): void;
}
