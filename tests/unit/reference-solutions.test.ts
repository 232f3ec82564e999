/**
 * Runs every reference solution of the coding round against its own test cases, in
 * JavaScript (node:vm) and in Python (one python3 child process per question).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import vm from 'node:vm';
import { parse } from 'yaml';
import { describe, it, expect } from 'vitest';
import { roundDefinitionSchema, type CodingSpec } from '@mockloop/shared/content';

type TestCase = CodingSpec['tests'][number];

const round = roundDefinitionSchema.parse(
  parse(readFileSync(new URL('../../rounds/content/rounds/coding.yaml', import.meta.url), 'utf8')),
);
const questions = round.questions.flatMap((q) => (q.coding ? [{ id: q.id, spec: q.coding }] : []));

/** Plain JSON form of a result; top-level lists are sorted when order does not matter. */
function normalise(value: unknown, compare: TestCase['compare']): unknown {
  if (value === undefined) return '<undefined>';
  const plain: unknown = JSON.parse(JSON.stringify(value));
  if (compare !== 'unordered' || !Array.isArray(plain)) return plain;
  return plain
    .map((item) => JSON.stringify(item))
    .sort()
    .map((item) => JSON.parse(item) as unknown);
}

function expectCase(actual: unknown, test: TestCase, label: string): void {
  expect(normalise(actual, test.compare), label).toEqual(normalise(test.expected, test.compare));
}

function runJavaScript(spec: CodingSpec, args: unknown[]): unknown {
  const script = `${spec.solutions.javascript}\n;${spec.signature.name}(...__args);`;
  return vm.runInNewContext(script, { __args: structuredClone(args) }, { timeout: 2000 });
}

/** Execs the solution, calls it once per case and prints one JSON result per case. */
const PYTHON_HARNESS = `
import contextlib, json, sys
payload = json.load(sys.stdin)
results = []
with contextlib.redirect_stdout(sys.stderr):
    scope = {}
    exec(payload["source"], scope)
    function = scope[payload["name"]]
    for args in payload["cases"]:
        try:
            results.append({"json": json.dumps(function(*args), allow_nan=False)})
        except Exception as error:
            results.append({"error": f"{type(error).__name__}: {error}"})
print(json.dumps(results))
`;

type PythonResult = { json: string } | { error: string };

function runPython(spec: CodingSpec): PythonResult[] {
  const payload = {
    source: spec.solutions.python,
    name: spec.signature.name,
    cases: spec.tests.map((test) => test.input),
  };
  const child = spawnSync('python3', ['-c', PYTHON_HARNESS], {
    input: JSON.stringify(payload),
    encoding: 'utf8',
    timeout: 20000,
  });
  if (child.error) throw child.error;
  if (child.status !== 0) throw new Error(`python3 exited with ${child.status}:\n${child.stderr}`);
  return JSON.parse(child.stdout) as PythonResult[];
}

const caseLabel = (id: string, index: number, test: TestCase) =>
  `${id} case ${index}: input ${JSON.stringify(test.input)}`;

describe('coding round reference solutions', () => {
  it('has a coding spec with both solutions and at least 6 test cases for every question', () => {
    expect(round.questions.length).toBeGreaterThan(0);
    // SQL questions carry a sql spec instead, checked in sql-references.test.ts.
    for (const question of round.questions.filter((q) => !q.sql)) {
      expect(question.coding, `${question.id} has no coding spec`).toBeDefined();
      expect(question.coding?.solutions.python.trim(), `${question.id} python`).toBeTruthy();
      expect(
        question.coding?.solutions.javascript.trim(),
        `${question.id} javascript`,
      ).toBeTruthy();
      expect(question.coding?.tests.length ?? 0, `${question.id} cases`).toBeGreaterThanOrEqual(6);
    }
  });

  for (const { id, spec } of questions) {
    it(`javascript reference for ${id} passes its ${spec.tests.length} cases`, () => {
      spec.tests.forEach((test, index) => {
        expectCase(runJavaScript(spec, test.input), test, caseLabel(id, index, test));
      });
    });
  }

  const hasPython = spawnSync('python3', ['--version']).status === 0;
  if (!hasPython && process.env.CI === 'true') {
    it('finds python3 on PATH to check the Python references', () => {
      throw new Error('python3 is not on PATH; CI must install it to run the Python references');
    });
  } else if (!hasPython) {
    console.warn(
      '\n*** python3 is not on PATH: the Python reference solutions are NOT checked ***\n',
    );
    it.skip('python references: skipped because python3 is not on PATH', () => {});
  } else {
    for (const { id, spec } of questions) {
      it(`python reference for ${id} passes its ${spec.tests.length} cases`, () => {
        const results = runPython(spec);
        expect(results).toHaveLength(spec.tests.length);
        spec.tests.forEach((test, index) => {
          const result = results[index];
          const label = caseLabel(id, index, test);
          if (result === undefined || 'error' in result) {
            throw new Error(`${label} raised ${result?.error ?? 'nothing (no result)'}`);
          }
          expectCase(JSON.parse(result.json), test, label);
        });
      });
    }
  }
});
