/**
 * The coding round's test runner without a browser: the pure result module (comparing,
 * normalising, truncating, outcomes and summaries), the JavaScript/TypeScript runtime
 * the worker uses (run here in Node), and the Python harness under a plain python3.
 * Every reference solution must pass through the same path as the candidate's code.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import {
  RUN_MAX_CASES,
  RUN_MAX_MESSAGE,
  RUN_MAX_TEXT,
  type RunnableLanguage,
} from '../../shared/src/code-run';
import { runJavaScript } from '../../client/src/features/workspace-code/runner/javascript-runtime';
import {
  PYTHON_HARNESS,
  toOutcome,
} from '../../client/src/features/workspace-code/runner/python-runtime';
import type { WorkerReport } from '../../client/src/features/workspace-code/runner/run-protocol';
import {
  casesToRun,
  completedRun,
  describeValue,
  encodeValue,
  failedRun,
  resultMatches,
  timedOutRun,
  toCaseResult,
  type CallOutcome,
} from '../../client/src/features/workspace-code/runner/run-results';
import { truncate, type RunCase } from '../../shared/src/code-run';
import { expandTestValue } from '../../shared/src/test-input';
import { catalog } from '../helpers/content';
import { codingQuestions } from '../helpers/reference-runner';

const returned = (index: number, value: unknown, stdout = ''): CallOutcome => ({
  index,
  returned: encodeValue(value),
  stdout,
});

describe('comparing results', () => {
  const exact: RunCase = { input: [], expected: [1, 2, 3] };
  const unordered: RunCase = { input: [], expected: ['ab', 'ba'], compare: 'unordered' };

  it('passes equal JSON and fails anything else, exactly when order matters', () => {
    expect(resultMatches({ json: '[1,2,3]' }, exact)).toBe(true);
    expect(resultMatches({ json: '[3,2,1]' }, exact)).toBe(false);
    expect(resultMatches({ json: '[1,2]' }, exact)).toBe(false);
    expect(resultMatches({ json: '"[1,2,3]"' }, exact)).toBe(false);
  });

  it('sorts only a top-level list when the case says order does not matter', () => {
    expect(resultMatches({ json: '["ba","ab"]' }, unordered)).toBe(true);
    expect(resultMatches({ json: '["ab","ab"]' }, unordered)).toBe(false);
    expect(resultMatches({ json: '["ba","ab"]' }, { ...unordered, compare: 'exact' })).toBe(false);
    const nested: RunCase = { input: [], expected: [[1, 2], [3]], compare: 'unordered' };
    expect(resultMatches({ json: '[[3],[1,2]]' }, nested)).toBe(true);
    expect(resultMatches({ json: '[[3],[2,1]]' }, nested)).toBe(false);
  });

  it('reads JSON the way Python writes it: 1.0 is 1, spaces and key order do not matter', () => {
    expect(resultMatches({ json: '1.0' }, { input: [], expected: 1 })).toBe(true);
    expect(resultMatches({ json: '[1.5, 2]' }, { input: [], expected: [1.5, 2] })).toBe(true);
    const stats: RunCase = { input: [], expected: { count: 2, mean: 1.5 } };
    expect(resultMatches({ json: '{"mean": 1.5, "count": 2}' }, stats)).toBe(true);
    expect(resultMatches({ json: '{"mean": 1.5}' }, stats)).toBe(false);
  });

  it('compares numbers within the tolerance when the case says close', () => {
    const close: RunCase = { input: [], expected: [0.5, 2000], compare: 'close', tolerance: 1e-3 };
    expect(resultMatches({ json: '[0.5004, 2001.9]' }, close)).toBe(true);
    expect(resultMatches({ json: '[0.502, 2000]' }, close)).toBe(false);
    expect(resultMatches({ json: '[0.5004, 2000]' }, { ...close, compare: 'exact' })).toBe(false);
  });

  it('expands a generated expected value before comparing', () => {
    const generated: RunCase = { input: [], expected: { $range: [0, 1000] } };
    const list = JSON.stringify(Array.from({ length: 1000 }, (_, i) => i));
    expect(resultMatches({ json: list }, generated)).toBe(true);
    expect(resultMatches({ json: '[0,1,2]' }, generated)).toBe(false);
  });

  it('never passes a value that is not plain JSON, even where null is expected', () => {
    const expectsNull: RunCase = { input: [], expected: null };
    expect(resultMatches(encodeValue(null), expectsNull)).toBe(true);
    expect(resultMatches(encodeValue(undefined), expectsNull)).toBe(false);
    expect(resultMatches(encodeValue(NaN), expectsNull)).toBe(false);
    expect(resultMatches(encodeValue([1, undefined]), { input: [], expected: [1, null] })).toBe(
      false,
    );
    expect(resultMatches({ text: 'None' }, expectsNull)).toBe(false);
  });
});

describe('encoding returned values', () => {
  it('keeps plain JSON as JSON text', () => {
    expect(encodeValue([1, 'a', null, { b: [true] }])).toEqual({
      json: '[1,"a",null,{"b":[true]}]',
    });
    const shared = [1];
    expect(encodeValue([shared, shared])).toEqual({ json: '[[1],[1]]' });
  });

  it('describes undefined, NaN, Infinity and other non-JSON values instead of hiding them', () => {
    expect(encodeValue(undefined)).toEqual({ text: 'undefined' });
    expect(encodeValue(NaN)).toEqual({ text: 'NaN' });
    expect(encodeValue([1, -Infinity])).toEqual({ text: '[1, -Infinity]' });
    expect(encodeValue({ a: undefined })).toEqual({ text: '{"a": undefined}' });
    expect(encodeValue(10n)).toEqual({ text: '10n' });
    expect(encodeValue(new Map([['a', 1]]))).toEqual({ text: 'Map(1) {"a" => 1}' });
    expect(encodeValue(new Set([2]))).toEqual({ text: 'Set(1) {2}' });
    class Node {
      constructor(public value: number) {}
    }
    expect(encodeValue(new Node(3))).toEqual({ text: 'Node {"value": 3}' });
    expect(encodeValue(function f() {})).toEqual({ text: '[function f]' });
    expect(encodeValue([1, , 3])).toEqual({ text: '[1, undefined, 3]' });
    const cyclic: unknown[] = [1];
    cyclic.push(cyclic);
    expect(encodeValue(cyclic)).toEqual({ text: '[1, [Circular]]' });
  });

  it('describes huge values within the shown length', () => {
    const big = encodeValue(Array.from({ length: 5000 }, () => NaN));
    if (!('text' in big)) throw new Error('a list of NaN is not JSON');
    expect(big.text.length).toBeLessThanOrEqual(RUN_MAX_TEXT);
    expect(big.text.endsWith('… 4900 more]')).toBe(true);
    expect(describeValue(Array.from({ length: 150 }, (_, i) => i))).toContain('… 50 more');
  });
});

describe('building a run', () => {
  const tests: RunCase[] = [
    { input: [[1, 2]], expected: 3 },
    { input: [[]], expected: 0 },
    { input: [['x']], expected: ['x'], compare: 'unordered' },
  ];

  it('passes when every case passes, with the summary and the printed output', () => {
    const run = completedRun({
      language: 'python',
      tests,
      outcomes: [returned(0, 3, 'adding\n'), returned(1, 0), returned(2, ['x'])],
      durationMs: 12.4,
    });
    expect(run).toMatchObject({
      outcome: 'passed',
      message: '3 of 3 cases passed',
      durationMs: 12,
    });
    expect(run.cases[0]).toEqual({
      index: 0,
      passed: true,
      actual: '3',
      error: null,
      stdout: 'adding\n',
    });
  });

  it('fails when one case returns something else, and shows what it returned', () => {
    const run = completedRun({
      language: 'javascript',
      tests,
      outcomes: [returned(0, 3), returned(1, -1), returned(2, ['x'])],
      durationMs: 3,
    });
    expect(run.outcome).toBe('failed');
    expect(run.message).toBe('2 of 3 cases passed');
    expect(run.cases[1]).toMatchObject({ passed: false, actual: '-1', error: null });
  });

  it('reports an exception as that case failing with its type and message', () => {
    const run = completedRun({
      language: 'python',
      tests,
      outcomes: [
        returned(0, 3),
        { index: 1, threw: 'ZeroDivisionError: division by zero (line 4)', stdout: 'before\n' },
        returned(2, ['x']),
      ],
      durationMs: 5,
    });
    expect(run.outcome).toBe('failed');
    expect(run.cases[1]).toEqual({
      index: 1,
      passed: false,
      actual: null,
      error: 'ZeroDivisionError: division by zero (line 4)',
      stdout: 'before\n',
    });
  });

  it('fails a run where a case never reported', () => {
    const run = completedRun({
      language: 'python',
      tests,
      outcomes: [returned(0, 3)],
      durationMs: 1,
    });
    expect(run.outcome).toBe('failed');
    expect(run.message).toBe('1 of 3 cases passed');
  });

  it('turns a syntax error or a missing function into one message and no cases', () => {
    const run = failedRun({
      language: 'typescript',
      message: 'SyntaxError: Unexpected token (line 2)',
      durationMs: 0,
    });
    expect(run).toEqual({
      language: 'typescript',
      outcome: 'error',
      message: 'SyntaxError: Unexpected token (line 2)',
      durationMs: 0,
      cases: [],
    });
    expect(
      failedRun({ language: 'python', message: 'x'.repeat(5000), durationMs: 0 }).message,
    ).toHaveLength(RUN_MAX_MESSAGE);
  });

  it('stops at the time limit: finished cases kept, the running one marked, a clear message', () => {
    const run = timedOutRun({
      language: 'python',
      tests,
      outcomes: [returned(0, 3)],
      limitMs: 5000,
      reachedCases: true,
      durationMs: 5003.2,
    });
    expect(run.outcome).toBe('timeout');
    expect(run.message).toBe(
      'Stopped after 5 s — an infinite loop? Case 2 was still running; 1 of 3 finished in time.',
    );
    expect(run.durationMs).toBe(5003);
    expect(run.cases.map((c) => [c.index, c.passed, c.error])).toEqual([
      [0, true, null],
      [1, false, 'Stopped: still running after 5 s'],
    ]);
  });

  it('says so when the time ran out in the top level, before any case', () => {
    const run = timedOutRun({
      language: 'javascript',
      tests,
      outcomes: [],
      limitMs: 2500,
      reachedCases: false,
      durationMs: 2500,
    });
    expect(run.message).toBe(
      'Stopped after 2.5 s — an infinite loop? Your code was still running its top level, before any test case.',
    );
    expect(run.cases).toEqual([]);
  });

  it('truncates the returned value, the error and the output to the shown length', () => {
    const long = 'y'.repeat(RUN_MAX_TEXT * 3);
    const returnedLong = toCaseResult(returned(0, long, long), { input: [], expected: 'y' });
    expect(returnedLong.actual).toHaveLength(RUN_MAX_TEXT);
    expect(returnedLong.actual!.endsWith('…')).toBe(true);
    expect(returnedLong.stdout).toHaveLength(RUN_MAX_TEXT);
    const threw = toCaseResult({ index: 0, threw: long, stdout: '' }, { input: [], expected: 1 });
    expect(threw.error).toHaveLength(RUN_MAX_TEXT);
    expect(truncate('short')).toBe('short');
  });

  it('runs and reports at most the most cases a run may hold', () => {
    const many = Array.from({ length: RUN_MAX_CASES + 5 }, (_, i) => ({ input: [i], expected: i }));
    expect(casesToRun(many)).toHaveLength(RUN_MAX_CASES);
    const run = completedRun({
      language: 'javascript',
      tests: many,
      outcomes: many.map((_, i) => returned(i, i)),
      durationMs: 1,
    });
    expect(run.cases).toHaveLength(RUN_MAX_CASES);
    expect(run.message).toBe(`${RUN_MAX_CASES} of ${RUN_MAX_CASES} cases passed`);
  });
});

/** The arguments of each case as the worker hands them on: generators expanded. */
const inputsOf = (tests: RunCase[]) => tests.map((t) => expandTestValue(t.input) as unknown[]);

