/**
 * Comparing a query's result set with the one a test case expects. The same module judges
 * the candidate's query in the browser and the reference queries in Node's tests.
 *
 * - Column count must match; column names are not compared (aliases are the author's
 *   choice), but they are shown side by side.
 * - Values: NULL equals only NULL; texts compare exactly; numbers within
 *   `SQL_NUMBER_TOLERANCE` (absolute, or relative to the expected value when that is larger
 *   than 1), so `2` equals `2.0` and `1/3.0` equals 0.3333333333. A number never equals a text.
 * - Rows: in order when the case is `ordered`, otherwise as a multiset (duplicates count).
 *
 * Pure: no DOM, no database.
 */
import type { SqlResultSet, SqlValue } from './sql';
import { plural } from './words';

/** How far two numbers may be apart and still be equal. */
export const SQL_NUMBER_TOLERANCE = 1e-6;

/** Whether an actual value equals an expected one. */
export function sqlValuesEqual(expected: SqlValue, actual: SqlValue): boolean {
  if (expected === null || actual === null) return expected === actual;
  if (typeof expected === 'number' && typeof actual === 'number')
    return Math.abs(actual - expected) <= SQL_NUMBER_TOLERANCE * Math.max(1, Math.abs(expected));
  return expected === actual;
}

/** Whether two rows hold equal values in the same columns. */
export function sqlRowsEqual(expected: readonly SqlValue[], actual: readonly SqlValue[]): boolean {
  return (
    expected.length === actual.length && expected.every((v, i) => sqlValuesEqual(v, actual[i]!))
  );
}

/** The verdict on one result set, with what to point at when it is wrong. */
export interface SqlComparison {
  passed: boolean;
  /** Why it failed, in a sentence; null when it passed. */
  reason: string | null;
  /** Expected rows the result lacks (unordered) or that differ at their position (ordered). */
  missing: number[];
  /** Rows of the result that no expected row accounts for, or that differ at their position. */
  unexpected: number[];
}

/**
 * Pairs each expected row with an equal actual row, first come first served; returns the
 * indexes left over on each side. (With tolerance, equality is not transitive, but two rows
 * within a millionth of each other that differ elsewhere do not occur in the bank.)
 */
function matchMultiset(
  expected: readonly SqlValue[][],
  actual: readonly SqlValue[][],
): { missing: number[]; unexpected: number[] } {
  const used = new Array<boolean>(actual.length).fill(false);
  const missing: number[] = [];
  expected.forEach((row, e) => {
    const a = actual.findIndex((candidate, i) => !used[i] && sqlRowsEqual(row, candidate));
    if (a === -1) missing.push(e);
    else used[a] = true;
  });
  const unexpected = used.flatMap((u, i) => (u ? [] : [i]));
  return { missing, unexpected };
}

/** Compares `actual` with `expected`: in order when `ordered`, as a multiset otherwise. */
export function compareResultSets(
  expected: SqlResultSet,
  actual: SqlResultSet,
  ordered: boolean,
): SqlComparison {
  const e = expected.columns.length;
  const a = actual.columns.length;
  if (e !== a)
    return {
      passed: false,
      reason: `Expected ${plural(e, 'column')} (${expected.columns.join(', ')}), got ${a} (${actual.columns.join(', ')}).`,
      missing: [],
      unexpected: [],
    };
  const { missing, unexpected } = matchMultiset(expected.rows, actual.rows);
  const sameRows = missing.length === 0 && unexpected.length === 0;
  if (!ordered) {
    if (sameRows) return { passed: true, reason: null, missing: [], unexpected: [] };
    const parts = [
      missing.length && `${plural(missing.length, 'expected row')} missing`,
      unexpected.length && `${plural(unexpected.length, 'row')} not expected`,
    ].filter(Boolean);
    return {
      passed: false,
      reason: `${parts.join(', ')} (${plural(expected.rows.length, 'row')} expected, ${actual.rows.length} returned; order does not matter).`,
      missing,
      unexpected,
    };
  }
  const length = Math.max(expected.rows.length, actual.rows.length);
  const differing: number[] = [];
  for (let i = 0; i < length; i++) {
    const want = expected.rows[i];
    const got = actual.rows[i];
    if (!want || !got || !sqlRowsEqual(want, got)) differing.push(i);
  }
  if (differing.length === 0) return { passed: true, reason: null, missing: [], unexpected: [] };
  const first = differing[0]! + 1;
  const reason = sameRows
    ? `The right rows in the wrong order, from row ${first} (order matters here).`
    : expected.rows.length !== actual.rows.length
      ? `Expected ${plural(expected.rows.length, 'row')}, got ${actual.rows.length}; the first difference is at row ${first}.`
      : `Row ${first} differs (order matters here).`;
  return {
    passed: false,
    reason,
    missing: differing.filter((i) => i < expected.rows.length),
    unexpected: differing.filter((i) => i < actual.rows.length),
  };
}
