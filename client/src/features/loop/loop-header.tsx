import { useLoopField } from '@/store/loop-selectors';
import { useStore } from '@/store/store';

const STATUS_LABEL = {
  pending: 'not started',
  'in-progress': 'in progress',
  scoring: 'scoring',
  done: 'done',
} as const;

/** Where the loop is: one step per round, the level it targets, and the sound toggle. */
export function LoopHeader() {
  const rounds = useLoopField('rounds');
  const current = useLoopField('current');
  const targetLevel = useLoopField('targetLevel');
  const muted = useStore((s) => s.muted);
  const toggleMuted = useStore((s) => s.toggleMuted);
  return (
    <nav className="loop-header" aria-label="Rounds of this loop">
      <ol className="steps">
        {rounds.map((round) => (
          <li
            key={round.index}
            className={`step step--${round.status}`}
            aria-current={round.index === current ? 'step' : undefined}
          >
            <span className="step__title">{round.title}</span>
            <span className="step__status">{STATUS_LABEL[round.status]}</span>
          </li>
        ))}
      </ol>
      <span className="loop-header__level" data-testid="loop-level">
        Aiming for {targetLevel}
      </span>
      {/* The label says what a press does; the state is in it, not in a second attribute. */}
      <button type="button" className="button button--quiet" onClick={toggleMuted}>
        {muted ? 'Turn sounds on' : 'Turn sounds off'}
      </button>
    </nav>
  );
}
