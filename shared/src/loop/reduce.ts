/** Applies one event to a loop's state. Pure; never throws on a valid log. */
import { assertNever } from '../assert';
import { DEFAULT_TARGET_LEVEL } from '../levels';
import { agreedAfter } from '../recording';
import type { LoopEvent } from './events';
import {
  lifecycleOf,
  type LoopRound,
  type LoopState,
  type LpQuestionState,
  type RoundLifecycle,
  type RoundRecord,
} from './state';

/** A change to a round: its record's fields, with its whole lifecycle or none of it. */
type RoundChange =
  | (Partial<RoundRecord> & { status?: never; clock?: never })
  | (Partial<RoundRecord> & RoundLifecycle);

function updateRound(
  state: LoopState,
  index: number,
  change: (round: LoopRound) => RoundChange,
): LoopRound[] {
  // A change sets status and clock together or leaves both, so they still agree.
  return state.rounds.map((round, i) =>
    i === index ? ({ ...round, ...change(round) } as LoopRound) : round,
  );
}

/** Applies a change to a round's Leadership Principle question, where it has one. */
function updateLp(
  state: LoopState,
  index: number,
  change: (lp: LpQuestionState) => Partial<LpQuestionState>,
): LoopRound[] {
  return updateRound(state, index, (round) => ({
    lp: round.lp ? { ...round.lp, ...change(round.lp) } : null,
  }));
}

/** A Leadership Principle question as drawn or chosen, before anything was asked. */
const freshLp = (roundId: string, questionId: string): LpQuestionState => ({
  roundId,
  questionId,
  hintsRevealed: [],
  followUpsPushed: [],
  signalsTicked: [],
});

/** Builds the initial state from a `loop.created` event. */
export function initialState(event: Extract<LoopEvent, { type: 'loop.created' }>): LoopState {
  return {
    id: event.id,
    mode: event.mode,
    templateId: event.templateId,
    targetLevel: event.targetLevel ?? DEFAULT_TARGET_LEVEL,
    createdAt: event.at,
    version: 1,
    status: 'in-progress',
    endedAt: null,
    current: 0,
    nextLoopId: null,
    recording: { agreed: [] },
    rounds: event.rounds.map(({ lpQuestion, ...plan }) => ({
      ...plan,
      phases: plan.phases.map((p) => ({ ...p })),
      status: 'pending',
      clock: { kind: 'not-started' },
      startedAt: null,
      endedAt: null,
      notes: '',
      code: null,
      lastRun: null,
      stars: {},
      signalsTicked: [],
      privateNotes: '',
      hintsRevealed: [],
      followUpsPushed: [],
      scores: {},
      // Loops created before technical rounds opened with a principle question have none.
      lp: lpQuestion ? freshLp(lpQuestion.roundId, lpQuestion.questionId) : null,
    })),
  };
}

