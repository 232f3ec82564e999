/**
 * "Run tests" for the coding round: runs the question's test cases against the code in
 * the editor (in a worker; see runner/code-runner.ts), shows the results and records the
 * run with the loop. Where this browser has not run anything, it shows the loop's last
 * run: that is how the interviewer watches each run, and how results survive a refresh.
 * Loaded lazily with the editor, so none of it is in the first bundle.
 */
import { useEffect, useRef, useState } from 'react';
import { CODE_LANGUAGE_NAMES, type CodeLanguage } from '@mockloop/shared/code';
import {
  RUNNABLE_LANGUAGES,
  type CodeRunInput,
  type RunnableLanguage,
} from '@mockloop/shared/code-run';
import type { RoundView } from '@mockloop/shared/loop/project';
import { sendCommand } from '@/lib/loop-connection';
import { useLoopField } from '@/store/loop-selectors';
import { formatDuration, OUTCOME_LABEL, OUTCOME_MARK, RunReport } from '@/components/run-report';
import { SqlRunReport } from '@/components/sql-run-report';
import { CodeRunner, type RunJob, type RunPhase } from './runner/code-runner';

interface Props {
  round: RoundView;
  /** The code in the editor now, and its language. */
  code: string;
  language: CodeLanguage;
  /** Whether this participant may run the tests; otherwise only the last run is shown. */
  canRun: boolean;
}

type Activity = { kind: 'idle' } | RunPhase;

interface LocalRun {
  run: CodeRunInput;
  code: string;
  questionId: string;
  /** The loop's last run when this one finished: a later one replaces this on screen. */
  lastRunAt: number | null;
  /** Why the loop did not record this run, if it did not. */
  unsaved: string | null;
}

const isRunnable = (language: CodeLanguage): language is RunnableLanguage =>
  (RUNNABLE_LANGUAGES as readonly string[]).includes(language);

export default function RunPanel({ round, code, language, canRun }: Props) {
  const { coding, sql } = round.question;
  const tests = coding?.tests ?? sql?.tests ?? [];
  const functionName = coding?.signature.name ?? '';
  const [activity, setActivity] = useState<Activity>({ kind: 'idle' });
  const [local, setLocal] = useState<LocalRun | null>(null);
  /** Set when a run was stopped by hand: the loop's last run at that moment. */
  const [stoppedAt, setStoppedAt] = useState<{ lastRunAt: number | null } | null>(null);
  const runner = useRef<CodeRunner | null>(null);
  useEffect(() => () => runner.current?.dispose(), []);

  const lastRunAt = round.lastRun?.at ?? null;
  // "Stopped" stands until the next run, here or by the partner.
  const stopped = stoppedAt !== null && stoppedAt.lastRunAt === lastRunAt;
  const mine =
    local && local.questionId === round.question.id && local.lastRunAt === lastRunAt ? local : null;
  const shown = mine?.run ?? round.lastRun;
  const busy = activity.kind !== 'idle';
  const runnable = isRunnable(language);
  const unavailable = !runnable
    ? 'Java and C++ are for writing and reading the solution; tests run in Python, JavaScript or TypeScript.'
    : tests.length === 0 || (!sql && !functionName)
      ? 'This question has no test cases to run.'
      : null;

  /** What to run: the query on each case's tables, or the function on each case's input. */
  const jobFor = (ranCode: string): RunJob | null => {
    const common = { code: ranCode, onPhase: setActivity };
    if (sql) return language === 'sql' ? { ...common, language, ...sql } : null;
    if (!coding || !isRunnable(language) || language === 'sql') return null;
    return { ...common, language, functionName, tests: coding.tests };
  };

  // Python loads while the candidate reads the question, not after their first click. The
  // interviewer may run the tests too, but seldom: their browser loads it when they do.
  const candidate = useLoopField('role') === 'candidate';
  const preload = canRun && candidate && unavailable === null;
  useEffect(() => {
    if (preload && isRunnable(language)) (runner.current ??= new CodeRunner()).prepare(language);
  }, [preload, language]);

  const runTests = async () => {
    const ranCode = code;
    const job = jobFor(ranCode);
    if (busy || unavailable || !job) return;
    setStoppedAt(null);
    setActivity({ kind: 'running' });
    const questionId = round.question.id;
    const run = await (runner.current ??= new CodeRunner()).run(job);
    setActivity({ kind: 'idle' });
    if (!run) {
      setStoppedAt({ lastRunAt });
      return;
    }
    setLocal({ run, code: ranCode, questionId, lastRunAt, unsaved: null });
    const ack = await sendCommand('code:run', { round: round.index, run });
    if (!ack.ok)
      setLocal((current) =>
        current?.run === run ? { ...current, unsaved: ack.error.message } : current,
      );
  };

  const status =
    activity.kind === 'loading'
      ? `Loading ${activity.runtime}… The time limit starts once it is ready.`
      : activity.kind === 'running'
        ? 'Running the tests…'
        : stopped
          ? 'Stopped. Nothing was recorded.'
          : shown
            ? `${OUTCOME_LABEL[shown.outcome]}: ${shown.message}`
            : '';

  return (
    <section className="run-panel" aria-labelledby="run-title">
      <div className="run-panel__bar">
        <h3 id="run-title">{canRun ? 'Tests' : 'Last test run'}</h3>
        {canRun && (
          <>
            <button
              type="button"
              className="button button--primary"
              onClick={() => void runTests()}
              disabled={unavailable !== null}
              aria-disabled={busy || undefined}
              aria-describedby={unavailable ? 'run-unavailable' : undefined}
            >
              Run tests
            </button>
            {busy && (
              <button type="button" className="button" onClick={() => runner.current?.stop()}>
                Stop
              </button>
            )}
          </>
        )}
      </div>
      {unavailable && (
        <p className="muted" id="run-unavailable">
          {unavailable}
        </p>
      )}
      <p
        role="status"
        className={`run-status${!busy && shown && !stopped ? ` run-status--${shown.outcome}` : ''}`}
        data-testid="run-status"
      >
        {!busy && shown && !stopped && (
          <span className="run-status__mark" aria-hidden="true">
            {OUTCOME_MARK[shown.outcome]}{' '}
          </span>
        )}
        {status}
      </p>
      {!busy && shown && (
        <>
          <p className="muted run-panel__meta">
            {CODE_LANGUAGE_NAMES[shown.language]} · {formatDuration(shown.durationMs)}
            {mine
              ? mine.code !== code && ' · the code has changed since this run'
              : round.lastRun && ` · run at ${new Date(round.lastRun.at).toLocaleTimeString()}`}
          </p>
          {mine?.unsaved && (
            <p className="muted" data-testid="run-unsaved">
              This run was not recorded with the loop ({mine.unsaved}); only this browser shows it.
            </p>
          )}
          {sql ? (
            <SqlRunReport run={shown} tests={sql.tests} tables={sql.tables} />
          ) : (
            <RunReport run={shown} tests={coding?.tests ?? []} functionName={functionName} />
          )}
        </>
      )}
    </section>
  );
}
