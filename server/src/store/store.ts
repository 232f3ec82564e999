/**
 * The persistence boundary of the loop service, with two implementations: SQLite, embedded
 * and the default, and PostgreSQL, which several nodes can share. Every write resolves
 * once it is durable; nothing may be acknowledged before that.
 */
import { parseDocKey } from '@mockloop/shared/docs';
import type { LoopEvent } from '@mockloop/shared/loop/events';
import type { LoopState, Role } from '@mockloop/shared/loop/state';
import type { Recording } from '@mockloop/shared/recording-api';

export interface StoredLoop {
  state: LoopState;
}

/**
 * An append lost a race: the loop's version (or the command id) was written first by
 * another command, perhaps on another node. The writer reloads the loop and decides again.
 */
export class VersionConflict extends Error {
  constructor(loopId: string) {
    super(`version conflict on loop ${loopId}`);
    this.name = 'VersionConflict';
  }
}

/**
 * What the shared workspaces keep beside the event log: the Yjs updates of each document
 * people type in (code, notes, private notes, STAR answers; `shared/src/docs.ts` names
 * them), and each whiteboard's elements.
 */
/** One stored update of a document, as its history keeps it. */
export interface DocHistoryRow {
  docKey: string;
  at: number;
  data: Uint8Array;
}

/** A document's history once its round is over: its state and its steps, compressed. */
export interface SettledDoc {
  docKey: string;
  state: Uint8Array;
  steps: Uint8Array;
}

/** The round a document key belongs to, for its history (-1 for a key of no round). */
export const historyRound = (docKey: string): number => parseDocKey(docKey)?.round ?? -1;

/** A whiteboard change as its history keeps it: the elements' stored JSON as one array. */
export const boardHistoryJson = (elements: readonly { json: string }[]): string =>
  `[${elements.map((element) => element.json).join(',')}]`;

export interface WorkspaceStore {
  /** The stored Yjs updates of one document, oldest first. */
  docUpdates(loopId: string, docKey: string): Promise<Uint8Array[]>;
  /**
   * Stores an update and, in the same write, marks its document as holding text not yet
   * saved into the loop's log (with a fresh token), unless `unsaved` is false (the seed).
   * The update is also kept, with the instant `at`, in the document's history, which is
   * never compacted: the round's replay reads it.
   */
  appendDocUpdate(
    loopId: string,
    docKey: string,
    update: Uint8Array,
    unsaved?: boolean,
    at?: number,
  ): Promise<void>;
  /** Every update of a round's documents with its instant and document key, as stored. */
  docHistory(loopId: string, round: number): Promise<DocHistoryRow[]>;
  /** A round's settled document histories (`server/src/workspaces/history.ts`). */
  settledDocs(loopId: string, round: number): Promise<SettledDoc[]>;
  /**
   * Settles a round's history in one transaction: stores what `settle` makes of the settled
   * histories and the updates stored since (by document key, replacing what was settled)
   * and lets those updates go. Updates stored meanwhile (by another node) are kept.
   */
  settleDocHistory(
    loopId: string,
    round: number,
    settle: (settled: SettledDoc[], rows: DocHistoryRow[]) => SettledDoc[],
  ): Promise<void>;
  /** Documents with updates not yet saved into the log: of one loop, or of every loop. */
  unsavedDocs(loopId?: string): Promise<{ loopId: string; docKey: string; token: string }[]>;
  /**
   * Marks a document's text saved, unless an update came after the mark `token` was read:
   * then it stays unsaved.
   */
  markDocSaved(loopId: string, docKey: string, token: string): Promise<void>;
  /**
   * Folds a document's stored updates into one with `merge`. Updates appended meanwhile
   * (by another node) are kept, so compacting never loses an edit.
   */
  compactDoc(
    loopId: string,
    docKey: string,
    merge: (updates: Uint8Array[]) => Uint8Array,
  ): Promise<void>;
  /** A round's whiteboard elements, each as stored JSON. */
  boardElements(loopId: string, round: number): Promise<string[]>;
  /** The elements of a round's whiteboard that are not deleted, each as UTF-8 JSON. */
  boardDrawing(loopId: string, round: number): Promise<Buffer[]>;
  /** For each round with a whiteboard, its elements that are not deleted and their bytes. */
  boardDrawingSizes(loopId: string): Promise<{ round: number; elements: number; bytes: number }[]>;
  /** The stored JSON of the given elements of a round's whiteboard, where they exist. */
  boardElementsById(loopId: string, round: number, ids: readonly string[]): Promise<string[]>;
  /** How many elements a round's whiteboard holds, and the characters of their JSON. */
  boardStats(loopId: string, round: number): Promise<{ elements: number; chars: number }>;
  /**
   * Inserts elements by id, or replaces a stored one that the new copy wins over
   * (higher version; on a tie, lower versionNonce). At most one copy of an id per call.
   * The elements are also kept, with the instant `at`, in the whiteboard's history.
   */
  putBoardElements(
    loopId: string,
    round: number,
    elements: { id: string; json: string }[],
    at?: number,
  ): Promise<void>;
  /** Every stored change of a round's whiteboard: its instant and its elements as a JSON array. */
  boardHistory(loopId: string, round: number): Promise<{ at: number; json: string }[]>;
}

