/**
 * The coding questions' tests reject plausible wrong solutions
 * (tests/helpers/wrong-solutions): each wrong answer fails at least one case for a reason
 * other than time, while passing some; each slow one passes every small case but needs
 * more than the browser runner's time limit — in CPU time, not wall-clock — on at least
 * one generated (large) case.
 */
import { describe, expect, it } from 'vitest';
import { RUN_TIME_LIMIT_MS } from '../../shared/src/code-run';
import type { CodingSpec } from '../../shared/src/content';
import { hasGenerator } from '../../shared/src/test-input';
import { catalog } from '../helpers/content';
import {
  codingQuestions,
  expandedTests,
  finishesWithinCpuTime,
  hasPython,
  judge,
  type Solution,
} from '../helpers/reference-runner';
import { codingWrongSolutions, type WrongSolution } from '../helpers/wrong-solutions/coding';

const specs = new Map(codingQuestions(catalog).map(({ question, spec }) => [question.id, spec]));

const runnable = codingWrongSolutions.filter(
  (wrong) => wrong.language === 'javascript' || hasPython,
);
if (!hasPython && process.env.CI === 'true')
  throw new Error('python3 is not on PATH; CI must install it to check the wrong Python solutions');

function solutionOf(wrong: WrongSolution): Solution {
  const spec = specs.get(wrong.question);
  if (!spec) throw new Error(`no coding question ${wrong.question}`);
  return { language: wrong.language, source: wrong.source, name: spec.signature.name };
}

/** The spec split into its written-out cases and its generated (large) ones. */
function splitBySize(spec: CodingSpec): [CodingSpec, CodingSpec] {
  const generated = (test: CodingSpec['tests'][number]) => hasGenerator(test.input);
  return [
    { ...spec, tests: spec.tests.filter((t) => !generated(t)) },
    { ...spec, tests: spec.tests.filter(generated) },
  ];
}

const label = (wrong: WrongSolution) => `${wrong.question} (${wrong.language}): ${wrong.flaw}`;
const overTime = (detail: string) => /time limit|timed out/.test(detail);

describe('wrong solutions fail the tests', () => {
  it('covers the mistakes the coding prompts warn about', () => {
    const flaws = codingWrongSolutions.map(label).join('\n');
    for (const pattern of [
      /0 as a missing child/,
      /booleans accepted/,
      /isdigit/,
      /rounds each line .* before summing/,
      /never follows the links/,
      /UTF-16/,
      /"__proto__"/,
    ])
      expect(flaws).toMatch(pattern);
    for (const id of ['cd-longest-k-distinct', 'cd-dedupe-linked-list', 'cd-model-rollout-time'])
      expect(
        codingWrongSolutions.filter((w) => w.question === id && w.slow).map((w) => w.language),
      ).toEqual(['javascript', 'python']);
  });

  for (const wrong of runnable.filter((w) => !w.slow)) {
    it(`rejects ${label(wrong)}`, () => {
      const spec = specs.get(wrong.question)!;
      // The small cases first; the generated ones only when those catch nothing.
      const [small, large] = splitBySize(spec);
      let verdicts = judge(small, solutionOf(wrong), RUN_TIME_LIMIT_MS);
      if (verdicts.every((v) => v.passed || overTime(v.detail)))
        verdicts = [...verdicts, ...judge(large, solutionOf(wrong), RUN_TIME_LIMIT_MS)];
      const caught = verdicts.filter((v) => !v.passed && !overTime(v.detail));
      expect(caught.length, 'cases it fails for a reason other than time').toBeGreaterThan(0);
      expect(
        verdicts.some((v) => v.passed),
        'a plausible solution passes some cases',
      ).toBe(true);
    });
  }

  for (const wrong of runnable.filter((w) => w.slow)) {
    it.concurrent(
      `times out ${label(wrong)}`,
      async () => {
        const spec = specs.get(wrong.question)!;
        const [small, large] = splitBySize(spec);
        const verdicts = judge(small, solutionOf(wrong), RUN_TIME_LIMIT_MS);
        const wrongAnswers = verdicts.filter((v) => !v.passed && !overTime(v.detail));
        expect(
          wrongAnswers.map((v) => v.detail),
          'right whenever it finishes',
        ).toEqual([]);
        if (verdicts.some((v) => !v.passed)) return; // already too slow on a written-out case
        expect(large.tests.length).toBeGreaterThan(0);
        // One large case over the limit is enough: the others are stopped then.
        const enough = new AbortController();
        const inTime = await Promise.all(
          expandedTests(large).map(async (test) => {
            const fits = await finishesWithinCpuTime(
              solutionOf(wrong),
              test.input,
              RUN_TIME_LIMIT_MS,
              enough.signal,
            );
            if (fits === false) enough.abort();
            return fits;
          }),
        );
        expect(inTime, 'finished each large case within the time limit').toContain(false);
      },
      180_000,
    );
  }
});
