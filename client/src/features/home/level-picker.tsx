import { TARGET_LEVEL_NAMES, TARGET_LEVELS, type TargetLevel } from '@mockloop/shared/levels';

/** The level the loop aims at: L4, L5 or L6, as radio buttons. */
export function LevelPicker({
  level,
  onChange,
}: {
  level: TargetLevel;
  onChange(level: TargetLevel): void;
}) {
  return (
    <fieldset className="panel">
      <legend>Level you are aiming for</legend>
      <p className="muted">
        Questions are drawn to suit it, and while you score, each rubric dimension says where the
        bar sits at that level. This device remembers your choice.
      </p>
      <div className="choices--row">
        {TARGET_LEVELS.map((l) => (
          <label key={l} className="choice">
            <input
              type="radio"
              name="target-level"
              value={l}
              checked={level === l}
              onChange={() => onChange(l)}
            />
            <span className="choice__title">{l}</span>
            <span className="choice__description">{TARGET_LEVEL_NAMES[l]}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
