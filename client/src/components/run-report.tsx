/**
 * One test run's results: a line per case with pass or fail (as words and a mark, not by
 * colour alone), the input, expected and actual values and what the case printed. Every
 * shown string may come from the candidate's code or the wire: rendered as text only.
 */
import {
  truncate,
  type CaseResult,
  type CodeRunInput,
  type RunCase,
  type RunOutcome,
} from '@mockloop/shared/code-run';

export const OUTCOME_LABEL: Record<RunOutcome, string> = {
  passed: 'Passed',
  failed: 'Failed',
  error: 'Could not run',
  timeout: 'Time limit',
};

/** Plain marks beside the words (fonts without emoji render all of them). */
export const OUTCOME_MARK: Record<RunOutcome, string> = {
  passed: '✓',
  failed: '✗',
  error: '!',
  timeout: '!',
};

/** "12 ms", or "under 1 ms" for a run too quick to measure. */
export const formatDuration = (ms: number) => (ms < 1 ? 'under 1 ms' : `${ms} ms`);

/** Compact JSON of a value from the question, cut to a readable length. */
const json = (value: unknown) => truncate(JSON.stringify(value) ?? 'undefined');

function CaseDetails({ result, test, name }: { result: CaseResult; test?: RunCase; name: string }) {
  return (
    <dl className="run-case__details">
      {test && (
        <>
          <dt>Input</dt>
          <dd>
            <code>{truncate(`${name}(${test.input.map((arg) => json(arg)).join(', ')})`)}</code>
          </dd>
          <dt>Expected</dt>
          <dd>
            <code>{json(test.expected)}</code>
            {test.compare === 'unordered' && <span className="muted"> (in any order)</span>}
          </dd>
        </>
      )}
      {result.error !== null ? (
        <>
          <dt>Error</dt>
          <dd>
            <code>{result.error}</code>
          </dd>
        </>
      ) : (
        <>
          <dt>Returned</dt>
          <dd>
            <code>{result.actual ?? ''}</code>
          </dd>
        </>
      )}
      {result.stdout !== '' && (
        <>
          <dt>Printed</dt>
          <dd>
            <pre className="run-case__output">{result.stdout}</pre>
          </dd>
        </>
      )}
    </dl>
  );
}

/** The cases of a run, folded but for the first that failed. */
export function RunReport({
  run,
  tests,
  functionName,
}: {
  run: CodeRunInput;
  tests: readonly RunCase[];
  functionName: string;
}) {
  if (run.cases.length === 0) return null;
  const firstFailure = run.cases.find((result) => !result.passed)?.index;
  return (
    <ol className="run-cases" aria-label="Test cases">
      {run.cases.map((result) => (
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
            </summary>
            <CaseDetails result={result} test={tests[result.index]} name={functionName} />
          </details>
        </li>
      ))}
    </ol>
  );
}
