/** The messages between the page and the test-runner worker. */
import type { RunnableLanguage } from '@mockloop/shared/code-run';
import type { SqlTable, SqlValue } from '@mockloop/shared/sql';
import type { CallOutcome } from './run-results';

/** Page → worker: run `functionName` from `code` once per input list. */
export interface RunRequest {
  type: 'run';
  runId: number;
  language: RunnableLanguage;
  code: string;
  functionName: string;
  /**
   * Positional arguments of each case, as the question writes them: the worker expands
   * generated values (`@mockloop/shared/test-input`), and each call gets a fresh copy.
   */
  inputs: unknown[][];
}

/**
 * Page → worker: run the SQL query in `code` once per case, each on a fresh in-memory
 * database with `tables` created and that case's fixture rows inserted.
 */
export interface SqlRunRequest {
  type: 'run-sql';
  runId: number;
  language: 'sql';
  code: string;
  tables: SqlTable[];
  fixtures: Record<string, SqlValue[][]>[];
}

/**
 * Page → worker: start loading Python now, while the candidate reads, so that the first run
 * finds it ready. Nothing is reported back: a run that needs Python waits for this load and
 * reports it (a failed preload is forgotten, and the run loads Python again).
 */
export interface PreloadRequest {
  type: 'preload';
  language: 'python';
}

/** Everything the page sends the worker. */
export type WorkerRequest = RunRequest | SqlRunRequest | PreloadRequest;

/** Whether a message the worker received is one of its requests; it ignores anything else. */
export function isWorkerRequest(message: unknown): message is WorkerRequest {
  if (typeof message !== 'object' || message === null) return false;
  const { type, language } = message as { type?: unknown; language?: unknown };
  switch (type) {
    case 'run':
    case 'run-sql':
      return typeof (message as { runId?: unknown }).runId === 'number';
    case 'preload':
      return language === 'python';
    default:
      return false;
  }
}

/** Worker → page, in this order: loading (maybe), started, defined, case…, then finished or failed. */
export type WorkerReport =
  /** The runtime is being loaded (Python's or SQLite's first run): not counted against the time limit. */
  | { type: 'loading'; runId: number; runtime: string }
  /** The candidate's code starts running now: the time limit starts here. */
  | { type: 'started'; runId: number }
  /** The top level ran and the function was found (SQL: the query compiled); cases follow. */
  | { type: 'defined'; runId: number }
  | { type: 'case'; runId: number; outcome: CallOutcome }
  | { type: 'finished'; runId: number }
  /**
   * The code could not be run (syntax error, missing function, not a single SELECT) or the
   * runtime failed.
   * `broken`: the worker cannot run anything more and must be replaced.
   */
  | { type: 'failed'; runId: number; message: string; broken: boolean };
