/**
 * The CodeMirror 6 editor, bound to the round's shared Yjs document so that both
 * participants can type at once. Loaded lazily (its own chunk) only in coding rounds.
 */
import { useEffect, useRef, useState } from 'react';
import { basicSetup } from 'codemirror';
import { syntaxColours } from './highlight';
import { cpp } from '@codemirror/lang-cpp';
import { java } from '@codemirror/lang-java';
import { javascript } from '@codemirror/lang-javascript';
import { python } from '@codemirror/lang-python';
import { sql, SQLite } from '@codemirror/lang-sql';
import { Compartment, EditorState, type Extension } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { yCollab } from 'y-codemirror.next';
import * as Y from 'yjs';
import type { CodeLanguage, FunctionLanguage } from '@mockloop/shared/code';
import type { SqlTable } from '@mockloop/shared/sql';
import { SharedDoc } from '@/lib/doc-sync';

const LANGUAGE: Record<FunctionLanguage, () => Extension> = {
  python: () => python(),
  javascript: () => javascript(),
  typescript: () => javascript({ typescript: true }),
  java: () => java(),
  cpp: () => cpp(),
};

/** Highlighting for `language`; SQL in SQLite's dialect, completing the question's tables and columns. */
function languageSupport(language: CodeLanguage, tables: readonly SqlTable[] = []): Extension {
  if (language !== 'sql') return LANGUAGE[language]();
  const schema = Object.fromEntries(tables.map((t) => [t.name, t.columns.map((c) => c.name)]));
  return sql({ dialect: SQLite, schema });
}

/** What the workspace may do with the shared text. */
export interface CodeHandle {
  text(): string;
  /** Replaces the whole text (a language switch of untouched starter code). */
  replace(text: string): void;
}

interface Props {
  round: number;
  questionId: string;
  language: CodeLanguage;
  /** The tables of a SQL question, for completion. */
  tables?: readonly SqlTable[];
  readOnly: boolean;
  label: string;
  /** Called with the text after every change, local or remote. */
  onText(text: string): void;
  onReady(handle: CodeHandle): void;
}

/** Whether the editor takes typing, and its name, which says so. */
const access = (readOnly: boolean, label: string) => [
  EditorState.readOnly.of(readOnly),
  EditorView.contentAttributes.of({ 'aria-label': label }),
];

export default function CodeEditor(props: Props) {
  const { round, questionId, language, readOnly } = props;
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const languageSlot = useRef(new Compartment());
  const readOnlySlot = useRef(new Compartment());
  const latest = useRef(props);
  latest.current = props;
  const [status, setStatus] = useState({ status: 'loading', error: '', saved: true });

  useEffect(() => {
    const shared = new SharedDoc({ kind: 'code', round, questionId });
    let editor: EditorView | null = null;
    const mount = () => {
      setStatus(shared.state);
      const now = shared.state.status;
      if (now !== 'ready' || editor) return;
      const text = shared.text('code');
      editor = new EditorView({
        parent: host.current!,
        state: EditorState.create({
          doc: text.toString(),
          extensions: [
            basicSetup,
            syntaxColours,
            yCollab(text, null, { undoManager: new Y.UndoManager(text) }),
            languageSlot.current.of(
              languageSupport(latest.current.language, latest.current.tables),
            ),
            readOnlySlot.current.of(access(latest.current.readOnly, latest.current.label)),
            // Wrapped lines: no sideways scrolling region, which keyboards cannot reach.
            EditorView.lineWrapping,
          ],
        }),
      });
      view.current = editor;
      const report = () => latest.current.onText(text.toString());
      text.observe(report);
      report();
      latest.current.onReady({
        text: () => text.toString(),
        replace: (next) =>
          shared.doc.transact(() => {
            text.delete(0, text.length);
            text.insert(0, next);
          }),
      });
    };
    const stop = shared.onStatus(mount);
    mount();
    return () => {
      stop();
      editor?.destroy();
      view.current = null;
      shared.destroy();
    };
  }, [round, questionId]);

  useEffect(() => {
    view.current?.dispatch({
      effects: languageSlot.current.reconfigure(languageSupport(language, latest.current.tables)),
    });
  }, [language]);

  useEffect(() => {
    view.current?.dispatch({
      effects: readOnlySlot.current.reconfigure(access(readOnly, props.label)),
    });
  }, [readOnly, props.label]);

  return (
    <>
      {status.status === 'loading' && <p className="muted">Loading the code…</p>}
      {status.status === 'ready' && !readOnly && (
        <p className="muted code-editor__state" data-testid="code-save-state">
          {status.saved ? 'Saved' : 'Saving…'}
        </p>
      )}
      {status.status === 'error' && (
        <p className="error" role="alert">
          The code could not be saved: {status.error}
        </p>
      )}
      <div className="code-editor" ref={host} />
    </>
  );
}