/** Bytes `start` to `end` of a recording's audio, both included. */
export interface ByteRange {
  start: number;
  end: number;
}

/** What became of a chunk sent for a recording. */
export type ChunkAppend =
  /** Stored: the recording as it is now. */
  | { kind: 'stored'; recording: Recording }
  /** The recording's last chunk again, byte for byte: nothing stored, nothing lost. */
  | { kind: 'repeated'; recording: Recording }
  /** Not the next chunk of the recording, which is `expected`. */
  | { kind: 'out-of-order'; expected: number }
  /** The recording's last chunk again, with other bytes. */
  | { kind: 'changed' }
  /** The loop's recordings would pass their cap; `used` bytes are stored. */
  | { kind: 'full'; used: number }
  | { kind: 'not-found' };

/**
 * The audio recordings of the loops' spoken answers, apart from the event log: each
 * recording a row, its audio in chunks numbered 0, 1, 2, … in the order they were sent.
 */
export interface RecordingStore {
  createRecording(recording: Recording): Promise<void>;
  /** One recording of a loop (a recording of another loop is not found). */
  recording(loopId: string, recordingId: string): Promise<Recording | null>;
  /** A loop's recordings, oldest first. */
  recordings(loopId: string): Promise<Recording[]>;
  /**
   * Appends chunk `seq` (it must be the next), unless the loop's recordings would then hold
   * more than `capBytes`. Appends to one loop's recordings are serialised, on every node.
   */
  appendRecordingChunk(
    loopId: string,
    recordingId: string,
    seq: number,
    data: Uint8Array,
    capBytes: number,
  ): Promise<ChunkAppend>;
  /** A recording's audio, its chunks in order (or the bytes of `range`), read as it goes. */
  recordingAudio(loopId: string, recordingId: string, range?: ByteRange): AsyncIterable<Uint8Array>;
  /** Deletes a recording, its chunks and its row, for good; false when there was none. */
  deleteRecording(loopId: string, recordingId: string): Promise<boolean>;
  /** Bytes of audio a loop's recordings hold. */
  recordingBytes(loopId: string): Promise<number>;
}

export interface LoopStore {
  /** Which implementation this is, for logs and the health check. */
  readonly kind: 'sqlite' | 'postgres';
  workspaces: WorkspaceStore;
  recordings: RecordingStore;
  /** Persists a new loop: its first event, its state and its hashed tokens. */
  createLoop(
    state: LoopState,
    created: LoopEvent,
    tokens: { role: Role; hash: string }[],
  ): Promise<void>;
  /**
   * Appends the events of one command atomically. Rejects with `VersionConflict` when
   * `before.version` is no longer the stored version or the command id was used.
   */
  append(
    before: LoopState,
    after: LoopState,
    events: LoopEvent[],
    commandId: string | null,
  ): Promise<void>;
  load(loopId: string): Promise<StoredLoop | null>;
  /** The events of a loop after `version`, oldest first (0: the whole log). */
  eventsSince(loopId: string, version: number): Promise<LoopEvent[]>;
  /** The events of a loop of the given types only, oldest first. */
  eventsOfTypes(loopId: string, types: readonly string[]): Promise<LoopEvent[]>;
  /** The loop version a command produced, if that command id was applied before. */
  commandVersion(loopId: string, commandId: string): Promise<number | null>;
  /** The hashed tokens of a loop, one per role. */
  tokenHashes(loopId: string): Promise<{ role: Role; hash: string }[]>;
  /** Gives a role a new token; the old one stops working. */
  replaceToken(loopId: string, role: Role, hash: string): Promise<void>;
  /**
   * Bytes a loop has stored: its event log, its documents' updates and its whiteboards, with
   * their histories (its recordings have a cap of their own).
   */
  loopBytes(loopId: string): Promise<number>;
  /** The size of the whole store on disk, in bytes. */
  storeBytes(): Promise<number>;
  /** Loops that have not ended, to reschedule their clocks after a restart. */
  activeLoopIds(): Promise<string[]>;
  /** Finishes pending writes and closes the store. */
  close(): Promise<void>;
}
