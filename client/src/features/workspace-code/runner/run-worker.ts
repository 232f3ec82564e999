/**
 * The test-runner worker: runs the candidate's code off the page's thread, so an
 * infinite loop can be stopped by terminating the worker. It stays alive between runs,
 * keeping Python (and SQLite, for SQL questions) loaded; the page may ask it to load Python
 * before the first run (a `preload` request). Its script response carries its
 * own, looser content security policy (server/src/security/headers.ts): the page's stays
 * strict.
 */
import { expandTestValue } from '@mockloop/shared/test-input';
import { runJavaScript } from './javascript-runtime';
import { preloadPython, runPython } from './python-runtime';
import { isWorkerRequest, type RunRequest, type WorkerReport } from './run-protocol';

const scope = self as unknown as {
  postMessage(report: WorkerReport): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<unknown>) => void): void;
};

const post = (report: WorkerReport) => scope.postMessage(report);

// One run at a time, in the order they were asked for.
let queue: Promise<void> = Promise.resolve();

scope.addEventListener('message', ({ data: request }) => {
  if (!isWorkerRequest(request)) return;
  // Not queued: a preload must not wait behind a run, and a Python run waits for it.
  if (request.type === 'preload') return preloadPython();
  queue = queue.then(async () => {
    try {
      if (request.type === 'run-sql') {
        // SQLite is a chunk of its own, fetched on the first SQL run only.
        const { runSql } = await import('./sql-runtime');
        await runSql(request, post);
      } else {
        // Generated inputs are expanded here, off the page and before the time limit starts.
        const inputs = request.inputs.map((args) => expandTestValue(args) as unknown[]);
        const expanded: RunRequest = { ...request, inputs };
        if (request.language === 'python') await runPython(expanded, post);
        else await runJavaScript(expanded, post);
      }
    } catch (error) {
      post({
        type: 'failed',
        runId: request.runId,
        message: `The test runner failed: ${error instanceof Error ? error.message : String(error)}`,
        broken: true,
      });
    }
  });
});
