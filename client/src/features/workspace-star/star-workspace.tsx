import { useEffect, useId, useState } from 'react';
import type { LeadershipPrinciple } from '@mockloop/shared/content';
import type { RoundView } from '@mockloop/shared/loop/project';
import {
  EMPTY_STAR_ANSWER,
  isStarAnswerEmpty,
  STAR_FIELD_MAX_CHARS,
  STAR_FIELD_NAMES,
  STAR_FIELDS,
  starCounts,
  type StarAnswer,
  type StarField,
  type StoryRef,
} from '@mockloop/shared/star';
import { DocTextarea } from '@/components/doc-textarea';
import { ErrorMessage } from '@/components/error-message';
import { useCommand } from '@/lib/use-command';
import { saveLabel, useSharedDoc } from '@/lib/use-shared-doc';
import { useLoopFacts, useLoopField } from '@/store/loop-selectors';
import { useStore } from '@/store/store';
import { PrinciplePicker } from './principle-picker';
import { StarReadOnly } from './star-read-only';
import { ReuseWarning, reusedIn, StarTotals } from './star-summary';
import { answerFromStory, recordUse, removeStory, saveStory, type Story } from './story-bank';
import { StoryReusePicker } from './story-reuse-picker';
import { StorySaveForm } from './story-save-form';
import { useStoryBank } from './use-story-bank';

const PLACEHOLDERS: Record<StarField, string> = {
  situation: 'Where and when: the team, the product, what was at stake. Two or three sentences.',
  task: 'What you were responsible for, and what made it hard.',
  action: 'What you did, step by step — “I”, not “we”. The longest part.',
  result: 'What changed, with numbers: metrics, time, money, customers.',
  learned: 'What you would do differently, and what you do now because of it.',
};

interface Props {
  round: RoundView;
  editable: boolean;
}

/**
 * The behavioral workspace: the candidate writes a STAR answer (a shared document, stored
 * as they type and watched live by the interviewer), tags it with Leadership Principles,
 * and keeps stories in a bank on this device to tell again in later loops. Read-only for
 * everyone else.
 */
export function StarWorkspace({ round, editable }: Props) {
  const principles = useStore((s) => s.content?.principles);
  if (!editable) return <StarReadOnly round={round} principles={principles} />;
  // A new round or question starts from its own answer, never from the last one's text.
  return (
    <StarEditor key={`${round.index}:${round.question.id}`} round={round} principles={principles} />
  );
}

const wordsLabel = (n: number) => `${n.toLocaleString()} ${n === 1 ? 'word' : 'words'}`;

/** The tags of an answer: its Leadership Principles and the story of the bank it tells. */
interface Tags {
  principles: string[];
  story: StoryRef | null;
}

