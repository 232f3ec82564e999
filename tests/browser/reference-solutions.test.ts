/**
 * Every reference solution, Python and JavaScript, of every question with a coding spec
 * passes all of its cases in Chromium, through the built test-runner worker the coding
 * workspace uses (Pyodide served by this server): the page posts the question's cases as
 * written (generators and all) and the worker expands and runs them. One warm worker serves
 * every run, so Python loads once. Each run must pass within the runner's own time limit (a
 * slower one reports a timeout); the slowest runs are printed, as a figure, not a check.
 */
import { readdirSync } from 'node:fs';
import { RUN_TIME_LIMIT_MS } from '../../shared/src/code-run';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CodingSpec } from '../../shared/src/content';
import {
  casesToRun,
  completedRun,
  failedRun,
} from '../../client/src/features/workspace-code/runner/run-results';
import type {
  RunRequest,
  WorkerReport,
} from '../../client/src/features/workspace-code/runner/run-protocol';
import { browserSuite, chromiumPath, CLIENT_DIR, collectErrors } from '../helpers/browser';
import { catalog } from '../helpers/content';
import { codingQuestions, LANGUAGES, type Language } from '../helpers/reference-runner';

const suite = browserSuite();
const questions = codingQuestions(catalog);

/** Longest a single run may take in this test before it is called stuck. */
const RUN_WAIT_MS = 30_000;
/** Loading Pyodide the first time. */
const PYTHON_LOAD_MS = 90_000;

/** The built worker script, as the client build names it. */
function workerScript(): string {
  const name = readdirSync(`${CLIENT_DIR}/assets`).find((file) =>
    /^run-worker-[\w-]+\.js$/.test(file),
  );
  if (!name) throw new Error('no run-worker-*.js in client/dist/assets: run `npm run build`');
  return `/assets/${name}`;
}

interface PageRun {
  reports: WorkerReport[];
  /** From "started" to the last report, as the page's runner measures it. */
  durationMs: number;
  stuck: boolean;
}

/** Posts one run to the page's warm worker and collects its reports. */
function runInPage(page: Page, request: RunRequest, waitMs: number): Promise<PageRun> {
  return page.evaluate(
    ({ request, waitMs, script }) =>
      new Promise<PageRun>((resolve) => {
        const worker = (window as unknown as { __runWorker: Worker }).__runWorker;
        const reports: WorkerReport[] = [];
        let startedAt = 0;
        const finish = (stuck: boolean) => {
          clearTimeout(timer);
          worker.removeEventListener('message', onMessage);
          // As the page's runner does: a broken or stuck worker is replaced, so one failure
          // does not fail every run after it.
          const broken = reports.some((r) => r.type === 'failed' && r.broken);
          if (stuck || broken) {
            worker.terminate();
            (window as unknown as { __runWorker: Worker }).__runWorker = new Worker(script, {
              type: 'module',
            });
          }
          resolve({ reports, durationMs: startedAt ? performance.now() - startedAt : 0, stuck });
        };
        const onMessage = ({ data }: MessageEvent<WorkerReport>) => {
          if (data.runId !== request.runId) return;
          reports.push(data);
          if (data.type === 'started') startedAt = performance.now();
          if (data.type === 'finished' || data.type === 'failed') finish(false);
        };
        const timer = setTimeout(() => finish(true), waitMs);
        worker.addEventListener('message', onMessage);
        worker.postMessage(request);
      }),
    { request, waitMs, script: workerScript() },
  );
}

let nextRunId = 1;

async function runReference(page: Page, spec: CodingSpec, language: Language, waitMs: number) {
  const tests = casesToRun(spec.tests);
  const run = await runInPage(
    page,
    {
      type: 'run',
      runId: nextRunId++,
      language,
      code: spec.solutions[language],
      functionName: spec.signature.name,
      inputs: tests.map((test) => test.input),
    },
    waitMs,
  );
  expect(run.stuck, `no report after ${waitMs} ms`).toBe(false);
  const failed = run.reports.find((report) => report.type === 'failed');
  if (failed?.type === 'failed')
    return failedRun({ language, message: failed.message, durationMs: run.durationMs });
  const outcomes = run.reports.flatMap((report) =>
    report.type === 'case' ? [report.outcome] : [],
  );
  return completedRun({ language, tests, outcomes, durationMs: run.durationMs });
}

describe.skipIf(!chromiumPath)('reference solutions in the browser runner', () => {
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    page = await suite.browser.newPage();
    collectErrors(page, errors);
    await page.goto(suite.server.url);
    await page.evaluate((script) => {
      (window as unknown as { __runWorker: Worker }).__runWorker = new Worker(script, {
        type: 'module',
      });
    }, workerScript());
    // Load Pyodide once, outside any run's time limit, as the first real run would.
    const warmUp = await runReference(
      page,
      {
        signature: { name: 'f', params: [{ name: 'x', type: 'int' }], returns: 'int' },
        examples: [{ input: 'x = 1', output: '1' }],
        tests: [{ input: [1], expected: 1, compare: 'exact' }],
        solutions: {
          python: 'def f(x):\n    return x\n',
          javascript: 'function f(x) { return x; }',
        },
      },
      'python',
      PYTHON_LOAD_MS,
    );
    expect(warmUp.outcome).toBe('passed');
  }, PYTHON_LOAD_MS + 30_000);

  const durations: { run: string; ms: number }[] = [];
  afterAll(() => {
    if (durations.length === 0) return;
    const total = durations.reduce((sum, d) => sum + d.ms, 0);
    const slowest = [...durations].sort((a, b) => b.ms - a.ms).slice(0, 5);
    console.log(
      `browser runs: ${durations.length}, ${Math.round(total)} ms in all; slowest: ${slowest
        .map((d) => `${d.run} ${Math.round(d.ms)} ms`)
        .join(', ')} (the runner's time limit: ${RUN_TIME_LIMIT_MS} ms)`,
    );
  });

  it('finds questions with a coding spec to run', () => {
    expect(questions.length).toBeGreaterThan(0);
  });

  for (const { question, spec } of questions) {
    for (const language of LANGUAGES) {
      it(
        `${question.id}: the ${language} reference passes every case`,
        async () => {
          const run = await runReference(page, spec, language, RUN_WAIT_MS);
          durations.push({ run: `${question.id}/${language}`, ms: run.durationMs });
          const failures = run.cases
            .filter((result) => !result.passed)
            .map((result) => `case ${result.index}: ${result.error ?? result.actual}`);
          expect({ message: run.message, failures }).toEqual({
            message: `${spec.tests.length} of ${spec.tests.length} cases passed`,
            failures: [],
          });
          expect(run.outcome).toBe('passed');
          expect(errors).toEqual([]);
        },
        RUN_WAIT_MS + 5_000,
      );
    }
  }
});
