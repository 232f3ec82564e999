import type { QuestionView } from '@mockloop/shared/loop/project';
import { Prose } from './prose';

/** A question's reference solutions as its view carries them (with the kit only). */
export function referenceSolutions(question: QuestionView): { name: string; code: string }[] {
  const { coding, sql } = question;
  if (coding?.solutions)
    return [
      { name: 'Python', code: coding.solutions.python },
      { name: 'JavaScript', code: coding.solutions.javascript },
    ];
  return sql?.solution ? [{ name: 'SQL', code: sql.solution }] : [];
}

interface Props {
  signals: string[];
  redFlags: string[];
  /** The whole hint ladder, for a worked solution after scoring. */
  hints?: string[];
  /** The question's reference solutions (`referenceSolutions`). */
  solutions?: { name: string; code: string }[];
  /** Indexes of the signals ticked as heard. */
  ticked?: number[];
  /** Given, the signals are a checklist to tick during the answer. */
  onTick?(index: number, checked: boolean): void;
}

/**
 * What a strong answer shows, the red flags and, for coding questions, the reference
 * solutions: the interviewer's yardstick, and a solo candidate's worked solution once
 * they have scored. Everything is shown as text.
 */
export function AnswerGuide({ signals, redFlags, hints, solutions, ticked = [], onTick }: Props) {
  return (
    <>
      <h3>What a strong answer shows</h3>
      {onTick ? (
        <fieldset className="signals signals--checklist">
          <legend className="muted">
            Tick each one as you hear it · {ticked.length} of {signals.length}
          </legend>
          {signals.map((s, index) => (
            <label key={s} className="signal-check">
              <input
                type="checkbox"
                checked={ticked.includes(index)}
                onChange={(e) => onTick(index, e.target.checked)}
              />
              <Prose text={s} />
            </label>
          ))}
        </fieldset>
      ) : (
        <ul className="signals">
          {signals.map((s, index) => (
            <li key={s}>
              {ticked.includes(index) && <span className="signal-heard">Heard · </span>}
              <Prose text={s} />
            </li>
          ))}
        </ul>
      )}
      <h3>Red flags</h3>
      <ul className="red-flags">
        {redFlags.map((s) => (
          <li key={s}>
            <Prose text={s} />
          </li>
        ))}
      </ul>
      {hints && hints.length > 0 && (
        <>
          <h3>The hint ladder</h3>
          <ol className="hints">
            {hints.map((hint) => (
              <li key={hint} className="hint">
                <Prose text={hint} />
              </li>
            ))}
          </ol>
        </>
      )}
      {solutions && solutions.length > 0 && (
        <>
          <h3>{solutions.length === 1 ? 'Reference solution' : 'Reference solutions'}</h3>
          {solutions.map(({ name, code }) => (
            <details key={name} className="reference-solution">
              <summary>{name}</summary>
              {/* Scrolls when long: focusable, so the keyboard can scroll it too. */}
              <pre tabIndex={0} aria-label={`${name} reference solution`}>
                <code>{code}</code>
              </pre>
            </details>
          ))}
        </>
      )}
    </>
  );
}
