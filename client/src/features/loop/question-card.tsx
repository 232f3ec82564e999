import { ErrorMessage } from '@/components/error-message';
import type { RoundView } from '@mockloop/shared/loop/project';
import { Prose } from '@/components/prose';
import { useCommand } from './use-command';

/** The question with its revealed hints. All text is rendered as text, never as HTML. */
export function QuestionCard({
  round,
  canRevealHints,
}: {
  round: RoundView;
  canRevealHints: boolean;
}) {
  const { question } = round;
  const { run, error, busy } = useCommand();
  const revealed = question.hints.filter((h) => h.revealedAt !== null);
  const nextHint = revealed.length;
  return (
    <article className="question" aria-labelledby="question-title">
      <h2 id="question-title" className="visually-hidden">
        Question
      </h2>
      <p className="question__meta">
        <span className={`badge badge--${question.difficulty}`}>{question.difficulty}</span>
        {question.topics.map((t) => (
          <span key={t} className="tag">
            {t.replaceAll('-', ' ')}
          </span>
        ))}
      </p>
      <Prose className="question__prompt" text={question.prompt} />
      {revealed.length > 0 && (
        <section aria-label="Hints">
          <h3>
            Hints used ({revealed.length} of {question.hintCount})
          </h3>
          <ol className="hints">
            {revealed.map((h) => (
              <li key={h.index}>{h.text}</li>
            ))}
          </ol>
        </section>
      )}
      {canRevealHints && nextHint < question.hintCount && (
        <button
          type="button"
          className="button button--quiet"
          disabled={busy}
          onClick={() => void run('hint:reveal', { round: round.index, index: nextHint })}
        >
          Reveal hint {nextHint + 1} of {question.hintCount} (recorded with your score)
        </button>
      )}
      <ErrorMessage message={error} />
    </article>
  );
}
