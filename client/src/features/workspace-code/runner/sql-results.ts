/**
 * Judges a SQL case on the page: the result set the worker sent back against the one the
 * case expects (shared/src/sql-compare.ts), kept for the report as `encodeSqlActual` writes
 * it. Pure: no DOM, no worker.
 */
import { RUN_MAX_TEXT, truncate, type CaseResult } from '@mockloop/shared/code-run';
import { encodeSqlActual, type SqlCase, type SqlResultSet } from '@mockloop/shared/sql';
import { compareResultSets } from '@mockloop/shared/sql-compare';
import type { CallOutcome } from './run-results';

/** Whether a parsed value has the shape of a result set. */
function isResultSet(value: unknown): value is SqlResultSet {
  const set = value as Partial<SqlResultSet> | null;
  return (
    typeof set === 'object' &&
    set !== null &&
    Array.isArray(set.columns) &&
    Array.isArray(set.rows) &&
    set.rows.every(Array.isArray)
  );
}

/** One SQL case's result, ready to show and to send. */
export function sqlCaseResult(outcome: CallOutcome, test: SqlCase): CaseResult {
  const failed = (error: string): CaseResult => ({
    index: outcome.index,
    passed: false,
    actual: null,
    error: truncate(error),
    stdout: '',
  });
  if ('threw' in outcome) return failed(outcome.threw);
  let result: unknown = null;
  try {
    if ('json' in outcome.returned) result = JSON.parse(outcome.returned.json);
  } catch {
    // Reported below like any other value that is not a result set.
  }
  if (!isResultSet(result))
    return failed('The runner returned something that is not a result set.');
  return {
    index: outcome.index,
    passed: compareResultSets(test.expected, result, test.ordered).passed,
    actual: encodeSqlActual(result, RUN_MAX_TEXT),
    error: null,
    stdout: '',
  };
}
