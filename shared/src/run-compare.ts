/**
 * How a returned value is checked against a test case's expected value: the one rule used
 * by the browser's test runner and by the Node harness that runs the reference solutions.
 * Both sides hold plain JSON values (what the candidate's function returned, through JSON
 * text, and the expected value with its generators expanded). Pure; safe in the browser.
 *
 * - `exact` (the default): equal as JSON. Object keys may come in any order, and a number
 *   is a number whether it was written 1 or 1.0 (Python's float and JavaScript's number
 *   read back the same).
 * - `unordered`: a list whose order does not matter: the top-level items, each compared
 *   exactly, match as a multiset. Nested lists keep their order.
 * - `close`: the same shape, with numbers equal within `tolerance` (default
 *   `DEFAULT_TOLERANCE`): absolute, or relative to the expected number when that is larger
 *   than 1 in size, i.e. |actual − expected| <= tolerance × max(1, |expected|). Everything
 *   that is not a number (strings, booleans, null, keys, lengths) still matches exactly.
 */

export type CompareMode = 'exact' | 'unordered' | 'close';

/** The comparison part of a test case. */
export interface Comparison {
  compare?: CompareMode;
  tolerance?: number;
}

/** The tolerance of a `close` comparison that does not name one. */
export const DEFAULT_TOLERANCE = 1e-6;

/** JSON text with object keys sorted, so `{a, b}` and `{b, a}` give the same text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const entries = Object.keys(record)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

function closeEnough(actual: unknown, expected: unknown, tolerance: number): boolean {
  if (typeof expected === 'number') {
    if (typeof actual !== 'number' || !Number.isFinite(actual)) return false;
    return Math.abs(actual - expected) <= tolerance * Math.max(1, Math.abs(expected));
  }
  if (Array.isArray(expected)) {
    return (
      Array.isArray(actual) &&
      actual.length === expected.length &&
      expected.every((item, i) => closeEnough(actual[i], item, tolerance))
    );
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return false;
    const want = expected as Record<string, unknown>;
    const got = actual as Record<string, unknown>;
    const keys = Object.keys(want);
    if (Object.keys(got).length !== keys.length) return false;
    return keys.every(
      (key) => Object.hasOwn(got, key) && closeEnough(got[key], want[key], tolerance),
    );
  }
  return actual === expected;
}

/** The top-level items as sorted canonical texts, or null when the value is not a list. */
function sortedItems(value: unknown): string[] | null {
  return Array.isArray(value) ? value.map(canonicalJson).sort() : null;
}

/** Whether `actual` matches `expected` under the case's comparison (both plain JSON values). */
export function valuesMatch(actual: unknown, expected: unknown, how: Comparison = {}): boolean {
  switch (how.compare ?? 'exact') {
    case 'close':
      return closeEnough(actual, expected, how.tolerance ?? DEFAULT_TOLERANCE);
    case 'unordered': {
      const want = sortedItems(expected);
      const got = sortedItems(actual);
      if (want === null || got === null) return canonicalJson(actual) === canonicalJson(expected);
      return got.length === want.length && got.every((item, i) => item === want[i]);
    }
    case 'exact':
      return canonicalJson(actual) === canonicalJson(expected);
  }
}

/**
 * Whether a value returned as JSON text matches: text that is not JSON, or that stands
 * for no value at all, never does.
 */
export function jsonTextMatches(json: string, expected: unknown, how: Comparison = {}): boolean {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return false;
  }
  return valuesMatch(parsed, expected, how);
}