/** Runs code through the worker's JavaScript runtime, here in Node, and builds the run. */
async function runInJavaScriptRuntime(
  language: RunnableLanguage,
  code: string,
  functionName: string,
  tests: RunCase[],
) {
  const reports: WorkerReport[] = [];
  await runJavaScript(
    { type: 'run', runId: 1, language, code, functionName, inputs: inputsOf(tests) },
    (report) => reports.push(structuredClone(report)),
  );
  const failed = reports.find((r) => r.type === 'failed');
  if (failed?.type === 'failed')
    return { reports, run: failedRun({ language, message: failed.message, durationMs: 0 }) };
  const outcomes = reports.flatMap((r) => (r.type === 'case' ? [r.outcome] : []));
  return { reports, run: completedRun({ language, tests, outcomes, durationMs: 0 }) };
}

const coding = codingQuestions(catalog).map(({ question, spec }) => ({ id: question.id, spec }));

describe('the JavaScript and TypeScript runtime', () => {
  const add: RunCase[] = [
    { input: [1, 2], expected: 3 },
    { input: [2, 2], expected: 4 },
  ];

  for (const { id, spec } of coding) {
    it(`passes every case with the JavaScript reference solution of ${id}`, async () => {
      const { run } = await runInJavaScriptRuntime(
        'javascript',
        spec.solutions.javascript,
        spec.signature.name,
        spec.tests,
      );
      expect(run.message).toBe(`${spec.tests.length} of ${spec.tests.length} cases passed`);
      expect(run.outcome).toBe('passed');
    });
  }

  it('gives each case its own console output and a fresh copy of its inputs', async () => {
    const code = `function add(a, b) { console.log('a is', a, { b }); return a + b; }`;
    const { run } = await runInJavaScriptRuntime('javascript', code, 'add', add);
    expect(run.cases.map((c) => c.stdout)).toEqual(['a is 1 {"b": 2}\n', 'a is 2 {"b": 2}\n']);
    const mutate = `function first(list) { list.push(9); return list.length; }`;
    const shared = [1];
    const { run: mutated } = await runInJavaScriptRuntime('javascript', mutate, 'first', [
      { input: [shared], expected: 2 },
      { input: [shared], expected: 2 },
    ]);
    expect(mutated.outcome).toBe('passed');
    expect(shared).toEqual([1]);
  });

  it('reports a thrown error with its type, message and line in the candidate code', async () => {
    const code = `function add(a, b) {\n  if (a === 2)\n    throw new RangeError('too big');\n  return a + b;\n}`;
    const { run } = await runInJavaScriptRuntime('javascript', code, 'add', add);
    expect(run.outcome).toBe('failed');
    expect(run.cases[1]!.error).toBe('RangeError: too big (line 3)');
    const thrown = await runInJavaScriptRuntime(
      'javascript',
      'function add() { throw 42 }',
      'add',
      add,
    );
    expect(thrown.run.cases[0]!.error).toBe('Uncaught 42');
  });

  it('gives one clear message for a syntax error, with its line', async () => {
    const { run } = await runInJavaScriptRuntime(
      'javascript',
      'function add(a, b) {\n  return a +;\n}',
      'add',
      add,
    );
    expect(run.outcome).toBe('error');
    expect(run.message).toMatch(/^SyntaxError: .* \(line 2\)$/);
  });

  it('names the missing function', async () => {
    const { run, reports } = await runInJavaScriptRuntime(
      'javascript',
      'function plus() {}',
      'add',
      add,
    );
    expect(run.outcome).toBe('error');
    expect(run.message).toContain('No function named add was found');
    expect(reports.map((r) => r.type)).toEqual(['started', 'failed']);
  });

  it('strips TypeScript types first, keeping line numbers', async () => {
    const code = `interface Pair { a: number }\nfunction add(a: number, b: number): number {\n  const p: Pair = { a };\n  if (b === 2 && a === 2) throw new Error('boom');\n  return p.a + b;\n}`;
    const { run } = await runInJavaScriptRuntime('typescript', code, 'add', add);
    expect(run.cases[0]!.passed).toBe(true);
    expect(run.cases[1]!.error).toBe('Error: boom (line 4)');
    const broken = await runInJavaScriptRuntime(
      'typescript',
      'function add(a: number {}',
      'add',
      add,
    );
    expect(broken.run.outcome).toBe('error');
    expect(broken.run.message).toMatch(/^SyntaxError: .*\(line 1\)$/);
  });

  it('restores the console after a run', async () => {
    const log = console.log;
    await runInJavaScriptRuntime('javascript', 'function add() { return 1 }', 'add', add);
    expect(console.log).toBe(log);
  });
});

