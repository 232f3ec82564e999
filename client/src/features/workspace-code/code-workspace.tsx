import { lazy, Suspense, useEffect, useState } from 'react';
import {
  CODE_LANGUAGE_NAMES,
  CODE_LANGUAGES,
  starterCode,
  type CodeLanguage,
} from '@mockloop/shared/code';
import type { RoundView } from '@mockloop/shared/loop/project';
import { sendCommand } from '@/lib/loop-connection';
import { SAVE_LABEL, useThrottledSave } from '@/lib/use-throttled-save';

/** CodeMirror is a separate chunk, fetched only when a coding round shows it. */
const CodeEditor = lazy(() => import('./code-editor'));

const SEND_EVERY_MS = 300;
const DEFAULT_LANGUAGE: CodeLanguage = 'python';

/**
 * The coding workspace: the candidate writes the function in the language of their
 * choice, starting from the question's signature; the interviewer watches it live.
 */
export function CodeWorkspace({ round, editable }: { round: RoundView; editable: boolean }) {
  const signature = round.question.coding?.signature;
  const starter = (language: CodeLanguage) => (signature ? starterCode(signature, language) : '');
  const serverLanguage = round.code?.language ?? DEFAULT_LANGUAGE;
  const serverText = round.code?.text ?? starter(serverLanguage);
  const [language, setLanguage] = useState(serverLanguage);
  const [text, setText] = useState(serverText);
  const { save, state, dirty } = useThrottledSave(
    (value: { language: CodeLanguage; text: string }) =>
      sendCommand('code:update', { round: round.index, ...value }),
    SEND_EVERY_MS,
  );

  // Take the server's code (a refresh, another device) when nothing local is unsaved.
  useEffect(() => {
    if (dirty) return;
    setText(serverText);
    setLanguage(serverLanguage);
  }, [serverText, serverLanguage, dirty]);

  const edit = (next: string) => {
    setText(next);
    save({ language, text: next });
  };
  const switchLanguage = (next: CodeLanguage) => {
    // Untouched starter code follows the language; written code is kept as it is.
    const written = text.trim() !== '' && text !== starter(language);
    const nextText = written ? text : starter(next);
    setLanguage(next);
    setText(nextText);
    save({ language: next, text: nextText });
  };

  const shownLanguage = editable ? language : serverLanguage;
  return (
    <section className="code-workspace" aria-labelledby="code-title">
      <div className="notes__header">
        <h2 id="code-title">{editable ? 'Your code' : "The candidate's code (live)"}</h2>
        {editable ? (
          <span className="muted" data-testid="code-save-state">
            {SAVE_LABEL[state]}
          </span>
        ) : (
          <span className="muted">{CODE_LANGUAGE_NAMES[shownLanguage]}</span>
        )}
      </div>
      {editable && (
        <div className="field">
          <label htmlFor="code-language">Language</label>
          <select
            id="code-language"
            value={language}
            onChange={(e) => switchLanguage(e.target.value as CodeLanguage)}
          >
            {CODE_LANGUAGES.map((l) => (
              <option key={l} value={l}>
                {CODE_LANGUAGE_NAMES[l]}
              </option>
            ))}
          </select>
        </div>
      )}
      <Suspense fallback={<p className="muted">Loading the editor…</p>}>
        <CodeEditor
          value={editable ? text : serverText}
          language={shownLanguage}
          readOnly={!editable}
          label={editable ? 'Code editor' : "The candidate's code"}
          onChange={edit}
        />
      </Suspense>
      {(shownLanguage === 'java' || shownLanguage === 'cpp') && (
        <p className="muted">
          Java and C++ are for writing and reading the solution; they are not run here.
        </p>
      )}
    </section>
  );
}
