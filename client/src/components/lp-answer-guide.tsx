import type { RoundView } from '@mockloop/shared/loop/project';
import { AnswerGuide } from './answer-guide';
import { ErrorMessage } from './error-message';
import { useCommand } from '@/lib/use-command';
import { useLoopFacts } from '@/store/loop-selectors';

/**
 * What a strong answer to the story question shows, with its signals to tick: the
 * interviewer's yardstick, and the solo candidate's once they have scored.
 */
export function LpAnswerGuide({ round }: { round: RoundView }) {
  const { permissions, status } = useLoopFacts();
  const tick = useCommand();
  const question = round.lp?.question;
  if (!question?.signals || !question.redFlags) return null;
  // Ticked as heard: from the start of the round, not while preparing before it.
  const canTick = permissions.tickSignals && status === 'in-progress' && round.status !== 'pending';
  return (
    <section
      className="signals-panel lp-panel__guide"
      aria-label="Opening story question: what a strong answer shows"
      data-testid="lp-answer-guide"
    >
      <AnswerGuide
        signals={question.signals}
        redFlags={question.redFlags}
        ticked={question.signalsTicked}
        onTick={
          canTick
            ? (index, checked) =>
                void tick.run('signal:tick', { round: round.index, index, checked, part: 'lp' })
            : undefined
        }
      />
      <ErrorMessage message={tick.error} />
    </section>
  );
}
