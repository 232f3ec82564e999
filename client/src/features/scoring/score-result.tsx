import type { RubricDimension } from '@mockloop/shared/content';
import { LEVEL_NAMES } from '@mockloop/shared/levels';
import type { RoundView } from '@mockloop/shared/loop/project';
import type { Rating } from '@mockloop/shared/loop/state';

export const ratingLabel = (rating: Rating | undefined) =>
  rating === undefined
    ? '—'
    : rating === 'no-signal'
      ? 'No signal'
      : `${rating} · ${LEVEL_NAMES[rating]}`;

/** The submitted self-score, then what a strong answer shows and the red flags. */
export function ScoreResult({ round, rubric }: { round: RoundView; rubric: RubricDimension[] }) {
  const card = round.scores.self?.card;
  if (!card) return null;
  const { signals, redFlags } = round.question;
  return (
    <section className="panel" aria-labelledby="score-result-title">
      <h2 id="score-result-title">Your score</h2>
      <dl className="score-list">
        {rubric.map((d) => (
          <div key={d.id}>
            <dt>{d.title}</dt>
            <dd>{ratingLabel(card.ratings[d.id])}</dd>
          </div>
        ))}
        <div>
          <dt>Overall vote</dt>
          <dd>
            <strong>{ratingLabel(card.vote)}</strong>
          </dd>
        </div>
      </dl>
      {card.justification && <p className="justification">{card.justification}</p>}
      {signals && (
        <>
          <h3>What a strong answer shows</h3>
          <ul className="signals">
            {signals.map((s) => (
              <li key={s}>{s}</li>
            ))}
          </ul>
        </>
      )}
      {redFlags && (
        <>
          <h3>Red flags</h3>
          <ul className="red-flags">
            {redFlags.map((s) => (
              <li key={s}>{s}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
