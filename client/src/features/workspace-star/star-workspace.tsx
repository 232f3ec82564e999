import { useEffect, useId, useState } from 'react';
import type { LeadershipPrinciple } from '@mockloop/shared/content';
import type { LoopView, RoundView } from '@mockloop/shared/loop/project';
import {
  EMPTY_STAR_ANSWER,
  isStarAnswerEmpty,
  STAR_FIELD_MAX_CHARS,
  STAR_FIELD_NAMES,
  STAR_FIELDS,
  starCounts,
  type StarAnswer,
  type StarField,
} from '@mockloop/shared/star';
import { sendCommand } from '@/lib/loop-connection';
import { ErrorMessage } from '@/components/error-message';
import { SAVE_LABEL, useThrottledSave } from '@/lib/use-throttled-save';
import { useStore } from '@/store/store';
import { PrinciplePicker } from './principle-picker';
import { StarReadOnly } from './star-read-only';
import { ReuseWarning, reusedIn, StarTotals } from './star-summary';
import { answerFromStory, recordUse, removeStory, saveStory, type Story } from './story-bank';
import { StoryReusePicker } from './story-reuse-picker';
import { StorySaveForm } from './story-save-form';
import { useStoryBank } from './use-story-bank';

/** While typing, the answer goes out at most this often, so the interviewer watches it grow. */
const SEND_EVERY_MS = 300;

const PLACEHOLDERS: Record<StarField, string> = {
  situation: 'Where and when: the team, the product, what was at stake. Two or three sentences.',
  task: 'What you were responsible for, and what made it hard.',
  action: 'What you did, step by step — “I”, not “we”. The longest part.',
  result: 'What changed, with numbers: metrics, time, money, customers.',
  learned: 'What you would do differently, and what you do now because of it.',
};

interface Props {
  view: LoopView;
  round: RoundView;
  editable: boolean;
}

/**
 * The behavioral workspace: the candidate writes a STAR answer (saved as they type and
 * watched live by the interviewer), tags it with Leadership Principles, and keeps stories
 * in a bank on this device to tell again in later loops. Read-only for everyone else.
 */
export function StarWorkspace({ view, round, editable }: Props) {
  const principles = useStore((s) => s.content?.principles);
  if (!editable) return <StarReadOnly view={view} round={round} principles={principles} />;
  // A new round starts from its own answer, never from the last round's local text.
  return <StarEditor key={round.index} view={view} round={round} principles={principles} />;
}

const wordsLabel = (n: number) => `${n.toLocaleString()} ${n === 1 ? 'word' : 'words'}`;

function StarEditor({
  view,
  round,
  principles,
}: {
  view: LoopView;
  round: RoundView;
  principles: LeadershipPrinciple[] | undefined;
}) {
  const id = useId();
  const [answer, setAnswer] = useState<StarAnswer>(round.star ?? EMPTY_STAR_ANSWER);
  const { stories, update } = useStoryBank();
  // The question is part of what is saved: a pending edit stays with the question it answers.
  const { save, state, problem, dirty, isEcho } = useThrottledSave(
    (value: { questionId: string; answer: StarAnswer }) =>
      sendCommand('star:update', { round: round.index, ...value }),
    SEND_EVERY_MS,
  );

  // Take the server's answer (a refresh, a changed question) when nothing local is unsaved.
  useEffect(() => {
    const server = round.star ?? EMPTY_STAR_ANSWER;
    // An echo of an earlier save of this editor would drop what was typed since.
    if (!dirty && !isEcho({ questionId: round.question.id, answer: server })) setAnswer(server);
    // isEcho reads a ref: it need not re-run the effect.
  }, [round.star, dirty]);

  const change = (edited: StarAnswer) => {
    // Clearing every field starts a new story: a stale bank link would warn of a reuse.
    const next = edited.story && isStarAnswerEmpty(edited) ? { ...edited, story: null } : edited;
    setAnswer(next);
    save({ questionId: round.question.id, answer: next });
  };
  const thisUse = () => ({
    loopId: view.id,
    round: round.index,
    questionId: round.question.id,
    at: Date.now(),
  });

  const tellStory = (story: Story) => {
    change(answerFromStory(story, principles?.map((p) => p.id) ?? null));
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
    if (kept && out.story)
      change({ ...answer, story: { id: out.story.id, title: out.story.title } });
    return kept;
  };

  const counts = starCounts(answer);
  return (
    <section className="star-workspace" aria-labelledby={`${id}-title`}>
      <div className="notes__header">
        <h2 id={`${id}-title`}>Your STAR answer</h2>
        <span className="muted" data-testid="star-save-state">
          {SAVE_LABEL[state]}
        </span>
      </div>
      <ErrorMessage message={problem} />
      <p className="muted">
        {view.mode === 'paired'
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
      <ReuseWarning view={view} others={reusedIn(view, round, answer)} own />
      {STAR_FIELDS.map((field) => (
        <div key={field} className="star-field">
          <div className="star-field__header">
            <label htmlFor={`${id}-${field}`} className="star-field__name">
              {STAR_FIELD_NAMES[field]}
            </label>
            <span id={`${id}-${field}-count`} className="muted" data-testid={`star-${field}-count`}>
              {wordsLabel(counts.words[field])}
            </span>
          </div>
          <textarea
            id={`${id}-${field}`}
            value={answer[field]}
            maxLength={STAR_FIELD_MAX_CHARS}
            spellCheck
            rows={field === 'action' ? 6 : 3}
            placeholder={PLACEHOLDERS[field]}
            aria-describedby={`${id}-${field}-count`}
            onChange={(e) => change({ ...answer, [field]: e.target.value })}
          />
        </div>
      ))}
      <StarTotals counts={counts} own />
      <PrinciplePicker
        id={`${id}-principles`}
        principles={principles}
        targeted={round.question.leadershipPrinciples}
        selected={answer.principles}
        onChange={(next) => change({ ...answer, principles: next })}
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
