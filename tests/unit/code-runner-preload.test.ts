/**
 * The page's side of the test runner loading Python early: which worker gets a preload,
 * that the run reuses it, and that a worker terminated at the time limit is replaced by one
 * that starts loading Python again at once. The worker is a fake that records its messages;
 * the real one runs in the browser tests (code-runner.test.ts).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CodeRunner } from '../../client/src/features/workspace-code/runner/code-runner';
import {
  isWorkerRequest,
  type WorkerReport,
} from '../../client/src/features/workspace-code/runner/run-protocol';

const PRELOAD = { type: 'preload', language: 'python' };

/** A report as the fake worker is told to send it: it adds the run's id itself. */
type WithoutRunId<T> = T extends unknown ? Omit<T, 'runId'> : never;
type Report = WithoutRunId<WorkerReport>;

class FakeWorker {
  static started: FakeWorker[] = [];
  readonly received: unknown[] = [];
  terminated = false;
  private listeners = new Set<(event: { data: WorkerReport }) => void>();

  constructor() {
    FakeWorker.started.push(this);
  }
  postMessage(message: unknown) {
    this.received.push(message);
  }
  addEventListener(type: string, listener: (event: { data: WorkerReport }) => void) {
    if (type === 'message') this.listeners.add(listener);
  }
  removeEventListener(type: string, listener: (event: { data: WorkerReport }) => void) {
    if (type === 'message') this.listeners.delete(listener);
  }
  terminate() {
    this.terminated = true;
  }
  /** Sends `report` to the page, for the run the worker was last asked for. */
  report(report: Report) {
    const run = this.received.findLast((m) => (m as { type: string }).type !== 'preload');
    const runId = (run as { runId: number }).runId;
    for (const listener of this.listeners) listener({ data: { ...report, runId } as WorkerReport });
  }
}

const job = (language: 'python' | 'javascript') => ({
  language,
  code: 'def f(): pass',
  functionName: 'f',
  tests: [{ input: [], expected: null }],
  timeLimitMs: 50,
});

const workers = () => FakeWorker.started;
const live = () => workers().filter((w) => !w.terminated);

beforeEach(() => {
  FakeWorker.started = [];
  vi.stubGlobal('Worker', FakeWorker);
});
afterEach(() => vi.unstubAllGlobals());

describe('loading Python before the first run', () => {
  it('starts a worker loading Python as soon as the language is Python, and runs in it', async () => {
    const runner = new CodeRunner();
    runner.prepare('python');
    expect(workers()).toHaveLength(1);
    expect(workers()[0]!.received).toEqual([PRELOAD]);

    const result = runner.run(job('python'));
    const worker = workers()[0]!;
    expect(worker.received[1]).toMatchObject({ type: 'run', language: 'python' });
    worker.report({ type: 'started' });
    worker.report({ type: 'defined' });
    worker.report({ type: 'case', outcome: { index: 0, returned: { json: 'null' }, stdout: '' } });
    worker.report({ type: 'finished' });
    expect((await result)?.outcome).toBe('passed');
    expect(workers()).toHaveLength(1);
    runner.dispose();
  });

  it('loads nothing for JavaScript; a switch to Python loads it then', () => {
    const runner = new CodeRunner();
    runner.prepare('javascript');
    expect(workers()).toHaveLength(0);
    runner.prepare('python');
    expect(workers()).toHaveLength(1);
    expect(workers()[0]!.received).toEqual([PRELOAD]);
    runner.dispose();
  });

  it('replaces a worker stopped at the time limit with one that loads Python at once', async () => {
    const runner = new CodeRunner();
    runner.prepare('python');
    const result = runner.run(job('python'));
    workers()[0]!.report({ type: 'started' });
    expect((await result)?.outcome).toBe('timeout');

    expect(workers()[0]!.terminated).toBe(true);
    expect(live()).toHaveLength(1);
    expect(live()[0]!.received).toEqual([PRELOAD]);
    runner.dispose();
    expect(live()).toHaveLength(0);
  });

  it('replaces a worker whose Python failed to load, and the run reports the failure', async () => {
    const runner = new CodeRunner();
    runner.prepare('python');
    const result = runner.run(job('python'));
    workers()[0]!.report({
      type: 'failed',
      message: 'Python could not be loaded: network error',
      broken: true,
    });
    const run = await result;
    expect(run).toMatchObject({ outcome: 'error' });
    expect(run?.message).toContain('Python could not be loaded: network error');
    expect(live()).toHaveLength(1);
    expect(live()[0]!.received).toEqual([PRELOAD]);
    runner.dispose();
  });

  it('does not start a new worker after a JavaScript time-out, nor after dispose', async () => {
    const runner = new CodeRunner();
    runner.prepare('javascript');
    const result = runner.run(job('javascript'));
    workers()[0]!.report({ type: 'started' });
    expect((await result)?.outcome).toBe('timeout');
    expect(live()).toHaveLength(0);

    runner.prepare('python');
    runner.dispose();
    expect(live()).toHaveLength(0);
    expect(workers()).toHaveLength(2);
  });
});

describe('the worker accepts only its requests', () => {
  it('takes runs with an id and a preload of Python; ignores anything else', () => {
    expect(isWorkerRequest(PRELOAD)).toBe(true);
    expect(isWorkerRequest({ type: 'run', runId: 1, language: 'python' })).toBe(true);
    expect(isWorkerRequest({ type: 'run-sql', runId: 2, language: 'sql' })).toBe(true);
    expect(isWorkerRequest({ type: 'preload', language: 'sql' })).toBe(false);
    expect(isWorkerRequest({ type: 'preload' })).toBe(false);
    expect(isWorkerRequest({ type: 'run', runId: '1' })).toBe(false);
    expect(isWorkerRequest({ type: 'stop' })).toBe(false);
    expect(isWorkerRequest(null)).toBe(false);
    expect(isWorkerRequest('preload')).toBe(false);
  });
});
