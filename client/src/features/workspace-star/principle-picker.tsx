import type { LeadershipPrinciple } from '@mockloop/shared/content';
import { STAR_MAX_PRINCIPLES } from '@mockloop/shared/star';

interface Props {
  id: string;
  principles: LeadershipPrinciple[] | undefined;
  /** Ids the question targets: marked as suggestions. */
  targeted: string[];
  selected: string[];
  onChange(next: string[]): void;
}

/** A checkbox per Leadership Principle, the question's own marked, at most a few ticked. */
export function PrinciplePicker({ id, principles, targeted, selected, onChange }: Props) {
  const full = selected.length >= STAR_MAX_PRINCIPLES;
  const hintId = `${id}-hint`;
  return (
    <fieldset className="star-principles" aria-describedby={hintId}>
      <legend>Leadership Principles this answer shows</legend>
      <p id={hintId} className="muted">
        Tick up to {STAR_MAX_PRINCIPLES}.
        {targeted.length > 0 && ' Those marked “asked” are the ones this question targets.'}
        {full && ` You have ticked ${STAR_MAX_PRINCIPLES}; untick one to choose another.`}
      </p>
      {principles ? (
        <ul className="star-principles__list">
          {principles.map((p) => {
            const checked = selected.includes(p.id);
            const asked = targeted.includes(p.id);
            return (
              <li key={p.id}>
                <label
                  className={`star-principle${asked ? ' star-principle--asked' : ''}`}
                  title={p.summary}
                >
                  <input
                    type="checkbox"
                    checked={checked}
                    disabled={!checked && full}
                    onChange={(e) =>
                      onChange(
                        e.target.checked
                          ? [...selected, p.id]
                          : selected.filter((other) => other !== p.id),
                      )
                    }
                  />
                  <span>{p.name}</span>
                  {asked && <span className="tag star-principle__asked">asked</span>}
                </label>
              </li>
            );
          })}
        </ul>
      ) : (
        <p className="muted">Loading the Leadership Principles…</p>
      )}
    </fieldset>
  );
}
