import { useState, type ReactNode } from 'react';
import type { RubricDimension } from '@mockloop/shared/content';
import type { RoundView } from '@mockloop/shared/loop/project';
import { CandidateWorkLive, InterviewerAssessment } from '@/app/interviewer-panel';
import { ClockShortcuts } from '@/features/loop/clock-shortcuts';
import { inLpPhase, LpQuestionPanel } from '@/features/loop/lp-question-panel';
import { PhaseGuide } from '@/features/loop/phase-guide';
import { QuestionCard } from '@/features/loop/question-card';
import { RoundControls } from '@/features/loop/round-controls';
import { Countdown } from '@/features/timer/countdown';
import { PhaseAnnouncer } from '@/features/timer/phase-announcer';
import { hiddenPanes, rememberHiddenPanes } from '@/lib/device';
import { useLoopFacts, useRoundCount } from '@/store/loop-selectors';
import { RoundOver } from '@/app/round-over';

const PANES = [
  { id: 'question', title: 'Question' },
  { id: 'work', title: "Candidate's work" },
  { id: 'assess', title: 'Signals, notes and score' },
] as const;
type PaneId = (typeof PANES)[number]['id'];

/** Which panes are hidden, remembered on this device; one always stays shown. */
function usePanes(): [Set<PaneId>, (pane: PaneId) => void] {
  const [hidden, setHidden] = useState(
    () => new Set(hiddenPanes().filter((p) => PANES.some(({ id }) => id === p)) as PaneId[]),
  );
  const toggle = (pane: PaneId) => {
    const next = new Set(hidden);
    if (!next.delete(pane)) next.add(pane);
    if (next.size === PANES.length) return;
    rememberHiddenPanes([...next]);
    setHidden(next);
  };
  return [hidden, toggle];
}

function Pane({
  id,
  label,
  hidden,
  children,
}: {
  id: PaneId;
  label: string;
  hidden: boolean;
  children: ReactNode;
}) {
  return (
    // Each pane scrolls on its own, so it takes focus for the keyboard to scroll it.
    <section
      id={`pane-${id}`}
      className={`console__pane console__pane--${id}`}
      aria-label={label}
      hidden={hidden}
      tabIndex={0}
    >
      {children}
    </section>
  );
}

/**
 * The interviewer's (and observer's) round page: at desktop widths three panes side by
 * side that fill one screen and scroll on their own — the question with its follow-ups
 * and hints, the candidate's live work, and the signals, private notes and score form —
 * under a bar with the clock and its controls. Any two panes can be hidden. Narrower, the
 * panes stack as one page, the clock still above them.
 */
export function InterviewerConsole({
  round,
  rubric,
}: {
  round: RoundView;
  rubric: RubricDimension[] | undefined;
}) {
  const { permissions } = useLoopFacts();
  const roundCount = useRoundCount();
  const [hidden, toggle] = usePanes();
  return (
    <div className={`console console--${round.workspace}`} data-testid="console">
      <PhaseAnnouncer round={round} />
      <header className="console__header">
        <div className="console__title">
          <p className="eyebrow">
            Round {round.index + 1} of {roundCount}
          </p>
          <h1 id="round-title">{round.title}</h1>
        </div>
        <div className="console__clock">
          <Countdown roundIndex={round.index} clock={round.clock} phases={round.phases} />
          {round.status === 'in-progress' && permissions.control && <RoundControls round={round} />}
        </div>
        <div className="console__toggles" role="group" aria-label="Panes shown">
          {PANES.map((pane) => (
            <button
              key={pane.id}
              type="button"
              className="button button--quiet console__toggle"
              aria-pressed={!hidden.has(pane.id)}
              aria-controls={`pane-${pane.id}`}
              onClick={() => toggle(pane.id)}
            >
              {pane.title}
            </button>
          ))}
        </div>
      </header>
      <div className="console__panes">
        <Pane id="question" label="The question" hidden={hidden.has('question')}>
          <LpQuestionPanel round={round} folded={!inLpPhase(round)} />
          <QuestionCard round={round} />
        </Pane>
        <Pane id="work" label="The candidate's work" hidden={hidden.has('work')}>
          <CandidateWorkLive round={round} />
        </Pane>
        <Pane id="assess" label="Signals, notes and score" hidden={hidden.has('assess')}>
          <RoundOver round={round} />
          <ClockShortcuts round={round} />
          <PhaseGuide round={round} />
          <InterviewerAssessment round={round} rubric={rubric} />
        </Pane>
      </div>
    </div>
  );
}
