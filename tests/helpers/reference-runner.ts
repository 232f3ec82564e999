/**
 * Runs coding-question solutions outside the browser: JavaScript in Node's `vm` (a fresh
 * context per solution, arguments parsed inside it so they belong to its realm, as in the
 * browser's worker), Python in one python3 process per solution. Inputs and expected
 * values are expanded from their generators and compared with the shared rule
 * (`shared/src/run-compare.ts`) the browser's runner uses, so "passes here" means the same
 * as "passes in the browser" up to the runtime itself.
 */
import { spawn, spawnSync } from 'node:child_process';
import vm from 'node:vm';
import type { Catalog, CodingSpec, Question } from '../../shared/src/content';
import { questionFamily, type QuestionFamily } from '../../shared/src/levels';
import { valuesMatch, type Comparison } from '../../shared/src/run-compare';
import { expandTestValue } from '../../shared/src/test-input';
import { encodeValue } from '../../client/src/features/workspace-code/runner/run-results';

export type Language = 'python' | 'javascript';
export const LANGUAGES: readonly Language[] = ['python', 'javascript'];

/** A question of the catalog with a coding spec, wherever it is defined. */
export interface CodingQuestion {
  roundId: string;
  question: Question;
  spec: CodingSpec;
  family: QuestionFamily | null;
}

/** Every question with a coding spec, in catalog order. */
export function codingQuestions(catalog: Catalog): CodingQuestion[] {
  return catalog.rounds.flatMap((round) =>
    round.questions.flatMap((question) =>
      question.coding
        ? [
            {
              roundId: round.id,
              question,
              spec: question.coding,
              family: questionFamily(round.id, question),
            },
          ]
        : [],
    ),
  );
}

/** What one call gave: a plain JSON value, or why there is none; and how long it took. */
export type CallResult =
  { ok: true; value: unknown; ms: number } | { ok: false; error: string; ms: number };

/** A solution to run: its source in one language and the function's name. */
export interface Solution {
  language: Language;
  source: string;
  name: string;
}

export const referenceOf = (spec: CodingSpec, language: Language): Solution => ({
  language,
  source: spec.solutions[language],
  name: spec.signature.name,
});

/** Per-call time limit: generous, since references must pass well inside the browser's 5 s. */
export const DEFAULT_CALL_LIMIT_MS = 10_000;

export const hasPython = spawnSync('python3', ['--version']).status === 0;

/** Calls a JavaScript solution once per input list, each call stopped after `limitMs`. */
export function runJavaScript(
  solution: Solution,
  inputs: readonly unknown[][],
  limitMs = DEFAULT_CALL_LIMIT_MS,
): CallResult[] {
  const context = vm.createContext({});
  const started = performance.now();
  try {
    vm.runInContext(
      `${solution.source}\n;globalThis.__solution = typeof ${solution.name} === 'function' ? ${solution.name} : undefined;`,
      context,
      { timeout: limitMs },
    );
  } catch (error) {
    const failure: CallResult = {
      ok: false,
      error: `top level: ${describe(error)}`,
      ms: performance.now() - started,
    };
    return inputs.map(() => failure);
  }
  return inputs.map((args) => {
    context.__argsJson = JSON.stringify(args);
    const start = performance.now();
    try {
      const value: unknown = vm.runInContext('__solution(...JSON.parse(__argsJson))', context, {
        timeout: limitMs,
      });
      const ms = performance.now() - start;
      const encoded = encodeValue(value);
      if (!('json' in encoded)) return { ok: false, error: `not JSON: ${encoded.text}`, ms };
      return { ok: true, value: JSON.parse(encoded.json) as unknown, ms };
    } catch (error) {
      return { ok: false, error: describe(error), ms: performance.now() - start };
    }
  });
}

function describe(error: unknown): string {
  if (error !== null && typeof error === 'object' && 'message' in error)
    return `${(error as { name?: string }).name ?? 'Error'}: ${String(error.message)}`;
  return String(error);
}

/**
 * Execs the solution, then calls it once per case under a CPU-time limit (ITIMER_PROF),
 * writing one JSON result per case. What the solution prints goes to stderr.
 */
