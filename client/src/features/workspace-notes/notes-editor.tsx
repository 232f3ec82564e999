import { useEffect, useRef, useState } from 'react';
import { NOTES_MAX_CHARS } from '@mockloop/shared/loop/state';
import { sendCommand } from '@/lib/loop-connection';

/** While typing, the text goes out at most this often, so a partner watches it appear. */
const SEND_EVERY_MS = 300;

type SaveState = 'saved' | 'saving' | 'unsaved' | 'error';
const SAVE_LABEL: Record<SaveState, string> = {
  saved: 'Saved',
  saving: 'Saving…',
  unsaved: 'Not saved yet',
  error: 'Not saved — retrying when you type again',
};

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
  const [save, setSave] = useState<SaveState>('saved');
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const latest = useRef(value);
  const dirty = save !== 'saved';

  // Take the server's text when it changes and nothing local is waiting to be saved.
  useEffect(() => {
    if (!dirty) setText(value);
  }, [value, dirty]);

  useEffect(() => () => clearTimeout(timer.current), []);

  const flush = async () => {
    timer.current = undefined;
    const sent = latest.current;
    setSave('saving');
    const ack = await sendCommand(command, { round: roundIndex, text: sent });
    // Only the newest text decides the status; older acks may arrive after newer typing.
    if (latest.current === sent) setSave(ack.ok ? 'saved' : 'error');
  };

  const onChange = (next: string) => {
    setText(next);
    latest.current = next;
    setSave('unsaved');
    timer.current ??= setTimeout(() => void flush(), SEND_EVERY_MS);
  };

  return (
    <section className="notes" aria-labelledby={`${id}-label`}>
      <div className="notes__header">
        <label id={`${id}-label`} htmlFor={id}>
          {label}
        </label>
        {editable && (
          <span className="muted" data-testid={`${id}-save-state`}>
            {SAVE_LABEL[save]} · {text.length.toLocaleString()} / {NOTES_MAX_CHARS.toLocaleString()}
          </span>
        )}
      </div>
      <textarea
        id={id}
        value={editable ? text : value}
        readOnly={!editable}
        maxLength={NOTES_MAX_CHARS}
        spellCheck
        placeholder={placeholder}
        onChange={(e) => onChange(e.target.value)}
      />
    </section>
  );
}
