/**
 * The CodeMirror 6 editor, bound to the round's shared Yjs document so that both
 * participants can type at once. Loaded lazily (its own chunk) only in coding rounds.
 * Each language's support arrives as a chunk of its own (language-support.ts): until it
 * has, the text shows uncoloured, and typing goes on as usual.
 */
import { useEffect, useRef, useState } from 'react';
import { basicSetup } from 'codemirror';
import { syntaxColours } from './highlight';
import { loadLanguageSupport } from './language-support';
import { Compartment, EditorState, type Extension } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { yCollab } from 'y-codemirror.next';
import * as Y from 'yjs';
import type { CodeLanguage } from '@mockloop/shared/code';
import type { SqlTable } from '@mockloop/shared/sql';
import { SharedDoc } from '@/lib/doc-sync';

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
  /** The support of the language shown, once loaded: a new editor starts with it. */
  const support = useRef<Extension>([]);
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
            languageSlot.current.of(support.current),
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
    let shown = true;
    void loadLanguageSupport(language, latest.current.tables).then((extension) => {
      // A later language (switched to while this one loaded) wins.
      if (!shown) return;
      support.current = extension;
      view.current?.dispatch({ effects: languageSlot.current.reconfigure(extension) });
    });
    return () => {
      shown = false;
    };
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
