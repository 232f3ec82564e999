import { useRef, useState } from 'react';
import type { Story } from './story-bank';

interface Props {
  id: string;
  stories: Story[];
  /** True when the answer has text that using a story would replace. */
  hasText: boolean;
  onUse(story: Story): void;
  onRemove(story: Story): void;
}

type Pending = { kind: 'replace' | 'remove'; story: Story } | null;

const usesLabel = (story: Story) =>
  story.uses.length === 0
    ? 'not told yet'
    : `told ${story.uses.length} ${story.uses.length === 1 ? 'time' : 'times'}`;

/** Picks a story of this device's bank to fill the answer with, or to delete. */
export function StoryReusePicker({ id, stories, hasText, onUse, onRemove }: Props) {
  const [chosenId, setChosenId] = useState('');
  const [pending, setPending] = useState<Pending>(null);
  const selectRef = useRef<HTMLSelectElement>(null);
  const chosen = stories.find((s) => s.id === chosenId) ?? null;

  if (stories.length === 0) {
    return (
      <p className="muted star-bank__empty">
        Your story bank on this device is empty. Save an answer to it to reuse the story in a later
        loop.
      </p>
    );
  }

  const reuse = (story: Story) => {
    setPending(null);
    onUse(story);
  };
  // The confirmation disappears on either answer; focus goes back to the story list.
  const settle = () => {
    setPending(null);
    selectRef.current?.focus();
  };
  const confirm = () => {
    if (!pending) return;
    if (pending.kind === 'replace') reuse(pending.story);
    else {
      onRemove(pending.story);
      setChosenId('');
    }
    settle();
  };

  return (
    <div className="star-bank__reuse">
      <label htmlFor={id}>Reuse a story from your bank</label>
      <div className="star-bank__row">
        <select
          ref={selectRef}
          id={id}
          value={chosenId}
          onChange={(e) => {
            setChosenId(e.target.value);
            setPending(null);
          }}
        >
          <option value="">Choose a story…</option>
          {stories.map((story) => (
            <option key={story.id} value={story.id}>
              {story.title} · {usesLabel(story)}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="button"
          disabled={!chosen}
          onClick={() =>
            chosen && (hasText ? setPending({ kind: 'replace', story: chosen }) : reuse(chosen))
          }
        >
          Use this story
        </button>
        <button
          type="button"
          className="button button--quiet button--danger"
          disabled={!chosen}
          onClick={() => chosen && setPending({ kind: 'remove', story: chosen })}
        >
          Delete from bank
        </button>
      </div>
      <div aria-live="polite">
        {pending && (
          <div className="banner banner--warn star-bank__confirm">
            <p>
              {pending.kind === 'replace'
                ? `“${pending.story.title}” will replace what you have written for this question.`
                : `Delete “${pending.story.title}” from the story bank on this device? Answers already given keep their text.`}
            </p>
            <div className="star-bank__row">
              <button type="button" className="button button--primary" autoFocus onClick={confirm}>
                {pending.kind === 'replace' ? 'Replace my answer' : 'Delete the story'}
              </button>
              <button type="button" className="button" onClick={settle}>
                {pending.kind === 'replace' ? 'Keep my answer' : 'Keep the story'}
              </button>
            </div>
          </div>
        )}
      </div>
    </div>
  );
}
