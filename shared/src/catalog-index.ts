/** Fast look-ups into validated content. */
import type { Catalog, Question, QuestionSummary, RoundDefinition, RoundSummary } from './content';

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

/** A round definition without its question bank. */
export function summarizeRound({ questions, ...round }: RoundDefinition): RoundSummary {
  return { ...round, questionCount: questions.length };
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
}: Question): QuestionSummary {
  return { id, prompt, difficulty, topics, minutes, leadershipPrinciples };
}
