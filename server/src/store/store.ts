/** The persistence boundary of the loop service. */
import type { LoopEvent } from '@mockloop/shared/loop/events';
import type { LoopState, Role } from '@mockloop/shared/loop/state';

export interface StoredLoop {
  state: LoopState;
}

/**
 * What the shared workspaces keep beside the event log: the Yjs updates of each coding
 * round's document, and each whiteboard's elements. Writes are durable before acked.
 */
export interface WorkspaceStore {
  /** The stored Yjs updates of one code document, oldest first. */
  codeUpdates(loopId: string, docKey: string): Uint8Array[];
  appendCodeUpdate(loopId: string, docKey: string, update: Uint8Array): void;
  /** Replaces a document's updates with one update holding the same state. */
  compactCode(loopId: string, docKey: string, merged: Uint8Array): void;
  /** A round's whiteboard elements, each as stored JSON. */
  boardElements(loopId: string, round: number): string[];
  /** The stored JSON of the given elements of a round's whiteboard, where they exist. */
  boardElementsById(loopId: string, round: number, ids: readonly string[]): string[];
  /** How many elements a round's whiteboard holds. */
  boardSize(loopId: string, round: number): number;
  /** Inserts or replaces elements by id. */
  putBoardElements(loopId: string, round: number, elements: { id: string; json: string }[]): void;
}

export interface LoopStore {
  workspaces: WorkspaceStore;
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
  /**
   * Runs `done` once everything written so far is durable: at once when nothing is
   * pending, else after the commit that takes it. Writes made in one turn of the event
   * loop share one commit (group commit); nothing may be acknowledged before it.
   */
  afterCommit(done: () => void): void;
  /** Commits what is pending and closes the store. */
  close(): void;
}
