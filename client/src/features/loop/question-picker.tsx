import { useCallback } from 'react';
import { TARGET_LEVELS } from '@mockloop/shared/levels';
import type { RoundView } from '@mockloop/shared/loop/project';
import { fetchQuestions } from '@/lib/api';
import { BankPicker } from './bank-picker';

/** Change the round's question before it starts, from its bank, filtered by topic. */
export function QuestionPicker({ round, hidden }: { round: RoundView; hidden: boolean }) {
  const load = useCallback(
    () => fetchQuestions(round.roundId).then((r) => r.questions),
    [round.roundId],
  );
  return (
    <BankPicker
      id="picker"
      title="Question"
      intro={
        <>
          {hidden
            ? `${round.question.difficulty === 'easy' ? 'An' : 'A'} ${round.question.difficulty} question is drawn for this round; it is shown when you start.`
            : 'Prepare with the question above, or change it.'}{' '}
          Drawing again keeps to the level this loop aims for and, where the bank allows, the
          difficulty.
        </>
      }
      labels={{
        draw: 'Draw a different question',
        open: 'Choose from the question bank',
        use: 'Use this question',
        close: 'Close the question bank',
      }}
      load={load}
      filter={{
        label: 'Topic',
        all: (questions) => `All topics (${questions.length})`,
        options: (questions) =>
          [...new Set(questions.flatMap((q) => q.topics))]
            .sort()
            .map((t) => ({ value: t, label: t.replaceAll('-', ' ') })),
        keeps: (q, topic) => !topic || q.topics.includes(topic),
      }}
      meta={(q) => (
        <>
          <span className={`badge badge--${q.difficulty}`}>{q.difficulty}</span>
          <span className="muted">{q.minutes} min</span>
          {q.levels.length < TARGET_LEVELS.length && (
            <span className="badge">for {q.levels.join(', ')}</span>
          )}
        </>
      )}
      currentId={round.question.id}
      command={{ round: round.index }}
    />
  );
}
