import { useCallback } from 'react';
import type { RoundView } from '@mockloop/shared/loop/project';
import { fetchQuestions } from '@/lib/api';
import { BankPicker } from './bank-picker';
import { usePrincipleNames } from './lp-question-panel';

/** The banks the story questions of a technical round's opening phase come from. */
const LP_BANKS = ['behavioral', 'bar-raiser'];

/**
 * Change the story question that opens a technical round before it starts: draw another
 * (on a principle the round owns), or choose one from the behavioral and bar-raiser banks,
 * filtered by principle.
 */
export function LpQuestionPicker({ round, hidden }: { round: RoundView; hidden: boolean }) {
  const name = usePrincipleNames();
  const load = useCallback(
    () =>
      Promise.all(LP_BANKS.map((bank) => fetchQuestions(bank))).then((replies) =>
        replies.flatMap((r) => r.questions),
      ),
    [],
  );
  const lp = round.lp;
  if (!lp) return null;
  const owned = lp.principles;
  return (
    <BankPicker
      id={`lp-picker-${round.index}`}
      title="Opening story question"
      intro={
        <>
          The round opens with a Leadership Principle story on one of the principles this
          round&apos;s interviewer owns ({owned.map(name).join(', ')}).{' '}
          {hidden
            ? 'It is shown when you start.'
            : 'Prepare with the question above, or change it.'}
        </>
      }
      labels={{
        draw: 'Draw a different story question',
        open: 'Choose a story question',
        use: 'Use this story question',
        close: 'Close the story questions',
      }}
      load={load}
      filter={{
        label: 'Principle',
        all: () => 'All this round owns',
        options: () => owned.map((p) => ({ value: p, label: name(p) })),
        keeps: (q, principle) =>
          q.leadershipPrinciples.some((p) => (principle ? p === principle : owned.includes(p))),
      }}
      meta={(q) => (
        <span className="muted">
          {q.leadershipPrinciples.map(name).join(' · ')} · {q.minutes} min
        </span>
      )}
      currentId={lp.question.id}
      command={{ round: round.index, part: 'lp' }}
    />
  );
}
