/** Messages between the benchmark and its server children (over the Node IPC channel). */

export type ChildRequestType = 'heap' | 'stats-reset' | 'stats' | 'stop';

export interface ChildRequest {
  id: number;
  type: ChildRequestType;
}

/** Heap after full garbage collections. */
export interface HeapReport {
  heapUsed: number;
  external: number;
  rss: number;
}

/** What the child did since the last `stats-reset`. */
export interface ChildStats {
  /** SQLite write transactions committed (the mockloop store's `append`); 0 for the relay. */
  writes: number;
  /** Messages relayed (the relay child); 0 for mockloop. */
  relayed: number;
  /** How long each committed write held the event loop (store.append), in ms; 0 for the relay. */
  writeP50Ms: number;
  writeP99Ms: number;
  writeMaxMs: number;
  /** Writes that held the event loop for more than 5 ms, and their total time. */
  slowWrites: number;
  slowWritesMs: number;
  elapsedMs: number;
  cpuUserMs: number;
  cpuSystemMs: number;
  loopDelayP50Ms: number;
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
}

export interface ChildReplies {
  heap: HeapReport;
  'stats-reset': null;
  stats: ChildStats;
  stop: null;
}

export type ChildMessage =
  | { type: 'listening'; port: number }
  | { type: 'reply'; id: number; data: ChildReplies[ChildRequestType] };
