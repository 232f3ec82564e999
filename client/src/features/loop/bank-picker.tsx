import { useEffect, useState, type ReactNode } from 'react';
import type { QuestionSummary } from '@mockloop/shared/content';
import { ErrorMessage } from '@/components/error-message';
import { Prose } from '@/components/prose';
import { recentQuestionIds } from '@/lib/device';
import type { CommandInput } from '@/lib/loop-connection';
import { useCommand } from '@/lib/use-command';

export interface BankPickerProps {
  /** Ids kept apart when two pickers share a page. */
  id: string;
  title: string;
  intro: ReactNode;
  /** What the buttons say: draw another, open the bank (and close it), and, for a screen
   * reader, use one question. */
  labels: { draw: string; open: string; close: string; use: string };
  /** The bank, fetched when it is first opened. */
  load(): Promise<QuestionSummary[]>;
  /** The filter of the list: its label, the option for "all" and the others. */
  filter: {
    label: string;
    all(questions: QuestionSummary[]): string;
    options(questions: QuestionSummary[]): { value: string; label: string }[];
    keeps(question: QuestionSummary, value: string): boolean;
  };
  /** What is shown of a question above its prompt. */
  meta(question: QuestionSummary): ReactNode;
  currentId: string;
  /** The `question:change` payload besides the choice: the round, and which question. */
  command: Pick<QuestionChange, 'round' | 'part'>;
}

/**
 * Change a question before it is asked: draw another (avoiding recently practised ones), or
 * choose one from its bank, filtered. Prompts only, never hints or signals.
 */
type QuestionChange = CommandInput<'question:change'>;

export function BankPicker(props: BankPickerProps) {
  const { id, title, intro, labels, load, filter, meta, currentId, command } = props;
  const { run, error, busy } = useCommand();
  const [open, setOpen] = useState(false);
  const [questions, setQuestions] = useState<QuestionSummary[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [value, setValue] = useState('');

  useEffect(() => {
    if (open && !questions) load().then(setQuestions, (e: Error) => setLoadError(e.message));
  }, [open, questions, load]);

  const shown = questions?.filter((q) => filter.keeps(q, value)) ?? [];
  const change = async (payload: Pick<QuestionChange, 'avoid' | 'questionId'>) => {
    if (await run('question:change', { ...command, ...payload })) setOpen(false);
  };

  return (
    <section className="question-picker" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      <p className="muted">{intro}</p>
      <div className="actions">
        <button
          type="button"
          className="button"
          disabled={busy}
          onClick={() => void change({ avoid: recentQuestionIds() })}
        >
          {labels.draw}
        </button>
        <button
          type="button"
          className="button"
          aria-expanded={open}
          onClick={() => setOpen(!open)}
        >
          {open ? labels.close : labels.open}
        </button>
      </div>
      <ErrorMessage message={error} />
      {open && (
        <div className="picker">
          <ErrorMessage message={loadError} />
          {questions && (
            <div className="field">
              <label htmlFor={`${id}-filter`}>{filter.label}</label>
              <select id={`${id}-filter`} value={value} onChange={(e) => setValue(e.target.value)}>
                <option value="">{filter.all(questions)}</option>
                {filter.options(questions).map((option) => (
                  <option key={option.value} value={option.value}>
                    {option.label}
                  </option>
                ))}
              </select>
            </div>
          )}
          <ul className="picker__list">
            {shown.map((q) => (
              <li key={q.id} className="picker__item">
                <div>
                  {meta(q)}
                  {q.id === currentId && <span className="badge">current</span>}
                </div>
                <Prose text={q.prompt} />
                <button
                  type="button"
                  className="button button--quiet"
                  disabled={busy || q.id === currentId}
                  onClick={() => void change({ questionId: q.id })}
                  aria-label={`${labels.use}: ${q.prompt.slice(0, 80)}`}
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
