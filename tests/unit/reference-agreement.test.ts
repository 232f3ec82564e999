/**
 * The Python and JavaScript reference solutions of every question with a coding spec agree
 * on generated inputs: a seeded generator per question (tests/helpers/generators) draws
 * `INPUTS_PER_QUESTION` argument lists, both references run on all of them (one python3
 * process per question), and every pair of results must match under the question's
 * comparison. A question without a generator fails here.
 */
import { describe, expect, it } from 'vitest';
import { valuesMatch } from '../../shared/src/run-compare';
import { createRandom } from '../../shared/src/test-input';
import { catalog } from '../helpers/content';
import { inputGenerators } from '../helpers/generators';
import {
  codingQuestions,
  hasPython,
  questionComparison,
  referenceOf,
  runJavaScript,
  runPython,
} from '../helpers/reference-runner';

const INPUTS_PER_QUESTION = 100;
/** Fewest distinct results a generator must lead to: one that always gives the same answer tests little. */
const MIN_DISTINCT_RESULTS = 2;

const questions = codingQuestions(catalog);

/** A 32-bit seed from the question id, so each question draws its own fixed inputs. */
function seedOf(id: string): number {
  let hash = 2166136261;
  for (const char of id) hash = Math.imul(hash ^ char.codePointAt(0)!, 16777619);
  return hash >>> 0;
}

const shown = (value: unknown) => JSON.stringify(value)?.slice(0, 300);

describe('reference solutions agree on generated inputs', () => {
  it('has an input generator for every question with a coding spec, and none for others', () => {
    const ids = questions.map(({ question }) => question.id);
    expect(ids.filter((id) => !Object.hasOwn(inputGenerators, id))).toEqual([]);
    expect(Object.keys(inputGenerators).filter((id) => !ids.includes(id))).toEqual([]);
  });

  if (!hasPython && process.env.CI === 'true') {
    it('finds python3 on PATH to compare the references', () => {
      throw new Error('python3 is not on PATH; CI must install it');
    });
  }
  if (!hasPython) {
    console.warn('\n*** python3 is not on PATH: the references are NOT compared ***\n');
    return;
  }

  for (const { question, spec } of questions) {
    const generate = inputGenerators[question.id];
    if (!generate) continue;
    it(`${question.id}: Python and JavaScript agree on ${INPUTS_PER_QUESTION} generated inputs`, () => {
      const random = createRandom(seedOf(question.id));
      const inputs = Array.from({ length: INPUTS_PER_QUESTION }, () => generate(random));
      const python = runPython(referenceOf(spec, 'python'), inputs);
      const javascript = runJavaScript(referenceOf(spec, 'javascript'), inputs);
      const comparison = questionComparison(spec);
      const disagreements: string[] = [];
      inputs.forEach((input, i) => {
        const [py, js] = [python[i]!, javascript[i]!];
        const agree = py.ok && js.ok && valuesMatch(js.value, py.value, comparison);
        if (!agree)
          disagreements.push(
            `input ${shown(input)}: python ${py.ok ? shown(py.value) : py.error}, javascript ${js.ok ? shown(js.value) : js.error}`,
          );
      });
      expect(disagreements).toEqual([]);
      const distinct = new Set(python.map((result) => (result.ok ? shown(result.value) : '')));
      expect(distinct.size, `${question.id}: distinct results`).toBeGreaterThanOrEqual(
        MIN_DISTINCT_RESULTS,
      );
    });
  }
});
