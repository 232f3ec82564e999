import { useEffect, useState } from 'react';
import type { QuestionSummary } from '@mockloop/shared/content';
import type { RoundView } from '@mockloop/shared/loop/project';
import { ErrorMessage } from '@/components/error-message';
import { Prose } from '@/components/prose';
import { fetchQuestions } from '@/lib/api';
import { recentQuestionIds } from '@/lib/device';
import { useCommand } from '@/lib/use-command';
import { usePrincipleNames } from './lp-question-panel';

/** The banks the story questions of a technical round's opening phase come from. */
const LP_BANKS = ['behavioral', 'bar-raiser'];

/**
 * Change the story question that opens a technical round before it starts: draw another
 * (on a principle the round owns, avoiding recently practised ones), or choose one from
 * the behavioral and bar-raiser banks, filtered by principle. Prompts only, never hints.
 */
export function LpQuestionPicker({ round, hidden }: { round: RoundView; hidden: boolean }) {
  const { run, error, busy } = useCommand();
  const name = usePrincipleNames();
  const [open, setOpen] = useState(false);
  const [questions, setQuestions] = useState<QuestionSummary[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [principle, setPrinciple] = useState('');
  const lp = round.lp;

  useEffect(() => {
    if (open && !questions)
      Promise.all(LP_BANKS.map((bank) => fetchQuestions(bank))).then(
        (replies) => setQuestions(replies.flatMap((r) => r.questions)),
        (e: Error) => setLoadError(e.message),
      );
  }, [open, questions]);

  if (!lp) return null;
  const owned = lp.principles;
  const shown =
    questions?.filter((q) =>
      q.leadershipPrinciples.some((p) => (principle ? p === principle : owned.includes(p))),
    ) ?? [];
  const change = async (payload: Record<string, unknown>) => {
    if (await run('question:change', { round: round.index, part: 'lp', ...payload }))
      setOpen(false);
  };
  const titleId = `lp-picker-title-${round.index}`;

  return (
    <section className="question-picker" aria-labelledby={titleId}>
      <h2 id={titleId}>Opening story question</h2>
      <p className="muted">
        The round opens with a Leadership Principle story on one of the principles this round's
        interviewer owns ({owned.map(name).join(', ')}).{' '}
        {hidden ? 'It is shown when you start.' : 'Prepare with the question above, or change it.'}
      </p>
      <div className="actions">
        <button
          type="button"
          className="button"
          disabled={busy}
          onClick={() => void change({ avoid: recentQuestionIds() })}
        >
          Draw a different story question
        </button>
        <button
          type="button"
          className="button"
          aria-expanded={open}
          onClick={() => setOpen(!open)}
        >
          {open ? 'Close the story questions' : 'Choose a story question'}
        </button>
      </div>
      <ErrorMessage message={error} />
      {open && (
        <div className="picker">
          <ErrorMessage message={loadError} />
          {questions && (
            <div className="field">
              <label htmlFor={`lp-picker-principle-${round.index}`}>Principle</label>
              <select
                id={`lp-picker-principle-${round.index}`}
                value={principle}
                onChange={(e) => setPrinciple(e.target.value)}
              >
                <option value="">All this round owns</option>
                {owned.map((p) => (
                  <option key={p} value={p}>
                    {name(p)}
                  </option>
                ))}
              </select>
            </div>
          )}
          <ul className="picker__list">
            {shown.map((q) => (
              <li key={q.id} className="picker__item">
                <div>
                  <span className="muted">
                    {q.leadershipPrinciples.map(name).join(' · ')} · {q.minutes} min
                  </span>
                  {q.id === lp.question.id && <span className="badge">current</span>}
                </div>
                <Prose text={q.prompt} />
                <button
                  type="button"
                  className="button button--quiet"
                  disabled={busy || q.id === lp.question.id}
                  onClick={() => void change({ questionId: q.id })}
                  aria-label={`Use this story question: ${q.prompt.slice(0, 80)}`}
                >
                  Use this question
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
