import type { LeadershipPrinciple } from '@mockloop/shared/content';
import type { RoundView } from '@mockloop/shared/loop/project';
import {
  EMPTY_STAR_ANSWER,
  STAR_FIELD_NAMES,
  STAR_FIELDS,
  starCounts,
} from '@mockloop/shared/star';
import { useSharedDoc } from '@/lib/use-shared-doc';
import { useLoopFacts, useLoopField } from '@/store/loop-selectors';
import { ReuseWarning, reusedIn, StarTotals } from './star-summary';

const wordsLabel = (n: number) => `${n.toLocaleString()} ${n === 1 ? 'word' : 'words'}`;

interface Props {
  round: RoundView;
  principles: LeadershipPrinciple[] | undefined;
}

/**
 * The STAR answer as text, with its counts: for the interviewer or an observer, live from
 * its document while the loop runs, and as saved in the loop after.
 */
export function StarReadOnly({ round, principles }: Props) {
  const { status, role } = useLoopFacts();
  const rounds = useLoopField('rounds');
  const saved = round.star ?? EMPTY_STAR_ANSWER;
  const live = useSharedDoc(
    status === 'ended' ? null : { kind: 'star', round: round.index, questionId: round.question.id },
  );
  const loaded = live.state.status !== 'loading' && live.shared !== null;
  const answer = loaded
    ? {
        ...saved,
        ...Object.fromEntries(STAR_FIELDS.map((field) => [field, live.texts[field] ?? ''])),
      }
    : saved;
  const own = role === 'candidate';
  const counts = starCounts(answer);
  const targeted = round.question.leadershipPrinciples;
  const nameOf = (id: string) => principles?.find((p) => p.id === id)?.name ?? id;
  return (
    <section className="star-workspace star-workspace--read" aria-labelledby="star-title">
      <div className="notes__header">
        <h2 id="star-title">{own ? 'Your STAR answer' : 'The candidate’s STAR answer (live)'}</h2>
      </div>
      {answer.story && (
        <p className="muted star-linked">
          Told from {own ? 'your' : 'their'} story bank: “{answer.story.title}”
        </p>
      )}
      <ReuseWarning rounds={rounds} others={reusedIn(rounds, round, answer)} own={own} />
      <dl className="star-read">
        {STAR_FIELDS.map((field) => (
          <div key={field} className="star-read__field">
            <dt>
              <span className="star-field__name">{STAR_FIELD_NAMES[field]}</span>{' '}
              <span className="muted">{wordsLabel(counts.words[field])}</span>
            </dt>
            <dd className={answer[field].trim() ? 'star-read__text' : 'star-read__text muted'}>
              {answer[field].trim() ? answer[field] : 'Nothing written yet.'}
            </dd>
          </div>
        ))}
      </dl>
      <StarTotals counts={counts} own={own} />
      <h3>Leadership Principles</h3>
      {answer.principles.length > 0 ? (
        <ul className="star-tags" aria-label="Tagged Leadership Principles">
          {answer.principles.map((id) => (
            <li key={id} className="tag">
              {nameOf(id)}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">None tagged yet.</p>
      )}
      {targeted.length > 0 && (
        <p className="muted">This question targets: {targeted.map(nameOf).join(' · ')}</p>
      )}
    </section>
  );
}
