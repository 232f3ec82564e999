import { ErrorMessage } from '@/components/error-message';
import { useEffect, useState } from 'react';
import type { QuestionSummary } from '@mockloop/shared/content';
import { TARGET_LEVELS } from '@mockloop/shared/levels';
import type { RoundView } from '@mockloop/shared/loop/project';
import { Prose } from '@/components/prose';
import { fetchQuestions } from '@/lib/api';
import { recentQuestionIds } from '@/lib/device';
import { useCommand } from '@/lib/use-command';

/**
 * Change the round's question before it starts: draw another (avoiding recently
 * practised ones), or choose one from the bank, filtered by topic. The picker shows
 * prompts only, never hints or signals.
 */
export function QuestionPicker({ round, hidden }: { round: RoundView; hidden: boolean }) {
  const { run, error, busy } = useCommand();
  const [open, setOpen] = useState(false);
  const [questions, setQuestions] = useState<QuestionSummary[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [topic, setTopic] = useState('');

  useEffect(() => {
    if (open && !questions)
      fetchQuestions(round.roundId).then(
        (r) => setQuestions(r.questions),
        (e: Error) => setLoadError(e.message),
      );
  }, [open, questions, round.roundId]);

  const topics = [...new Set(questions?.flatMap((q) => q.topics) ?? [])].sort();
  const shown = questions?.filter((q) => !topic || q.topics.includes(topic)) ?? [];
  const change = async (payload: Record<string, unknown>) => {
    if (await run('question:change', { round: round.index, ...payload })) setOpen(false);
  };

  return (
    <section className="question-picker" aria-labelledby="picker-title">
      <h2 id="picker-title">Question</h2>
      <p className="muted">
        {hidden
          ? `${round.question.difficulty === 'easy' ? 'An' : 'A'} ${round.question.difficulty} question is drawn for this round; it is shown when you start.`
          : 'Prepare with the question above, or change it.'}{' '}
        Drawing again keeps to the level this loop aims for and, where the bank allows, the
        difficulty.
      </p>
      <div className="actions">
        <button
          type="button"
          className="button"
          disabled={busy}
          onClick={() => void change({ avoid: recentQuestionIds() })}
        >
          Draw a different question
        </button>
        <button
          type="button"
          className="button"
          aria-expanded={open}
          onClick={() => setOpen(!open)}
        >
          {open ? 'Close the question bank' : 'Choose from the question bank'}
        </button>
      </div>
      <ErrorMessage message={error} />
      {open && (
        <div className="picker">
          <ErrorMessage message={loadError} />
          {questions && (
            <div className="field">
              <label htmlFor="picker-topic">Topic</label>
              <select id="picker-topic" value={topic} onChange={(e) => setTopic(e.target.value)}>
                <option value="">All topics ({questions.length})</option>
                {topics.map((t) => (
                  <option key={t} value={t}>
                    {t.replaceAll('-', ' ')}
                  </option>
                ))}
              </select>
            </div>
          )}
          <ul className="picker__list">
            {shown.map((q) => (
              <li key={q.id} className="picker__item">
                <div>
                  <span className={`badge badge--${q.difficulty}`}>{q.difficulty}</span>
                  <span className="muted">{q.minutes} min</span>
                  {q.levels.length < TARGET_LEVELS.length && (
                    <span className="badge">for {q.levels.join(', ')}</span>
                  )}
                  {q.id === round.question.id && <span className="badge">current</span>}
                </div>
                <Prose text={q.prompt} />
                <button
                  type="button"
                  className="button button--quiet"
                  disabled={busy || q.id === round.question.id}
                  onClick={() => void change({ questionId: q.id })}
                  aria-label={`Use this question: ${q.prompt.slice(0, 80)}`}
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