/** Runs the worker's Python harness under python3: load the code, then one call per case. */
function runInPythonHarness(code: string, functionName: string, tests: RunCase[]) {
  const driver = `${PYTHON_HARNESS}
import json, sys
payload = json.load(sys.stdin)
loaded = json.loads(_mockloop_load(payload["code"], payload["name"]))
replies = [] if "error" in loaded else [_mockloop_call(json.dumps(a)) for a in payload["inputs"]]
sys.stdout.write(json.dumps({"loaded": loaded, "replies": replies}))
`;
  const child = spawnSync('python3', ['-c', driver], {
    input: JSON.stringify({ code, name: functionName, inputs: inputsOf(tests) }),
    encoding: 'utf8',
    timeout: 60_000,
    maxBuffer: 256 * 1024 * 1024, // a generated case can return a few megabytes
  });
  if (child.status !== 0)
    throw new Error(`python3 failed (${child.error?.message ?? child.status}): ${child.stderr}`);
  const { loaded, replies } = JSON.parse(child.stdout) as {
    loaded: { ok: true } | { error: string };
    replies: string[];
  };
  if ('error' in loaded)
    return failedRun({ language: 'python', message: loaded.error, durationMs: 0 });
  const outcomes = replies.map((reply, index) => toOutcome(index, reply));
  return completedRun({ language: 'python', tests, outcomes, durationMs: 0 });
}

