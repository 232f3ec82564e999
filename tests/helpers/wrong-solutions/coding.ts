/**
 * Plausible wrong solutions to the coding family's questions: each right on the happy path
 * and wrong in one way a candidate really writes — a builder that drops a child holding 0,
 * booleans taken for numbers, `str.isdigit`, rounding each line before summing, UTF-16
 * indexing, a quadratic loop where the prompt sets a size. Each must fail at least one of
 * its question's test cases; a `slow` one is right but must not finish a generated case
 * within the browser runner's time limit.
 */
import { edgeWrongSolutions } from './coding-edges';
import { slowWrongSolutions } from './coding-slow';

export interface WrongSolution {
  question: string;
  language: 'python' | 'javascript';
  /** The mistake, in a few words. */
  flaw: string;
  /** Right on every case but too slow on the generated (large) ones. */
  slow?: true;
  source: string;
}

export const codingWrongSolutions: WrongSolution[] = [...edgeWrongSolutions, ...slowWrongSolutions];
