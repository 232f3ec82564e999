/**
 * The Leadership Principle phase that opens a technical round. Amazon's interviewers each
 * own two or three principles and open their round with a story question on one of them;
 * a round definition opts in with a phase of this id, and scores it on the rubric
 * dimension of the same id. Plain constants and pure functions, safe in the browser.
 */
import type { Catalog, Question } from './content';
import { questionFamily, type TargetLevel } from './levels';

/** Id of the phase in which the interviewer asks a Leadership Principle question. */
export const LP_PHASE_ID = 'leadership-principles';
/** Id of the rubric dimension that scores the answer to it. */
export const LP_DIMENSION_ID = 'leadership-principles';

/** Where a Leadership Principle question lives: the bank (round) and the question. */
export interface LpQuestionRef {
  roundId: string;
  questionId: string;
}

/** A question of the Leadership Principle bank, with the round that holds it. */
export interface LpCandidate extends LpQuestionRef {
  question: Question;
}

/** Index of the Leadership Principle phase in a round's phases, or -1. */
export function lpPhaseIndex(phases: readonly { id: string }[]): number {
  return phases.findIndex((p) => p.id === LP_PHASE_ID);
}

/**
 * The Leadership Principle bank for a round that owns `principles`: every question of the
 * leadership family (the behavioral and bar-raiser banks, and any user round's questions
 * marked so) that targets at least one of them, in catalog order.
 */
export function lpBank(catalog: Catalog, principles: readonly string[]): LpCandidate[] {
  return catalog.rounds.flatMap((round) =>
    round.questions
      .filter(
        (q) =>
          questionFamily(round.id, q) === 'leadership' &&
          q.leadershipPrinciples.some((p) => principles.includes(p)),
      )
      .map((question) => ({ roundId: round.id, questionId: question.id, question })),
  );
}

export interface LpDrawOptions {
  /** Question ids to avoid while others remain (drawn elsewhere in the loop, or recent). */
  avoid: ReadonlySet<string>;
  /** Principles already asked about in this loop: others are preferred. */
  asked?: ReadonlySet<string>;
  /** The level the loop targets: questions that do not suit it are left out. */
  level?: TargetLevel;
  topic?: string;
}

/**
 * Draws the question for a round's Leadership Principle phase: first one of the round's
 * principles at random (preferring ones not yet asked about in the loop), then a fresh
 * question targeting it; where none is fresh, any fresh question of the bank, then any.
 */
export function drawLpQuestion(
  bank: readonly LpCandidate[],
  principles: readonly string[],
  options: LpDrawOptions,
  random: () => number,
): LpCandidate | undefined {
  const pool = bank.filter(
    ({ question }) =>
      (!options.level || question.levels.includes(options.level)) &&
      (!options.topic || question.topics.includes(options.topic)),
  );
  const fresh = pool.filter((c) => !options.avoid.has(c.questionId));
  const unasked = principles.filter((p) => !options.asked?.has(p));
  const order = [...(unasked.length ? unasked : principles)];
  const principle = order[Math.floor(random() * order.length)];
  const targeting = (list: readonly LpCandidate[]) =>
    list.filter(
      (c) => principle !== undefined && c.question.leadershipPrinciples.includes(principle),
    );
  const candidates =
    [targeting(fresh), fresh, targeting(pool), pool].find((list) => list.length > 0) ?? [];
  return candidates[Math.floor(random() * candidates.length)];
}

/** Looks up one question of the Leadership Principle bank by its id (first in catalog order). */
export function findLpQuestion(
  bank: readonly LpCandidate[],
  questionId: string,
): LpCandidate | undefined {
  return bank.find((c) => c.questionId === questionId);
}
