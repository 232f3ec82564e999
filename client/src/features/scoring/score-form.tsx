import { ErrorMessage } from '@/components/error-message';
import { useState, type FormEvent } from 'react';
import type { RubricDimension } from '@mockloop/shared/content';
import { LEVEL_NAMES, LEVELS, type Level, type TargetLevel } from '@mockloop/shared/levels';
import { LP_DIMENSION_ID } from '@mockloop/shared/leadership';
import type { RoundView } from '@mockloop/shared/loop/project';
import {
  JUSTIFICATION_MAX_CHARS,
  type Rating,
  type ScoreSource,
} from '@mockloop/shared/loop/state';
import { useCommand } from '@/lib/use-command';

/**
 * Self-scoring: every rubric dimension with the anchored description of each level in
 * view, where the bar sits at the level the loop targets, an overall vote and a
 * justification. What a strong answer shows is revealed only after this is submitted.
 */
interface Props {
  round: RoundView;
  rubric: RubricDimension[];
  /** The level the loop targets: its note on each dimension is shown beside the anchors. */
  targetLevel: TargetLevel;
  /** Scoring oneself, or the interviewer scoring the candidate. */
  source: ScoreSource;
}

export function ScoreForm({ round, rubric, targetLevel, source }: Props) {
  const [ratings, setRatings] = useState<Record<string, Rating>>({});
  const [vote, setVote] = useState<Level | null>(null);
  const [justification, setJustification] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const { run, error, busy } = useCommand();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const missing = rubric.filter((d) => !ratings[d.id]).map((d) => d.title);
    if (missing.length || !vote) {
      setProblem(`Still to rate: ${[...missing, ...(vote ? [] : ['overall vote'])].join(', ')}.`);
      return;
    }
    setProblem(null);
    void run('score:submit', { round: round.index, card: { ratings, vote, justification } });
  };

  return (
    <form className="score-form panel" onSubmit={submit} aria-labelledby="score-title" noValidate>
      <h2 id="score-title">{source === 'self' ? 'Score this round' : 'Score the candidate'}</h2>
      <p className="muted">
        {source === 'self'
          ? 'Rate yourself on each dimension before you see how anyone else saw it.'
          : 'You can score while the round runs. The candidate sees your score only once they have scored too.'}{' '}
        Pick "No signal" where the round gave no evidence.
      </p>
      {rubric.map((dimension) => (
        <fieldset key={dimension.id} className="dimension">
          <legend>
            {dimension.title}
            <span className="dimension__description">{dimension.description}</span>
          </legend>
          {dimension.id === LP_DIMENSION_ID && round.lp && (
            <p className="dimension__context">
              The opening story question: “{round.lp.question.prompt.trim()}”
            </p>
          )}
          {dimension.levelNotes?.[targetLevel] && (
            <p className="dimension__level-note">
              <strong>At {targetLevel}:</strong> {dimension.levelNotes[targetLevel]}
            </p>
          )}
          <div className="levels">
            {LEVELS.map((level) => (
              <label key={level} className="level">
                <input
                  type="radio"
                  name={`rating-${dimension.id}`}
                  value={level}
                  checked={ratings[dimension.id] === level}
                  onChange={() => setRatings({ ...ratings, [dimension.id]: level })}
                />
                <span className="level__name">
                  {level} · {LEVEL_NAMES[level]}
                </span>
                <span className="level__anchor">{dimension.levels[String(level) as '1']}</span>
              </label>
            ))}
            <label className="level level--none">
              <input
                type="radio"
                name={`rating-${dimension.id}`}
                value="no-signal"
                checked={ratings[dimension.id] === 'no-signal'}
                onChange={() => setRatings({ ...ratings, [dimension.id]: 'no-signal' })}
              />
              <span className="level__name">No signal</span>
            </label>
          </div>
        </fieldset>
      ))}
      <fieldset className="dimension">
        <legend>Overall vote for the round</legend>
        <div className="levels levels--inline">
          {LEVELS.map((level) => (
            <label key={level} className="level">
              <input
                type="radio"
                name="vote"
                value={level}
                checked={vote === level}
                onChange={() => setVote(level)}
              />
              <span className="level__name">
                {level} · {LEVEL_NAMES[level]}
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <label htmlFor="justification" className="field-label">
        Justification — where you were strong, where you hesitated or over-explained
      </label>
      <textarea
        id="justification"
        value={justification}
        maxLength={JUSTIFICATION_MAX_CHARS}
        onChange={(e) => setJustification(e.target.value)}
      />
      <ErrorMessage message={problem ?? error} />
      <button type="submit" className="button button--primary" disabled={busy}>
        Submit score
      </button>
    </form>
  );
}
