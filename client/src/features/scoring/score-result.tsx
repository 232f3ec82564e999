import type { RubricDimension } from '@mockloop/shared/content';
import { LEVEL_NAMES } from '@mockloop/shared/levels';
import type { RoundView } from '@mockloop/shared/loop/project';
import type { Rating, ScoreCard, ScoreSource } from '@mockloop/shared/loop/state';
import { AnswerGuide, referenceSolutions } from '@/components/answer-guide';
import { ErrorMessage } from '@/components/error-message';
import { useCommand } from '@/lib/use-command';
import { LpAnswerGuide } from '@/components/lp-answer-guide';
import { useLoopFacts } from '@/store/loop-selectors';

export const ratingLabel = (rating: Rating | undefined) =>
  rating === undefined
    ? '—'
    : rating === 'no-signal'
      ? 'No signal'
      : `${rating} · ${LEVEL_NAMES[rating]}`;

const TITLE: Record<ScoreSource, string> = { self: 'Self-score', partner: "Interviewer's score" };

function Card({
  rubric,
  card,
  title,
}: {
  rubric: RubricDimension[];
  card: ScoreCard;
  title: string;
}) {
  return (
    <div className="score-card">
      <h3>{title}</h3>
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
    </div>
  );
}

/**
 * The scores of a round as this role may see them: its own, the other side's once
 * both have scored, and (solo) what a strong answer shows.
 */
export function ScoreResult({ round, rubric }: { round: RoundView; rubric: RubricDimension[] }) {
  const { role, mode, permissions, status } = useLoopFacts();
  const own: ScoreSource = role === 'candidate' ? 'self' : 'partner';
  const other: ScoreSource = own === 'self' ? 'partner' : 'self';
  const mine = round.scores[own]?.card;
  const theirs = round.scores[other];
  const { signals, redFlags } = round.question;
  const tick = useCommand();
  return (
    <section className="panel" aria-labelledby="score-result-title" data-testid="score-result">
      <h2 id="score-result-title">Scores</h2>
      <div className="score-cards">
        {mine && (
          <Card
            rubric={rubric}
            card={mine}
            title={own === 'self' ? 'Your score' : 'Your score of the candidate'}
          />
        )}
        {mode === 'paired' &&
          (theirs?.card ? (
            <Card rubric={rubric} card={theirs.card} title={TITLE[other]} />
          ) : (
            <p className="muted" role="status">
              {theirs
                ? `The ${other === 'self' ? 'candidate' : 'interviewer'} has scored. Both scores show once you have scored too.`
                : `Waiting for the ${other === 'self' ? "candidate's self-score" : "interviewer's score"}; scores stay hidden from each other until both are in.`}
            </p>
          ))}
      </div>
      {role === 'candidate' && signals && redFlags && (
        <AnswerGuide
          signals={signals}
          redFlags={redFlags}
          hints={round.question.hints.map((hint) => hint.text)}
          solutions={referenceSolutions(round.question, round.code?.language)}
          ticked={round.question.signalsTicked}
          onTick={
            permissions.tickSignals && status === 'in-progress'
              ? (index, checked) =>
                  void tick.run('signal:tick', { round: round.index, index, checked })
              : undefined
          }
        />
      )}
      <ErrorMessage message={tick.error} />
      {role === 'candidate' && round.lp?.question.signals && (
        <>
          <h3>Opening story question</h3>
          <LpAnswerGuide round={round} />
        </>
      )}
    </section>
  );
}