const PYTHON_DRIVER = `
import contextlib, json, signal, sys, time

class _OverTime(BaseException):
    pass

def _over_time(signum, frame):
    raise _OverTime()

signal.signal(signal.SIGPROF, _over_time)
payload = json.load(sys.stdin)
limit = payload["limit_ms"] / 1000
results = []
with contextlib.redirect_stdout(sys.stderr):
    scope = {"__name__": "__main__"}
    exec(compile(payload["source"], "<solution>", "exec"), scope)
    function = scope.get(payload["name"])
    for args_json in payload["cases"]:
        args = json.loads(args_json)
        start = time.perf_counter()
        try:
            signal.setitimer(signal.ITIMER_PROF, limit)
            try:
                value = function(*args)
            finally:
                signal.setitimer(signal.ITIMER_PROF, 0)
            ms = (time.perf_counter() - start) * 1000
            try:
                results.append({"json": json.dumps(value, allow_nan=False), "ms": ms})
            except (TypeError, ValueError) as error:
                results.append({"error": f"not JSON: {value!r:.200}", "ms": ms})
        except _OverTime:
            results.append({"error": f"over the time limit of {limit} s", "ms": (time.perf_counter() - start) * 1000})
        except RecursionError as error:
            results.append({"error": f"RecursionError: {error}", "ms": (time.perf_counter() - start) * 1000})
        except Exception as error:
            results.append({"error": f"{type(error).__name__}: {error}", "ms": (time.perf_counter() - start) * 1000})
print(json.dumps(results))
`;

/** Calls a Python solution once per input list in one python3 process. */
export function runPython(
  solution: Solution,
  inputs: readonly unknown[][],
  limitMs = DEFAULT_CALL_LIMIT_MS,
): CallResult[] {
  const payload = {
    source: solution.source,
    name: solution.name,
    limit_ms: limitMs,
    cases: inputs.map((args) => JSON.stringify(args)),
  };
  const child = spawnSync('python3', ['-c', PYTHON_DRIVER], {
    input: JSON.stringify(payload),
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    timeout: limitMs * inputs.length + 30_000,
  });
  if (child.error) throw child.error;
  if (child.status !== 0)
    throw new Error(`python3 exited with ${child.status}:\n${child.stderr.slice(-4000)}`);
  const results = JSON.parse(child.stdout) as (
    { json: string; ms: number } | { error: string; ms: number }
  )[];
  return results.map((result) =>
    'json' in result
      ? { ok: true, value: JSON.parse(result.json) as unknown, ms: result.ms }
      : { ok: false, error: result.error, ms: result.ms },
  );
}

/** Runs a solution in its language. */
export function runSolution(
  solution: Solution,
  inputs: readonly unknown[][],
  limitMs = DEFAULT_CALL_LIMIT_MS,
): CallResult[] {
  return solution.language === 'python'
    ? runPython(solution, inputs, limitMs)
    : runJavaScript(solution, inputs, limitMs);
}

/** The cases of a spec with every generator expanded. */
export function expandedTests(spec: CodingSpec): CodingSpec['tests'] {
  return spec.tests.map((test) => ({
    ...test,
    input: expandTestValue(test.input) as unknown[],
    expected: expandTestValue(test.expected),
  }));
}

/** One case's verdict, with enough to say what went wrong. */
export interface CaseVerdict {
  index: number;
  passed: boolean;
  ms: number;
  /** Why it failed: the error, or the returned value (cut short). */
  detail: string;
}

const shown = (value: unknown) => {
  const text = JSON.stringify(value) ?? 'undefined';
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
};

/** Runs a solution against a spec's own test cases and judges every case. */
export function judge(
  spec: CodingSpec,
  solution: Solution,
  limitMs = DEFAULT_CALL_LIMIT_MS,
): CaseVerdict[] {
  const tests = expandedTests(spec);
  const results = runSolution(
    solution,
    tests.map((test) => test.input),
    limitMs,
  );
  return results.map((result, index) => {
    const test = tests[index]!;
    if (!result.ok) return { index, passed: false, ms: result.ms, detail: result.error };
    const passed = valuesMatch(result.value, test.expected, test);
    return {
      index,
      passed,
      ms: result.ms,
      detail: passed ? '' : `returned ${shown(result.value)}, expected ${shown(test.expected)}`,
    };
  });
}

