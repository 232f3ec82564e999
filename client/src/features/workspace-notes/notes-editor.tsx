import { useEffect, useState } from 'react';
import { NOTES_MAX_CHARS } from '@mockloop/shared/loop/state';
import { sendCommand } from '@/lib/loop-connection';
import { ErrorMessage } from '@/components/error-message';
import { SAVE_LABEL, useThrottledSave } from '@/lib/use-throttled-save';

/** While typing, the text goes out at most this often, so a partner watches it appear. */
const SEND_EVERY_MS = 300;

interface Props {
  roundIndex: number;
  /** The server's text. */
  value: string;
  editable: boolean;
  command: 'notes:update' | 'private-notes:update';
  id: string;
  label: string;
  placeholder?: string;
}

/** Notes saved to the server as you type (throttled), shown live to whoever may see them. */
export function NotesEditor({
  roundIndex,
  value,
  editable,
  command,
  id,
  label,
  placeholder,
}: Props) {
  const [text, setText] = useState(value);
  const { save, state, problem, dirty, isEcho } = useThrottledSave(
    (next: string) => sendCommand(command, { round: roundIndex, text: next }),
    SEND_EVERY_MS,
  );

  // Take the server's text when it changes and nothing local is waiting to be saved, unless
  // it is only an echo of this editor's own earlier save.
  useEffect(() => {
    if (!dirty && !isEcho(value)) setText(value);
    // isEcho reads a ref: it need not re-run the effect.
  }, [value, dirty]);

  return (
    <section className="notes" aria-labelledby={`${id}-label`}>
      <div className="notes__header">
        <label id={`${id}-label`} htmlFor={id}>
          {label}
        </label>
        {editable && (
          <span className="muted" data-testid={`${id}-save-state`}>
            {SAVE_LABEL[state]} · {text.length.toLocaleString()} /{' '}
            {NOTES_MAX_CHARS.toLocaleString()}
          </span>
        )}
      </div>
      {editable && <ErrorMessage message={problem} />}
      <textarea
        id={id}
        value={editable ? text : value}
        readOnly={!editable}
        maxLength={NOTES_MAX_CHARS}
        spellCheck
        placeholder={placeholder}
        onChange={(e) => {
          setText(e.target.value);
          save(e.target.value);
        }}
      />
    </section>
  );
}
