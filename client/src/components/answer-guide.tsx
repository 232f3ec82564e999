import { Prose } from './prose';

interface Props {
  signals: string[];
  redFlags: string[];
  /** Indexes of the signals ticked as heard. */
  ticked?: number[];
  /** Given, the signals are a checklist to tick during the answer. */
  onTick?(index: number, checked: boolean): void;
}

/** What a strong answer shows, and the red flags: the interviewer's yardstick. */
export function AnswerGuide({ signals, redFlags, ticked = [], onTick }: Props) {
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
    </>
  );
}
