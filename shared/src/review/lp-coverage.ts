/**
 * Leadership Principle coverage: which of the principles a loop gave evidence of — the
 * ones its questions targeted and the ones the candidate tagged their STAR answers with.
 */

export interface LpSource {
  round: number;
  title: string;
  via: 'question' | 'star';
}

export interface LpCoverage {
  id: string;
  name: string;
  sources: LpSource[];
}

interface CoverageRound {
  index: number;
  title: string;
  /** Principles the round's question targets. */
  questionPrinciples: readonly string[];
  /** Principles the candidate tagged the STAR answer with. */
  starPrinciples: readonly string[];
}

/** Every principle, in the given order, with what evidenced it in this loop (maybe nothing). */
export function lpCoverage(
  rounds: readonly CoverageRound[],
  principles: readonly { id: string; name: string }[],
): LpCoverage[] {
  return principles.map(({ id, name }) => ({
    id,
    name,
    sources: rounds.flatMap((round) => [
      ...(round.questionPrinciples.includes(id)
        ? [{ round: round.index, title: round.title, via: 'question' as const }]
        : []),
      ...(round.starPrinciples.includes(id)
        ? [{ round: round.index, title: round.title, via: 'star' as const }]
        : []),
    ]),
  }));
}