function StarEditor({
  round,
  principles,
}: {
  round: RoundView;
  principles: LeadershipPrinciple[] | undefined;
}) {
  const id = useId();
  const loop = useLoopFacts();
  const rounds = useLoopField('rounds');
  const saved = round.star ?? EMPTY_STAR_ANSWER;
  const { shared, state, texts } = useSharedDoc({
    kind: 'star',
    round: round.index,
    questionId: round.question.id,
  });
  const loaded = shared !== null && state.status !== 'loading';
  const fields = (field: StarField) => (loaded ? (texts[field] ?? '') : saved[field]);
  // Tags are commands: shown at once, then as the server has them.
  const [tags, setTags] = useState<Tags>({ principles: saved.principles, story: saved.story });
  const tagging = useCommand();
  useEffect(() => {
    if (!tagging.busy) setTags({ principles: saved.principles, story: saved.story });
  }, [saved.principles, saved.story, tagging.busy]);
  const tag = (next: Tags) => {
    setTags(next);
    void tagging.run('star:tag', { round: round.index, questionId: round.question.id, ...next });
  };
  const answer: StarAnswer = {
    situation: fields('situation'),
    task: fields('task'),
    action: fields('action'),
    result: fields('result'),
    learned: fields('learned'),
    ...tags,
  };
  const { stories, update } = useStoryBank();

  // Clearing every field starts a new story: a stale bank link would warn of a reuse.
  const emptied = loaded && tags.story !== null && isStarAnswerEmpty(answer);
  useEffect(() => {
    if (emptied) tag({ ...tags, story: null });
    // Sent once, when the answer becomes empty.
  }, [emptied]);

  const thisUse = () => ({
    loopId: loop.id,
    round: round.index,
    questionId: round.question.id,
    at: Date.now(),
  });

  const tellStory = (story: Story) => {
    const told = answerFromStory(story, principles?.map((p) => p.id) ?? null);
    shared?.writeAll(Object.fromEntries(STAR_FIELDS.map((field) => [field, told[field]])));
    tag({ principles: told.principles, story: told.story });
    update((current) => recordUse(current, story.id, thisUse()));
  };
  const saveToBank = (title: string, updateId: string | null): boolean => {
    const out: { story?: Story } = {};
    const kept = update((current) => {
      const result = saveStory(current, { answer, title, id: updateId }, Date.now());
      out.story = result.story;
      return recordUse(result.stories, result.story.id, thisUse());
    });
    // The answer now tells the saved story, so a reuse in another round is recognised.
    if (kept && out.story) tag({ ...tags, story: { id: out.story.id, title: out.story.title } });
    return kept;
  };

  const counts = starCounts(answer);
  return (
    <section className="star-workspace" aria-labelledby={`${id}-title`}>
      <div className="notes__header">
        <h2 id={`${id}-title`}>Your STAR answer</h2>
        <span className="muted" data-testid="star-save-state">
          {tagging.busy ? 'Saving…' : saveLabel(state)}
        </span>
      </div>
      {state.status === 'error' && (
        <ErrorMessage message={`Not saved: ${state.error}. Reload the page to carry on.`} />
      )}
      <ErrorMessage message={tagging.error} />
      <p className="muted">
        {loop.mode === 'paired'
          ? 'Your interviewer sees your answer as you type.'
          : 'Answer out loud, then write down what you said.'}
      </p>
      <div className="star-bank">
        <StoryReusePicker
          id={`${id}-reuse`}
          stories={stories}
          hasText={!isStarAnswerEmpty(answer)}
          onUse={tellStory}
          onRemove={(story) => update((current) => removeStory(current, story.id))}
        />
        {answer.story && (
          <p className="muted star-linked">From your story bank: “{answer.story.title}”</p>
        )}
      </div>
      <ReuseWarning rounds={rounds} others={reusedIn(rounds, round, answer)} own />
      {STAR_FIELDS.map((field) => {
        const attributes = {
          id: `${id}-${field}`,
          maxLength: STAR_FIELD_MAX_CHARS,
          spellCheck: true,
          rows: field === 'action' ? 6 : 3,
          placeholder: PLACEHOLDERS[field],
          'aria-describedby': `${id}-${field}-count`,
        };
        return (
          <div key={field} className="star-field">
            <div className="star-field__header">
              <label htmlFor={`${id}-${field}`} className="star-field__name">
                {STAR_FIELD_NAMES[field]}
              </label>
              <span
                id={`${id}-${field}-count`}
                className="muted"
                data-testid={`star-${field}-count`}
              >
                {wordsLabel(counts.words[field])}
              </span>
            </div>
            {loaded ? (
              <DocTextarea
                {...attributes}
                shared={shared}
                name={field}
                value={answer[field]}
                readOnly={state.status === 'error'}
              />
            ) : (
              <textarea {...attributes} value={answer[field]} readOnly aria-busy />
            )}
          </div>
        );
      })}
      <StarTotals counts={counts} own />
      <PrinciplePicker
        id={`${id}-principles`}
        principles={principles}
        targeted={round.question.leadershipPrinciples}
        selected={tags.principles}
        onChange={(next) => tag({ ...tags, principles: next })}
      />
      <StorySaveForm
        id={`${id}-title-input`}
        answer={answer}
        stories={stories}
        onSave={saveToBank}
      />
    </section>
  );
}