/**
 * The question's comparison for values other than its own cases (generated inputs): `close`
 * with the largest tolerance when any case is compared closely, else `unordered` when any
 * case is, else `exact`.
 */
export function questionComparison(spec: CodingSpec): Comparison {
  const close = spec.tests.filter((test) => test.compare === 'close');
  if (close.length > 0)
    return {
      compare: 'close',
      tolerance: Math.max(...close.map((test) => test.tolerance ?? 0), 0) || undefined,
    };
  if (spec.tests.some((test) => test.compare === 'unordered')) return { compare: 'unordered' };
  return { compare: 'exact' };
}

/** A JavaScript child that makes one call and reports the CPU time it used. */
const JAVASCRIPT_CHILD = `
const vm = require('node:vm');
let input = '';
process.stdin.on('data', (chunk) => (input += chunk));
process.stdin.on('end', () => {
  const { source, name, argsJson } = JSON.parse(input);
  const context = vm.createContext({ __argsJson: argsJson });
  vm.runInContext(source + '\\n;globalThis.__solution = ' + name + ';', context);
  const before = process.cpuUsage();
  vm.runInContext('__solution(...JSON.parse(__argsJson))', context);
  const used = process.cpuUsage(before);
  process.stdout.write(JSON.stringify({ cpuMs: (used.user + used.system) / 1000 }));
});
`;

/**
 * Makes one call in a child process and says whether it finished within `limitMs` of CPU
 * time — CPU, not wall-clock, so a busy machine cannot make a fast solution look slow.
 * Python stops itself (ITIMER_PROF); Node is stopped by the kernel (`ulimit -t`, in whole
 * seconds, a second above the limit so JIT and GC threads cannot cut the call short).
 * Aborted through `signal`, the call is stopped and the answer is null (not known).
 */
export function finishesWithinCpuTime(
  solution: Solution,
  args: unknown[],
  limitMs: number,
  signal?: AbortSignal,
): Promise<boolean | null> {
  if (signal?.aborted) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    const [command, commandArgs, payload] =
      solution.language === 'python'
        ? [
            'python3',
            ['-c', PYTHON_DRIVER],
            {
              source: solution.source,
              name: solution.name,
              limit_ms: limitMs,
              cases: [JSON.stringify(args)],
            },
          ]
        : [
            'sh',
            [
              '-c',
              `ulimit -t ${Math.ceil(limitMs / 1000) + 1}; exec "$0" -e "$1"`,
              process.execPath,
              JAVASCRIPT_CHILD,
            ],
            { source: solution.source, name: solution.name, argsJson: JSON.stringify(args) },
          ];
    const child = spawn(command, commandArgs, { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    const stop = () => child.kill('SIGKILL');
    signal?.addEventListener('abort', stop, { once: true });
    child.on('close', (code, killedBy) => {
      signal?.removeEventListener('abort', stop);
      if (signal?.aborted) return resolve(null);
      if (solution.language === 'javascript') {
        if (killedBy !== null) return resolve(false); // stopped at the CPU limit
        if (code !== 0)
          return reject(new Error(`node exited with ${code}: ${stderr.slice(-2000)}`));
        return resolve((JSON.parse(stdout) as { cpuMs: number }).cpuMs <= limitMs);
      }
      if (code !== 0)
        return reject(new Error(`python3 exited with ${code}: ${stderr.slice(-2000)}`));
      const [result] = JSON.parse(stdout) as ({ json: string } | { error: string })[];
      if (result && 'error' in result && !result.error.startsWith('over the time limit'))
        return reject(new Error(`the call failed: ${result.error}`));
      resolve(result !== undefined && 'json' in result);
    });
    child.stdin.end(JSON.stringify(payload));
  });
}
