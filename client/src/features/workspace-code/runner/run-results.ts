/**
 * Turns what the runtimes report into a `CodeRunInput`: comparing each returned value
 * with the expected one by the shared rule (`@mockloop/shared/run-compare`, which the
 * question bank's reference harness uses too), truncating every shown text, and writing
 * the summary. Pure: no DOM, no worker; also imported by the worker itself.
 */
import {
  RUN_MAX_CASES,
  RUN_MAX_MESSAGE,
  RUN_MAX_TEXT,
  truncate,
  type CaseResult,
  type CodeRunInput,
  type RunCase,
  type RunnableLanguage,
} from '@mockloop/shared/code-run';
import { jsonTextMatches } from '@mockloop/shared/run-compare';
import { expandTestValue } from '@mockloop/shared/test-input';

/** A returned value: its JSON text when it is plain JSON, otherwise a description of it. */
export type EncodedValue = { json: string } | { text: string };

/** What one call of the candidate's function produced, as a runtime reports it. */
export type CallOutcome =
  | { index: number; returned: EncodedValue; stdout: string }
  | { index: number; threw: string; stdout: string };

/** Output captured per call before it is truncated: a little past what is shown, so the cut is marked. */
export const RUN_OUTPUT_LIMIT = RUN_MAX_TEXT + 1;

/** The cases a run executes: the question's, up to the most a run may report. */
export function casesToRun<T>(tests: readonly T[]): T[] {
  return tests.slice(0, RUN_MAX_CASES);
}

/** "5 of 6 cases passed" */
export function passSummary(passed: number, total: number): string {
  return `${passed} of ${total} ${total === 1 ? 'case' : 'cases'} passed`;
}

/** Seconds for messages: 5000 → "5", 2500 → "2.5". */
export function seconds(ms: number): string {
  return String(Math.round(ms / 100) / 10);
}

// ---------------------------------------------------------------- encoding (worker side)

/**
 * Whether a JavaScript value survives JSON unchanged: no undefined, NaN, cycles or class
 * instances. A plain object's prototype is null or a realm's root prototype (one with no
 * prototype of its own), so objects made in another realm, such as Node's `vm`, count too.
 */
function isPlainJson(value: unknown, path: Set<object>): boolean {
  if (value === null) return true;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value);
    case 'object': {
      if (path.has(value)) return false;
      path.add(value);
      let plain: boolean;
      if (Array.isArray(value)) {
        plain = true;
        for (let i = 0; i < value.length && plain; i++)
          plain = i in value && isPlainJson(value[i], path);
      } else {
        const proto: unknown = Object.getPrototypeOf(value);
        plain =
          (proto === null || Object.getPrototypeOf(proto) === null) &&
          Object.values(value).every((item) => isPlainJson(item, path));
      }
      path.delete(value);
      return plain;
    }
    default:
      return false;
  }
}

const MAX_DESCRIBED_ITEMS = 100;
const MAX_DESCRIBED_DEPTH = 8;

/**
 * A JSON-like text for any JavaScript value, for showing what a function returned or
 * printed: `undefined`, `NaN`, `[1, NaN]`, `Map(1) {"a" => 1}`, `[Circular]`.
 */
export function describeValue(value: unknown, depth = 0, path: Set<object> = new Set()): string {
  switch (typeof value) {
    case 'undefined':
      return 'undefined';
    case 'number':
      return Object.is(value, -0) ? '-0' : String(value);
    case 'bigint':
      return `${value}n`;
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return String(value);
    case 'symbol':
      return value.toString();
    case 'function':
      return `[function ${value.name || 'anonymous'}]`;
  }
  if (value === null) return 'null';
  const object = value as object;
  if (path.has(object)) return '[Circular]';
  if (depth >= MAX_DESCRIBED_DEPTH) return Array.isArray(object) ? '[…]' : '{…}';
  path.add(object);
  try {
    const inner = (items: string[], total: number) =>
      total > items.length ? [...items, `… ${total - items.length} more`] : items;
    const show = (item: unknown) => describeValue(item, depth + 1, path);
    if (Array.isArray(object)) {
      const items = Array.from(object.slice(0, MAX_DESCRIBED_ITEMS), show);
      return `[${inner(items, object.length).join(', ')}]`;
    }
    if (object instanceof Map) {
      const entries = [...object].slice(0, MAX_DESCRIBED_ITEMS);
      const items = entries.map(([k, v]) => `${show(k)} => ${show(v)}`);
      return `Map(${object.size}) {${inner(items, object.size).join(', ')}}`;
    }
    if (object instanceof Set) {
      const items = [...object].slice(0, MAX_DESCRIBED_ITEMS).map(show);
      return `Set(${object.size}) {${inner(items, object.size).join(', ')}}`;
    }
    if (object instanceof Date) return `Date(${object.toISOString?.() ?? 'invalid'})`;
    if (object instanceof Error) return `${object.name}: ${object.message}`;
    const keys = Object.keys(object);
    const items = keys
      .slice(0, MAX_DESCRIBED_ITEMS)
      .map((key) => `${JSON.stringify(key)}: ${show((object as Record<string, unknown>)[key])}`);
    const proto: unknown = Object.getPrototypeOf(object);
    const className =
      proto === null || proto === Object.prototype
        ? ''
        : `${(object.constructor as { name?: string } | undefined)?.name || 'Object'} `;
    return `${className}{${inner(items, keys.length).join(', ')}}`;
  } catch {
    return '[a value that cannot be shown]';
  } finally {
    path.delete(object);
  }
}

