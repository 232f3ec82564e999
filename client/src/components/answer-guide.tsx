import {
  CODE_LANGUAGE_NAMES,
  referenceLanguageFor,
  type CodeLanguage,
  type ReferenceLanguage,
} from '@mockloop/shared/code';
import type { QuestionView } from '@mockloop/shared/loop/project';
import { Prose } from './prose';

export interface ReferenceSolution {
  name: string;
  code: string;
  /** The one for the language the round was answered in: shown open. */
  chosen: boolean;
}

/**
 * A question's reference solutions as its view carries them (with the kit only); the one
 * closest to `written`, the language the round's code is in, comes first.
 */
export function referenceSolutions(
  question: QuestionView,
  written?: CodeLanguage | null,
): ReferenceSolution[] {
  const { coding, sql } = question;
  const nearest = written ? referenceLanguageFor(written) : null;
  const all: { language: ReferenceLanguage; code: string }[] = coding?.solutions
    ? [
        { language: 'python', code: coding.solutions.python },
        { language: 'javascript', code: coding.solutions.javascript },
      ]
    : sql?.solution
      ? [{ language: 'sql', code: sql.solution }]
      : [];
  return all
    .map(({ language, code }) => ({
      name: CODE_LANGUAGE_NAMES[language],
      code,
      chosen: language === nearest,
    }))
    .sort((a, b) => Number(b.chosen) - Number(a.chosen));
}

interface Props {
  signals: string[];
  redFlags: string[];
  /** The whole hint ladder, for a worked solution after scoring. */
  hints?: string[];
  /** The question's reference solutions (`referenceSolutions`). */
  solutions?: ReferenceSolution[];
  /** Indexes of the signals ticked as heard. */
  ticked?: number[];
  /** Given, the signals are a checklist to tick during the answer. */
  onTick?(index: number, checked: boolean): void;
}

/**
 * What a strong answer shows, the red flags and, for coding questions, the reference
 * solutions: the interviewer's yardstick, and the candidate's worked solution once they
 * have scored. Everything is shown as text.
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
          {solutions.map(({ name, code, chosen }) => (
            <details key={name} className="reference-solution" open={chosen}>
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
