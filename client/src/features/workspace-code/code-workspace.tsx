import { lazy, Suspense, useRef, useState } from 'react';
import {
  CODE_LANGUAGE_NAMES,
  languageFor,
  languagesFor,
  starterFor,
  type CodeLanguage,
} from '@mockloop/shared/code';
import type { RoundView } from '@mockloop/shared/loop/project';
import { sendCommand } from '@/lib/loop-connection';
import { useLoopField } from '@/store/loop-selectors';
import type { CodeHandle } from './code-editor';

/** CodeMirror and Yjs are a separate chunk, fetched only when a coding round shows it. */
const CodeEditor = lazy(() => import('./code-editor'));
/** "Run tests" and its results: also lazy, so its runner stays out of the first bundle. */
const RunPanel = lazy(() => import('./run-panel'));

/**
 * The coding workspace: one editor shared live by the candidate and the interviewer,
 * starting from the question's signature in the language of their choice, or for a SQL
 * question from a header describing its tables, in SQL only.
 */
export function CodeWorkspace({ round, editable }: { round: RoundView; editable: boolean }) {
  const { question } = round;
  const paired = useLoopField('mode') === 'paired';
  const starter = (language: CodeLanguage) => starterFor(question, language);
  const languages = languagesFor(question);
  const [chosen, setChosen] = useState<CodeLanguage | null>(null);
  const language = languageFor(question, chosen ?? round.code?.language);
  const [text, setText] = useState('');
  const handle = useRef<CodeHandle | null>(null);

  const switchLanguage = (next: CodeLanguage) => {
    // Untouched starter code follows the language; written code is kept as it is.
    const current = handle.current?.text() ?? '';
    if (current.trim() === '' || current === starter(language))
      handle.current?.replace(starter(next));
    setChosen(next);
    void sendCommand('code:language', { round: round.index, language: next }).then(() =>
      setChosen(null),
    );
  };

  return (
    <section className="code-workspace" aria-labelledby="code-title">
      <div className="notes__header">
        <h2 id="code-title">Code</h2>
        <span className="muted">
          {editable && paired ? 'Shared live: both of you can type' : CODE_LANGUAGE_NAMES[language]}
        </span>
      </div>
      {editable && language === 'sql' && (
        <p className="muted" data-testid="code-language-fixed">
          SQL (SQLite): one query, run on every test case’s tables.
        </p>
      )}
      {editable && languages.length > 1 && (
        <div className="field">
          <label htmlFor="code-language">Language</label>
          <select
            id="code-language"
            value={language}
            onChange={(e) => switchLanguage(e.target.value as CodeLanguage)}
          >
            {languages.map((l) => (
              <option key={l} value={l}>
                {CODE_LANGUAGE_NAMES[l]}
              </option>
            ))}
          </select>
        </div>
      )}
      <Suspense fallback={<p className="muted">Loading the editor…</p>}>
        <CodeEditor
          round={round.index}
          questionId={round.question.id}
          language={language}
          tables={question.sql?.tables}
          readOnly={!editable}
          label={editable ? 'Code editor' : 'The shared code (read only)'}
          onText={setText}
          onReady={(h) => (handle.current = h)}
        />
      </Suspense>
      <Suspense fallback={null}>
        <RunPanel round={round} code={text} language={language} canRun={editable} />
      </Suspense>
    </section>
  );
}