/** Encodes what a JavaScript function returned: JSON text, or a description when it is not plain JSON. */
export function encodeValue(value: unknown): EncodedValue {
  try {
    if (isPlainJson(value, new Set())) return { json: JSON.stringify(value) };
  } catch {
    // A getter that throws, or nesting too deep to walk: described below.
  }
  return { text: truncate(describeValue(value)) };
}

// ---------------------------------------------------------------- comparing (page side)

/**
 * Whether a returned value equals the expected one under the case's comparison
 * (`@mockloop/shared/run-compare`, the rule the reference harness uses too), with the
 * expected value's generators expanded. A value that is not plain JSON never matches.
 */
export function resultMatches(actual: EncodedValue, test: RunCase): boolean {
  if (!('json' in actual)) return false;
  return jsonTextMatches(actual.json, expandTestValue(test.expected), test);
}

/** One case's result, ready to show and to send. */
export function toCaseResult(outcome: CallOutcome, test: RunCase): CaseResult {
  const stdout = truncate(outcome.stdout);
  if ('threw' in outcome)
    return {
      index: outcome.index,
      passed: false,
      actual: null,
      error: truncate(outcome.threw),
      stdout,
    };
  const actual = 'json' in outcome.returned ? outcome.returned.json : outcome.returned.text;
  return {
    index: outcome.index,
    passed: resultMatches(outcome.returned, test),
    actual: truncate(actual),
    error: null,
    stdout,
  };
}

interface RunBasics {
  language: RunnableLanguage;
  durationMs: number;
}

/** Turns one outcome into a case's result: `toCaseResult` for functions, its own for SQL. */
export type Judge<T> = (outcome: CallOutcome, test: T) => CaseResult;

/** The cases of a run and how to judge them; a function's cases need no judge. */
type Judged<T> = { tests: readonly T[]; outcomes: readonly CallOutcome[]; judge?: Judge<T> };

function caseResults<T>({ tests, outcomes, judge }: Judged<T>): CaseResult[] {
  const toResult = judge ?? (toCaseResult as Judge<unknown>);
  return outcomes.flatMap((outcome) => {
    const test = tests[outcome.index];
    return test && outcome.index < RUN_MAX_CASES ? [toResult(outcome, test)] : [];
  });
}

/** A run in which every case was called: passed if every case passed, failed otherwise. */
export function completedRun<T = RunCase>(run: RunBasics & Judged<T>): CodeRunInput {
  const cases = caseResults(run);
  const total = casesToRun(run.tests).length;
  const passed = cases.filter((c) => c.passed).length;
  return {
    language: run.language,
    outcome: passed === total && cases.length === total ? 'passed' : 'failed',
    message: passSummary(passed, total),
    durationMs: Math.round(run.durationMs),
    cases,
  };
}

/**
 * A run stopped at the time limit: the cases that finished, and the one still running
 * (when the code had got as far as calling it) marked as stopped.
 */
export function timedOutRun<T = RunCase>(
  run: RunBasics &
    Judged<T> & {
      limitMs: number;
      /** Whether the code's top level had run and the function had been found. */
      reachedCases: boolean;
    },
): CodeRunInput {
  const limit = `${seconds(run.limitMs)} s`;
  const finished = caseResults(run);
  const total = casesToRun(run.tests).length;
  const running = run.reachedCases && finished.length < total ? finished.length : null;
  const cases =
    running === null
      ? finished
      : [
          ...finished,
          {
            index: running,
            passed: false,
            actual: null,
            error: `Stopped: still running after ${limit}`,
            stdout: '',
          },
        ];
  const where =
    running === null
      ? run.reachedCases
        ? 'Every case had returned.'
        : 'Your code was still running its top level, before any test case.'
      : `Case ${running + 1} was still running; ${finished.length} of ${total} finished in time.`;
  return {
    language: run.language,
    outcome: 'timeout',
    message: truncate(`Stopped after ${limit} — an infinite loop? ${where}`, RUN_MAX_MESSAGE),
    durationMs: Math.round(run.durationMs),
    cases,
  };
}

/** A run that could not call the function at all: syntax error, missing function, no runtime. */
export function failedRun(run: RunBasics & { message: string }): CodeRunInput {
  return {
    language: run.language,
    outcome: 'error',
    message: truncate(run.message, RUN_MAX_MESSAGE),
    durationMs: Math.round(run.durationMs),
    cases: [],
  };
}