function apply(state: LoopState, event: LoopEvent): LoopState {
  switch (event.type) {
    case 'loop.created':
      return initialState(event);
    case 'round.started':
      return {
        ...state,
        rounds: updateRound(state, event.round, () => ({
          ...lifecycleOf(event.clock),
          startedAt: event.at,
        })),
      };
    case 'clock.paused':
    case 'clock.resumed':
    case 'clock.extended':
    case 'phase.advanced':
      return {
        ...state,
        rounds: updateRound(state, event.round, () => lifecycleOf(event.clock)),
      };
    case 'round.ended':
      return {
        ...state,
        rounds: updateRound(state, event.round, () => ({
          status: 'scoring',
          clock: { kind: 'finished' },
          endedAt: event.at,
        })),
      };
    case 'notes.updated':
      return { ...state, rounds: updateRound(state, event.round, () => ({ notes: event.text })) };
    case 'code.updated':
      return {
        ...state,
        rounds: updateRound(state, event.round, () => ({
          code: { language: event.language, text: event.text },
        })),
      };
    case 'code.ran':
      return { ...state, rounds: updateRound(state, event.round, () => ({ lastRun: event.run })) };
    case 'star.updated':
      return {
        ...state,
        rounds: updateRound(state, event.round, (r) => ({
          stars: { ...r.stars, [event.questionId]: event.answer },
        })),
      };
    case 'signal.ticked':
      return {
        ...state,
        rounds: updateRound(state, event.round, (r) => {
          const others = r.signalsTicked.filter((i) => i !== event.index);
          const ticked = event.checked ? [...others, event.index] : others;
          return { signalsTicked: ticked.sort((a, b) => a - b) };
        }),
      };
    case 'private-notes.updated':
      return {
        ...state,
        rounds: updateRound(state, event.round, () => ({ privateNotes: event.text })),
      };
    case 'followup.pushed':
      return {
        ...state,
        rounds: updateRound(state, event.round, (r) => ({
          followUpsPushed: [...r.followUpsPushed, { index: event.index, at: event.at }],
        })),
      };
    case 'token.rotated':
      return state;
    case 'loop.swapped':
      return { ...state, nextLoopId: event.nextLoopId };
    case 'hint.revealed':
      return {
        ...state,
        rounds: updateRound(state, event.round, (r) => ({
          hintsRevealed: [...r.hintsRevealed, { index: event.index, at: event.at }],
        })),
      };
    case 'question.changed':
      return {
        ...state,
        rounds: updateRound(state, event.round, () => ({
          questionId: event.questionId,
          hintsRevealed: [],
          followUpsPushed: [],
          // Code, its test run and the ticked signals belong to the question they answered.
          code: null,
          lastRun: null,
          signalsTicked: [],
        })),
      };
    case 'lp-question.changed':
      return {
        ...state,
        rounds: updateRound(state, event.round, () => ({
          lp: freshLp(event.roundId, event.questionId),
        })),
      };
    case 'lp-followup.pushed':
      return {
        ...state,
        rounds: updateLp(state, event.round, (lp) => ({
          followUpsPushed: [...lp.followUpsPushed, { index: event.index, at: event.at }],
        })),
      };
    case 'lp-hint.revealed':
      return {
        ...state,
        rounds: updateLp(state, event.round, (lp) => ({
          hintsRevealed: [...lp.hintsRevealed, { index: event.index, at: event.at }],
        })),
      };
    case 'lp-signal.ticked':
      return {
        ...state,
        rounds: updateLp(state, event.round, (lp) => {
          const others = lp.signalsTicked.filter((i) => i !== event.index);
          const ticked = event.checked ? [...others, event.index] : others;
          return { signalsTicked: ticked.sort((a, b) => a - b) };
        }),
      };
    case 'score.submitted':
      return {
        ...state,
        rounds: updateRound(state, event.round, (r) => ({
          scores: { ...r.scores, [event.source]: event.card },
        })),
      };
    case 'round.closed':
      return {
        ...state,
        current: Math.min(event.round + 1, state.rounds.length - 1),
        rounds: updateRound(state, event.round, (r) => ({
          status: 'done',
          clock: { kind: 'finished' },
          endedAt: r.endedAt ?? event.at,
        })),
      };
    case 'loop.ended':
      return { ...state, status: 'ended', endedAt: event.at };
    case 'recording.agreed':
    case 'recording.withdrawn':
      return { ...state, recording: { agreed: agreedAfter(state.recording.agreed, event) } };
    default:
      return assertNever(event);
  }
}

/**
 * Fills fields added after a loop's snapshot was written, so loops stored by an earlier
 * version of the app load and keep working (a loop from before levels targets L5; one from
 * before recording has nobody's agreement to record).
 */
export function upgradeState(state: LoopState): LoopState {
  return {
    ...state,
    targetLevel: state.targetLevel ?? DEFAULT_TARGET_LEVEL,
    recording: state.recording ?? { agreed: [] },
    rounds: state.rounds.map((round) => ({
      ...round,
      lastRun: round.lastRun ?? null,
      stars: round.stars ?? {},
      signalsTicked: round.signalsTicked ?? [],
      lp: round.lp ?? null,
    })),
  };
}

/** Applies one event and counts it in the state's version. */
export function reduce(state: LoopState, event: LoopEvent): LoopState {
  const next = apply(state, event);
  return event.type === 'loop.created' ? next : { ...next, version: state.version + 1 };
}

/** Folds a whole event log (which starts with `loop.created`) into a state. */
export function replay(events: readonly LoopEvent[], from?: LoopState): LoopState {
  let state = from;
  for (const event of events) {
    if (!state) {
      if (event.type !== 'loop.created') throw new Error('event log must start with loop.created');
      state = initialState(event);
    } else state = reduce(state, event);
  }
  if (!state) throw new Error('empty event log');
  return state;
}

/**
 * A loop back from its store: the snapshot (as stored, JSON text, at `snapshotVersion`)
 * upgraded to today's shape, then every event after it replayed. `lastVersion` is the
 * version of the last stored event, when the store knows it; the replay must end there,
 * or an event is missing and the loop is not served. The one way both stores load a loop.
 */
export function restoreLoop(
  loopId: string,
  snapshot: { version: number; state: string },
  events: readonly LoopEvent[],
  lastVersion = snapshot.version + events.length,
): LoopState {
  const from = upgradeState(JSON.parse(snapshot.state) as LoopState);
  const state = events.length ? replay(events, from) : from;
  if (state.version !== lastVersion)
    throw new Error(`loop ${loopId}: log ends at ${lastVersion}, replayed to ${state.version}`);
  return state;
}
