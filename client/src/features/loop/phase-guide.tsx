import type { RoundView } from '@mockloop/shared/loop/project';

/** The plan of the round, with the current phase's guidance expanded. */
export function PhaseGuide({ round }: { round: RoundView }) {
  const current =
    round.clock.kind === 'running' || round.clock.kind === 'paused' ? round.clock.phase : -1;
  return (
    <section className="phase-guide" aria-labelledby="phase-guide-title">
      <h2 id="phase-guide-title">Phases</h2>
      <ol>
        {round.phases.map((phase, i) => (
          <li
            key={phase.id}
            className={
              i === current
                ? 'phase phase--current'
                : i < current || round.status !== 'in-progress'
                  ? 'phase phase--past'
                  : 'phase'
            }
            aria-current={i === current ? 'step' : undefined}
          >
            <span className="phase__title">
              {phase.title} <span className="muted">· {phase.minutes} min</span>
            </span>
            {i === current && <p className="phase__guidance">{phase.guidance}</p>}
          </li>
        ))}
      </ol>
    </section>
  );
}
