/**
 * Every reference solution of every question with a coding spec — in any round, from the
 * round files or from `rounds/content/questions/` — passes all of its own test cases, in
 * JavaScript (node:vm) and Python (python3), compared by the shared rule the browser uses.
 * Questions of the coding family carry at least 8 cases, and a run of all of them stays
 * inside the browser's time limit.
 */
import { describe, expect, it } from 'vitest';
import { RUN_MAX_CASES, RUN_TIME_LIMIT_MS } from '../../shared/src/code-run';
import { catalog } from '../helpers/content';
import {
  codingQuestions,
  hasPython,
  judge,
  referenceOf,
  type Language,
} from '../helpers/reference-runner';

const questions = codingQuestions(catalog);
/** Fewest cases a question of the coding family may have. */
const MIN_CODING_CASES = 8;

function checkReference(id: string, verdicts: ReturnType<typeof judge>, language: Language) {
  const failures = verdicts
    .filter((v) => !v.passed)
    .map((v) => `${id} (${language}) case ${v.index}: ${v.detail}`);
  expect(failures).toEqual([]);
  // A loose bound, in wall-clock time on a possibly busy machine: the browser test holds
  // the real runtimes (Pyodide is slower than python3) to half the limit.
  const total = verdicts.reduce((sum, v) => sum + v.ms, 0);
  expect(total, `${id} (${language}) takes ${Math.round(total)} ms for all cases`).toBeLessThan(
    RUN_TIME_LIMIT_MS,
  );
}

describe('reference solutions', () => {
  it('cover every question with a coding spec, at least 8 cases each in the coding family', () => {
    expect(questions.length).toBeGreaterThan(0);
    for (const { question, spec, family } of questions) {
      expect(spec.solutions.python.trim(), `${question.id} python`).not.toBe('');
      expect(spec.solutions.javascript.trim(), `${question.id} javascript`).not.toBe('');
      expect(
        spec.tests.length,
        `${question.id}: a run reports at most ${RUN_MAX_CASES} cases`,
      ).toBeLessThanOrEqual(RUN_MAX_CASES);
      if (family === 'coding')
        expect(spec.tests.length, `${question.id} cases`).toBeGreaterThanOrEqual(MIN_CODING_CASES);
    }
  });

  for (const { question, spec } of questions) {
    it(`javascript reference for ${question.id} passes its ${spec.tests.length} cases`, () => {
      checkReference(question.id, judge(spec, referenceOf(spec, 'javascript')), 'javascript');
    });
  }

  if (!hasPython && process.env.CI === 'true') {
    it('finds python3 on PATH to check the Python references', () => {
      throw new Error('python3 is not on PATH; CI must install it to run the Python references');
    });
  } else if (!hasPython) {
    console.warn(
      '\n*** python3 is not on PATH: the Python reference solutions are NOT checked ***\n',
    );
  } else {
    for (const { question, spec } of questions) {
      it(`python reference for ${question.id} passes its ${spec.tests.length} cases`, () => {
        checkReference(question.id, judge(spec, referenceOf(spec, 'python')), 'python');
      });
    }
  }
});
