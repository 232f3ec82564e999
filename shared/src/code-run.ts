/**
 * The result of running a coding question's test cases against the candidate's code.
 * Runs happen in the browser; the last run of a round is kept with the loop so the
 * interviewer sees it live and the review shows it. Zod-free: safe in the browser.
 */

/** Languages the browser can run (SQL on SQLite, for SQL questions). Java and C++ are edit-only. */
export const RUNNABLE_LANGUAGES = ['python', 'javascript', 'typescript', 'sql'] as const;
export type RunnableLanguage = (typeof RUNNABLE_LANGUAGES)[number];

/** Default wall-clock limit of one run; the worker is terminated past it. */
export const RUN_TIME_LIMIT_MS = 5_000;
/** Most test cases a run may report. */
export const RUN_MAX_CASES = 50;
/** Longest text kept of one case's actual value, error or stdout. */
export const RUN_MAX_TEXT = 2_000;
/** Longest overall message of a run. */
export const RUN_MAX_MESSAGE = 2_000;

/**
 * How a run ended: every case passed, some failed, the code could not be run at all
 * (syntax error, missing function, runtime failed to load), or it hit the time limit.
 */
export type RunOutcome = 'passed' | 'failed' | 'error' | 'timeout';

/** One test case's result. Input and expected value come from the question itself. */
export interface CaseResult {
  /** Index of the case in the question's test list. */
  index: number;
  passed: boolean;
  /**
   * The returned value as JSON text, or null when the call threw. For a SQL query, the
   * result set as `encodeSqlActual` writes it (its first rows, and how many there were).
   */
  actual: string | null;
  /** The exception's type and message, when the call threw. */
  error: string | null;
  /** What the code printed while handling this case. */
  stdout: string;
}

/** What a client reports after running the tests. */
export interface CodeRunInput {
  language: RunnableLanguage;
  outcome: RunOutcome;
  /** Human-readable summary, e.g. "5 of 6 cases passed" or the syntax error. */
  message: string;
  durationMs: number;
  cases: CaseResult[];
}

/** A run as kept with the loop: the report plus when the server received it. */
export interface CodeRun extends CodeRunInput {
  at: number;
}

/**
 * A test case as the question holds it: positional arguments and the expected result,
 * either of which may be written with generators (`./test-input`, expanded before use).
 */
export interface RunCase {
  input: unknown[];
  expected: unknown;
  /**
   * How the result is compared (`./run-compare`): 'exact' (default); 'unordered', a list
   * whose order does not matter; 'close', numbers within `tolerance`.
   */
  compare?: 'exact' | 'unordered' | 'close';
  tolerance?: number;
}

/** Cuts a text to `max` characters, marking the cut with an ellipsis. */
export function truncate(text: string, max = RUN_MAX_TEXT): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
