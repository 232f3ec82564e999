/**
 * The page's side of "Run tests": one warm worker, reused between runs so Python stays
 * loaded, and two clocks. Loading a runtime gets a generous limit of its own; the
 * candidate's code gets the run's time limit, past which the worker is terminated (the
 * only way to stop an infinite loop) and the next run starts a fresh one.
 *
 * While the candidate writes Python, the worker loads it before the first run (`prepare`),
 * and a worker that replaces a terminated one starts loading it again at once.
 */
import {
  RUN_TIME_LIMIT_MS,
  type CodeRunInput,
  type RunnableLanguage,
} from '@mockloop/shared/code-run';
import type { SqlCase, SqlTable } from '@mockloop/shared/sql';
import type { PreloadRequest, RunRequest, SqlRunRequest, WorkerReport } from './run-protocol';
import {
  casesToRun,
  completedRun,
  failedRun,
  seconds,
  timedOutRun,
  type CallOutcome,
  type Judge,
} from './run-results';
import type { RunCase } from '@mockloop/shared/code-run';
import { sqlCaseResult } from './sql-results';

/** How long loading a runtime (Python's or SQLite's first run) may take before the run gives up. */
export const RUNTIME_LOAD_LIMIT_MS = 60_000;

export type RunPhase = { kind: 'loading'; runtime: string } | { kind: 'running' };

interface JobBasics {
  code: string;
  timeLimitMs?: number;
  loadLimitMs?: number;
  onPhase?(phase: RunPhase): void;
}

/** A coding question's run: call `functionName` once per case. */
export interface FunctionJob extends JobBasics {
  language: Exclude<RunnableLanguage, 'sql'>;
  functionName: string;
  tests: readonly RunCase[];
}

/** A SQL question's run: the query once per case, on the case's own tables. */
export interface SqlJob extends JobBasics {
  language: 'sql';
  tables: SqlTable[];
  tests: readonly SqlCase[];
}

export type RunJob = FunctionJob | SqlJob;

/** The worker's request for `job`, and how to judge each case's outcome. */
function prepare(
  job: RunJob,
  runId: number,
): { request: RunRequest | SqlRunRequest; tests: readonly unknown[]; judge?: Judge<unknown> } {
  if (job.language === 'sql') {
    const tests = casesToRun(job.tests);
    const request: SqlRunRequest = {
      type: 'run-sql',
      runId,
      language: 'sql',
      code: job.code,
      tables: job.tables,
      fixtures: tests.map((test) => test.fixtures),
    };
    return { request, tests, judge: sqlCaseResult as Judge<unknown> };
  }
  const tests = casesToRun(job.tests);
  const request: RunRequest = {
    type: 'run',
    runId,
    language: job.language,
    code: job.code,
    functionName: job.functionName,
    inputs: tests.map((test) => test.input),
  };
  return { request, tests };
}

function assertNever(value: never): never {
  throw new Error(`unexpected report ${JSON.stringify(value)}`);
}

export class CodeRunner {
  private worker: Worker | null = null;
  private nextRunId = 1;
  private cancelActive: (() => void) | null = null;
  /** Whether the candidate's language is Python, which every new worker then loads at once. */
  private preloading = false;

  /**
   * Says which language the candidate is writing. For Python the worker starts loading it
   * now (Pyodide takes seconds), so that the first run need not wait; a later run reuses
   * that worker.
   */
  prepare(language: RunnableLanguage): void {
    this.preloading = language === 'python';
    if (this.preloading) this.preload(this.current());
  }

  /** Runs the tests; resolves with the report, or with null when `stop()` cut the run short. */
  run(job: RunJob): Promise<CodeRunInput | null> {
    this.stop();
    const worker = this.current();
    const runId = this.nextRunId++;
    const { language } = job;
    const { request, tests, judge } = prepare(job, runId);
    const limitMs = job.timeLimitMs ?? RUN_TIME_LIMIT_MS;
    const loadLimitMs = job.loadLimitMs ?? RUNTIME_LOAD_LIMIT_MS;

    return new Promise((resolve) => {
      const outcomes: CallOutcome[] = [];
      let startedAt: number | null = null;
      let reachedCases = false;
      let loading = 'the test runner';
      const elapsed = () => (startedAt === null ? 0 : performance.now() - startedAt);

      const finish = (result: CodeRunInput | null, replaceWorker: boolean) => {
        clearTimeout(timer);
        worker.removeEventListener('message', onMessage);
        worker.removeEventListener('error', onError);
        this.cancelActive = null;
        if (replaceWorker) this.discard(worker);
        resolve(result);
      };
      const onMessage = ({ data: report }: MessageEvent<WorkerReport>) => {
        if (report.runId !== runId) return;
        switch (report.type) {
          case 'loading':
            loading = report.runtime;
            job.onPhase?.({ kind: 'loading', runtime: report.runtime });
            return;
          case 'started':
            clearTimeout(timer);
            startedAt = performance.now();
            job.onPhase?.({ kind: 'running' });
            timer = setTimeout(() => {
              const durationMs = elapsed();
              finish(
                timedOutRun({
                  language,
                  tests,
                  judge,
                  outcomes,
                  limitMs,
                  reachedCases,
                  durationMs,
                }),
                true,
              );
            }, limitMs);
            return;
          case 'defined':
            reachedCases = true;
            return;
          case 'case':
            outcomes.push(report.outcome);
            return;
          case 'finished':
            return finish(
              completedRun({ language, tests, judge, outcomes, durationMs: elapsed() }),
              false,
            );
          case 'failed':
            return finish(
              failedRun({ language, message: report.message, durationMs: elapsed() }),
              report.broken,
            );
          default:
            assertNever(report);
        }
      };
      const onError = (event: ErrorEvent) => {
        event.preventDefault();
        const detail = event.message ? `: ${event.message}` : '';
        finish(
          failedRun({
            language,
            message: `The test runner stopped unexpectedly${detail}. Run the tests again.`,
            durationMs: elapsed(),
          }),
          true,
        );
      };
      let timer = setTimeout(
        () =>
          finish(
            failedRun({
              language,
              message: `Loading ${loading} took longer than ${seconds(loadLimitMs)} s. Check the connection and run the tests again.`,
              durationMs: 0,
            }),
            true,
          ),
        loadLimitMs,
      );

      worker.addEventListener('message', onMessage);
      worker.addEventListener('error', onError);
      this.cancelActive = () => finish(null, true);
      worker.postMessage(request);
    });
  }

  /** Stops the run in progress, if any (its worker is replaced). */
  stop(): void {
    this.cancelActive?.();
  }

  /** Stops any run and ends the worker; nothing is loaded again until `prepare` or `run`. */
  dispose(): void {
    this.preloading = false;
    this.stop();
    if (this.worker) this.discard(this.worker);
  }

  private current(): Worker {
    return (this.worker ??= new Worker(new URL('./run-worker.ts', import.meta.url), {
      type: 'module',
    }));
  }

  private preload(worker: Worker): void {
    const request: PreloadRequest = { type: 'preload', language: 'python' };
    worker.postMessage(request);
  }

  /** Ends `worker`; its replacement starts now when it has Python to load. */
  private discard(worker: Worker): void {
    worker.terminate();
    if (this.worker !== worker) return;
    this.worker = null;
    if (this.preloading) this.preload(this.current());
  }
}
