/**
 * Events: what happened to a loop, in the past tense. The event log is the loop's
 * source of truth; every event carries the instant it happened (`at`, epoch ms).
 */
import type { CodeLanguage } from '../code';
import type { CodeRun } from '../code-run';
import type { LpQuestionRef } from '../leadership';
import type { QuestionFamily, TargetLevel } from '../levels';
import type { StarAnswer } from '../star';
import type { Clock, PlannedPhase } from '../timer';
import type { Mode, Role, ScoreCard, ScoreSource } from './state';

/** The plan of a round fixed when the loop is created. */
export interface RoundPlan {
  roundId: string;
  questionId: string;
  minutes: number;
  phases: PlannedPhase[];
  /**
   * The question of the round's Leadership Principle phase, drawn from the behavioral and
   * bar-raiser banks; absent for a round without that phase, and in loops created before
   * technical rounds had one.
   */
  lpQuestion?: LpQuestionRef;
  /** The family of the round's bank the loop asked for; another draw keeps to it. */
  family?: QuestionFamily;
}

export type LoopEvent =
  | {
      type: 'loop.created';
      at: number;
      id: string;
      mode: Mode;
      templateId: string | null;
      /** The level the loop targets; absent in loops created before levels (they are L5). */
      targetLevel?: TargetLevel;
      rounds: RoundPlan[];
    }
  | { type: 'round.started'; at: number; round: number; clock: Clock }
  | { type: 'clock.paused'; at: number; round: number; clock: Clock }
  | { type: 'clock.resumed'; at: number; round: number; clock: Clock }
  | { type: 'clock.extended'; at: number; round: number; minutes: number; clock: Clock }
  | {
      type: 'phase.advanced';
      at: number;
      round: number;
      reason: 'skipped' | 'expired';
      clock: Clock;
    }
  | { type: 'round.ended'; at: number; round: number; reason: 'time-up' | 'ended-early' }
  | { type: 'notes.updated'; at: number; round: number; text: string }
  | { type: 'code.updated'; at: number; round: number; language: CodeLanguage; text: string }
  | { type: 'code.ran'; at: number; round: number; run: CodeRun }
  | { type: 'star.updated'; at: number; round: number; questionId: string; answer: StarAnswer }
  | { type: 'signal.ticked'; at: number; round: number; index: number; checked: boolean }
  | { type: 'private-notes.updated'; at: number; round: number; text: string }
  | { type: 'followup.pushed'; at: number; round: number; index: number }
  | { type: 'token.rotated'; at: number; role: Role }
  | { type: 'loop.swapped'; at: number; nextLoopId: string }
  | { type: 'hint.revealed'; at: number; round: number; index: number }
  | { type: 'question.changed'; at: number; round: number; questionId: string }
  /** The Leadership Principle question of a round was replaced; its ladder starts over. */
  | {
      type: 'lp-question.changed';
      at: number;
      round: number;
      roundId: string;
      questionId: string;
    }
  | { type: 'lp-followup.pushed'; at: number; round: number; index: number }
  | { type: 'lp-hint.revealed'; at: number; round: number; index: number }
  | { type: 'lp-signal.ticked'; at: number; round: number; index: number; checked: boolean }
  | { type: 'score.submitted'; at: number; round: number; source: ScoreSource; card: ScoreCard }
  | { type: 'round.closed'; at: number; round: number }
  /** A role agreed to have the loop's answers recorded (`shared/src/recording.ts`). */
  | { type: 'recording.agreed'; at: number; role: Role }
  /** A role took its agreement back: recording stops until it agrees again. */
  | { type: 'recording.withdrawn'; at: number; role: Role }
  | { type: 'loop.ended'; at: number };

export type LoopEventType = LoopEvent['type'];

/**
 * Events that record what someone typed, or a test run they made, rather than move the
 * loop on: what a loop's storage quota stops first (`server/src/quotas.ts`).
 */
export const TYPING_EVENTS: readonly LoopEventType[] = [
  'notes.updated',
  'private-notes.updated',
  'star.updated',
  'code.ran',
];