const hasPython = spawnSync('python3', ['--version']).status === 0;
if (!hasPython && process.env.CI === 'true') {
  it('finds python3 on PATH to check the Python harness', () => {
    throw new Error('python3 is not on PATH; CI must install it');
  });
} else if (!hasPython) {
  console.warn('\n*** python3 is not on PATH: the Python harness is NOT checked ***\n');
} else {
  describe('the Python harness', () => {
    const add: RunCase[] = [
      { input: [1, 2], expected: 3 },
      { input: [2, 2], expected: 4 },
    ];

    for (const { id, spec } of coding) {
      it(`passes every case with the Python reference solution of ${id}`, () => {
        const run = runInPythonHarness(spec.solutions.python, spec.signature.name, spec.tests);
        expect(run.message).toBe(`${spec.tests.length} of ${spec.tests.length} cases passed`);
        expect(run.outcome).toBe('passed');
      });
    }

    it('keeps what each case printed and reports an exception with its line', () => {
      const code = 'def add(a, b):\n    print("a is", a)\n    return a / (a - 2) + b\n';
      const run = runInPythonHarness(code, 'add', add);
      expect(run.cases[0]).toMatchObject({ passed: false, actual: '1.0', stdout: 'a is 1\n' });
      expect(run.cases[1]).toMatchObject({
        passed: false,
        actual: null,
        error: 'ZeroDivisionError: division by zero (line 3)',
        stdout: 'a is 2\n',
      });
    });

    it('gives one message for a syntax error, a missing function or a failing top level', () => {
      expect(runInPythonHarness('def add(a, b)\n    return a + b\n', 'add', add)).toMatchObject({
        outcome: 'error',
        message: expect.stringMatching(/^SyntaxError: .* \(line 1\)$/),
      });
      expect(runInPythonHarness('def plus(a, b):\n    pass\n', 'add', add).message).toBe(
        'No function named add was found. Define it at the top level: def add(…):',
      );
      expect(runInPythonHarness('x = 1 / 0\n', 'add', add).message).toBe(
        'Your code raised an exception before any test case ran: ZeroDivisionError: division by zero (line 1)',
      );
    });

    it('shows values JSON cannot hold with repr, and never passes them', () => {
      const code = 'def add(a, b):\n    return float("nan") if a == 1 else {1, 2}\n';
      const run = runInPythonHarness(code, 'add', add);
      expect(run.cases.map((c) => [c.passed, c.actual])).toEqual([
        [false, 'nan'],
        [false, '{1, 2}'],
      ]);
    });
  });
}
