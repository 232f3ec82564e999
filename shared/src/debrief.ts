/**
 * The debrief rule: a loop is a hire only if no round is Strong No Hire, the
 * bar-raiser round is Inclined or better (its No is a veto), and most rounds are
 * Inclined or better. Clauses are checked in that order; the first that fails decides.
 */
import { LEVEL_NAMES, type Level } from './levels';

/** The vote a round contributes to the debrief, or null when it was never scored. */
export interface DebriefVote {
  roundId: string;
  title: string;
  vote: Level | null;
  /** Whose vote it is: the interviewer's ('partner') or the candidate's own ('self'). */
  source: 'self' | 'partner' | null;
}

export type DebriefClause =
  'no-votes' | 'strong-no-hire' | 'bar-raiser-veto' | 'no-majority' | 'all-clauses-met';

/** The outcome of a loop with the clause that decided it, explained in words. */
export interface DebriefResult {
  outcome: 'hire' | 'no-hire' | 'no-decision';
  clause: DebriefClause;
  explanation: string;
  inclinedOrBetter: number;
  scored: number;
  unscored: string[];
}

export const BAR_RAISER_ROUND = 'bar-raiser';
const INCLINED: Level = 3;

/** Applies the debrief rule to a loop's round votes. */
export function decideDebrief(votes: readonly DebriefVote[]): DebriefResult {
  const scored = votes.filter((v): v is DebriefVote & { vote: Level } => v.vote !== null);
  const unscored = votes.filter((v) => v.vote === null).map((v) => v.title);
  const inclinedOrBetter = scored.filter((v) => v.vote >= INCLINED).length;
  const base = { inclinedOrBetter, scored: scored.length, unscored };
  const unscoredNote = unscored.length
    ? ` Not scored, so not counted: ${unscored.join(', ')}.`
    : '';

  if (scored.length === 0) {
    return {
      ...base,
      outcome: 'no-decision',
      clause: 'no-votes',
      explanation: 'No round has a vote yet, so there is nothing to decide.',
    };
  }
  const strongNo = scored.filter((v) => v.vote === 1);
  if (strongNo.length) {
    return {
      ...base,
      outcome: 'no-hire',
      clause: 'strong-no-hire',
      explanation: `No hire: ${strongNo.map((v) => v.title).join(', ')} voted ${LEVEL_NAMES[1]}, and any ${LEVEL_NAMES[1]} sinks the loop.${unscoredNote}`,
    };
  }
  const barRaiser = scored.find((v) => v.roundId === BAR_RAISER_ROUND);
  if (barRaiser && barRaiser.vote < INCLINED) {
    return {
      ...base,
      outcome: 'no-hire',
      clause: 'bar-raiser-veto',
      explanation: `No hire: bar-raiser veto. The Bar Raiser voted ${LEVEL_NAMES[barRaiser.vote]}, and a Bar Raiser below ${LEVEL_NAMES[INCLINED]} vetoes the hire.${unscoredNote}`,
    };
  }
  if (inclinedOrBetter * 2 <= scored.length) {
    return {
      ...base,
      outcome: 'no-hire',
      clause: 'no-majority',
      explanation: `No hire: only ${inclinedOrBetter} of ${scored.length} scored rounds are ${LEVEL_NAMES[INCLINED]} or better, not a majority.${unscoredNote}`,
    };
  }
  const barRaiserNote = barRaiser
    ? `the Bar Raiser voted ${LEVEL_NAMES[barRaiser.vote]}`
    : 'this loop has no bar-raiser round, so there is no veto to apply';
  return {
    ...base,
    outcome: 'hire',
    clause: 'all-clauses-met',
    explanation: `Hire: no ${LEVEL_NAMES[1]}, ${barRaiserNote}, and ${inclinedOrBetter} of ${scored.length} scored rounds are ${LEVEL_NAMES[INCLINED]} or better.${unscoredNote}`,
  };
}
