import type { RoundView } from '@mockloop/shared/loop/project';
import { isStaff } from '@mockloop/shared/loop/permissions';
import { LpAnswerGuide } from '@/components/lp-answer-guide';
import { useLoopFacts } from '@/store/loop-selectors';
import { useStore } from '@/store/store';
import { QuestionCard } from './question-card';

/** Whether the round's clock is in its Leadership Principle phase right now. */
export function inLpPhase(round: RoundView): boolean {
  const { clock, lp } = round;
  return (
    lp !== null &&
    round.status === 'in-progress' &&
    (clock.kind === 'running' || clock.kind === 'paused') &&
    clock.phase === lp.phase
  );
}

/** Names of principles, as the content lists them. */
export function usePrincipleNames(): (id: string) => string {
  const principles = useStore((s) => s.content?.principles);
  return (id) => principles?.find((p) => p.id === id)?.name ?? id.replaceAll('-', ' ');
}

interface Props {
  round: RoundView;
  /** Folded away once its phase is over (or before the round starts). */
  folded: boolean;
}

/**
 * The story question that opens a technical round. Both roles see the prompt and what was
 * pushed or revealed; the interviewer also gets the rest of the ladder, the follow-ups to
 * push and the signals to tick, exactly as for the round's own question.
 */
export function LpQuestionPanel({ round, folded }: Props) {
  const { role } = useLoopFacts();
  const lp = round.lp;
  const name = usePrincipleNames();
  if (!lp) return null;
  const titleId = `lp-title-${round.index}`;
  const targeted = lp.question.leadershipPrinciples.map(name);
  const owned = lp.principles.map(name);
  const body = (
    <>
      <p className="lp-panel__principles">
        Targets{' '}
        {targeted.map((p) => (
          <span key={p} className="tag tag--principle">
            {p}
          </span>
        ))}
      </p>
      <p className="muted lp-panel__owned">This round's interviewer owns {owned.join(' · ')}.</p>
      <QuestionCard round={round} part="lp" />
      {isStaff(role) && <LpAnswerGuide round={round} />}
    </>
  );
  if (folded)
    return (
      <details className="panel lp-panel lp-panel--folded">
        <summary>
          <span id={titleId}>Opening story question (Leadership Principles)</span>
        </summary>
        {body}
      </details>
    );
  return (
    <section className="panel lp-panel" aria-labelledby={titleId}>
      <h2 id={titleId}>Leadership Principles: opening story</h2>
      {body}
    </section>
  );
}
