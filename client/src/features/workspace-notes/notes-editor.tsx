import { NOTES_MAX_CHARS } from '@mockloop/shared/loop/state';
import type { DocRef } from '@mockloop/shared/docs';
import { DocTextarea } from '@/components/doc-textarea';
import { ErrorMessage } from '@/components/error-message';
import { saveLabel, useSharedDoc } from '@/lib/use-shared-doc';

interface Props {
  /** The notes document: the round's shared notes, or the interviewer's private notes. */
  doc: Extract<DocRef, { kind: 'notes' | 'private-notes' }>;
  /** The text saved in the loop, shown until the live document has loaded. */
  saved: string;
  editable: boolean;
  id: string;
  label: string;
  placeholder?: string;
}

/** Notes typed into a shared document: stored as you type, shown live to whoever may read them. */
export function NotesEditor({ doc, saved, editable, id, label, placeholder }: Props) {
  const { shared, state, texts } = useSharedDoc(doc);
  const loaded = shared && state.status !== 'loading';
  const text = loaded ? (texts.text ?? '') : saved;
  const common = {
    id,
    maxLength: NOTES_MAX_CHARS,
    spellCheck: true,
    placeholder,
  };
  return (
    <section className="notes" aria-labelledby={`${id}-label`}>
      <div className="notes__header">
        <label id={`${id}-label`} htmlFor={id}>
          {label}
        </label>
        {editable && (
          <span className="muted" data-testid={`${id}-save-state`}>
            {saveLabel(state)} · {text.length.toLocaleString()} / {NOTES_MAX_CHARS.toLocaleString()}
          </span>
        )}
      </div>
      {state.status === 'error' && (
        <ErrorMessage message={`Not saved: ${state.error}. Reload the page to carry on.`} />
      )}
      {loaded ? (
        <DocTextarea
          {...common}
          shared={shared}
          name="text"
          value={text}
          readOnly={!editable || state.status === 'error'}
        />
      ) : (
        <textarea {...common} value={text} readOnly aria-busy={state.status === 'loading'} />
      )}
    </section>
  );
}
