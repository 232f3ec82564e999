/**
 * The state of one loop. It is never edited directly: it is the fold of the loop's
 * events through `reduce`.
 */
import type { CodeLanguage } from '../code';
import type { CodeRun } from '../code-run';
import type { StarAnswer } from '../star';
import type { Level, QuestionFamily, TargetLevel } from '../levels';
import type { Clock, PlannedPhase } from '../timer';

export const ROLES = ['candidate', 'interviewer', 'observer'] as const;
/** Who is looking: the person interviewed, the interviewer, or a read-only observer. */
export type Role = (typeof ROLES)[number];

export const MODES = ['solo', 'paired'] as const;
export type Mode = (typeof MODES)[number];

/** A rubric rating: a level, or "no signal" when the round gave no evidence. */
export type Rating = Level | 'no-signal';

/** Who gave a score: the candidate about themself, or the interviewer (partner). */
export type ScoreSource = 'self' | 'partner';

/** One scorer's assessment of one round. */
export interface ScoreCard {
  /** Rubric dimension id → rating. Every dimension of the round is present. */
  ratings: Record<string, Rating>;
  vote: Level;
  justification: string;
  submittedAt: number;
}

/**
 * Where a round is: waiting to start, running (clock may be paused), being scored
 * after time is up or the round was ended, or closed.
 */
export type RoundStatus = 'pending' | 'in-progress' | 'scoring' | 'done';

/**
 * The Leadership Principle question that opens a technical round, and how it went: the
 * same ladder of hints, pushed follow-ups and ticked signals as the round's own question.
 */
export interface LpQuestionState {
  /** The round whose bank holds the question (behavioral or bar-raiser). */
  roundId: string;
  questionId: string;
  hintsRevealed: { index: number; at: number }[];
  followUpsPushed: { index: number; at: number }[];
  signalsTicked: number[];
}

/**
 * Where a round is and its clock, as one value: a round waiting to start has a clock not
 * started, a running one a clock running or paused, one being scored or closed a finished
 * clock. Status and clock cannot disagree.
 */
export type RoundLifecycle =
  | { status: 'pending'; clock: Extract<Clock, { kind: 'not-started' }> }
  | { status: 'in-progress'; clock: Extract<Clock, { kind: 'running' | 'paused' }> }
  | { status: 'scoring' | 'done'; clock: Extract<Clock, { kind: 'finished' }> };

/**
 * The lifecycle a round's clock gives it while it runs: a clock not started is a pending
 * round, one running or paused a round in progress, one finished a round being scored.
 */
export function lifecycleOf(clock: Clock): RoundLifecycle {
  switch (clock.kind) {
    case 'not-started':
      return { status: 'pending', clock };
    case 'running':
    case 'paused':
      return { status: 'in-progress', clock };
    case 'finished':
      return { status: 'scoring', clock };
  }
}

/** One round of a loop as planned and as it went. */
export type LoopRound = RoundLifecycle & RoundRecord;

/** What a round holds besides its lifecycle. */
export interface RoundRecord {
  roundId: string;
  questionId: string;
  minutes: number;
  phases: PlannedPhase[];
  /** The family of the round's bank the loop asked for, if any (see `RoundPlan`). */
  family?: QuestionFamily;
  startedAt: number | null;
  endedAt: number | null;
  /** The candidate's workspace notes, shared live with the interviewer. */
  notes: string;
  /**
   * The code of a coding round: the language, and the text as last saved from the
   * shared editor (the live text is a Yjs document kept beside the event log).
   */
  code: { language: CodeLanguage; text: string } | null;
  /** The last test run of the round's code, as the runner in the browser reported it. */
  lastRun: CodeRun | null;
  /** STAR answers of a behavioral round, by question id. */
  stars: Record<string, StarAnswer>;
  /** Indexes of the question's signals the interviewer ticked as heard. */
  signalsTicked: number[];
  /** The interviewer's own notes; never shown to the candidate. */
  privateNotes: string;
  hintsRevealed: { index: number; at: number }[];
  /** Follow-ups the interviewer pushed to the candidate, in order. */
  followUpsPushed: { index: number; at: number }[];
  scores: Partial<Record<ScoreSource, ScoreCard>>;
  /** The question of the round's Leadership Principle phase; null where it has none. */
  lp: LpQuestionState | null;
}

export interface LoopState {
  id: string;
  mode: Mode;
  templateId: string | null;
  /** The job level the loop targets: questions are drawn to suit it, rubrics say its bar. */
  targetLevel: TargetLevel;
  createdAt: number;
  /** Number of events applied. */
  version: number;
  status: 'in-progress' | 'ended';
  endedAt: number | null;
  /** Index of the round in focus. */
  current: number;
  rounds: LoopRound[];
  /** The loop that followed this one with roles swapped, if any. */
  nextLoopId: string | null;
  /** Who has agreed to record the loop's answers (`shared/src/recording.ts`). */
  recording: { agreed: Role[] };
}

/** Maximum length of a round's notes, in characters. */
export const NOTES_MAX_CHARS = 20_000;
/** Maximum length of a score's written justification. */
export const JUSTIFICATION_MAX_CHARS = 4_000;
