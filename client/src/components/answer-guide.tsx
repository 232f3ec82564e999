import { Prose } from './prose';

/** What a strong answer shows, and the red flags: the interviewer's yardstick. */
export function AnswerGuide({ signals, redFlags }: { signals: string[]; redFlags: string[] }) {
  return (
    <>
      <h3>What a strong answer shows</h3>
      <ul className="signals">
        {signals.map((s) => (
          <li key={s}>
            <Prose text={s} />
          </li>
        ))}
      </ul>
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
