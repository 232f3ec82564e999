import type { RoundView } from '@mockloop/shared/loop/project';
import {
  saysWeMoreThanI,
  storyReuse,
  type StarAnswer,
  type StarCounts,
} from '@mockloop/shared/star';

/** "round 2, “Bar Raiser”" — how a warning names another round of the loop. */
function roundName(rounds: readonly RoundView[], index: number): string {
  const title = rounds.find((r) => r.index === index)?.title;
  return title ? `round ${index + 1}, “${title}”` : `round ${index + 1}`;
}

const joinNames = (names: string[]): string =>
  names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;

/**
 * The other rounds of the loop that tell the same story as `round`, with `answer` taken
 * as this round's answer (the candidate's unsaved text counts at once).
 */
export function reusedIn(
  rounds: readonly RoundView[],
  round: RoundView,
  answer: StarAnswer | null,
): number[] {
  const answers = rounds.map((r) => ({
    round: r.index,
    answer: r.index === round.index ? answer : (r.star ?? null),
  }));
  return storyReuse(answers).find((r) => r.round === round.index)?.sameAs ?? [];
}

/** The warning that this round's story is told in another round of the loop too. */
export function ReuseWarning({
  rounds,
  others,
  own,
}: {
  rounds: readonly RoundView[];
  others: number[];
  /** True for the candidate's own answer; false when someone else reads it. */
  own: boolean;
}) {
  const names = joinNames(others.map((index) => roundName(rounds, index)));
  return (
    <div aria-live="polite" data-testid="star-reuse-warning">
      {others.length > 0 && (
        <p className="banner banner--warn star-warning">
          {own
            ? `You already told this story in ${names}. Prepare a different story for each question of a loop: the interviewers compare notes in the debrief.`
            : `The candidate already told this story in ${names}.`}
        </p>
      )}
    </div>
  );
}

/** The answer's word total and its "I" vs "we" count, with a nudge when "we" wins. */
export function StarTotals({ counts, own }: { counts: StarCounts; own: boolean }) {
  return (
    <>
      <p className="star-totals" data-testid="star-totals">
        <span>
          <strong>{counts.totalWords.toLocaleString()}</strong>{' '}
          {counts.totalWords === 1 ? 'word' : 'words'} in all
        </span>
        <span>
          “I” <strong>{counts.i}</strong>
        </span>
        <span>
          “we” <strong>{counts.we}</strong>
        </span>
      </p>
      <div aria-live="polite" data-testid="star-we-nudge">
        {saysWeMoreThanI(counts) && (
          <p className="banner banner--info star-nudge">
            {own
              ? 'You say “we” more than “I”. Say what you did yourself: your part is what gets scored.'
              : 'The answer says “we” more than “I”: ask what the candidate did themself.'}
          </p>
        )}
      </div>
    </>
  );
}
