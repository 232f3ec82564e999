/**
 * Leadership Principle coverage: which of the principles a loop gave evidence of — the
 * ones its questions targeted (a behavioral or bar-raiser round's question, and the story
 * question that opens each technical round) and the ones the candidate tagged their STAR
 * answers with. Only rounds that ran count: a skipped round's question was never asked.
 */

export interface LpSource {
  round: number;
  title: string;
  /** The round's own question, the question of its Leadership Principle phase, or a STAR tag. */
  via: 'question' | 'lp-question' | 'star';
}

/** How a report names each kind of evidence. */
export const LP_SOURCE_LABELS: Record<LpSource['via'], string> = {
  question: 'question',
  'lp-question': 'opening story question',
  star: 'STAR tag',
};

export interface LpCoverage {
  id: string;
  name: string;
  sources: LpSource[];
}

interface CoverageRound {
  index: number;
  title: string;
  /** Whether the round was started; one skipped (or never reached) evidences nothing. */
  ran: boolean;
  /** Principles the round's question targets. */
  questionPrinciples: readonly string[];
  /** Principles the question of the round's Leadership Principle phase targets, if any. */
  lpPrinciples?: readonly string[];
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
    sources: rounds
      .filter((round) => round.ran)
      .flatMap((round) => [
        ...(round.questionPrinciples.includes(id)
          ? [{ round: round.index, title: round.title, via: 'question' as const }]
          : []),
        ...(round.lpPrinciples?.includes(id)
          ? [{ round: round.index, title: round.title, via: 'lp-question' as const }]
          : []),
        ...(round.starPrinciples.includes(id)
          ? [{ round: round.index, title: round.title, via: 'star' as const }]
          : []),
      ]),
  }));
}
