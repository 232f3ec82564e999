import { useEffect, useRef, useState } from 'react';
import { isStarAnswerEmpty, type StarAnswer } from '@mockloop/shared/star';
import { defaultTitle, STORY_TITLE_MAX_CHARS, type Story } from './story-bank';

interface Props {
  id: string;
  answer: StarAnswer;
  stories: Story[];
  /**
   * Saves the answer under `title`, updating story `updateId` or adding a new one when it
   * is null; false when the browser did not keep it.
   */
  onSave(title: string, updateId: string | null): boolean;
}

/** "Save to story bank": asks for a title, then adds the answer or updates its story. */
export function StorySaveForm({ id, answer, stories, onSave }: Props) {
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState('');
  const [message, setMessage] = useState<{ text: string; ok: boolean } | null>(null);
  const openButton = useRef<HTMLButtonElement>(null);
  const refocus = useRef(false);
  const empty = isStarAnswerEmpty(answer);
  // The story this answer came from, when this device still holds it.
  const linked = answer.story ? (stories.find((s) => s.id === answer.story?.id) ?? null) : null;

  const start = () => {
    setTitle(linked?.title ?? defaultTitle(answer.situation));
    setMessage(null);
    setOpen(true);
  };
  const close = () => {
    refocus.current = true;
    setOpen(false);
  };
  // The button comes back only once the form is gone; focus returns to it then.
  useEffect(() => {
    if (open || !refocus.current) return;
    refocus.current = false;
    openButton.current?.focus();
  }, [open]);
  const save = (updateId: string | null) => {
    const name = title.trim() || defaultTitle(answer.situation);
    const kept = onSave(name, updateId);
    setMessage(
      kept
        ? {
            ok: true,
            text: `${updateId ? 'Updated' : 'Saved'} “${name}” in the story bank on this device.`,
          }
        : { ok: false, text: 'This browser did not keep the story: its storage is full or off.' },
    );
    close();
  };

  return (
    <div className="star-bank__save">
      {!open && (
        <button
          ref={openButton}
          type="button"
          className="button"
          disabled={empty}
          aria-describedby={empty ? `${id}-empty` : undefined}
          onClick={start}
        >
          Save to story bank
        </button>
      )}
      {empty && !open && (
        <span id={`${id}-empty`} className="muted">
          Write the answer first.
        </span>
      )}
      {open && (
        <form
          className="star-bank__form"
          aria-label="Save to story bank"
          onSubmit={(e) => {
            e.preventDefault();
            save(linked?.id ?? answer.story?.id ?? null);
          }}
        >
          <label htmlFor={id}>Story title</label>
          <input
            id={id}
            type="text"
            value={title}
            maxLength={STORY_TITLE_MAX_CHARS}
            autoFocus
            onChange={(e) => setTitle(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape') close();
            }}
          />
          <div className="star-bank__row">
            <button type="submit" className="button button--primary">
              {linked ? 'Update the saved story' : 'Save story'}
            </button>
            {linked && (
              <button type="button" className="button" onClick={() => save(null)}>
                Save as a new story
              </button>
            )}
            <button type="button" className="button" onClick={close}>
              Cancel
            </button>
          </div>
        </form>
      )}
      <p role="status" className={message && !message.ok ? 'error' : 'muted'}>
        {message?.text}
      </p>
    </div>
  );
}
