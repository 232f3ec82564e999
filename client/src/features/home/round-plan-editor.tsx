import { QUESTION_FAMILY_NAMES, type QuestionFamily } from '@mockloop/shared/levels';

export interface PlannedRound {
  /** Unique in the plan: a round may appear twice (the online assessment's two problems). */
  key: string;
  id: string;
  title: string;
  minutes: number;
  included: boolean;
  /** The families of the round's bank; a choice is offered when there is more than one. */
  families: QuestionFamily[];
  /** The family to draw from, or '' for the whole bank. */
  family: QuestionFamily | '';
}

interface Props {
  plan: PlannedRound[];
  onChange(plan: PlannedRound[]): void;
  reorderable: boolean;
}

const MIN_MINUTES = 5;
const MAX_MINUTES = 120;

/** Reorder (buttons, so it works from the keyboard), drop rounds, set minutes and families. */
export function RoundPlanEditor({ plan, onChange, reorderable }: Props) {
  const update = (index: number, change: Partial<PlannedRound>) =>
    onChange(plan.map((r, i) => (i === index ? { ...r, ...change } : r)));
  const move = (index: number, by: -1 | 1) => {
    const next = [...plan];
    const [item] = next.splice(index, 1);
    next.splice(index + by, 0, item!);
    onChange(next);
  };
  return (
    <fieldset className="panel plan">
      <legend>Rounds</legend>
      <ol className="plan__list">
        {plan.map((round, index) => (
          <li
            key={round.key}
            className={round.included ? 'plan__row' : 'plan__row plan__row--dropped'}
          >
            <label className="plan__include">
              <input
                type="checkbox"
                checked={round.included}
                onChange={(e) => update(index, { included: e.target.checked })}
              />
              <span>{round.title}</span>
            </label>
            {round.families.length > 1 && (
              <label className="plan__family">
                <span className="visually-hidden">Questions for {round.title}</span>
                <select
                  value={round.family}
                  disabled={!round.included}
                  onChange={(e) => update(index, { family: e.target.value as QuestionFamily | '' })}
                >
                  <option value="">Any question</option>
                  {round.families.map((family) => (
                    <option key={family} value={family}>
                      {QUESTION_FAMILY_NAMES[family]} only
                    </option>
                  ))}
                </select>
              </label>
            )}
            <label className="plan__minutes">
              <span className="visually-hidden">Minutes for {round.title}</span>
              <input
                type="number"
                min={MIN_MINUTES}
                max={MAX_MINUTES}
                value={round.minutes}
                disabled={!round.included}
                onChange={(e) =>
                  update(index, {
                    minutes: Math.min(
                      MAX_MINUTES,
                      Math.max(MIN_MINUTES, Math.round(Number(e.target.value) || MIN_MINUTES)),
                    ),
                  })
                }
              />
              <span aria-hidden="true">min</span>
            </label>
            {reorderable && (
              <span className="plan__move">
                <button
                  type="button"
                  className="button button--icon"
                  disabled={index === 0}
                  aria-label={`Move ${round.title} earlier`}
                  onClick={() => move(index, -1)}
                >
                  ↑
                </button>
                <button
                  type="button"
                  className="button button--icon"
                  disabled={index === plan.length - 1}
                  aria-label={`Move ${round.title} later`}
                  onClick={() => move(index, 1)}
                >
                  ↓
                </button>
              </span>
            )}
          </li>
        ))}
      </ol>
    </fieldset>
  );
}
