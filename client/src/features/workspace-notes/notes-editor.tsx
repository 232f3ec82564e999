import { useEffect, useRef, useState } from 'react';
import type { RoundView } from '@mockloop/shared/loop/project';
import { NOTES_MAX_CHARS } from '@mockloop/shared/loop/state';
import { sendCommand } from '@/features/loop/loop-connection';

/** How long typing must pause before the notes are sent. */
const SAVE_AFTER_MS = 400;

type SaveState = 'saved' | 'saving' | 'unsaved' | 'error';
const SAVE_LABEL: Record<SaveState, string> = {
  saved: 'Saved',
  saving: 'Saving…',
  unsaved: 'Not saved yet',
  error: 'Not saved — retrying when you type again',
};

/** Free-form notes for the round, saved to the server as you type. */
export function NotesEditor({ round, editable }: { round: RoundView; editable: boolean }) {
  const [text, setText] = useState(round.notes);
  const [save, setSave] = useState<SaveState>('saved');
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const dirty = save !== 'saved';

  // Take the server's text when it changes and nothing local is waiting to be saved.
  useEffect(() => {
    if (!dirty) setText(round.notes);
  }, [round.notes, dirty]);

  useEffect(() => () => clearTimeout(timer.current), []);

  const onChange = (value: string) => {
    setText(value);
    setSave('unsaved');
    clearTimeout(timer.current);
    timer.current = setTimeout(async () => {
      setSave('saving');
      const ack = await sendCommand('notes:update', { round: round.index, text: value });
      setSave((current) => (current === 'saving' ? (ack.ok ? 'saved' : 'error') : current));
    }, SAVE_AFTER_MS);
  };

  return (
    <section className="notes" aria-labelledby="notes-label">
      <div className="notes__header">
        <label id="notes-label" htmlFor="notes">
          Your notes
        </label>
        <span className="muted" aria-live="off" data-testid="save-state">
          {SAVE_LABEL[save]} · {text.length.toLocaleString()} / {NOTES_MAX_CHARS.toLocaleString()}
        </span>
      </div>
      <textarea
        id="notes"
        value={text}
        readOnly={!editable}
        maxLength={NOTES_MAX_CHARS}
        spellCheck
        placeholder="Clarifying questions, assumptions, your approach, trade-offs…"
        onChange={(e) => onChange(e.target.value)}
      />
    </section>
  );
}
