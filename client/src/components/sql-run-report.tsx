/**
 * One SQL test run's results: a line per case with pass or fail, and in each case the
 * expected and the returned result sets side by side, the rows that differ marked in
 * words, why it failed in a sentence, and the case's input tables. Every value may come
 * from the candidate's query or the wire: rendered as text only.
 */
import type { CaseResult, CodeRunInput } from '@mockloop/shared/code-run';
import { decodeSqlActual, type SqlCase, type SqlTable } from '@mockloop/shared/sql';
import { compareResultSets } from '@mockloop/shared/sql-compare';
import { ResultTable } from './sql-tables';

function SqlCaseDetails({
  result,
  test,
  tables,
}: {
  result: CaseResult;
  test: SqlCase;
  tables: readonly SqlTable[];
}) {
  const actual = decodeSqlActual(result.actual);
  const complete = actual !== null && actual.rowCount === actual.rows.length;
  // Recomputed here for the marks: the runner judged the whole result, this shows why.
  const verdict =
    actual && complete && !result.passed
      ? compareResultSets(test.expected, actual, test.ordered)
      : null;
  return (
    <div className="sql-case">
      {result.error !== null && (
        <p className="sql-case__reason">
          <code>{result.error}</code>
        </p>
      )}
      {verdict?.reason && <p className="sql-case__reason">{verdict.reason}</p>}
      {actual && !complete && !result.passed && (
        <p className="muted">
          Only the first {actual.rows.length} of the {actual.rowCount} returned rows were kept.
        </p>
      )}
      <div className="sql-case__results">
        <ResultTable
          caption={`Expected, ${test.ordered ? 'in this order' : 'in any order'}`}
          columns={test.expected.columns}
          rows={test.expected.rows}
          marked={
            verdict
              ? { rows: verdict.missing, label: test.ordered ? 'differs' : 'missing' }
              : undefined
          }
        />
        {actual ? (
          <ResultTable
            caption="Returned"
            columns={actual.columns}
            rows={actual.rows}
            rowCount={actual.rowCount}
            marked={
              verdict
                ? { rows: verdict.unexpected, label: test.ordered ? 'differs' : 'not expected' }
                : undefined
            }
          />
        ) : (
          result.actual !== null && (
            <p>
              Returned: <code>{result.actual}</code>
            </p>
          )
        )}
      </div>
      <details className="sql-case__inputs">
        <summary>Input tables of this case</summary>
        {tables.map((table) => (
          <ResultTable
            key={table.name}
            caption={table.name}
            columns={table.columns.map((c) => c.name)}
            rows={test.fixtures[table.name] ?? []}
          />
        ))}
      </details>
    </div>
  );
}

/** The cases of a SQL run, folded but for the first that failed. */
export function SqlRunReport({
  run,
  tests,
  tables,
}: {
  run: CodeRunInput;
  tests: readonly SqlCase[];
  tables: readonly SqlTable[];
}) {
  if (run.cases.length === 0) return null;
  const firstFailure = run.cases.find((result) => !result.passed)?.index;
  return (
    <ol className="run-cases" aria-label="Test cases">
      {run.cases.map((result) => {
        const test = tests[result.index];
        return (
          <li
            key={result.index}
            className={`run-case run-case--${result.passed ? 'pass' : 'fail'}`}
            data-testid="run-case"
          >
            <details open={result.index === firstFailure}>
              <summary>
                <span className="run-case__mark" aria-hidden="true">
                  {result.passed ? '✓' : '✗'}
                </span>{' '}
                Case {result.index + 1}: {result.passed ? 'passed' : 'failed'}
                {test?.note && <span className="run-case__note"> — {test.note}</span>}
              </summary>
              {test && <SqlCaseDetails result={result} test={test} tables={tables} />}
            </details>
          </li>
        );
      })}
    </ol>
  );
}
