import type { QuestionPart } from '@mockloop/shared/loop/commands';
import type { QuestionView, RoundView } from '@mockloop/shared/loop/project';
import { isStaff } from '@mockloop/shared/loop/permissions';
import { ActionButton } from '@/components/action-button';
import { ErrorMessage } from '@/components/error-message';
import { Prose } from '@/components/prose';
import { SqlSchema } from '@/components/sql-tables';
import { formatDuration } from '@mockloop/shared/timer';
import { useCommand } from '@/lib/use-command';
import { useLoopField, usePermissions } from '@/store/loop-selectors';
import { shortcutKeys } from './shortcuts';

/** The index of the next hint to reveal of `question`, or null once all are revealed. */
export function nextHintIndex(question: QuestionView): number | null {
  const revealed = question.hints.filter((h) => h.revealedAt !== null).length;
  return revealed < question.hintCount ? revealed : null;
}

/** When something happened, as time into the round. */
const intoRound = (round: RoundView, at: number) =>
  round.startedAt ? `at ${formatDuration(at - round.startedAt)}` : '';

interface Props {
  round: RoundView;
  /** The round's own question (default), or the story question of its opening phase. */
  part?: QuestionPart;
}

/**
 * The question. The interviewer sees the whole hint ladder and every follow-up with
 * buttons to reveal or push them; the candidate sees what was revealed or pushed.
 * All text is rendered as text, never as HTML.
 */
export function QuestionCard({ round, part = 'main' }: Props) {
  const lp = part === 'lp';
  const question = lp && round.lp ? round.lp.question : round.question;
  /** Ids and commands of the story question stay apart from the round's own. */
  const id = (name: string) => (lp ? `lp-${name}` : name);
  const about = lp ? { part } : {};
  const { run, error, busy } = useCommand();
  const staff = isStaff(useLoopField('role'));
  const may = usePermissions();
  const mode = useLoopField('mode');
  const running = round.status === 'in-progress';
  const revealed = question.hints.filter((h) => h.revealedAt !== null);
  const nextHint = nextHintIndex(question);
  const hintsShown = staff ? question.hints : revealed;
  // Once the candidate has the worked solution their view holds every follow-up; the
  // question still lists only those their interviewer asked.
  const followUpsShown = staff
    ? question.followUps
    : question.followUps.filter((f) => f.pushedAt !== null);
  const canReveal = may.revealHints && running && nextHint !== null;

  return (
    <article
      className={lp ? 'question question--lp' : 'question'}
      aria-labelledby={id('question-title')}
    >
      <h2 id={id('question-title')} className="visually-hidden">
        {lp ? 'Leadership Principle question' : 'Question'}
      </h2>
      {!lp && (
        <p className="question__meta">
          <span className={`badge badge--${question.difficulty}`}>{question.difficulty}</span>
          {question.topics.map((t) => (
            <span key={t} className="tag">
              {t.replaceAll('-', ' ')}
            </span>
          ))}
        </p>
      )}
      <Prose className="question__prompt" text={question.prompt} />
      {question.coding && (
        <section aria-labelledby="examples-title">
          <h3 id="examples-title">Examples</h3>
          <ul className="examples">
            {question.coding.examples.map((example) => (
              <li key={example.input}>
                <code>{example.input}</code> → <code>{example.output}</code>
                {example.explanation && <span className="muted"> — {example.explanation}</span>}
              </li>
            ))}
          </ul>
        </section>
      )}

      {question.sql && (
        <section aria-labelledby="tables-title">
          <h3 id="tables-title">Tables (SQLite)</h3>
          <SqlSchema tables={question.sql.tables} />
        </section>
      )}

      {followUpsShown.length > 0 && (
        <section aria-labelledby={id('followups-title')} data-testid={id('follow-ups')}>
          <h3 id={id('followups-title')}>
            {staff ? 'Follow-ups' : 'Follow-up questions from your interviewer'}
          </h3>
          <ol className="follow-ups">
            {followUpsShown.map((f) => (
              <li
                key={f.index}
                className={f.pushedAt !== null ? 'follow-up follow-up--pushed' : 'follow-up'}
              >
                <Prose text={f.text} />
                {staff && f.constraintChange && <span className="tag">changes a constraint</span>}
                {f.pushedAt !== null
                  ? staff && <span className="muted">Pushed {intoRound(round, f.pushedAt)}</span>
                  : may.interview &&
                    running && (
                      <ActionButton
                        className="button button--quiet"
                        busy={busy}
                        onClick={() =>
                          void run('followup:push', {
                            round: round.index,
                            index: f.index,
                            ...about,
                          })
                        }
                      >
                        Push to the candidate
                      </ActionButton>
                    )}
              </li>
            ))}
          </ol>
        </section>
      )}

      {hintsShown.length > 0 && (
        <section aria-labelledby={id('hints-title')}>
          <h3 id={id('hints-title')}>
            {staff ? 'Hint ladder' : 'Hints'} ({revealed.length} of {question.hintCount} revealed)
          </h3>
          <ol className="hints">
            {hintsShown.map((h) => (
              <li key={h.index} className={h.revealedAt !== null ? 'hint hint--revealed' : 'hint'}>
                <Prose text={h.text} />
                {staff && h.revealedAt !== null && (
                  <span className="muted">Revealed {intoRound(round, h.revealedAt)}</span>
                )}
              </li>
            ))}
          </ol>
        </section>
      )}
      {canReveal && (
        <ActionButton
          className="button button--quiet"
          busy={busy}
          aria-keyshortcuts={shortcutKeys('reveal-hint')}
          onClick={() => void run('hint:reveal', { round: round.index, index: nextHint, ...about })}
        >
          {mode === 'paired'
            ? `Reveal hint ${nextHint + 1} to the candidate`
            : `Reveal hint ${nextHint + 1} of ${question.hintCount} (recorded with your score)`}
        </ActionButton>
      )}
      <ErrorMessage message={error} />
    </article>
  );
}
