/**
 * What was produced in a round, as the review shows it: the STAR answer, the final code
 * and its last test run, the diagram, the signals ticked as heard, and the notes. Every
 * string is user text and is rendered as text.
 */
import { STAR_FIELD_NAMES, STAR_FIELDS, starCounts } from '@mockloop/shared/star';
import type { RoundView } from '@mockloop/shared/loop/project';
import type { Role } from '@mockloop/shared/loop/state';
import { AnswerGuide, referenceSolutions } from '@/components/answer-guide';
import { DiagramFigure, NotesDetails } from '@/components/report-parts';
import { Prose } from '@/components/prose';
import { OUTCOME_LABEL, RunReport } from '@/components/run-report';
import { SqlRunReport } from '@/components/sql-run-report';

function StarAnswerView({ round }: { round: RoundView }) {
  const { star } = round;
  if (!star) return null;
  const counts = starCounts(star);
  return (
    <details open>
      <summary>
        STAR answer · {counts.totalWords} words · “I” {counts.i}, “we” {counts.we}
      </summary>
      <dl className="review-star">
        {STAR_FIELDS.filter((field) => star[field].trim()).map((field) => (
          <div key={field}>
            <dt>
              {STAR_FIELD_NAMES[field]} ({counts.words[field]} words)
            </dt>
            <dd className="notes-view">{star[field]}</dd>
          </div>
        ))}
      </dl>
      {star.principles.length > 0 && (
        <p className="muted">Leadership Principles: {star.principles.join(', ')}</p>
      )}
    </details>
  );
}

function CodeView({ round }: { round: RoundView }) {
  const { code, lastRun } = round;
  const { coding, sql } = round.question;
  if (!code?.text && !lastRun) return null;
  return (
    <details>
      <summary>
        Code{code ? ` (${code.language})` : ''}
        {lastRun && ` · last test run: ${OUTCOME_LABEL[lastRun.outcome]} — ${lastRun.message}`}
      </summary>
      {code?.text && (
        <pre className="code-view">
          <code>{code.text}</code>
        </pre>
      )}
      {lastRun && coding && (
        <RunReport run={lastRun} tests={coding.tests} functionName={coding.signature.name} />
      )}
      {lastRun && sql && <SqlRunReport run={lastRun} tests={sql.tests} tables={sql.tables} />}
    </details>
  );
}

function SignalsHeard({ round }: { round: RoundView }) {
  const { signals, signalsTicked = [] } = round.question;
  if (!signals || signalsTicked.length === 0) return null;
  return (
    <details>
      <summary>
        Signals heard: {signalsTicked.length} of {signals.length}
      </summary>
      <ul className="signals">
        {signals.map((signal, index) => (
          <li key={signal}>
            <strong>{signalsTicked.includes(index) ? 'Heard' : 'Not ticked'}:</strong>{' '}
            <Prose text={signal} />
          </li>
        ))}
      </ul>
    </details>
  );
}

/**
 * The question's whole kit once the viewer may see it (staff, or the candidate after their
 * self-score): every hint, the signals and red flags, and the reference solution closest to
 * the language the round was answered in, open.
 */
function WorkedSolution({ round }: { round: RoundView }) {
  const { question, lp } = round;
  if (!question.signals || !question.redFlags) return null;
  return (
    <details className="worked-solution" data-testid="worked-solution">
      <summary>Worked solution</summary>
      <AnswerGuide
        signals={question.signals}
        redFlags={question.redFlags}
        hints={question.hints.map((hint) => hint.text)}
        solutions={referenceSolutions(question, round.code?.language)}
        ticked={question.signalsTicked}
      />
      {lp?.question.signals && lp.question.redFlags && (
        <>
          <h3>Opening story question</h3>
          <AnswerGuide
            signals={lp.question.signals}
            redFlags={lp.question.redFlags}
            hints={lp.question.hints.map((hint) => hint.text)}
            ticked={lp.question.signalsTicked}
          />
        </>
      )}
    </details>
  );
}

export function RoundWork({ round, role }: { round: RoundView; role: Role }) {
  return (
    <>
      <StarAnswerView round={round} />
      <CodeView round={round} />
      {round.workspace === 'whiteboard' && (
        <DiagramFigure round={round.index} title={round.title} />
      )}
      <SignalsHeard round={round} />
      <NotesDetails
        notes={round.notes}
        title={role === 'candidate' ? 'Your notes' : "The candidate's notes"}
      />
      {round.privateNotes !== undefined && (
        <NotesDetails
          notes={round.privateNotes}
          title={role === 'interviewer' ? 'Your private notes' : "The interviewer's private notes"}
        />
      )}
      <WorkedSolution round={round} />
    </>
  );
}
