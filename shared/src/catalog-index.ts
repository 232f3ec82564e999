/** Fast look-ups into validated content. */
import type { Catalog, Question, QuestionSummary, RoundDefinition, RoundSummary } from './content';
import { QUESTION_FAMILIES, questionFamily, type QuestionFamily } from './levels';

export interface CatalogIndex {
  catalog: Catalog;
  round(roundId: string): RoundDefinition | undefined;
  question(roundId: string, questionId: string): Question | undefined;
}

/** Builds an index over a catalog; the catalog must not change afterwards. */
export function indexCatalog(catalog: Catalog): CatalogIndex {
  const rounds = new Map(catalog.rounds.map((r) => [r.id, r]));
  const questions = new Map(
    catalog.rounds.map((r) => [r.id, new Map(r.questions.map((q) => [q.id, q]))]),
  );
  return {
    catalog,
    round: (roundId) => rounds.get(roundId),
    question: (roundId, questionId) => questions.get(roundId)?.get(questionId),
  };
}

/** The id of the round whose bank a round's questions come from: its own, or `drawsFrom`. */
export const bankOf = (round: RoundDefinition): string => round.drawsFrom?.round ?? round.id;

/** A question's family as it sits in a round's bank. */
export const familyIn = (round: RoundDefinition, question: Question): QuestionFamily | null =>
  questionFamily(bankOf(round), question);

/** A round's bank, or only its questions of `family` when one is given. */
export const questionsOf = (round: RoundDefinition, family?: QuestionFamily): Question[] =>
  family ? round.questions.filter((q) => familyIn(round, q) === family) : round.questions;

/** The families present in a round's bank, in `QUESTION_FAMILIES` order. */
export function roundFamilies(round: RoundDefinition): QuestionFamily[] {
  const present = new Set(round.questions.map((q) => familyIn(round, q)));
  return QUESTION_FAMILIES.filter((family) => present.has(family));
}

/** A round definition without its question bank. */
export function summarizeRound(round: RoundDefinition): RoundSummary {
  const { questions, ...rest } = round;
  return { ...rest, questionCount: questions.length, families: roundFamilies(round) };
}

/**
 * What anyone may read of a question: enough to choose it, nothing of its kit (hints,
 * follow-ups, signals, red flags, tests and reference solutions stay with the loop view).
 */
export function summarizeQuestion({
  id,
  prompt,
  difficulty,
  topics,
  minutes,
  leadershipPrinciples,
  levels,
}: Question): QuestionSummary {
  return { id, prompt, difficulty, topics, minutes, leadershipPrinciples, levels };
}
